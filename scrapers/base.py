"""StateSpider: the one base every jurisdiction's spider stands on.

A state's spider is a subclass that only names the jurisdiction (one is
built for every declared jurisdiction in `scrapers/spiders/__init__.py`); the
base reads everything else (sources, allowed domains, links to follow) from
the jurisdiction's declaration in `tracker/jurisdictions/<usps>.py`. The
base turns each source into a request, follows matching links within the
allowed domains only, and yields one page item per fetch attempt, success or
failure, so storage can tell a changed page from a broken source.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from tracker import registry
from tracker.registry import Jurisdiction, Source

REDIRECT_STATUSES = [301, 302, 303, 307, 308]
ERROR_STATUSES = list(range(400, 600))
MAX_REDIRECTS = 5


class StateSpider(scrapy.Spider):
    """Fetch one jurisdiction's sources; subclasses set only `name` (the USPS code, lowercase)."""

    jurisdiction: Jurisdiction
    allowed_domains: list[str]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        name = getattr(cls, "name", None)
        if not name or not re.fullmatch(r"[a-z]{2}", name):
            raise TypeError(f"{cls.__name__}: set name to the jurisdiction's lowercase USPS code.")
        cls.jurisdiction = registry.get(name)
        cls.allowed_domains = list(cls.jurisdiction.allowed_domains)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for source in self.jurisdiction.sources:
            yield self._request(source.url, source, source)

    def _request(self, url: str, source: Source, declared: Source) -> scrapy.Request:
        # Redirects are followed here, not by RedirectMiddleware, so that a redirect
        # off the declared domains is recorded as a source problem instead of vanishing.
        return scrapy.Request(
            url,
            callback=self.parse_page,
            errback=self.on_error,
            meta={
                "source_id": source.source_id,
                "declared_source_id": declared.source_id,
                "kind": source.kind,
                "declared_url": url,
                "dont_redirect": True,
                "handle_httpstatus_list": REDIRECT_STATUSES + ERROR_STATUSES,
            },
        )

    def _follow_redirect(self, response: Response) -> Iterator[Any]:
        meta = response.meta
        hops = [*meta.get("redirect_urls", []), response.url]
        location = (response.headers.get(b"Location") or b"").decode("latin-1").strip()
        target = response.urljoin(location) if location else ""
        if not target:
            yield self._item(
                meta, http_status=response.status, error=f"the site answered HTTP {response.status} without a Location"
            )
        elif not self.jurisdiction.is_allowed(target):
            yield self._item(
                meta,
                final_url=target,
                http_status=response.status,
                error=f"redirected off the state's declared domains to {target}; not followed",
            )
        elif target in hops or len(hops) > MAX_REDIRECTS:
            yield self._item(
                meta,
                final_url=target,
                http_status=response.status,
                error=f"redirect loop after {len(hops)} hops (last: {target})",
            )
        else:
            assert response.request is not None  # a response to a request of ours
            request = response.request.replace(url=target, dont_filter=True)
            request.meta["redirect_urls"] = hops
            yield request

    def _observed_at(self) -> datetime | None:
        """LICENSURE_OBSERVED_AT (a replayed snapshot's captured date): the moment every page is dated with."""
        if not hasattr(self, "_observed"):
            raw = self.settings.get("LICENSURE_OBSERVED_AT") if hasattr(self, "settings") else None
            parsed = datetime.fromisoformat(raw) if raw else None
            self._observed = parsed.replace(tzinfo=parsed.tzinfo or UTC) if parsed else None
        return self._observed

    def _item(self, meta: dict[str, Any], **values: Any) -> dict[str, Any]:
        return {
            "jurisdiction": self.jurisdiction.code,
            "profession": self.jurisdiction.profession,
            "source_id": meta["source_id"],
            "kind": meta["kind"],
            "url": meta["declared_url"],
            "fetched_at": self._observed_at() or datetime.now(UTC),
            "final_url": None,
            "http_status": None,
            "not_modified": False,
            "body": None,
            "content_type": None,
            "error": None,
            **values,
        }

    def parse_page(self, response: Response) -> Iterator[Any]:
        meta = response.meta
        if response.status in REDIRECT_STATUSES:
            yield from self._follow_redirect(response)
            return
        redirects = meta.get("redirect_urls") or []
        ctype = (response.headers.get(b"Content-Type") or b"").decode("latin-1") or None
        error = None
        if response.status >= 400:
            error = f"the site answered HTTP {response.status}"
        yield self._item(
            meta,
            final_url=response.url if redirects else None,
            http_status=response.status,
            not_modified="cached" in response.flags,
            body=response.body if response.status < 400 else None,
            content_type=ctype,
            error=error,
        )
        if response.status >= 400 or not isinstance(response, TextResponse):
            return
        declared = self.jurisdiction.source_by_id.get(meta["declared_source_id"])
        if declared is None or not declared.follow:
            return
        for href in response.css("a::attr(href)").getall():
            url = response.urljoin(href.strip())
            if urlsplit(url).scheme not in ("http", "https") or not self.jurisdiction.is_allowed(url):
                continue
            if any(re.search(p, url) for p in declared.follow):
                child = self.jurisdiction.source_for_url(url, declared.source_id)
                yield self._request(url, child, declared)

    def on_error(self, failure: Failure) -> Iterator[dict[str, Any]]:
        request = failure.request  # type: ignore[attr-defined]  # Scrapy sets it on the failures it hands an errback
        meta = request.meta
        if failure.check(HttpError):
            return  # handled in parse_page (handle_httpstatus_list)
        redirects = meta.get("redirect_urls") or []
        if failure.check(IgnoreRequest):
            if not self.jurisdiction.is_allowed(request.url):
                reason = f"redirected off the state's declared domains to {request.url}; not followed"
            elif redirects:
                reason = f"redirected to {request.url}, which was not fetched: {failure.getErrorMessage()}"
            else:
                said = failure.getErrorMessage() or "forbidden by robots.txt"
                if "robots.txt" in said:
                    said += " (the site's robots.txt disallows this page, and the tracker obeys it)"
                reason = f"not fetched: {said}"
        else:
            reason = self._failure_reason(failure, request)
        yield self._item(meta, final_url=request.url if redirects else None, error=reason)

    def _failure_reason(self, failure: Failure, request: scrapy.Request) -> str:
        """Why a download failed, in words an operator can act on (the exception's name kept for engineers).

        Scrapy's own messages are often empty ("ResponseDataLossError: ") or
        name the loopback snapshot URL instead of the page's; the limits they
        hit are this project's settings (download_timeout, download_maxsize).
        """
        settings = self.crawler.settings if getattr(self, "crawler", None) else None
        name = failure.type.__name__ if failure.type else "Error"
        message = failure.getErrorMessage() or ""
        snapshot_url = settings.get("LICENSURE_SNAPSHOT_URL") if settings else None
        if snapshot_url:  # name the agency's URL, not the loopback address it was routed to
            from tracker.snapshots import route_url

            try:
                message = message.replace(route_url(snapshot_url, request.url), request.url)
            except ValueError:
                pass
        tries = request.meta.get("retry_times", 0) + 1
        tried = f"; tried {tries} times" if tries > 1 else ""
        names = {name, *(c.__name__ for c in getattr(failure.type, "__mro__", ()))}
        if names & {"DownloadTimeoutError", "TimeoutError", "TCPTimedOutError"}:
            timeout = request.meta.get("download_timeout") or (settings.getfloat("DOWNLOAD_TIMEOUT") if settings else 0)
            said = f"no complete answer within {timeout:g} s (the download_timeout setting)"
            return f"{said}: the site is slow or not answering{tried} [{name}]"
        if names & {"DownloadCancelledError", "CancelledError"} and (not message or "max size" in message):
            maxsize = request.meta.get("download_maxsize") or (settings.getint("DOWNLOAD_MAXSIZE") if settings else 0)
            return (
                f"the page is larger than the {maxsize} bytes the download_maxsize setting allows, so it was "
                f"abandoned; raise download_maxsize if the page really is that large [{name}]"
            )
        if names & {"ResponseDataLossError", "_DataLoss"} or "_DataLoss" in message:
            return (
                f"the connection closed before the whole page arrived (the site sent fewer bytes than it "
                f"announced); a truncated page is never used{tried} [{name}]"
            )
        if names & {"DownloadConnectionRefusedError", "ConnectionRefusedError"}:
            return f"the site refused the connection: it may be down{tried} [{name}]"
        if names & {"CannotResolveHostError", "DNSLookupError"}:
            return f"the site's host name could not be resolved (DNS){tried} [{name}]"
        if (
            "ConnectionLost" in message
            or "ConnectionDone" in message
            or "ConnectionAborted" in message
            or names & {"ConnectionLost", "ConnectionDone", "ResponseNeverReceived", "ConnectionAborted"}
        ):
            return f"the site closed or reset the connection before answering{tried} [{name}]"
        return f"{name}: {message}{tried}" if message else f"the download failed{tried} [{name}]"
