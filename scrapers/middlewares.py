"""HTTP-cache policy and middleware tuned for change monitoring.

Scrapy's RFC 2616 policy serves a cached page while it is "fresh" and falls
back to the cached copy when the site answers 5xx or the connection fails.
A monitor must never do either: it would hide a broken source behind an old
copy. So every page is revalidated, and only a real 304 reuses the cache.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares.httpcache import HttpCacheMiddleware
from scrapy.extensions.httpcache import RFC2616Policy

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.http import Response


class RevalidateEveryTimePolicy(RFC2616Policy):
    """Always send the cached validators; trust the cache only on 304."""

    def is_cached_response_fresh(self, cachedresponse: Response, request: Request) -> bool:
        self._set_conditional_validators(request, cachedresponse)
        return False

    def is_cached_response_valid(self, cachedresponse: Response, response: Response, request: Request) -> bool:
        return response.status == 304


class HonestHttpCacheMiddleware(HttpCacheMiddleware):
    """Never answer a failed download from the cache."""

    def process_exception(self, request: Request, exception: Exception, spider=None):  # noqa: ANN001
        request.meta.pop("cached_response", None)
        return None
