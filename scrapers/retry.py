"""Retries with exponential backoff, for timeouts, dropped connections and 5xx/408/429 answers.

Scrapy's own RetryMiddleware re-queues a failed request at once, so a site
that is briefly overloaded gets hit again immediately. This subclass keeps
its decisions (which answers and errors are retried, RETRY_TIMES, stats,
the give-up log line) and only waits before handing back the retry:

    RETRY_BACKOFF * 2 ** (n - 1) seconds before retry n (2, 4, 8 ... with the default 2.0),
    at most RETRY_BACKOFF_MAX; a `Retry-After: <seconds>` header raises the wait (still capped).

The wait is non-blocking (other sites keep crawling). A source still failing
after RETRY_TIMES retries is stored as a failed fetch and tried again at the
next scheduled run, not hammered within this one.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Request

if TYPE_CHECKING:
    from scrapy.http import Response
    from scrapy.settings import BaseSettings

logger = logging.getLogger(__name__)


async def _sleep(seconds: float) -> None:
    try:
        from scrapy.utils.asyncio import sleep  # Scrapy >= 2.18
    except ImportError:  # pragma: no cover - older Scrapy
        from twisted.internet import reactor
        from twisted.internet.task import deferLater

        await deferLater(reactor, seconds)
        return
    await sleep(seconds)


def retry_after_seconds(response: Response | None) -> float | None:
    """The `Retry-After` header in seconds, when it is a number (HTTP dates are ignored)."""
    if response is None:
        return None
    raw = response.headers.get(b"Retry-After")
    if not raw:
        return None
    try:
        return max(float(raw.decode("latin-1").strip()), 0.0)
    except ValueError:
        return None


def backoff_delay(retry_number: int, base: float, cap: float, retry_after: float | None = None) -> float:
    """Seconds to wait before retry `retry_number` (1 for the first retry)."""
    delay = base * 2 ** max(retry_number - 1, 0)
    if retry_after is not None:
        delay = max(delay, retry_after)
    return min(delay, cap)


class BackoffRetryMiddleware(RetryMiddleware):
    def __init__(self, settings: BaseSettings):
        super().__init__(settings)
        self.backoff = max(settings.getfloat("RETRY_BACKOFF", 2.0), 0.0)
        self.backoff_max = max(settings.getfloat("RETRY_BACKOFF_MAX", 60.0), 0.0)

    async def _wait(self, retry: Request, reason: str, response: Response | None) -> None:
        number = retry.meta.get("retry_times", 1)
        delay = backoff_delay(number, self.backoff, self.backoff_max, retry_after_seconds(response))
        max_times = retry.meta.get("max_retry_times", self.max_retry_times)
        logger.info("Retrying %s in %.2f s (retry %d of %d): %s", retry.url, delay, number, max_times, reason)
        if delay > 0:
            await _sleep(delay)

    async def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        result = super().process_response(request, response)
        if isinstance(result, Request):
            await self._wait(result, f"HTTP {response.status}", response)
        return result

    async def process_exception(self, request: Request, exception: Exception) -> Request | Response | None:  # type: ignore[override]
        result = super().process_exception(request, exception)
        if isinstance(result, Request):
            await self._wait(result, f"{exception.__class__.__name__}: {exception}", None)
        return result
