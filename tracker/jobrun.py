"""Running the jobs of the jobs file: the one entry point behind `licensure run --due`, `run --job NAME`
and the scheduler daemon (tracker/scheduler.py), and the rows `licensure jobs` shows.

Each job run is `pipeline.execute_run` over the job's jurisdictions, alerting only the job's channels.
Messages go to `notify` (the command line prints them; the daemon logs them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tracker import shutdown
from tracker.config import Settings
from tracker.db import Database, redact
from tracker.jobfile import JobsFile, JobSpec, load_jobs
from tracker.jobstore import claim_due_jobs, last_job_run, now_utc, stored_jobs
from tracker.pipeline import EXIT_FAILED, EXIT_OK, EXIT_PROBLEMS, RunSummary, execute_run
from tracker.snapshots import Snapshot, resolve_snapshot

Notify = Callable[[str], Any]


def local_time(moment: datetime | None, spec: JobSpec | None = None) -> str:
    """A moment as people read it, in the job's time zone when there is a job."""
    if moment is None:
        return "-"
    if spec is not None:
        moment = moment.astimezone(spec.trigger().timezone)
    return f"{moment:%Y-%m-%d %H:%M %Z}"


def worst_exit_code(codes: list[int]) -> int:
    """The exit code of several runs: failed (3) over problems (4) over success."""
    for code in (EXIT_FAILED, EXIT_PROBLEMS):
        if code in codes:
            return code
    return EXIT_OK


def run_job(settings: Settings, spec: JobSpec, snapshot: Snapshot | None, trigger: str, notify: Notify) -> RunSummary:
    """One run of one job, now: its jurisdictions (resolved now), its channels."""
    jurisdictions = spec.selected()
    where = f"snapshot {snapshot.name}" if snapshot else "the live sites"
    notify(
        f"Job {spec.name}: checking {len(jurisdictions)} jurisdiction(s) on {where} ({trigger}); "
        f"database {redact(settings.database_url)}"
    )
    return execute_run(settings, jurisdictions, snapshot, trigger=trigger, channels=spec.channels, notify=notify)


def due_jobs(settings: Settings, jobs: JobsFile, notify: Notify) -> list[JobSpec]:
    """The jobs whose cron time has come, claimed in the job store (so no other `run --due` runs them too)."""
    with Database(settings.database_url) as database:
        plan = claim_due_jobs(database, jobs)
    for name, action in plan.actions.items():
        if action != "kept":
            notify(f"Job {name}: {action} in the job store.")
    for entry in plan.missed:
        notify(
            f"Job {entry.spec.name}: its run due at {local_time(entry.fire_time, entry.spec)} is more than "
            f"{entry.spec.misfire_grace_minutes} min late (misfire_grace_minutes); skipped, next run "
            f"{local_time(entry.next_run_time, entry.spec)}."
        )
    if not plan.due:
        upcoming = ", ".join(f"{name} at {local_time(when, jobs.get(name))}" for name, when in plan.upcoming if when)
        notify(f"No job is due. Next: {upcoming or 'nothing scheduled'}.")
    return [entry.spec for entry in plan.due]


@dataclass
class JobRuns:
    """What `run_jobs` did: each run's summary, and the exit code for them all."""

    summaries: list[RunSummary]
    exit_code: int


def run_jobs(
    settings: Settings,
    *,
    job: str | None,
    snapshot: str | None = None,
    trigger: str = "manual",
    fail_on_problems: bool = False,
    notify: Notify = print,
    on_summary: Callable[[RunSummary], Any] | None = None,
) -> JobRuns:
    """`run --job NAME` (one job, now), else `run --due` (every job whose time has come), one after the other.

    A stop request (SIGTERM, Ctrl-C) between two jobs leaves the others for the next `run --due`.
    """
    jobs = load_jobs(settings)
    snap = resolve_snapshot(snapshot) if snapshot else None
    if job:
        todo = [jobs.get(job)]
    else:
        trigger = "cron" if trigger == "manual" else trigger
        todo = due_jobs(settings, jobs, notify)
    summaries, codes = [], []
    for spec in todo:
        summary = run_job(settings, spec, snap, trigger, notify)
        summaries.append(summary)
        codes.append(summary.exit_code(fail_on_problems))
        if on_summary is not None:
            on_summary(summary)
        if shutdown.stop_requested():
            notify(f"Stopped by {shutdown.stop_requested()}: the remaining due jobs run at the next `run --due`.")
            break
    return JobRuns(summaries, worst_exit_code(codes))


def job_rows(jobs: JobsFile, database: Database) -> list[dict[str, Any]]:
    """Each job as `licensure jobs` shows it: its schedule, channels, next run (from the job store) and last run."""

    def iso(moment: datetime | None) -> str | None:
        return moment.isoformat() if moment else None

    stored = stored_jobs(database)
    now = now_utc()
    rows = []
    for spec in jobs.jobs:
        job = stored.get(spec.name)
        nxt = (
            job.next_run_time
            if job is not None
            else (spec.trigger().get_next_fire_time(None, now) if spec.enabled else None)
        )
        last = last_job_run(database, spec)
        rows.append(
            {
                "name": spec.name,
                "description": spec.description,
                "enabled": spec.enabled,
                "jurisdictions": spec.selector
                if spec.selector == "all" or isinstance(spec.selector, str)
                else list(spec.jurisdictions),
                "jurisdiction_codes": list(spec.jurisdictions),
                "cron": spec.cron,
                "timezone": spec.timezone,
                "channels": list(spec.channels) if spec.channels is not None else "all configured",
                "misfire_grace_minutes": spec.misfire_grace_minutes,
                "next_run_time": iso(nxt.astimezone(spec.trigger().timezone)) if nxt else None,
                "next_run_time_utc": iso(nxt.astimezone(now.tzinfo)) if nxt else None,
                "in_job_store": job is not None,
                "last_run": (
                    {"id": last.id, "status": last.status, "started_at": iso(last.started_at)} if last else None
                ),
            }
        )
    return rows
