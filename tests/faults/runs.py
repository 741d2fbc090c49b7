"""Real runs against the fault server, and what a test needs to judge them.

`run_with_faults` is `tracker.pipeline.execute_run` (the real crawl
subprocess, storage, settling and alerts) with the run's snapshot server
replaced by a `FaultServer` holding the given faults. `state_of` captures
what a faulty run must never touch; `CrawlMemory` samples the crawl
subprocess's resident memory while it runs.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from tests.faults.server import Fault, FaultServer
from tracker import pipeline, storage
from tracker.config import Settings
from tracker.db import Database
from tracker.models import Change, ExtractionFailure, Fetch, RecordVersion
from tracker.pipeline import RunSummary, execute_run
from tracker.registry import Jurisdiction
from tracker.snapshots import Snapshot


@dataclass
class FaultRun:
    summary: RunSummary
    server: FaultServer
    seconds: float
    peak_crawl_rss: int = 0  # bytes; 0 when it could not be sampled
    outcomes: dict[str, pipeline.Outcome] = field(default_factory=dict)


@contextmanager
def fault_server_for_runs(faults: Mapping[str, Fault]) -> Iterator[list[FaultServer]]:
    """While inside, every run's snapshot server is a FaultServer with `faults`; yields the servers made."""
    made: list[FaultServer] = []
    real = pipeline.SnapshotServer

    def factory(snapshot: Snapshot, port: int = 0) -> FaultServer:
        server = FaultServer(snapshot, faults, port)
        made.append(server)
        return server

    pipeline.SnapshotServer = factory  # type: ignore[assignment, misc]
    try:
        yield made
    finally:
        pipeline.SnapshotServer = real  # type: ignore[misc]


def run_with_faults(
    settings: Settings,
    jurisdictions: list[Jurisdiction],
    snapshot: Snapshot,
    faults: Mapping[str, Fault],
    **kwargs: Any,
) -> FaultRun:
    memory = CrawlMemory()
    with fault_server_for_runs(faults) as made, memory:
        started = time.monotonic()
        summary = execute_run(settings, jurisdictions, snapshot, **kwargs)
        seconds = time.monotonic() - started
    return FaultRun(summary, made[0], seconds, memory.peak, {o.code: o for o in summary.outcomes})


# --- what must not change --------------------------------------------------------------------------------


def state_of(db: Database, codes: list[str]) -> dict[str, Any]:
    """Per jurisdiction: the current record version (id and record) and its health."""
    with db.session() as s:
        out = {}
        for code in codes:
            current = storage.current_version(s, code, "medical-assistant")
            out[code] = (current.id, current.values_hash) if current is not None else None
        return out


def changes_of_run(db: Database, run_id: int) -> list[Change]:
    with db.session() as s:
        return list(s.scalars(select(Change).where(Change.run_id == run_id).order_by(Change.id)).all())


def fetches_of_run(db: Database, run_id: int) -> list[Fetch]:
    with db.session() as s:
        return list(s.scalars(select(Fetch).where(Fetch.run_id == run_id).order_by(Fetch.id)).all())


def failures_of_run(db: Database, run_id: int) -> list[ExtractionFailure]:
    with db.session() as s:
        return list(s.scalars(select(ExtractionFailure).where(ExtractionFailure.run_id == run_id)).all())


def version_count(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(RecordVersion)) or 0


# --- memory of the crawl subprocess ------------------------------------------------------------------------


def _rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _crawl_children() -> list[int]:
    """Our `python -m scrapers.crawl` children (Linux /proc)."""
    me = os.getpid()
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            if ppid == me and b"scrapers.crawl" in (entry / "cmdline").read_bytes():
                pids.append(int(entry.name))
        except (OSError, ValueError, IndexError):
            continue
    return pids


class CrawlMemory:
    """Samples the resident memory of this process's crawl subprocesses every 50 ms; `peak` in bytes."""

    def __init__(self, interval: float = 0.05) -> None:
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        if not Path("/proc/self/status").exists():
            return
        while not self._stop.wait(self.interval):
            for pid in _crawl_children():
                self.peak = max(self.peak, _rss(pid))

    def __enter__(self) -> CrawlMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


def snapshot_pages(snapshot: str, code: str) -> list[dict[str, Any]]:
    """Fetch items for one jurisdiction's pages in a bundled snapshot (its manifest and pages.d fragments)."""
    from tracker import registry
    from tracker.snapshots import resolve_snapshot

    jur = registry.get(code)
    items = []
    for page in resolve_snapshot(snapshot).pages:
        if page.url.endswith("/robots.txt") or not jur.is_allowed(page.url) or page.file is None:
            continue
        src = jur.source_for_url(page.url, jur.sources[0].source_id)
        items.append(
            {
                "jurisdiction": jur.code,
                "profession": jur.profession,
                "source_id": src.source_id,
                "kind": src.kind,
                "url": page.url,
                "http_status": page.status,
                "body": page.file.read_bytes(),
                "content_type": page.content_type,
            }
        )
    return items
