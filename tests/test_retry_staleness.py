"""Failure handling: retries with backoff inside a run, no hammering across runs, and stale-data alerts."""

from __future__ import annotations

import itertools
import json
import shutil
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from scrapy.http import Response

from scrapers.retry import backoff_delay, retry_after_seconds
from tests.conftest import SNAPSHOTS
from tracker import health, pipeline, registry, storage
from tracker.db import Database
from tracker.models import Change, Fetch, Run
from tracker.pipeline import execute_run
from tracker.replay import SnapshotServer
from tracker.snapshots import load_snapshot, resolve_snapshot

FLAKY_URL = "https://app.leg.wa.gov/WAC/default.aspx?cite=246-827-0200"


def test_backoff_doubles_from_the_base_and_honours_retry_after_within_the_cap():
    assert [backoff_delay(n, 2.0, 60.0) for n in (1, 2, 3, 4, 5, 6)] == [2.0, 4.0, 8.0, 16.0, 32.0, 60.0]
    assert backoff_delay(1, 2.0, 60.0, retry_after=30.0) == 30.0
    assert backoff_delay(1, 2.0, 60.0, retry_after=600.0) == 60.0
    assert backoff_delay(3, 0.0, 60.0) == 0.0
    assert retry_after_seconds(Response("https://x.gov/", status=503, headers={"Retry-After": "12"})) == 12.0
    assert (
        retry_after_seconds(
            Response("https://x.gov/", status=503, headers={"Retry-After": "Wed, 21 Oct 2026 07:28:00 GMT"})
        )
        is None
    )
    assert retry_after_seconds(Response("https://x.gov/", status=503)) is None


def test_scrapy_retry_settings_come_from_the_settings():
    import scrapers.settings as s

    assert s.RETRY_ENABLED and s.RETRY_TIMES == 3 and s.RETRY_BACKOFF == 2.0
    assert {500, 502, 503, 504, 408, 429} <= set(s.RETRY_HTTP_CODES) and 404 not in s.RETRY_HTTP_CODES
    assert s.DOWNLOADER_MIDDLEWARES["scrapy.downloadermiddlewares.retry.RetryMiddleware"] is None
    assert s.DOWNLOADER_MIDDLEWARES["scrapers.retry.BackoffRetryMiddleware"] == 550


def flaky_snapshot(tmp_path: Path) -> Path:
    """The 2026-05-01 Washington pages, with one regulation page answering 503 Service Unavailable."""
    src = SNAPSHOTS / "2026-05-01"
    manifest = json.loads((src / "snapshot.json").read_text(encoding="utf-8"))
    pages = [dict(p) for p in manifest["pages"] if (urlsplit(p["url"]).hostname or "").endswith("wa.gov")]
    dest = tmp_path / "flaky"
    for page in pages:
        if page.get("file"):
            (dest / page["file"]).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(src / page["file"], dest / page["file"])
        if page["url"] == FLAKY_URL:
            page["status"] = 503
    assert any(p["url"] == FLAKY_URL for p in pages)
    (dest / "snapshot.json").write_text(
        json.dumps(
            {
                "name": "flaky",
                "captured": manifest["captured"],
                "description": "WA with an overloaded regulation page",
                "pages": pages,
            }
        ),
        encoding="utf-8",
    )
    return dest


@pytest.fixture
def recording(monkeypatch):
    """Every request the run's snapshot server answers, with the time it arrived."""
    seen: list[tuple[float, str, int]] = []
    lock = threading.Lock()

    class Recording(SnapshotServer):
        def _record(self, entry) -> None:
            with lock:
                seen.append((time.monotonic(), entry.url, entry.status))
            super()._record(entry)

    monkeypatch.setattr(pipeline, "SnapshotServer", Recording)
    return seen


def test_a_failing_source_is_retried_with_backoff_then_tried_again_next_run_not_hammered(settings, tmp_path, recording):
    settings = settings.with_overrides(retry_times=2, retry_backoff=0.4)  # reaches the crawl subprocess
    snapshot = load_snapshot(flaky_snapshot(tmp_path))
    wa = registry.select("WA")

    first = execute_run(settings, wa, snapshot)
    attempts = [(t, status) for t, url, status in recording if url == FLAKY_URL]
    assert [status for _, status in attempts] == [503, 503, 503]  # the first try and two retries, no more
    gaps = [b[0] - a[0] for a, b in itertools.pairwise(attempts)]
    assert gaps[0] >= 0.35 and gaps[1] >= 0.75  # 0.4 s, then 0.8 s: backing off
    log = Path(first.crawl_log).read_text(encoding="utf-8")
    assert f"Retrying {FLAKY_URL} in 0.40 s (retry 1 of 2): HTTP 503" in log
    assert f"Retrying {FLAKY_URL} in 0.80 s (retry 2 of 2): HTTP 503" in log
    assert {o.code: o.result for o in first.outcomes} == {"WA": "fetch-problem"}
    assert first.status == "succeeded"  # other sources were fetched: the run itself did not fail

    db = Database(settings.database_url)
    try:
        with db.session() as s:
            [failed] = [f for f in s.query(Fetch).filter(Fetch.run_id == first.run_id) if f.url == FLAKY_URL]
            assert failed.http_status == 503 and failed.error == "the site answered HTTP 503"
    finally:
        db.dispose()

    recording.clear()
    second = execute_run(settings, wa, snapshot)  # the next scheduled run tries it again, as many times
    assert [status for _, url, status in recording if url == FLAKY_URL] == [503, 503, 503]
    assert second.run_id == first.run_id + 1


def _status(session, code: str, verified: datetime | None):
    status = storage.status_for(session, code, "medical-assistant")
    status.last_verified_at = verified
    status.health, status.health_detail = "fetch-problem", "moved-page: the page moved"
    return status


def _staleness(session, code: str) -> list[Change]:
    return (
        session.query(Change).filter(Change.jurisdiction == code, Change.field == "staleness").order_by(Change.id).all()
    )


def test_stale_data_raises_one_alert_and_one_recovery(settings):
    settings = settings.with_overrides(stale_after_hours=72)
    now = datetime(2026, 11, 20, 6, tzinfo=UTC)
    ny, wa, ca = registry.select("NY,WA,CA")
    db = Database(settings.database_url)
    try:
        with db.session() as s:
            _status(s, "NY", now - timedelta(hours=100))
            _status(s, "CA", now - timedelta(hours=5))
            run = storage.start_run(s, "schedule", ["WA"])  # WA was first checked 80 h ago, never verified
            run.started_at = now - timedelta(hours=80)
        with db.session() as s:
            ids = health.check_staleness(s, None, [ny, wa, ca], settings, now)
            assert len(ids) == 2
            [stale_ny] = _staleness(s, "NY")
            assert (stale_ny.category, stale_ny.field, stale_ny.kind) == ("fetch", "staleness", "problem")
            assert stale_ny.summary.startswith(
                "Stale data: NY has not been verified successfully since 2026-11-16 02:00 UTC "
                "(100 h; the limit is 72 h)"
            )
            assert "moved-page: the page moved" in stale_ny.summary and stale_ny.alerted_at is None
            [stale_wa] = _staleness(s, "WA")
            assert "since never (80 h" in stale_wa.summary
            assert _staleness(s, "CA") == []
        with db.session() as s:  # still stale a day later: nothing new
            assert health.check_staleness(s, None, [ny, wa, ca], settings, now + timedelta(hours=24)) == []
        with db.session() as s:
            storage.status_for(s, "NY", "medical-assistant").last_verified_at = now + timedelta(hours=25)
        with db.session() as s:
            [recovered] = health.check_staleness(s, None, [ny, wa, ca], settings, now + timedelta(hours=26))
            change = s.get(Change, recovered)
            assert (change.jurisdiction, change.kind, change.field) == ("NY", "recovered", "staleness")
            assert change.summary.startswith("Recovered: NY was verified successfully again at 2026-11-21 07:00 UTC")
        with db.session() as s:
            assert health.check_staleness(s, None, [ny, wa, ca], settings, now + timedelta(hours=27)) == []
            assert (
                health.check_staleness(
                    s, None, [ny, wa, ca], settings.with_overrides(stale_after_hours=0), now + timedelta(days=30)
                )
                == []
            )
    finally:
        db.dispose()


def test_a_run_flags_a_stale_jurisdiction_once_and_its_recovery(settings):
    settings = settings.with_overrides(stale_after_hours=0.0003)  # about one second
    ny = registry.select("NY")
    good, moved = resolve_snapshot("2026-05-01"), resolve_snapshot("2026-11-01")
    assert {o.result for o in execute_run(settings, ny, good).outcomes} == {"baseline"}
    time.sleep(1.3)
    broken = execute_run(settings, ny, moved)  # the page moved: NY cannot be verified, and is now stale
    assert broken.outcomes[0].result == "fetch-problem"
    again = execute_run(settings, ny, moved)
    fixed = execute_run(settings, ny, good)
    assert fixed.outcomes[0].result == "unchanged"
    db = Database(settings.database_url)
    try:
        with db.session() as s:
            rows = [(c.run_id, c.kind) for c in _staleness(s, "NY")]
            assert rows == [(broken.run_id, "problem"), (fixed.run_id, "recovered")]
            assert again.run_id not in {r for r, _ in rows}
            assert s.get(Run, broken.run_id).alerts_sent >= 1
    finally:
        db.dispose()
    alerted = [
        json.loads(line) for line in (settings.output_dir / "alerts.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert [a["kind"] for a in alerted if a["field"] == "staleness"] == ["problem", "recovered"]
