"""The job store: each job's next run time, in APScheduler 3.x's own table (`apscheduler_jobs`) in the project database.

`sync_jobs` makes the store match the jobs file: a job whose schedule did not change keeps its
stored next run time (a run missed while the scheduler was down still happens, once, if it is at
most `misfire_grace_minutes` late); a new or changed job is scheduled from now; a job no longer in
the file (or disabled) is removed.

`claim_due_jobs` is the schedule for a system cron (`licensure run --due`): it finds the jobs whose
fire time has passed, moves each to its next fire time with a conditional update (two overlapping
cron invocations cannot both claim one), and returns them. The daemon (tracker/scheduler.py) keeps
its jobs in the same store.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from apscheduler.job import Job
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.util import datetime_to_utc_timestamp
from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select

from tracker.db import Database
from tracker.jobfile import JobsFile, JobSpec
from tracker.models import Run

JOBSTORE_TABLE = "apscheduler_jobs"
FIRE_REF = "tracker.scheduler:fire"  # what every stored job calls (the daemon's `fire`)


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
