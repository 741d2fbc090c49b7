"""The run lock: per jurisdiction, across processes (file locks on SQLite, advisory locks on PostgreSQL)."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time

from tests.conftest import REPO
from tracker import registry, runlock, storage
from tracker.db import Database
from tracker.models import Fetch, Run
from tracker.pipeline import execute_run

HOLDER = """
import sys, time
from pathlib import Path
from tracker.db import Database
from tracker.runlock import run_lock
db = Database(sys.argv[1])
with run_lock(db, sys.argv[2].split(","), "skip", 0, fallback_dir=Path(sys.argv[3])) as lock:
    print("locked" if lock.acquired else "busy", flush=True)
    time.sleep(120)
"""


def _lock(settings, db, codes, on_overlap="skip", wait_minutes=0.0, said=None, poll=0.05):
    return runlock.run_lock(
        db, codes, on_overlap, wait_minutes, said.append if said is not None else None, settings.data_dir, poll=poll
    )


def test_overlapping_runs_skip_or_wait_and_say_which(settings):
    db = Database(settings.database_url)
    with db.session() as s:
        holder = storage.start_run(s, "schedule", ["WA", "CA"]).id
    try:
        with _lock(settings, db, ["WA", "CA"]) as first:
            assert first.acquired
            with _lock(settings, db, ["CA", "NY"]) as second:
                assert not second.acquired
                assert second.message.startswith(f"Skipped: CA is being checked by run {holder} (schedule, started ")
                assert "on_overlap is 'skip'" in second.message
            with _lock(settings, db, ["NY", "TX"]) as disjoint:
                assert disjoint.acquired  # no shared jurisdiction: runs in parallel
            said: list[str] = []
            with _lock(settings, db, ["CA"], "wait", wait_minutes=0.002, said=said) as gave_up:
                assert not gave_up.acquired and "gave up after waiting 0.002 min for CA" in gave_up.message
            assert said and said[0].startswith(f"Waiting: CA is being checked by run {holder}")

        # the first run releases after a moment: the waiting one then gets every lock
        said = []
        released = threading.Event()

        def hold_then_release():
            with _lock(settings, db, ["WA", "CA"]) as held:
                assert held.acquired
                released.wait(0.05)
                time.sleep(0.4)

        holder_thread = threading.Thread(target=hold_then_release)
        holder_thread.start()
        time.sleep(0.15)
        started = time.monotonic()
        with _lock(settings, db, ["NY", "CA"], "wait", wait_minutes=1, said=said) as waited:
            assert waited.acquired and time.monotonic() - started >= 0.1
        holder_thread.join()
        assert said[0].startswith("Waiting: CA is being checked by") and "on_overlap is 'wait'" in said[0]
        assert said[-1].startswith("Lock acquired after waiting")
    finally:
        db.dispose()


def test_a_killed_holder_releases_its_locks(settings):
    """Another process holds WA; killing it with SIGKILL frees the lock (the OS or the server drops it)."""
    db = Database(settings.database_url)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, settings.database_url, "WA,CA", str(settings.data_dir)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        with _lock(settings, db, ["WA"]) as busy:
            assert not busy.acquired
        holder.send_signal(signal.SIGKILL)
        holder.wait(10)
        with _lock(settings, db, ["WA"], "wait", wait_minutes=0.2) as free:
            assert free.acquired
    finally:
        if holder.poll() is None:
            holder.kill()
        db.dispose()


def test_a_run_finding_its_states_busy_is_skipped_and_recorded(settings):
    db = Database(settings.database_url)
    try:
        said: list[str] = []
        with _lock(settings, db, ["NY"]) as held:
            assert held.acquired
            summary = execute_run(
                settings, registry.select("WA,NY"), trigger="cron", db=db, on_overlap="skip", notify=said.append
            )
        assert summary.status == "skipped" and summary.exit_code() == 0 and summary.outcomes == []
        assert said == [summary.error] and summary.error.startswith("Skipped: NY is being checked by")
        with db.session() as s:
            run = s.get(Run, summary.run_id)
            assert (run.status, run.trigger, run.jurisdictions) == ("skipped", "cron", ["WA", "NY"])
            assert run.error == summary.error and run.finished_at is not None
            assert s.query(Fetch).count() == 0  # nothing was crawled
    finally:
        db.dispose()


def test_runs_left_running_by_a_dead_process_are_marked_interrupted_on_any_host(settings):
    db = Database(settings.database_url)
    try:
        with db.session() as s:
            dead = storage.start_run(s, "schedule", ["WA", "CA"])
            dead.host, dead.pid = "another-host", 1
            other = storage.start_run(s, "manual", ["NY"]).id
            crawl_only = storage.start_run(s, "scrapy", ["WA"]).id
            dead = dead.id
        with _lock(settings, db, ["CA"]) as held, db.session() as s:
            assert held.acquired
            assert runlock.mark_abandoned(s, ["CA"]) == [dead]
        with db.session() as s:
            run = s.get(Run, dead)
            assert run.status == "interrupted" and "ended without finishing" in run.error
            assert s.get(Run, other).status == "running" and s.get(Run, crawl_only).status == "running"
    finally:
        db.dispose()


def test_lock_keys_are_per_schema_and_jurisdiction():
    keys = {runlock.advisory_key(schema, code) for schema in ("public", "t_1") for code in ("WA", "CA")}
    assert len(keys) == 4 and all(-(2**63) <= k < 2**63 for k in keys)
    assert runlock.advisory_key("public", "WA") == runlock.advisory_key("public", "WA")


def test_sqlite_locks_live_next_to_the_database_file(sqlite_settings):
    db = Database(sqlite_settings.database_url)
    try:
        directory = runlock.lock_directory(db, sqlite_settings.data_dir)
        assert directory == (sqlite_settings.data_dir / "licensure.db.locks").resolve()
        with runlock.run_lock(db, ["WA"], fallback_dir=sqlite_settings.data_dir) as held:
            assert held.acquired and (directory / "WA.lock").is_file()
    finally:
        db.dispose()
