"""The fetch floor: the tracker's crawl with no tracker work, for benchmarks/run.py.

    python benchmarks/floor.py --snapshot-url http://127.0.0.1:PORT --httpcache-dir DIR

The same Scrapy engine, spiders (scrapers/spiders, one per declared
jurisdiction), settings (scrapers/settings.py and the loopback overrides of
`scrapers.crawl.replay_settings`), downloader middlewares, HTTP cache and
conditional requests as `licensure run --snapshot`, against the same
snapshot server; but the item pipeline only counts the page items and drops
them: nothing is hashed, stored, reported, read or normalized. Run twice
over the same HTTP cache, the second run is the floor's revalidation of the
same pages (every page a conditional request, answered 304). Prints the
number of page items on stdout.
"""

from __future__ import annotations

import argparse
import os
import sys

os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "scrapers.settings")

from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings

from scrapers.crawl import replay_settings, run_pooled
from tracker import registry
from tracker.config import load_settings


class CountPipeline:
    """Counts each page item and drops its body: the fetch, with none of the tracker's work after it."""

    items = 0

    def process_item(self, item: dict) -> dict:
        CountPipeline.items += 1
        return {}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--snapshot-url", required=True)
    parser.add_argument("--httpcache-dir", required=True)
    args = parser.parse_args(argv)
    settings = get_project_settings()
    settings.set("HTTPCACHE_DIR", args.httpcache_dir, priority="cmdline")
    settings.set("ITEM_PIPELINES", {f"{__name__}.CountPipeline": 300}, priority="cmdline")
    settings.set("LOG_LEVEL", "INFO", priority="cmdline")
    replay_settings(settings, args.snapshot_url)
    process = CrawlerProcess(settings, install_root_handler=True)
    codes = [code.lower() for code in registry.all_jurisdictions()]
    failures = run_pooled(process, codes, load_settings(check_alert_urls=False).parallel_jurisdictions)
    print(CountPipeline.items, flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
