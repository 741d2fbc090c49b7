"""Thin adapter: hand every page item to `tracker.storage`."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

from tracker.db import Database
from tracker import storage

if TYPE_CHECKING:
    from scrapy.crawler import Crawler


class StorePipeline:
    def __init__(self, database_url: str, run_id: int | None, progress: bool) -> None:
        self.database_url = database_url
        self.run_id = run_id
        self.progress = progress
        self.db: Database | None = None
        self.own_run = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        s = crawler.settings
        run_id = s.get("LICENSURE_RUN_ID")
        return cls(s.get("LICENSURE_DATABASE_URL"), int(run_id) if run_id else None, s.getbool("LICENSURE_PROGRESS"))

    def open_spider(self, spider=None) -> None:  # noqa: ANN001
        self.db = Database(self.database_url)
        if self.run_id is None:  # a plain `scrapy crawl wa`: record it as a manual crawl-only run
            with self.db.session() as session:
                self.run_id = storage.start_run(session, trigger="scrapy", jurisdictions=[]).id
            self.own_run = True

    def close_spider(self, spider=None) -> None:  # noqa: ANN001
        if self.db is None:
            return
        if self.own_run:  # crawl-only run: pages are stored; `licensure run` does the rest
            with self.db.session() as session:
                storage.finish_run(session, self.run_id, "succeeded", error="crawl only (scrapy crawl); not normalized")
        self.db.dispose()

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        assert self.db is not None
        with self.db.session() as session:
            fetch = storage.store_fetch(session, self.run_id, item)
        if self.progress:
            event = {
                "event": "page",
                "jurisdiction": fetch.jurisdiction,
                "source_id": fetch.source_id,
                "status": fetch.http_status,
                "not_modified": fetch.not_modified,
                "error": fetch.error,
            }
            sys.stdout.write(json.dumps(event) + "\n")
            sys.stdout.flush()
        return {k: v for k, v in item.items() if k != "body"}
