"""Launch a crawl in a subprocess (Scrapy's reactor cannot restart in one process).

The child (`python -m scrapers.crawl`) stores each page as it arrives and
prints its page events in batches (one JSON line per batch); each event is
passed to `on_page` for progress. A
page that is unchanged (304, and the content the current record holds) is
not stored: its line says `"unchanged": true` with the content hash, and we
keep (jurisdiction, source) -> (hash, time) for settle_jurisdiction and the
run's counters.
The database URL travels in the child's environment, never on its command
line, so a password in it never shows in `ps`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from tracker import shutdown
from tracker.config import Settings


class Unchanged(NamedTuple):
    """A page answered 304 whose content the jurisdiction's current record already holds (not stored)."""

    content_hash: str
    fetched_at: datetime


@dataclass(frozen=True)
class CrawlOutcome:
    returncode: int
    log_path: Path
    # (jurisdiction, profession) -> source_id -> Unchanged: small (a hash and a time per page), never a body
    unchanged: dict[tuple[str, str], dict[str, Unchanged]] = field(default_factory=dict)
    seconds: float = 0.0
    read_ahead: int = 0  # pages tracker.prereading read while the crawl went on
    read_ahead_wait: float = 0.0  # seconds the run then waited for the pages still queued

    @property
    def unchanged_count(self) -> int:
        return sum(len(pages) for pages in self.unchanged.values())

    def unchanged_for(self, code: str, profession: str = "medical-assistant") -> dict[str, Unchanged]:
        return self.unchanged.get((code, profession), {})

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def _command(
    run_id: int, codes: list[str], settings: Settings, snapshot_url: str | None, observed_at: datetime | None
) -> list[str]:
    cmd = [sys.executable, "-m", "scrapers.crawl", "--run-id", str(run_id), "--jurisdictions", ",".join(codes)]
    cmd += ["--progress", "--unchanged-events", "--httpcache-dir", str(settings.httpcache_dir.resolve())]
    if snapshot_url:
        cmd += ["--snapshot-url", snapshot_url]
    if observed_at is not None:
        cmd += ["--observed-at", observed_at.isoformat()]
    return cmd


def _environment(settings: Settings, root: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(settings.as_env())  # every setting (retries, delays, user agent...), not only the database
    env["SCRAPY_SETTINGS_MODULE"] = "scrapers.settings"
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def _events(lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    """The page events among the child's stdout lines, batches unpacked (anything else is passed over)."""
    for line in lines:
        line = line.strip()
        if not line.startswith("{"):
            continue
        try:
            event = json.loads(line)
        except json.JSONDecodeError:
            continue
        if event.get("event") == "pages" and isinstance(event.get("pages"), list):
            yield from event["pages"]
        else:
            yield event


def crawl(
    run_id: int,
    codes: list[str],
    settings: Settings,
    snapshot_url: str | None = None,
    on_page: Callable[[dict], None] | None = None,
    log_path: Path | None = None,
    observed_at: datetime | None = None,
) -> CrawlOutcome:
    """Run the spiders for `codes` and wait; returns the child's exit code and log path.

    `observed_at` dates every page the child stores (a replayed snapshot's captured date); None: the time
    each page arrived.
    """
    log_path = log_path or settings.data_dir / "logs" / f"run-{run_id}-crawl.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    root = str(Path(__file__).resolve().parent.parent)
    cmd, env = _command(run_id, codes, settings, snapshot_url, observed_at), _environment(settings, root)
    unchanged: dict[tuple[str, str], dict[str, Unchanged]] = {}
    started = time.perf_counter()
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=log, env=env, text=True, cwd=root)
        assert proc.stdout is not None
        try:
            with shutdown.on_stop(proc.terminate):  # a run in a thread is stopped by ending its crawl
                for event in _events(proc.stdout):
                    if event.get("unchanged") and event.get("content_hash"):
                        key = (event["jurisdiction"], event.get("profession", "medical-assistant"))
                        unchanged.setdefault(key, {})[event["source_id"]] = Unchanged(
                            event["content_hash"], datetime.fromisoformat(event["fetched_at"])
                        )
                    if on_page:
                        on_page(event)
                    shutdown.kill_point("crawl")  # test hook (tests/test_faults_crash.py): killed mid-crawl
                returncode = proc.wait()
        except BaseException:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
            raise
    return CrawlOutcome(returncode, log_path, unchanged, time.perf_counter() - started)
