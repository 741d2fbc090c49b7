"""Crashes: runs killed with SIGKILL at every step, a database connection cut mid-run, a cache entry cut mid-write.

The kill points are the test hook `tracker.shutdown.kill_point` ($LICENSURE_TEST_KILL_AT): the real
`licensure run` process kills itself with SIGKILL at a named point, so the test knows exactly what it
interrupted. After each kill the database must be consistent (no half-written record version, no change
without its version, nothing settled twice); after the restart, the killed runs are marked interrupted,
no change is lost and no change is alerted twice on any channel.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from tests.conftest import PG_URL, REPO
from tests.tracking import Webhook
from tracker import registry, runlock, storage
from tracker.db import Database, DatabaseError
from tracker.models import AlertDelivery, AlertDeliveryItem, Change, JurisdictionStatus, RecordVersion, Run
from tracker.pipeline import execute_run
from tracker.snapshots import resolve_snapshot

STATES = registry.select("WA,CA,NY")
CODES = "WA,CA,NY"


def killed_run(settings, tmp_path: Path, point: str, hook_url: str) -> int:
    """`licensure run` on the newer snapshot in its own process, killed by itself at `point`; returns its run id."""
    env = {
        **os.environ,
        "LICENSURE_DATABASE_URL": settings.database_url,
        "LICENSURE_DATA_DIR": str(settings.data_dir),
        "LICENSURE_ALERT_URLS": hook_url,
        "LICENSURE_TEST_KILL_AT": point,
        "COLUMNS": "200",
        "PYTHONPATH": str(REPO),
    }
    log = tmp_path / f"killed-{point.replace(':', '-')}.log"
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.run(
            [sys.executable, "-m", "tracker", "run", "--snapshot", "2026-11-01", "--states", CODES],
            env=env,
            cwd=tmp_path,
            stdout=out,
            stderr=subprocess.STDOUT,
            timeout=300,
        )
    said = log.read_text(encoding="utf-8")
    assert proc.returncode == -signal.SIGKILL, said
    assert f"LICENSURE_TEST_KILL_AT={point}: killing this process" in said
    db = Database(settings.database_url)
    try:
        with db.session() as s:
            return s.scalar(select(func.max(Run.id)))
    finally:
        db.dispose()


def assert_consistent(db: Database) -> None:
    """What must hold after any crash: whole record versions, changes tied to them, nothing twice."""
    with db.session() as s:
        versions = s.scalars(select(RecordVersion).order_by(RecordVersion.id)).all()
        by_state: dict[str, list[RecordVersion]] = {}
        for v in versions:
            by_state.setdefault(v.jurisdiction, []).append(v)
        for code, vs in by_state.items():
            assert [v.version for v in vs] == list(range(1, len(vs) + 1)), f"{code}: versions have a gap"
            status = s.get(JurisdictionStatus, (code, "medical-assistant"))
            assert status is not None and status.current_version_id == vs[-1].id, f"{code}: current is not the newest"
            assert all(v.record and v.record["jurisdiction"]["code"] == code and v.values_hash for v in vs)
        ids = {v.id for v in versions}
        changes = s.scalars(select(Change)).all()
        for c in changes:
            assert c.to_version_id is None or c.to_version_id in ids
            assert c.run_id is None or s.get(Run, c.run_id) is not None
        field_changes = [
            (c.jurisdiction, c.field, c.kind, json.dumps(c.old_value), json.dumps(c.new_value))
            for c in changes
            if c.category in ("requirement", "administrative", "text")
        ]
        assert not [k for k, n in Counter(field_changes).items() if n > 1], "a change was recorded twice"
        problems = [
            (c.jurisdiction, c.field, c.kind, c.supersedes_id) for c in changes if c.category in ("fetch", "extraction")
        ]
        assert not [k for k, n in Counter(problems).items() if n > 1], "a problem was recorded twice"
        rows = s.execute(
            select(AlertDelivery.channel_key, AlertDeliveryItem.change_id)
            .join(AlertDeliveryItem, AlertDeliveryItem.delivery_id == AlertDelivery.id)
            .where(AlertDelivery.status == "sent")
        ).all()
        assert not [k for k, n in Counter(rows).items() if n > 1], "a change was delivered twice on one channel"


def _of_run(db: Database, run_id: int) -> dict:
    with db.session() as s:
        return {
            "status": s.get(Run, run_id).status,
            "versions": sorted(
                s.scalars(select(RecordVersion.jurisdiction).where(RecordVersion.run_id == run_id)).all()
            ),
            "changes": s.scalars(select(Change).where(Change.run_id == run_id)).all(),
            "deliveries": s.scalars(select(AlertDelivery).where(AlertDelivery.run_id == run_id)).all(),
        }


def _alerted_ids(settings) -> list[int]:
    path = settings.output_dir / "alerts.jsonl"
    return [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def test_a_run_killed_at_every_step_in_turn_loses_no_change_and_alerts_none_twice(settings, tmp_path):
    with Webhook() as hook:
        settings = settings.with_overrides(alert_urls=(hook.url(),))
        first = execute_run(settings, STATES, resolve_snapshot("2026-05-01"))
        assert {o.result for o in first.outcomes} == {"baseline"}
        db = Database(settings.database_url)
        try:
            with db.session() as s:
                baseline_versions = {
                    c: storage.current_version(s, c, "medical-assistant").id for c in ("WA", "CA", "NY")
                }

            # killed while crawling: some pages stored, nothing settled
            run = killed_run(settings, tmp_path, "crawl", hook.url())
            assert_consistent(db)
            got = _of_run(db, run)
            assert (got["status"], got["versions"], got["changes"]) == ("running", [], [])

            # killed between normalizing Washington and storing it: its transaction never happened
            run = killed_run(settings, tmp_path, "settle:WA", hook.url())
            assert_consistent(db)
            got = _of_run(db, run)
            assert (got["versions"], got["changes"]) == ([], [])
            with db.session() as s:
                assert storage.current_version(s, "WA", "medical-assistant").id == baseline_versions["WA"]
                assert s.get(Run, run - 1).status == "interrupted"  # found by this run, which took its locks

            # killed after Washington was settled, before California: WA is whole (version and changes)
            run = killed_run(settings, tmp_path, "settled:WA", hook.url())
            assert_consistent(db)
            got = _of_run(db, run)
            assert got["versions"] == ["WA"]
            wa_change = [c for c in got["changes"] if c.field == "education.min_clock_hours"]
            assert [(c.old_value, c.new_value, c.direction) for c in wa_change] == [(600, 720, "tightened")]
            assert all(c.alerted_at is None for c in got["changes"])  # recorded, not yet alerted: not lost

            # killed during alert delivery: the console and the JSON file took the digest, the webhook not yet
            run = killed_run(settings, tmp_path, "alerts:json", hook.url())
            assert_consistent(db)
            got = _of_run(db, run)
            assert {d.channel.split(" ")[0] for d in got["deliveries"]} == {"console", "JSON"}
            assert hook.posts == []
            json_ids = _alerted_ids(settings)
            assert wa_change[0].id in json_ids and len(json_ids) == len(set(json_ids))
            ny_problem = [c for c in got["changes"] if c.jurisdiction == "NY" and c.category == "fetch"]
            assert len(ny_problem) == 1 and ny_problem[0].id in json_ids

            # killed after every channel took it, before the report and the run's end: alerted exactly once
            run = killed_run(settings, tmp_path, "report", hook.url())
            assert_consistent(db)
            got = _of_run(db, run)
            assert [d.channel_key.split(":")[0] for d in got["deliveries"]] == ["apprise"]
            assert len(hook.posts) == 1 and "600" in json.dumps(hook.posts[0]["json"])
            assert _alerted_ids(settings) == json_ids  # the JSON file did not get them again

            # the restart: completes, marks every killed run interrupted, finds nothing new, sends nothing again
            last = execute_run(settings, STATES, resolve_snapshot("2026-11-01"))
            assert last.status == "succeeded"
            assert {o.code: o.result for o in last.outcomes} == {
                "WA": "unchanged",
                "CA": "unchanged",
                "NY": "fetch-problem",
            }
            assert_consistent(db)
            assert len(hook.posts) == 1 and _alerted_ids(settings) == json_ids
            with db.session() as s:
                statuses = [r.status for r in s.scalars(select(Run).order_by(Run.id)).all()]
                assert statuses == ["succeeded"] + ["interrupted"] * 5 + ["succeeded"]
                assert (
                    s.scalar(
                        select(func.count())
                        .select_from(Change)
                        .where(Change.alerted_at.is_(None), Change.audience != "none")
                    )
                    == 0
                )
                assert s.scalar(select(func.count()).select_from(Change).where(Change.run_id == last.run_id)) == 0
                wa = storage.current_version(s, "WA", "medical-assistant")
                assert wa.version == 2 and wa.record["education"]["min_clock_hours"]["value"] == 720
                assert storage.current_version(s, "NY", "medical-assistant").id == baseline_versions["NY"]
        finally:
            db.dispose()


def test_a_cache_entry_cut_off_mid_write_is_never_read_as_a_page(tmp_path):
    """A crawl killed while storing a page in the HTTP cache must leave the old entry or none, never new
    validators (ETag) next to an old or half-written body, which a later 304 would hand back as the page."""
    from scrapy.http import HtmlResponse, Request
    from scrapy.settings import Settings as ScrapySettings
    from scrapy.utils.request import RequestFingerprinter

    from scrapers.middlewares import AtomicFilesystemCacheStorage

    storage_ = AtomicFilesystemCacheStorage(ScrapySettings({"HTTPCACHE_DIR": str(tmp_path / "cache")}))
    storage_._fingerprinter = RequestFingerprinter()  # what open_spider sets from the crawler

    class Spider:
        name = "wa"

    spider = Spider()
    request = Request("https://doh.wa.gov/ma")
    old = HtmlResponse(
        request.url, body=b"<p>old page, 600 clock hours</p>", headers={"ETag": '"old"'}, request=request
    )
    new = HtmlResponse(
        request.url, body=b"<p>new page, 720 clock hours</p>" * 50, headers={"ETag": '"new"'}, request=request
    )
    storage_.store_response(spider, request, old)

    real_open = storage_._open
    writes = []

    def dying_open(path, mode="rb", *args, **kwargs):
        if "w" in mode and Path(path).name == "response_body":
            writes.append(path)
            raise KeyboardInterrupt("killed while writing the body")
        return real_open(path, mode, *args, **kwargs)

    storage_._open = dying_open
    with pytest.raises(KeyboardInterrupt):
        storage_.store_response(spider, request, new)
    storage_._open = real_open
    assert writes  # it really was cut off after the new headers were written
    cached = storage_.retrieve_response(spider, request)
    assert cached is not None and cached.body == old.body and cached.headers.get("ETag") == b'"old"'

    storage_.store_response(spider, request, new)  # the next crawl stores it whole, and cleans up
    cached = storage_.retrieve_response(spider, request)
    assert cached.body == new.body and cached.headers.get("ETag") == b'"new"'
    leftovers = [p.name for p in Path(storage_._get_request_path(spider, request)).parent.iterdir()]
    assert len(leftovers) == 1


@pytest.mark.skipif(
    not PG_URL,
    reason="PostgreSQL variant skipped: set LICENSURE_TEST_POSTGRES_URL (CI uses "
    "postgresql+psycopg://postgres@127.0.0.1:5432/test)",
)
def test_a_postgresql_connection_cut_mid_run_fails_the_run_cleanly_and_commits_nothing_half(tmp_path, monkeypatch):
    """pg_terminate_backend, from a second connection, on the run's session and on its lock connection, while
    Washington's new version is being written: the run fails with one plain sentence and is marked failed;
    nothing of Washington's settlement is committed; the next run completes it."""
    import sqlalchemy as sa

    from tests.conftest import _pg_schema_url
    from tracker import pipeline
    from tracker.config import Settings

    schema_url = _pg_schema_url()
    url = next(schema_url)
    admin = sa.create_engine(PG_URL)
    settings = Settings(data_dir=tmp_path / "data", database_url=url)
    try:
        execute_run(settings, STATES, resolve_snapshot("2026-05-01"))
        db = Database(url)
        with db.session() as s:
            before = {c: storage.current_version(s, c, "medical-assistant").id for c in ("WA", "CA", "NY")}
            health_before = {h.jurisdiction: (h.health, h.last_verified_at) for h in storage.all_statuses(s)}

        lock_pids: list[int] = []
        real_locks_init = runlock._PostgresLocks.__init__

        def recording_init(self, engine):
            real_locks_init(self, engine)
            lock_pids.append(self.conn.execute(text("SELECT pg_backend_pid()")).scalar())

        monkeypatch.setattr(runlock._PostgresLocks, "__init__", recording_init)
        real_append = storage.append_version
        cut: list[int] = []

        def append_then_cut(session, run_id, code, *args, **kwargs):
            if code == "WA" and not cut:
                pid = session.execute(text("SELECT pg_backend_pid()")).scalar()
                with admin.begin() as conn:
                    for victim in (pid, *lock_pids):
                        conn.execute(text("SELECT pg_terminate_backend(:p)"), {"p": victim})
                cut.append(pid)
            return real_append(session, run_id, code, *args, **kwargs)

        monkeypatch.setattr(pipeline.storage, "append_version", append_then_cut)
        with pytest.raises(DatabaseError) as failed:
            execute_run(settings, STATES, resolve_snapshot("2026-11-01"))
        message = str(failed.value)
        assert cut and "connection to the database was lost" in message and "run it again" in message
        monkeypatch.setattr(pipeline.storage, "append_version", real_append)

        with db.session() as s:
            run = s.scalars(select(Run).order_by(Run.id.desc())).first()
            assert run.status == "failed" and "connection to the database was lost" in run.error
            assert s.scalar(select(func.count()).select_from(RecordVersion).where(RecordVersion.run_id == run.id)) == 0
            assert s.scalar(select(func.count()).select_from(Change).where(Change.run_id == run.id)) == 0
            assert {c: storage.current_version(s, c, "medical-assistant").id for c in ("WA", "CA", "NY")} == before
            assert {h.jurisdiction: (h.health, h.last_verified_at) for h in storage.all_statuses(s)} == health_before
        assert_consistent(db)

        again = execute_run(settings, STATES, resolve_snapshot("2026-11-01"))
        assert again.status == "succeeded"
        assert {o.code: o.result for o in again.outcomes} == {"WA": "changed", "CA": "unchanged", "NY": "fetch-problem"}
        assert_consistent(db)
        db.dispose()
    finally:
        admin.dispose()
        schema_url.close()
