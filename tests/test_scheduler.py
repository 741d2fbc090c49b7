"""The scheduler, driven by a controlled clock: the real APScheduler loop and job store, a fake run launcher.

APScheduler reads the time through `datetime.now` in its scheduler and
executor modules; both are pointed at a clock the test moves by hand, and the
loop is woken after each move. No test waits for a cron time.
"""

from __future__ import annotations

import itertools
import json
import signal
import subprocess
import threading
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import apscheduler.executors.base
import apscheduler.schedulers.base
import pytest
from apscheduler.events import EVENT_JOB_MAX_INSTANCES, EVENT_JOB_MISSED
from click.testing import CliRunner

from tracker import jobstore
from tracker import scheduler as sched
from tracker.cli import cli
from tracker.db import Database
from tracker.jobfile import load_jobs

pytestmark = pytest.mark.usefixtures("wide_console")


class Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    c = Clock(datetime(2026, 10, 30, 10, 0, tzinfo=UTC))  # a Friday; US daylight saving ends on Sunday Nov 1

    class FakeDatetime(datetime):
        @classmethod
        def now(cls, tz=None):
            return c.now.astimezone(tz) if tz else c.now.replace(tzinfo=None)

    monkeypatch.setattr(apscheduler.schedulers.base, "datetime", FakeDatetime)
    monkeypatch.setattr(apscheduler.executors.base, "datetime", FakeDatetime)
    return c


class FakeRun:
    pids = itertools.count(4_000_000)

    def __init__(self, name: str, code: int = 0, block: bool = False) -> None:
        self.name, self.code, self.pid = name, code, next(self.pids)
        self.done = threading.Event()
        self.signals: list[int] = []
        if not block:
            self.done.set()

    def wait(self, timeout=None):
        if not self.done.wait(timeout if timeout is not None else 30):
            raise subprocess.TimeoutExpired("fake run", timeout)
        return self.code

    def finish(self, code: int = 0) -> None:
        self.code = code
        self.done.set()

    def send_signal(self, sig: int) -> None:
        self.signals.append(sig)
        self.finish(130)

    def kill(self) -> None:
        self.finish(-9)


class Launcher:
    """Stands in for the run subprocess: records (job, clock time) for each run started."""

    def __init__(self, clock: Clock, block: bool = False, code: int = 0) -> None:
        self.clock, self.block, self.code = clock, block, code
        self.calls: list[tuple[str, datetime]] = []
        self.runs: list[FakeRun] = []

    def __call__(self, name: str) -> FakeRun:
        run = FakeRun(name, self.code, self.block)
        self.calls.append((name, self.clock.now))
        self.runs.append(run)
        return run

    def wait_for(self, count: int, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while len(self.calls) < count:
            assert time.monotonic() < deadline, f"expected {count} run(s), got {self.calls}"
            time.sleep(0.01)


def jobs_file(tmp_path: Path, text: str, name: str = "jobs.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


WEST_EAST = """
[jobs.west]
jurisdictions = ["WA"]
cron = "0 4 * * *"
timezone = "America/Los_Angeles"

[jobs.east]
jurisdictions = ["NY"]
cron = "30 5 * * 1-5"
timezone = "America/New_York"
"""


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@contextmanager
def daemon_running(settings, path: Path, launcher, clock):
    settings = settings.with_overrides(jobs_file=path)
    db = Database(settings.database_url)
    daemon = sched.Daemon(settings, load_jobs(settings), db, launcher=launcher, clock=clock, stop_timeout=5)
    daemon.prepare()
    thread = threading.Thread(target=daemon.serve, name="test-scheduler")
    thread.start()
    assert daemon.scheduler.wait_rounds(1)
    try:
        yield daemon
    finally:
        daemon.request_stop("SIGTERM")
        thread.join(15)
        assert not thread.is_alive(), "the scheduler did not stop"
        db.dispose()


def tick(daemon, clock: Clock, to: datetime) -> None:
    """Move the clock and let the scheduler loop process the jobs once."""
    clock.now = to
    rounds = daemon.scheduler.rounds
    daemon.scheduler.wakeup()
    assert daemon.scheduler.wait_rounds(rounds + 1)


def next_runs(settings) -> dict[str, datetime]:
    db = Database(settings.database_url)
    try:
        return {name: job.next_run_time.astimezone(UTC) for name, job in jobstore.stored_jobs(db).items()}
    finally:
        db.dispose()


def test_jobs_fire_at_their_cron_times_in_their_time_zone(settings, tmp_path, clock):
    launcher = Launcher(clock)
    with daemon_running(settings, jobs_file(tmp_path, WEST_EAST), launcher, clock) as daemon:
        # 04:00 Los Angeles (PDT, UTC-7) and 05:30 New York on weekdays (Friday 05:30 EDT has passed: Monday, EST)
        assert next_runs(settings) == {"west": utc(2026, 10, 30, 11), "east": utc(2026, 11, 2, 10, 30)}

        tick(daemon, clock, utc(2026, 10, 30, 10, 59, 59))
        assert launcher.calls == [] and next_runs(settings)["west"] == utc(2026, 10, 30, 11)

        tick(daemon, clock, utc(2026, 10, 30, 11, 0, 0))
        launcher.wait_for(1)
        assert next_runs(settings)["west"] == utc(2026, 10, 31, 11)

        tick(daemon, clock, utc(2026, 10, 31, 11, 0, 1))
        launcher.wait_for(2)
        # daylight saving ends on Nov 1: 04:00 Los Angeles is now 12:00 UTC
        assert next_runs(settings)["west"] == utc(2026, 11, 1, 12)
        tick(daemon, clock, utc(2026, 11, 1, 11, 0, 1))
        assert len(launcher.calls) == 2
        tick(daemon, clock, utc(2026, 11, 1, 12, 0, 0))
        launcher.wait_for(3)
        tick(daemon, clock, utc(2026, 11, 2, 10, 30, 0))  # Monday 05:30 EST
        launcher.wait_for(4)
        tick(daemon, clock, utc(2026, 11, 2, 12, 0, 0))
        launcher.wait_for(5)
    assert launcher.calls == [
        ("west", utc(2026, 10, 30, 11)),
        ("west", utc(2026, 10, 31, 11, 0, 1)),
        ("west", utc(2026, 11, 1, 12)),
        ("east", utc(2026, 11, 2, 10, 30)),
        ("west", utc(2026, 11, 2, 12)),
    ]
    assert next_runs(settings) == {"west": utc(2026, 11, 3, 12), "east": utc(2026, 11, 3, 10, 30)}


def test_next_run_times_survive_a_restart_and_a_missed_run_happens_once(settings, tmp_path, clock):
    path = jobs_file(tmp_path, WEST_EAST)
    launcher = Launcher(clock)
    with daemon_running(settings, path, launcher, clock):
        pass  # stopped at 10:00, an hour before west's 11:00 run
    assert next_runs(settings)["west"] == utc(2026, 10, 30, 11)

    clock.now = utc(2026, 10, 30, 10, 30)  # restarted before the run: the stored time is kept, nothing runs
    with daemon_running(settings, path, launcher, clock) as daemon:
        assert daemon.prepare() == {"west": "kept", "east": "kept"}
        assert launcher.calls == []
    assert next_runs(settings)["west"] == utc(2026, 10, 30, 11)

    # down from 10:30 Friday to 13:00 Sunday: three fire times passed; the latest is 1 h late, within the
    # 12 h grace, so the job runs once on start (coalesced), then waits for its next time
    clock.now = utc(2026, 11, 1, 13)
    with daemon_running(settings, path, launcher, clock):
        launcher.wait_for(1)
        time.sleep(0.2)
    assert launcher.calls == [("west", utc(2026, 11, 1, 13))]
    assert next_runs(settings)["west"] == utc(2026, 11, 2, 12)


def test_a_run_missed_by_more_than_the_grace_time_is_skipped(settings, tmp_path, clock):
    path = jobs_file(
        tmp_path,
        WEST_EAST.replace(
            'timezone = "America/Los_Angeles"', 'timezone = "America/Los_Angeles"\nmisfire_grace_minutes = 60'
        ),
    )
    launcher = Launcher(clock)
    with daemon_running(settings, path, launcher, clock):
        pass
    clock.now = utc(2026, 10, 30, 13, 30)  # 2 h 30 min after 11:00
    missed = threading.Event()
    with daemon_running(settings, path, launcher, clock) as daemon:
        daemon.scheduler.add_listener(lambda event: missed.set(), EVENT_JOB_MISSED)
        tick(daemon, clock, clock.now)
        assert missed.wait(5) or launcher.calls == []
    assert launcher.calls == []
    assert next_runs(settings)["west"] == utc(2026, 10, 31, 11)


def test_changed_jobs_are_rescheduled_and_removed_jobs_unscheduled(settings, tmp_path, clock):
    launcher = Launcher(clock)
    with daemon_running(settings, jobs_file(tmp_path, WEST_EAST), launcher, clock):
        pass
    changed = WEST_EAST.replace('cron = "0 4 * * *"', 'cron = "0 5 * * *"').replace("[jobs.east]", "[jobs.north]")
    with daemon_running(settings, jobs_file(tmp_path, changed, "jobs2.toml"), launcher, clock) as daemon:
        assert daemon.prepare() == {"west": "kept", "north": "kept"}  # the second prepare finds them in place
    assert set(next_runs(settings)) == {"west", "north"}
    assert next_runs(settings)["west"] == utc(2026, 10, 30, 12)  # 05:00 PDT


def test_first_prepare_reports_what_it_did(settings, tmp_path, clock):
    settings = settings.with_overrides(jobs_file=jobs_file(tmp_path, WEST_EAST))
    db = Database(settings.database_url)
    daemon = sched.Daemon(settings, load_jobs(settings), db, launcher=Launcher(clock), clock=clock)
    assert daemon.prepare() == {"west": "added", "east": "added"}
    changed = settings.with_overrides(
        jobs_file=jobs_file(
            tmp_path, WEST_EAST.replace("0 4 * * *", "0 5 * * *").replace("[jobs.east]", "[jobs.north]"), "b.toml"
        )
    )
    daemon = sched.Daemon(changed, load_jobs(changed), db, launcher=Launcher(clock), clock=clock)
    assert daemon.prepare() == {"west": "rescheduled", "north": "added", "east": "removed"}
    db.dispose()


EVERY_TEN = """
[jobs.often]
jurisdictions = ["WA", "CA"]
cron = "*/10 * * * *"
timezone = "UTC"
"""


def test_a_job_never_overlaps_itself_and_a_failed_run_is_not_retried_at_once(settings, tmp_path, clock):
    clock.now = utc(2026, 10, 30, 10, 1)
    launcher = Launcher(clock, block=True)
    busy = threading.Event()
    with daemon_running(settings, jobs_file(tmp_path, EVERY_TEN), launcher, clock) as daemon:
        daemon.scheduler.add_listener(lambda event: busy.set(), EVENT_JOB_MAX_INSTANCES)
        tick(daemon, clock, utc(2026, 10, 30, 10, 10))
        launcher.wait_for(1)
        tick(daemon, clock, utc(2026, 10, 30, 10, 20))  # the 10:10 run is still going: 10:20 is skipped
        assert busy.wait(5)
        assert len(launcher.calls) == 1
        launcher.runs[0].finish(3)  # the run failed (exit 3)
        tick(daemon, clock, utc(2026, 10, 30, 10, 25))  # nothing is due: no retry of the failed run
        time.sleep(0.3)
        assert len(launcher.calls) == 1
        tick(daemon, clock, utc(2026, 10, 30, 10, 30))  # the next cron time tries again
        launcher.wait_for(2)
        launcher.runs[1].finish(0)
    assert [t for _, t in launcher.calls] == [utc(2026, 10, 30, 10, 10), utc(2026, 10, 30, 10, 30)]


def test_stop_asks_the_running_run_to_stop_and_waits_for_it(settings, tmp_path, clock):
    clock.now = utc(2026, 10, 30, 10, 1)
    launcher = Launcher(clock, block=True)
    with daemon_running(settings, jobs_file(tmp_path, EVERY_TEN), launcher, clock) as daemon:
        tick(daemon, clock, utc(2026, 10, 30, 10, 10))
        launcher.wait_for(1)
        run = launcher.runs[0]
        assert not run.done.is_set()
    # leaving the block called request_stop("SIGTERM") and waited for serve() to return
    assert run.signals == [signal.SIGTERM] and run.done.is_set()
    assert daemon.stopping == "SIGTERM"
    assert daemon.run_job("often") is None  # nothing new starts once stopping
    assert len(launcher.calls) == 1


def test_run_due_claims_each_fire_time_once(settings, tmp_path):
    settings = settings.with_overrides(jobs_file=jobs_file(tmp_path, WEST_EAST))
    jobs = load_jobs(settings)
    db = Database(settings.database_url)
    try:
        first = jobstore.claim_due_jobs(db, jobs, utc(2026, 10, 30, 10))
        assert first.actions == {"west": "added", "east": "added"} and first.due == []
        assert dict(first.upcoming) == {"west": utc(2026, 10, 30, 11), "east": utc(2026, 11, 2, 10, 30)}

        assert jobstore.claim_due_jobs(db, jobs, utc(2026, 10, 30, 10, 59)).due == []
        plan = jobstore.claim_due_jobs(db, jobs, utc(2026, 10, 30, 11, 5))
        assert [(d.spec.name, d.fire_time) for d in plan.due] == [("west", utc(2026, 10, 30, 11))]
        assert plan.due[0].next_run_time == utc(2026, 10, 31, 11)
        assert jobstore.claim_due_jobs(db, jobs, utc(2026, 10, 30, 11, 6)).due == []  # already claimed

        # two cron invocations racing for the same fire time: only one wins
        store = jobstore.job_store(db)
        store.start(sched.BlockingScheduler(timezone=UTC), "default")
        a, b = store.lookup_job("west"), store.lookup_job("west")
        assert jobstore._claim(store, a, utc(2026, 11, 1, 12)) is True
        assert jobstore._claim(store, b, utc(2026, 11, 1, 12)) is False

        # cron was not run for 3 days: one coalesced run, for the latest fire time
        late = jobstore.claim_due_jobs(db, jobs, utc(2026, 11, 4, 12, 30))
        assert {d.spec.name: d.fire_time for d in late.due} == {
            "east": utc(2026, 11, 4, 10, 30),
            "west": utc(2026, 11, 4, 12),
        }
        assert late.missed == []
    finally:
        db.dispose()


def test_run_due_skips_a_run_later_than_its_grace_time(settings, tmp_path):
    text = WEST_EAST.replace(
        'timezone = "America/Los_Angeles"', 'timezone = "America/Los_Angeles"\nmisfire_grace_minutes = 30'
    )
    settings = settings.with_overrides(jobs_file=jobs_file(tmp_path, text))
    jobs = load_jobs(settings)
    db = Database(settings.database_url)
    try:
        jobstore.claim_due_jobs(db, jobs, utc(2026, 10, 30, 10))
        plan = jobstore.claim_due_jobs(db, jobs, utc(2026, 10, 30, 12))
        assert plan.due == [] and [(m.spec.name, m.fire_time) for m in plan.missed] == [("west", utc(2026, 10, 30, 11))]
        assert jobstore.claim_due_jobs(db, jobs, utc(2026, 10, 30, 12, 1)).missed == []  # reported once
    finally:
        db.dispose()


def test_jobs_lists_next_run_times_from_the_job_store(settings, tmp_path):
    path = jobs_file(tmp_path, WEST_EAST)
    env = {"LICENSURE_DATABASE_URL": settings.database_url, "LICENSURE_DATA_DIR": str(settings.data_dir)}
    Database(settings.database_url).dispose()  # `jobs` only reads: it refuses a database that does not exist
    before = json.loads(
        CliRunner().invoke(cli, ["jobs", "--json", "--jobs-file", str(path)], env=env, catch_exceptions=False).output
    )
    assert [j["name"] for j in before["jobs"]] == ["west", "east"]
    assert all(not j["in_job_store"] and j["next_run_time"] for j in before["jobs"])
    db = Database(settings.database_url)
    jobstore.claim_due_jobs(db, load_jobs(settings, path), utc(2026, 10, 30, 10))
    db.dispose()
    after = json.loads(
        CliRunner().invoke(cli, ["jobs", "--json", "--jobs-file", str(path)], env=env, catch_exceptions=False).output
    )
    west = after["jobs"][0]
    assert west["in_job_store"] and west["next_run_time"] == "2026-10-30T04:00:00-07:00"
    assert west["next_run_time_utc"] == "2026-10-30T11:00:00+00:00"
    assert (west["cron"], west["timezone"], west["jurisdiction_codes"]) == ("0 4 * * *", "America/Los_Angeles", ["WA"])
    assert after["jobs"][1]["next_run_time"] == "2026-11-02T05:30:00-05:00"
    table = CliRunner().invoke(
        cli, ["jobs", "--jobs-file", str(path)], env={**env, "COLUMNS": "200"}, catch_exceptions=False
    )
    assert "west" in table.output and "America/Los_Angeles" in table.output
