"""Crawl entry point, run in a subprocess by `tracker.crawl` (Scrapy's reactor cannot restart).

    python -m scrapers.crawl --run-id 7 --jurisdictions WA,CA [--snapshot-url http://127.0.0.1:PORT]

Runs the named spiders in one reactor, at most `parallel_jurisdictions` at a
time (a spider's crawler costs memory while it is open; each site is paced on
its own either way). Each page is stored by the pipeline as it arrives, so a
crash loses at most the page in flight.
"""

from __future__ import annotations

import argparse
import os
import sys

os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "scrapers.settings")

from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings

from tracker.config import load_settings


def _die_with_parent() -> None:
    """Linux: if the run that started this crawl is killed, end too, instead of crawling on for a dead run.

    Each page is stored in its own transaction, so being killed loses at most
    the page in flight.
    """
    if not sys.platform.startswith("linux"):
        return
    parent = os.getppid()
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL))  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def main(argv: list[str] | None = None) -> int:
    _die_with_parent()
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--run-id", type=int, required=True)
    parser.add_argument("--jurisdictions", required=True, help="comma-separated USPS codes")
    parser.add_argument("--database-url")
    parser.add_argument("--snapshot-url")
    parser.add_argument("--httpcache-dir")
    parser.add_argument("--observed-at", help="ISO date-time every stored page is dated with (a snapshot's date)")
    parser.add_argument("--progress", action="store_true")
    parser.add_argument(
        "--unchanged-events",
        action="store_true",
        help="report unchanged pages as JSON events on stdout instead of storing them (a parent run reads them)",
    )
    parser.add_argument("--log-level", default="INFO")
    args = parser.parse_args(argv)

    settings = get_project_settings()
    settings.set("LICENSURE_RUN_ID", args.run_id, priority="cmdline")
    settings.set("LICENSURE_PROGRESS", args.progress, priority="cmdline")
    settings.set("LICENSURE_UNCHANGED_EVENTS", args.unchanged_events, priority="cmdline")
    settings.set("LOG_LEVEL", args.log_level, priority="cmdline")
    if args.database_url:
        settings.set("LICENSURE_DATABASE_URL", args.database_url, priority="cmdline")
    if args.observed_at:
        settings.set("LICENSURE_OBSERVED_AT", args.observed_at, priority="cmdline")
    if args.httpcache_dir:
        settings.set("HTTPCACHE_DIR", args.httpcache_dir, priority="cmdline")
    if args.snapshot_url:
        replay_settings(settings, args.snapshot_url)

    process = CrawlerProcess(settings, install_root_handler=True)
    codes = [c.strip().lower() for c in args.jurisdictions.split(",") if c.strip()]
    failures = run_pooled(process, codes, load_settings(check_alert_urls=False).parallel_jurisdictions)
    for code, failure in failures:
        print(f"The spider for {code.upper()} could not run: {failure.getErrorMessage()}", file=sys.stderr)
    return 1 if failures else 0


def replay_settings(settings, snapshot_url: str) -> None:
    """Point the crawl at a loopback snapshot server, unpaced (benchmarks/floor.py uses the same)."""
    settings.set("LICENSURE_SNAPSHOT_URL", snapshot_url, priority="cmdline")
    # the loopback server is ours: no need to pace requests to it
    settings.set("DOWNLOAD_DELAY", 0, priority="cmdline")
    settings.set("AUTOTHROTTLE_ENABLED", False, priority="cmdline")
    settings.set("DOWNLOAD_DELAY_JITTER", 0, priority="cmdline")
    # ...nor to keep to two connections per site: one local server answers every host (benchmarks/).
    # Live crawls keep the polite settings. Eight at a time per spider (16 spiders: 128 connections) keep
    # the two cores busy; more only queue inside the downloader, each request holding its cached response
    # (a warm cycle) while it waits: at 64 per spider that was up to 1,024 cached pages in memory at once.
    settings.set("CONCURRENT_REQUESTS", 8, priority="cmdline")
    settings.set("CONCURRENT_REQUESTS_PER_DOMAIN", 8, priority="cmdline")


def run_pooled(process: CrawlerProcess, codes: list[str], at_once: int) -> list:
    """Crawl every spider in `codes`, `at_once` at a time; stop the reactor when all are done.

    Returns (code, Failure) for each spider that could not run.

    A shutdown signal (CrawlerProcess stops its crawlers on SIGTERM/SIGINT)
    also keeps the spiders not yet started from starting.
    """
    from twisted.internet import defer  # not twisted.internet.reactor: importing it installs the default reactor

    stopping = False
    stop = process.stop

    def stop_all():
        nonlocal stopping
        stopping = True
        return stop()

    process.stop = stop_all  # type: ignore[method-assign]
    pool = defer.DeferredSemaphore(max(1, at_once))

    def start(code: str):
        return defer.succeed(None) if stopping else process.crawl(code)

    failures: list = []

    def one(code: str):
        d = pool.run(start, code)
        d.addErrback(lambda failure: failures.append((code, failure)))
        return d

    def finish(_result: object) -> None:
        from twisted.internet import reactor  # the one Scrapy installed for the first crawl

        reactor.callLater(0, reactor.stop)  # type: ignore[arg-type,misc]  # also when every spider failed before the reactor ran

    defer.DeferredList([one(code) for code in codes]).addBoth(finish)
    process.start(stop_after_crawl=False)
    return failures


if __name__ == "__main__":
    sys.exit(main())
