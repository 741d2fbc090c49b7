"""The scheduler daemon (`licensure schedule`), with APScheduler 3.x.

Its jobs and their next run times are kept in the project database (tracker/jobstore.py), so they
survive restarts; the system cron's `licensure run --due` uses the same store.

Every fired job runs through the library's entry point, `tracker.jobrun.run_job`, in a thread of
the daemon; the crawl itself runs in its own process, as in every run (Scrapy's reactor cannot
restart), so a crash or a hang of a crawl never takes the daemon down, and an error in a run ends
that run only. A failed run is not retried: the job runs again at its next cron time.
SIGTERM/SIGINT stop the daemon cleanly: no new run starts, each running run is asked to stop (its
crawl is abandoned and the run marked interrupted, or, if the crawl is done, its last steps
finish), and the daemon exits when they have.
"""

from __future__ import annotations

import itertools
import logging
import signal
import subprocess
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Protocol

from apscheduler.events import EVENT_JOB_MAX_INSTANCES, EVENT_JOB_MISSED, JobEvent
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers import SchedulerNotRunningError
from apscheduler.schedulers.blocking import BlockingScheduler

from tracker import jobrun, shutdown
from tracker.config import Settings
from tracker.db import Database
from tracker.jobfile import JobsFile
from tracker.jobstore import job_store, now_utc, sync_jobs
from tracker.snapshots import resolve_snapshot

log = logging.getLogger(__name__)

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
    """The function every stored job calls (by reference): start one run of the job in a thread of the daemon."""
    if _ACTIVE is None:
        raise RuntimeError(f"job {job_name!r} fired, but no scheduler is running in this process")
    return _ACTIVE.run_job(job_name)


class JobThread:
    """One job's run in a thread of the daemon (`tracker.jobrun.run_job`), handled like a process would be."""

    ids = itertools.count(1)

    def __init__(self, settings: Settings, jobs: JobsFile, name: str, snapshot: str | None) -> None:
        self.settings, self.spec, self.snapshot = settings, jobs.get(name), snapshot
        self.pid = next(self.ids)  # the daemon's own number for the run (it is not a process)
        self.code: int | None = None
        self._thread = threading.Thread(target=self._run, name=f"job-{name}-{self.pid}", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            snap = resolve_snapshot(self.snapshot) if self.snapshot else None
            summary = jobrun.run_job(self.settings, self.spec, snap, "schedule", notify=log.info)
            self.code = summary.exit_code()
        except KeyboardInterrupt:  # asked to stop in its crawl: the run is marked interrupted
            self.code = 130
        except Exception:
            log.exception("job %s: the run raised an error", self.spec.name)
            self.code = 1

    def wait(self, timeout: float | None = None) -> int:
        self._thread.join(timeout)
        if self._thread.is_alive():
            if self.code is not None:  # killed: left to end with the daemon
                return self.code
            raise subprocess.TimeoutExpired(self._thread.name, timeout or 0)
        return self.code if self.code is not None else 1

    def send_signal(self, sig: int) -> None:
        shutdown.request_stop(signal.Signals(sig).name)

    def kill(self) -> None:
        """A thread cannot be killed: it is abandoned, and ends with the daemon's process."""
        self.code = -9


class Daemon:
    """`licensure schedule`: fire the jobs at their cron times, each run through the library in its own thread."""

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
        self.launcher = launcher or self._start
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
        for _name, child in children:
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

    def _start(self, name: str) -> RunHandle:
        return JobThread(self.settings, self.jobs, name, self.snapshot)

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
