"""Unattended runs with APScheduler 3.x: the daemon (`licensure schedule`) and the cron one-shot (`run --due`).

Both keep their jobs in the project database, in APScheduler's own
SQLAlchemyJobStore table (`apscheduler_jobs`), so each job's next run time
survives restarts. `sync_jobs` makes the store match the jobs file: a job
whose schedule did not change keeps its stored next run time (a run missed
while the scheduler was down still happens, once, if it is at most
`misfire_grace_minutes` late); a new or changed job is scheduled from now;
a job no longer in the file (or disabled) is removed.

The daemon runs every fired job as a separate process,
`python -m tracker run --trigger schedule --job NAME`, so a crash, a hang or a
kill of one run never takes the daemon down. A failed run is not retried:
the job runs again at its next cron time. SIGTERM/SIGINT stop the daemon
cleanly: no new run starts, each running run is asked to stop (its crawl is
abandoned and the run marked interrupted, or, if the crawl is done, its last
steps finish), and the daemon exits when they have.

`claim_due_jobs` is the same schedule for a system cron: it finds the jobs
whose fire time has passed, moves each to its next fire time with a
conditional update (two overlapping cron invocations cannot both claim one),
and returns them for `licensure run --due` to run.
"""

from __future__ import annotations

import logging
import os
import pickle
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from apscheduler.events import EVENT_JOB_MAX_INSTANCES, EVENT_JOB_MISSED, JobEvent
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.job import Job
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers import SchedulerNotRunningError
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.util import datetime_to_utc_timestamp
from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select

from tracker.config import Settings
from tracker.db import Database
from tracker.jobfile import JobsFile, JobSpec
from tracker.models import Run

log = logging.getLogger(__name__)

JOBSTORE_TABLE = "apscheduler_jobs"
FIRE_REF = "tracker.scheduler:fire"
# how the daemon starts one run; tests put a wrapper in front (tests/slow_cli.py)
CHILD_COMMAND: list[str] = [sys.executable, "-m", "tracker"]
STOP_TIMEOUT = 75.0  # seconds the daemon gives its runs to stop before it kills them (systemd waits 90 by default)

EXIT_MEANING = {
    0: "completed",
    1: "error",
    2: "bad usage",
    3: "failed",
    4: "completed with source problems",
    130: "interrupted",
    -9: "killed",
    -15: "terminated",
}


def now_utc() -> datetime:
    return datetime.now(UTC)


def grace_seconds(spec: JobSpec) -> int:
    return max(int(spec.misfire_grace_minutes) * 60, 1)  # APScheduler wants a positive number


def job_store(db: Database) -> SQLAlchemyJobStore:
    return SQLAlchemyJobStore(engine=db.engine, tablename=JOBSTORE_TABLE)


def _same_schedule(job: Job, spec: JobSpec) -> bool:
    return (
        job.func_ref == FIRE_REF
        and tuple(job.args) == (spec.name,)
        and repr(job.trigger) == repr(spec.trigger())
        and job.misfire_grace_time == grace_seconds(spec)
        and job.coalesce
        and job.max_instances == 1
    )


def _make_job(scheduler: BlockingScheduler, spec: JobSpec, next_run_time: datetime | None) -> Job:
    return Job(
        scheduler,
        id=spec.name,
        name=spec.name,
        func=FIRE_REF,
        args=(spec.name,),
        kwargs={},
        trigger=spec.trigger(),
        executor="default",
        misfire_grace_time=grace_seconds(spec),
        coalesce=True,
        max_instances=1,
        next_run_time=next_run_time,
    )


def sync_jobs(store: SQLAlchemyJobStore, scheduler: BlockingScheduler, jobs: JobsFile, now: datetime) -> dict[str, str]:
    """Make the job store match the jobs file; returns {job name: added|kept|rescheduled|removed}."""
    store.start(scheduler, "default")  # creates the table if needed
    existing = {job.id: job for job in store.get_all_jobs()}
    actions: dict[str, str] = {}
    for spec in jobs.enabled:
        old = existing.pop(spec.name, None)
        if old is not None and _same_schedule(old, spec):
            actions[spec.name] = "kept"
            continue
        job = _make_job(scheduler, spec, spec.trigger().get_next_fire_time(None, now))
        if old is None:
            store.add_job(job)
            actions[spec.name] = "added"
        else:
            store.update_job(job)
            actions[spec.name] = "rescheduled"
    for name in existing:
        store.remove_job(name)
        actions[name] = "removed"
    return actions


def stored_jobs(db: Database) -> dict[str, Job]:
    """The jobs in the store, without creating its table (for `licensure jobs`)."""
    if not sa_inspect(db.engine).has_table(JOBSTORE_TABLE):
        return {}
    store = job_store(db)
    store.start(BlockingScheduler(timezone=UTC), "default")
    return {job.id: job for job in store.get_all_jobs()}


def last_job_run(db: Database, spec: JobSpec) -> Run | None:
    """The latest scheduled or cron run over exactly this job's jurisdictions (runs do not record a job name)."""
    codes = set(spec.jurisdictions)
    with db.session() as session:
        rows = session.scalars(
            select(Run).where(Run.trigger.in_(("schedule", "cron"))).order_by(Run.id.desc()).limit(500)
        ).all()
        return next((r for r in rows if set(r.jurisdictions or ()) == codes), None)


# --- the cron one-shot -----------------------------------------------------------


@dataclass
class DueJob:
    spec: JobSpec
    fire_time: datetime  # the (latest, coalesced) fire time this run stands for
    next_run_time: datetime | None


@dataclass
class DuePlan:
    due: list[DueJob] = field(default_factory=list)
    missed: list[DueJob] = field(default_factory=list)  # later than misfire_grace_minutes: not run
    actions: dict[str, str] = field(default_factory=dict)  # what sync_jobs did
    upcoming: list[tuple[str, datetime | None]] = field(default_factory=list)


def _run_times(job: Job, now: datetime) -> list[datetime]:
    times, when = [], job.next_run_time
    while when is not None and when <= now:
        times.append(when)
        when = job.trigger.get_next_fire_time(when, now)
    return times


def _claim(store: SQLAlchemyJobStore, job: Job, next_run_time: datetime | None) -> bool:
    """Move a due job to its next fire time, only if nobody else did first."""
    table = store.jobs_t
    old = datetime_to_utc_timestamp(job.next_run_time)
    job._modify(next_run_time=next_run_time)
    update = (
        table.update()
        .where(table.c.id == job.id, table.c.next_run_time == old)
        .values(
            next_run_time=datetime_to_utc_timestamp(next_run_time),
            job_state=pickle.dumps(job.__getstate__(), store.pickle_protocol),
        )
    )
    with store.engine.begin() as conn:
        return conn.execute(update).rowcount == 1


def claim_due_jobs(db: Database, jobs: JobsFile, now: datetime | None = None) -> DuePlan:
    """The jobs due at `now` (claimed: their next fire time is already stored), for `run --due`."""
    now = now or now_utc()
    scheduler = BlockingScheduler(timezone=UTC)  # never started: it only lends its time zone to the jobs
    store = job_store(db)
    plan = DuePlan(actions=sync_jobs(store, scheduler, jobs, now))
    for job in store.get_due_jobs(now):
        times = _run_times(job, now)
        if not times:
            continue
        latest = times[-1]  # coalesce: one run for all the fire times that passed
        following = job.trigger.get_next_fire_time(latest, now)
        while following is not None and following <= now:
            following = job.trigger.get_next_fire_time(following, now)
        if not _claim(store, job, following):
            continue  # another `run --due` claimed it first
        spec = jobs.get(job.id)
        entry = DueJob(spec, latest, following)
        late = now - latest
        (plan.missed if late > timedelta(seconds=job.misfire_grace_time or 0) else plan.due).append(entry)
    plan.upcoming = [(job.id, job.next_run_time) for job in store.get_all_jobs()]
    return plan


# --- the daemon ------------------------------------------------------------------


class RunHandle(Protocol):
    pid: int

    def wait(self, timeout: float | None = None) -> int: ...
    def send_signal(self, sig: int) -> None: ...
    def kill(self) -> None: ...


class _Scheduler(BlockingScheduler):
    """BlockingScheduler that counts its job-processing rounds (tests wait for them instead of sleeping)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rounds = 0
        self._rounds_changed = threading.Condition()

    def _process_jobs(self):
        try:
            return super()._process_jobs()
        finally:
            with self._rounds_changed:
                self.rounds += 1
                self._rounds_changed.notify_all()

    def wait_rounds(self, count: int, timeout: float = 10.0) -> bool:
        with self._rounds_changed:
            return self._rounds_changed.wait_for(lambda: self.rounds >= count, timeout)


_ACTIVE: Daemon | None = None


def fire(job_name: str) -> int | None:
    """The function every stored job calls (by reference): start one run of the job in a subprocess."""
    if _ACTIVE is None:
        raise RuntimeError(f"job {job_name!r} fired, but no scheduler is running in this process")
    return _ACTIVE.run_job(job_name)


class Daemon:
    """`licensure schedule`: fire the jobs at their cron times, each run in its own process."""

    def __init__(
        self,
        settings: Settings,
        jobs: JobsFile,
        db: Database,
        snapshot: str | None = None,
        launcher: Callable[[str], RunHandle] | None = None,
        clock: Callable[[], datetime] = now_utc,
        stop_timeout: float = STOP_TIMEOUT,
    ) -> None:
        self.settings, self.jobs, self.db, self.snapshot = settings, jobs, db, snapshot
        self.launcher = launcher or self._spawn
        self.clock = clock
        self.stop_timeout = stop_timeout
        self.store = job_store(db)
        self.scheduler = _Scheduler(
            jobstores={"default": self.store},
            executors={"default": ThreadPoolExecutor(max(len(jobs.enabled), 1))},
            timezone=UTC,
        )
        self.scheduler.add_listener(self._on_event, EVENT_JOB_MISSED | EVENT_JOB_MAX_INSTANCES)
        self._lock = threading.RLock()
        self._children: dict[int, tuple[str, RunHandle]] = {}
        self.stopping: str | None = None
        self.launched: list[str] = []

    # setup and main loop

    def prepare(self) -> dict[str, str]:
        """Sync the job store with the jobs file; log what each job does next."""
        global _ACTIVE
        _ACTIVE = self
        actions = sync_jobs(self.store, self.scheduler, self.jobs, self.clock())
        stored = {job.id: job for job in self.store.get_all_jobs()}
        for name, action in actions.items():
            job = stored.get(name)
            when = (
                f"next run {job.next_run_time.astimezone(job.trigger.timezone):%Y-%m-%d %H:%M %Z}"
                if job and job.next_run_time
                else "not scheduled"
            )
            log.info("job %s: %s (%s)", name, action, when)
        return actions

    def serve(self) -> None:
        """Run until `request_stop`; then wait for the runs in progress (kill them after `stop_timeout`)."""
        global _ACTIVE
        _ACTIVE = self
        if not self.stopping:
            self.scheduler.start()  # blocks until the scheduler is shut down
        self._drain()

    def request_stop(self, signame: str = "SIGTERM") -> None:
        """Stop firing jobs and ask the runs in progress to stop; safe to call from a signal handler."""
        with self._lock:
            first = self.stopping is None
            self.stopping = self.stopping or signame
            children = list(self._children.values())
        if first:
            log.warning(
                "%s received: no new run will start; %d run(s) in progress are asked to stop "
                "(a crawl is abandoned and its run marked interrupted; a run past its crawl finishes first)",
                signame,
                len(children),
            )
            threading.Thread(target=self._shutdown_scheduler, name="scheduler-shutdown", daemon=True).start()
        else:
            log.warning("%s received again: the runs in progress are asked to stop at once", signame)
        for name, child in children:
            try:
                child.send_signal(signal.SIGTERM)
            except ProcessLookupError:
                pass

    def _shutdown_scheduler(self) -> None:
        try:
            self.scheduler.shutdown(wait=False)
        except SchedulerNotRunningError:
            pass

    def _drain(self) -> None:
        with self._lock:
            children = list(self._children.values())
        for name, child in children:
            try:
                child.wait(timeout=self.stop_timeout)
            except subprocess.TimeoutExpired:
                log.error(
                    "job %s: run (pid %s) did not stop within %.0f s; killing it (the next run marks it interrupted)",
                    name,
                    child.pid,
                    self.stop_timeout,
                )
                child.kill()
                child.wait()
        log.info("scheduler stopped")

    # one job firing

    def run_job(self, name: str) -> int | None:
        with self._lock:
            if self.stopping:
                log.info("job %s: not started, the scheduler is stopping", name)
                return None
            child = self.launcher(name)
            self._children[child.pid] = (name, child)
            self.launched.append(name)
        log.info("job %s: run started (pid %s)", name, child.pid)
        try:
            code = child.wait()
        finally:
            with self._lock:
                self._children.pop(child.pid, None)
        meaning = EXIT_MEANING.get(code, "ended")
        (log.info if code in (0, 4) else log.warning)("job %s: run %s (exit code %s)", name, meaning, code)
        return code

    def _child_command(self, name: str) -> list[str]:
        cmd = [*CHILD_COMMAND, "run", "--trigger", "schedule", "--job", name]
        if self.snapshot:
            cmd += ["--snapshot", self.snapshot]
        return cmd

    def _spawn(self, name: str) -> subprocess.Popen:
        env = dict(os.environ)
        env.update(self.settings.as_env())  # the daemon's settings exactly; secrets stay off the command line
        env["LICENSURE_JOBS_FILE"] = str(self.jobs.path.resolve())
        # its own session: a terminal's Ctrl-C reaches the daemon only, which then stops the runs in order
        return subprocess.Popen(self._child_command(name), env=env, start_new_session=True)

    def _on_event(self, event: JobEvent) -> None:
        if event.code == EVENT_JOB_MISSED:
            log.warning(
                "job %s: the run due at %s was missed by more than its misfire grace time; it waits for "
                "its next fire time",
                event.job_id,
                event.scheduled_run_time,
            )
        elif event.code == EVENT_JOB_MAX_INSTANCES:
            log.warning("job %s: still running from its previous fire time; this one is skipped", event.job_id)

    def next_run_times(self) -> dict[str, datetime | None]:
        return {job.id: job.next_run_time for job in self.store.get_all_jobs()}
