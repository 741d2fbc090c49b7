"""Read new pages while the crawl still fetches the others, so normalizing overlaps the crawl.

The crawl runs in a process of its own (tracker.crawl), and the run's process
only waits for its page events meanwhile. A `Prereader` reads each page the
crawl stored with new content, in a thread of the run's process, as its event
arrives, and keeps the reading in `tracker.readings` under the key the
settlement asks for. When the crawl ends the run lets it finish the pages
already announced; the settlement then takes their readings from the cache.

It is only a cache: a page it cannot read is read again by the settlement,
which says why; it decides nothing and writes nothing to the database.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from types import TracebackType
from typing import Any

from tracker import storage
from tracker.config import Settings
from tracker.db import Database
from tracker.health import same_place
from tracker.normalize import Page
from tracker.readings import Readings
from tracker.registry import Jurisdiction

_log = logging.getLogger(__name__)
_DONE = None


class Prereader:
    """A thread that reads each newly stored page of a crawl as its event arrives (see the module)."""

    def __init__(self, db: Database, settings: Settings, jurisdictions: Sequence[Jurisdiction]) -> None:
        self.db = db
        self.jurisdictions = {(j.code, j.profession): j for j in jurisdictions}
        self.readings = Readings(settings.data_dir / "readings")
        self.pages: queue.SimpleQueue[dict[str, Any] | None] = queue.SimpleQueue()
        self.stopping = False
        self.failed = 0
        self.drain_seconds = 0.0  # how long the run waited, after the crawl, for the pages still queued
        self._thread = threading.Thread(target=self._work, name="prereader", daemon=True)

    def watching(self, on_page: Callable[[dict], None] | None) -> Callable[[dict], None]:
        """`on_page` for the crawl: offers each event to this reader, then passes it on."""

        def both(event: dict) -> None:
            self.offer(event)
            if on_page is not None:
                on_page(event)

        return both

    def offer(self, event: dict[str, Any]) -> None:
        """Queue a page the crawl stored with content (not an unchanged page, not an error)."""
        if event.get("unchanged") or event.get("error") or event.get("status") not in (200, None):
            return
        if event.get("final_url") and event.get("url") and not same_place(event["url"], event["final_url"]):
            return  # a page that moved is a source problem: the settlement never reads it
        if event.get("content_hash") and event.get("url") and event.get("kind"):
            self.pages.put(event)

    def _work(self) -> None:
        while not self.stopping:
            event = self.pages.get()
            if event is _DONE:
                return
            try:
                self._read(event)
            except Exception as exc:  # a cache: the settlement reads the page again and reports any problem
                self.failed += 1
                _log.debug("could not read %s ahead: %s", event.get("source_id"), exc)

    def _read(self, event: dict[str, Any]) -> None:
        jur = self.jurisdictions.get((event["jurisdiction"], event.get("profession", "medical-assistant")))
        if jur is None:
            return
        page = Page(
            event["source_id"],
            event["url"],
            event["kind"],
            b"",
            event.get("content_type"),
            datetime.now(UTC),  # not part of the reading or its key
            event.get("status") or 200,
            event["content_hash"],
        )
        self.readings.get(jur, page, self._body)

    def _body(self, digest: str) -> bytes:
        with self.db.session() as session:  # one per page: a transaction sees only what was written before it
            return storage.load_body(session, digest)

    def __enter__(self) -> Prereader:
        self._thread.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        """After the crawl: finish the pages it announced; after an error or a signal: stop at once."""
        if exc_type is not None:
            self.stopping = True
        began = time.perf_counter()
        self.pages.put(_DONE)
        self._thread.join()
        self.drain_seconds = time.perf_counter() - began

    @property
    def read(self) -> int:
        """Pages read ahead (not found in the cache already)."""
        return self.readings.read
