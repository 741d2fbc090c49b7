"""Unattended operation for real: runs in separate processes, killed, stopped and overlapped, on SQLite
and PostgreSQL, against the bundled snapshots (served slowly by tests/slow_cli.py so a test can act mid-run).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from tests.conftest import REPO
from tracker import registry, storage
from tracker.cli import cli
from tracker.db import Database
from tracker.jobfile import load_jobs
from tracker.jobstore import claim_due_jobs, stored_jobs
from tracker.models import Change, Fetch, RecordVersion, Run
from tracker.pipeline import execute_run
from tracker.runlock import run_lock
from tracker.snapshots import resolve_snapshot

STATES = registry.select("WA,CA,NY")
HARNESS = REPO / "tests" / "slow_cli.py"


pytestmark = pytest.mark.usefixtures("wide_console")


def spawn(settings, tmp_path: Path, name: str, *args: str, env: dict | None = None, delay: float = 0.4):
    """`licensure ARGS` in its own process (slow snapshot server); output goes to tmp_path/name.log."""
    log = open(tmp_path / f"{name}.log", "w", encoding="utf-8")  # noqa: SIM115 - closed by the caller's wait
    child_env = {
        **os.environ,
        "LICENSURE_DATABASE_URL": settings.database_url,
        "LICENSURE_DATA_DIR": str(settings.data_dir),
        "LICENSURE_TEST_PAGE_DELAY": str(delay),
        "COLUMNS": "200",
        **(env or {}),
    }
    proc = subprocess.Popen(
        [sys.executable, str(HARNESS), *args],
        env=child_env,
        cwd=tmp_path,
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )
    proc.log_path = tmp_path / f"{name}.log"  # type: ignore[attr-defined]
    return proc


def output(proc) -> str:
    return proc.log_path.read_text(encoding="utf-8")


def wait_until(check: Callable[[], object], timeout: float = 60.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def run_with_fetches(db: Database, after: int, minimum: int = 1, trigger: str | None = None) -> int | None:
    """The id of a running run newer than `after` that has stored at least `minimum` pages."""
    with db.session() as s:
        query = select(Run.id).where(Run.id > after, Run.status == "running")
        if trigger:
            query = query.where(Run.trigger == trigger)
        for run_id in s.scalars(query).all():
            if s.scalar(select(func.count()).select_from(Fetch).where(Fetch.run_id == run_id)) >= minimum:
                return run_id
    return None


def fetch_count(db: Database, run_id: int) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Fetch).where(Fetch.run_id == run_id))


def good_state(db: Database) -> dict:
    """Everything a killed or stopped run must not touch."""
    with db.session() as s:
        return {
            "current": {
                j.code: (v.id, v.record)
                for j in STATES
                if (v := storage.current_version(s, j.code, j.profession)) is not None
            },
            "versions": s.scalar(select(func.count()).select_from(RecordVersion)),
            "changes": s.scalar(select(func.count()).select_from(Change)),
            "health": {st.jurisdiction: (st.health, st.last_verified_at) for st in storage.all_statuses(s)},
        }


def test_sigkill_midway_keeps_the_previous_good_state_and_the_next_run_completes(settings, tmp_path):
    first = execute_run(settings, STATES, resolve_snapshot("2026-05-01"))
    assert first.status == "succeeded"
    db = Database(settings.database_url)
    try:
        before = good_state(db)
        assert set(before["current"]) == {"WA", "CA", "NY"}

        proc = spawn(settings, tmp_path, "killed", "run", "--snapshot", "2026-11-01", "--states", "WA,CA,NY")
        killed = wait_until(lambda: run_with_fetches(db, first.run_id, 2), what="the run to store some pages")
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(10) == -signal.SIGKILL

        # the crawl subprocess died with its run (it stores nothing more) and the lock was released
        stored = fetch_count(db, killed)
        time.sleep(1.5)
        assert fetch_count(db, killed) == stored
        assert 2 <= stored < 9
        with run_lock(db, ["WA", "CA", "NY"], "skip", 0, fallback_dir=settings.data_dir) as lock:
            assert lock.acquired

        # the previous good state is intact: same current records, no new version, no new change
        assert good_state(db) == before
        with db.session() as s:
            assert s.get(Run, killed).status == "running"  # nobody has looked yet

        after = execute_run(settings, STATES, resolve_snapshot("2026-11-01"))
        assert after.status == "succeeded"
        assert {o.code: o.result for o in after.outcomes} == {"WA": "changed", "CA": "unchanged", "NY": "fetch-problem"}
        with db.session() as s:
            run = s.get(Run, killed)
            assert run.status == "interrupted" and "ended without finishing" in run.error
            assert storage.current_version(s, "NY", "medical-assistant").id == before["current"]["NY"][0]
            assert s.scalar(select(func.count()).select_from(RecordVersion).where(RecordVersion.run_id == killed)) == 0
    finally:
        db.dispose()


HOURLY = """
[jobs.hourly]
jurisdictions = ["WA", "CA", "NY"]
cron = "0 * * * *"
timezone = "UTC"
channels = ["json"]
"""


def test_the_daemon_stops_cleanly_on_sigterm_in_the_middle_of_a_run(settings, tmp_path):
    first = execute_run(settings, STATES, resolve_snapshot("2026-05-01"))
    db = Database(settings.database_url)
    try:
        before = good_state(db)
        jobs_path = tmp_path / "jobs.toml"
        jobs_path.write_text(HOURLY, encoding="utf-8")
        jobs = load_jobs(settings, jobs_path)
        # the daemon was last up two hours ago: the job store holds a fire time that has passed
        claim_due_jobs(db, jobs, datetime.now(UTC) - timedelta(hours=2))

        daemon = spawn(
            settings, tmp_path, "daemon", "schedule", "--jobs-file", str(jobs_path), "--snapshot", "2026-11-01"
        )
        run_id = wait_until(
            lambda: run_with_fetches(db, first.run_id, 1, trigger="schedule"), what="the scheduled run to store a page"
        )
        daemon.send_signal(signal.SIGTERM)
        assert daemon.wait(90) == 0, output(daemon)
        log = output(daemon)
        assert "SIGTERM received: no new run will start; 1 run(s) in progress are asked to stop" in log
        assert "job hourly: run interrupted (exit code 130)" in log and "scheduler stopped" in log

        with db.session() as s:
            run = s.get(Run, run_id)
            assert (run.trigger, run.status) == ("schedule", "interrupted")
            assert run.error.startswith("stopped by SIGTERM")
            assert s.scalar(select(func.count()).select_from(RecordVersion).where(RecordVersion.run_id == run_id)) == 0
            assert s.scalar(select(func.count()).select_from(Change).where(Change.run_id == run_id)) == 0
        assert good_state(db) == before  # never half-written
        stored = fetch_count(db, run_id)
        time.sleep(1.0)
        assert fetch_count(db, run_id) == stored  # its crawl is gone too

        [job] = stored_jobs(db).values()  # the job and its (advanced) next run time survive the restart
        assert job.id == "hourly" and job.next_run_time > datetime.now(UTC)

        after = execute_run(settings, STATES, resolve_snapshot("2026-11-01"))
        assert after.status == "succeeded" and {o.code: o.result for o in after.outcomes}["WA"] == "changed"
    finally:
        db.dispose()


def test_two_processes_over_shared_states_never_interleave(settings, tmp_path):
    db = Database(settings.database_url)
    gate = tmp_path / "gate"
    gate.touch()  # run A's pages are held back until the other two have met its lock
    try:
        a = spawn(
            settings,
            tmp_path,
            "a",
            "run",
            "--snapshot",
            "2026-05-01",
            "--states",
            "WA,CA",
            env={"LICENSURE_TEST_GATE": str(gate)},
        )
        a_id = wait_until(lambda: run_with_fetches(db, 0, 0), what="run A to start")
        b = spawn(
            settings,
            tmp_path,
            "b",
            "run",
            "--snapshot",
            "2026-05-01",
            "--states",
            "CA,NY",
            env={"LICENSURE_ON_OVERLAP": "wait"},
        )
        wait_until(lambda: "Waiting:" in output(b), what="run B to wait")
        c = spawn(
            settings,
            tmp_path,
            "c",
            "run",
            "--snapshot",
            "2026-05-01",
            "--states",
            "NY,CA",
            env={"LICENSURE_ON_OVERLAP": "skip"},
        )
        assert c.wait(60) == 0, output(c)
        gate.unlink()
        assert a.wait(90) == 0, output(a)
        assert b.wait(90) == 0, output(b)
        said_b, said_c = output(b).replace("\n", " "), output(c).replace("\n", " ")
        assert f"Waiting: CA is being checked by run {a_id} (manual, started " in said_b
        assert "on_overlap is 'wait'" in said_b and "Lock acquired after waiting" in said_b
        assert "Skipped: " in said_c and f"being checked by run {a_id} (manual, started " in said_c
        assert "on_overlap is 'skip', so this run does not start" in said_c

        with db.session() as s:
            runs = {tuple(r.jurisdictions): r for r in s.scalars(select(Run)).all()}
            ra, rb, rc = runs[("WA", "CA")], runs[("CA", "NY")], runs[("NY", "CA")]
            assert (ra.id, ra.status, rb.status, rc.status) == (a_id, "succeeded", "succeeded", "skipped")
            assert ra.finished_at <= rb.started_at  # one after the other, never interleaved
            b_fetches = s.scalars(select(Fetch).where(Fetch.run_id == rb.id)).all()
            assert b_fetches and rb.started_at >= ra.finished_at  # its pages are dated by the snapshot, not the clock
            assert s.scalars(select(Fetch).where(Fetch.run_id == rc.id)).all() == []
            assert rc.error.startswith("Skipped: ")
    finally:
        gate.unlink(missing_ok=True)
        db.dispose()


MORNING = """
[jobs.morning]
jurisdictions = ["WA", "NY"]
cron = "0 * * * *"
timezone = "America/Chicago"
channels = ["json"]
"""


def test_run_due_runs_each_due_job_once_and_records_the_history(settings, tmp_path):
    jobs_path = tmp_path / "jobs.toml"
    jobs_path.write_text(MORNING, encoding="utf-8")
    db = Database(settings.database_url)
    claim_due_jobs(db, load_jobs(settings, jobs_path), datetime.now(UTC) - timedelta(days=3))  # cron was off for days
    db.dispose()
    env = {
        "LICENSURE_DATABASE_URL": settings.database_url,
        "LICENSURE_DATA_DIR": str(settings.data_dir),
        "LICENSURE_JOBS_FILE": str(jobs_path),
        "COLUMNS": "200",
    }
    runner = CliRunner()
    due = runner.invoke(cli, ["run", "--due", "--snapshot", "2026-11-01"], env=env, catch_exceptions=False)
    assert due.exit_code == 0, due.output
    assert "Job morning: checking 2 jurisdiction(s) on snapshot 2026-11-01 (cron)" in due.output
    assert "licensure-tracker:" not in due.output  # the job's only channel is the JSON file, not the console
    again = runner.invoke(cli, ["run", "--due", "--snapshot", "2026-11-01"], env=env, catch_exceptions=False)
    assert again.exit_code == 0 and "No job is due. Next: morning at " in again.output

    [row] = json.loads(runner.invoke(cli, ["runs", "--json"], env=env, catch_exceptions=False).output)
    assert (row["trigger"], row["status"], row["jurisdictions"]) == ("cron", "succeeded", ["WA", "NY"])
    assert row["pages_fetched"] > 0 and row["pages_failed"] >= 1 and row["records_changed"] == 1
    assert row["alerts_sent"] >= 1 and row["duration_seconds"] > 0
    alerts = [json.loads(line) for line in (settings.output_dir / "alerts.jsonl").read_text().splitlines()]
    assert {a["jurisdiction"] for a in alerts} == {"NY"}

    detail = json.loads(
        runner.invoke(cli, ["runs", "show", str(row["id"]), "--json"], env=env, catch_exceptions=False).output
    )
    [moved] = [f for f in detail["failed_sources"] if f["jurisdiction"] == "NY"]
    assert "moved" in moved["reason"] and moved["url"].startswith("https://")
    assert detail["records_written"] == [{"jurisdiction": "WA", "version": 1}]
    assert detail["crawl_log"] and Path(detail["crawl_log"]).is_file()
    text = runner.invoke(cli, ["runs", "show", str(row["id"])], env=env, catch_exceptions=False).output
    assert "failed source" in text and "moved" in text
    table = runner.invoke(cli, ["runs"], env=env, catch_exceptions=False).output
    assert "cron" in table and "succeeded" in table and "WA,NY" in table
    missing = runner.invoke(cli, ["runs", "show", "999"], env=env)
    assert missing.exit_code == 1 and "There is no run 999" in missing.output
