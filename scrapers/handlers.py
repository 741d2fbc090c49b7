"""Route requests to a loopback snapshot server while keeping the original URLs.

With `LICENSURE_SNAPSHOT_URL` set, this download handler sends each request
for `https://doh.wa.gov/x` to `http://127.0.0.1:PORT/https/doh.wa.gov/x` over
real HTTP (Scrapy's own HTTP/1.1 handler) and hands back the response under
the original URL. Every middleware (robots.txt, offsite, redirects, retries,
cache, throttling) sees the real URLs, exactly as on the live web.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler

from tracker.snapshots import route_url

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response


class SnapshotDownloadHandler(HTTP11DownloadHandler):
    """Scrapy's HTTP/1.1 handler; with a snapshot URL set, it routes to the snapshot server."""

    def __init__(self, crawler: Crawler):
        super().__init__(crawler)
        self.base_url = crawler.settings.get("LICENSURE_SNAPSHOT_URL") or None

    async def download_request(self, request: Request) -> Response:
        if not self.base_url:
            return await super().download_request(request)
        routed = request.replace(url=route_url(self.base_url, request.url))
        response = await super().download_request(routed)
        return response.replace(url=request.url, request=request)
