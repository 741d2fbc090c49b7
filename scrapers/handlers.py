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
from scrapy.exceptions import NotConfigured

from tracker.snapshots import route_url

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response


class SnapshotDownloadHandler(HTTP11DownloadHandler):
    def __init__(self, crawler: Crawler):
        base = crawler.settings.get("LICENSURE_SNAPSHOT_URL")
        if not base:
            raise NotConfigured("LICENSURE_SNAPSHOT_URL is not set")
        super().__init__(crawler)
        self.base_url = base

    async def download_request(self, request: Request) -> Response:
        routed = request.replace(url=route_url(self.base_url, request.url))
        response = await super().download_request(routed)
        return response.replace(url=request.url, request=request)
