"""HTTP-cache policy and middleware tuned for change monitoring.

Scrapy's RFC 2616 policy serves a cached page while it is "fresh" and falls
back to the cached copy when the site answers 5xx or the connection fails.
A monitor must never do either: it would hide a broken source behind an old
copy. So every page is revalidated, and only a real 304 reuses the cache.

Scrapy's filesystem cache writes an entry as several files, one after the
other; a crawl killed half-way (SIGKILL, power loss) could leave the new
validators next to the old or a half-written body, and the next 304 would
then hand back the wrong page. `AtomicFilesystemCacheStorage` makes each
entry appear whole or not at all.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares.httpcache import HttpCacheMiddleware
from scrapy.extensions.httpcache import FilesystemCacheStorage, RFC2616Policy

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.http import Response


class RevalidateEveryTimePolicy(RFC2616Policy):
    """Always send the cached validators; trust the cache only on 304."""

    def is_cached_response_fresh(self, cachedresponse: Response, request: Request) -> bool:
        self._set_conditional_validators(request, cachedresponse)
        return False

    def is_cached_response_valid(self, cachedresponse: Response, response: Response, request: Request) -> bool:
        return response.status == 304


class HonestHttpCacheMiddleware(HttpCacheMiddleware):
    """Never answer a failed download from the cache; never rewrite the cache for a 304.

    Scrapy (2.19) stores the cached response again after every 304, to
    freshen its headers: six file writes per unchanged page. This policy
    revalidates every time and never reads freshness from the cache, so a
    304 only confirms the stored copy, and an unchanged page costs no write.
    """

    def process_response(self, request: Request, response: Response, spider=None):
        cached = request.meta.get("cached_response")
        if (
            cached is not None
            and response.status == 304
            and "cached" not in response.flags
            and not request.meta.get("dont_cache", False)
        ):
            request.meta.pop("cached_response", None)
            self.stats.inc_value("httpcache/revalidate")
            return cached
        return super().process_response(request, response)

    def process_exception(self, request: Request, exception: Exception, spider=None):
        request.meta.pop("cached_response", None)
        return None


class AtomicFilesystemCacheStorage(FilesystemCacheStorage):
    """Scrapy's filesystem cache, but an entry is written into a scratch directory and then swapped in.

    A reader (the next crawl) finds the complete old entry, the complete new
    one, or none (a cache miss: the page is simply fetched in full), never a
    mix of the two. Leftover scratch directories of a killed crawl are removed
    the next time the same entry is stored.
    """

    def store_response(self, spider: Spider, request: Request, response: Response) -> None:
        final = Path(self._get_request_path(spider, request))
        final.parent.mkdir(parents=True, exist_ok=True)
        for stale in final.parent.glob(f"{final.name}.tmp-*"):
            shutil.rmtree(stale, ignore_errors=True)
        for stale in final.parent.glob(f"{final.name}.old-*"):
            shutil.rmtree(stale, ignore_errors=True)
        scratch = final.with_name(f"{final.name}.tmp-{os.getpid()}")
        self._get_request_path = lambda spider, request: str(scratch)  # type: ignore[method-assign]
        try:
            super().store_response(spider, request, response)
        finally:
            del self._get_request_path
        old = final.with_name(f"{final.name}.old-{os.getpid()}")
        if final.exists():
            os.replace(final, old)  # between this and the next line a reader sees no entry: a cache miss
        os.replace(scratch, final)
        shutil.rmtree(old, ignore_errors=True)
