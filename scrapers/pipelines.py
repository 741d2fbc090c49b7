"""Thin adapter: hand every page item to `tracker.storage`.

An unchanged page costs a conditional request and a hash comparison, nothing
more: with LICENSURE_UNCHANGED_EVENTS (set when `licensure run` started this
crawl and reads its stdout), a page the site answered 304 for, whose body
hashes to what the jurisdiction's current record already holds for that
source, is not stored; it is reported as one JSON line (`"unchanged": true`)
and the parent run counts it and hands it to settle_jurisdiction. Anything
else (a new or changed page, an error, a 304 for content the current record
does not hold, a plain `scrapy crawl` with no parent) is stored as a fetch.

Page events reach the parent in batches: one line `{"event": "pages",
"pages": [...]}` per BATCH_SIZE pages, or per BATCH_SECONDS when pages come
slowly (a live crawl), and whatever is left when a spider closes.
"""

from __future__ import annotations

import json
import sys
import time
from typing import TYPE_CHECKING, Any

from tracker import storage
from tracker.db import Database

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

_shared: dict[str, list[Any]] = {}  # database URL -> [Database, users]: one engine for the 51 spiders of a crawl
BATCH_SIZE = 200
BATCH_SECONDS = 0.25


class _Events:
    """The page events of the whole crawl process, written to stdout in batches (one line, one flush each)."""

    def __init__(self) -> None:
        self.pending: list[dict[str, Any]] = []
        self.since = 0.0
        self.timer: Any = None

    def add(self, event: dict[str, Any]) -> None:
        if not self.pending:
            self.since = time.monotonic()
            self._schedule()
        self.pending.append(event)
        if len(self.pending) >= BATCH_SIZE or time.monotonic() - self.since >= BATCH_SECONDS:
            self.flush()

    def _schedule(self) -> None:
        """Flush what is pending after BATCH_SECONDS even if no other page comes (the last pages of a slow site)."""
        if self.timer is not None and self.timer.active():
            return
        try:
            from twisted.internet import reactor

            self.timer = reactor.callLater(BATCH_SECONDS, self.flush)  # type: ignore[arg-type]
        except Exception:  # no running reactor (a pipeline driven by hand): flushed by size or at close
            self.timer = None

    def flush(self) -> None:
        if self.timer is not None and self.timer.active():
            self.timer.cancel()
        self.timer = None
        if not self.pending:
            return
        batch, self.pending = self.pending, []
        sys.stdout.write(json.dumps({"event": "pages", "pages": batch}) + "\n")
        sys.stdout.flush()


_events = _Events()


def _open_db(url: str) -> Database:
    entry = _shared.get(url)
    if entry is None:
        entry = _shared[url] = [Database(url), 0]
    entry[1] += 1
    return entry[0]


def _close_db(url: str) -> None:
    entry = _shared.get(url)
    if entry is None:
        return
    entry[1] -= 1
    if entry[1] <= 0:
        entry[0].dispose()
        del _shared[url]


class StorePipeline:
    def __init__(self, database_url: str, run_id: int | None, progress: bool, unchanged_events: bool = False) -> None:
        self.database_url = database_url
        self.run_id = run_id
        self.progress = progress
        self.unchanged_events = unchanged_events
        self.db: Database | None = None
        self.own_run = False
        self._known: dict[tuple[str, str], dict[str, str]] = {}  # (jurisdiction, profession) -> source_id -> hash

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        s = crawler.settings
        run_id = s.get("LICENSURE_RUN_ID")
        return cls(
            s.get("LICENSURE_DATABASE_URL"),
            int(run_id) if run_id else None,
            s.getbool("LICENSURE_PROGRESS"),
            s.getbool("LICENSURE_UNCHANGED_EVENTS"),
        )

    def open_spider(self, spider=None) -> None:
        self.db = _open_db(self.database_url)
        if self.run_id is None:  # a plain `scrapy crawl wa`: record it as a manual crawl-only run
            with self.db.session() as session:
                self.run_id = storage.start_run(session, trigger="scrapy", jurisdictions=[]).id
            self.own_run = True

    def close_spider(self, spider=None) -> None:
        _events.flush()
        if self.db is None:
            return
        if self.own_run:  # crawl-only run: pages are stored, none read; `licensure run` does the rest
            with self.db.session() as session:
                assert self.run_id is not None
                storage.finish_crawl_only(session, self.run_id)
        self.db = None
        _close_db(self.database_url)

    def _current_hashes(self, code: str, profession: str) -> dict[str, str]:
        """What the current record holds per source: one query per jurisdiction and crawl."""
        key = (code, profession)
        if key not in self._known:
            assert self.db is not None
            with self.db.session() as session:
                self._known[key] = storage.current_source_hashes(session, code, profession)
        return self._known[key]

    def _unchanged(self, item: dict[str, Any]) -> str | None:
        """The content hash of a 304 whose content the current record already holds, else None."""
        if not (
            self.unchanged_events
            and item.get("not_modified")
            and item.get("body") is not None
            and not item.get("error")
        ):
            return None
        digest = storage.content_hash(item["body"])
        held = self._current_hashes(item["jurisdiction"], item.get("profession", "medical-assistant"))
        return digest if held.get(item["source_id"]) == digest else None

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        assert self.db is not None
        digest = self._unchanged(item)
        if digest is not None:
            event = {
                "event": "page",
                "jurisdiction": item["jurisdiction"],
                "profession": item.get("profession", "medical-assistant"),
                "source_id": item["source_id"],
                "status": item.get("http_status"),
                "not_modified": True,
                "unchanged": True,
                "content_hash": digest,
                "fetched_at": item["fetched_at"].isoformat(),
                "error": None,
            }
            _events.add(event)
            return {k: v for k, v in item.items() if k != "body"}
        assert self.run_id is not None, "open_spider sets the run id"
        with self.db.session() as session:
            fetch = storage.store_fetch(session, self.run_id, item)
        if self.progress:
            event = {
                "event": "page",
                "jurisdiction": fetch.jurisdiction,
                "profession": fetch.profession,
                "source_id": fetch.source_id,
                "status": fetch.http_status,
                "not_modified": fetch.not_modified,
                "error": fetch.error,
                # what tracker.prereading needs to read the stored page while the crawl goes on
                "url": fetch.url,
                "final_url": fetch.final_url,  # a page that moved is not read ahead
                "kind": fetch.kind,
                "content_type": fetch.content_type,
                "content_hash": fetch.content_hash,
            }
            _events.add(event)
        return {k: v for k, v in item.items() if k != "body"}
