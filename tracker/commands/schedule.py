"""Unattended operation: `licensure schedule` (daemon), `licensure jobs`, `licensure runs [show ID]`,
and the job runs behind `licensure run --due` (system cron) and `licensure run --job NAME`.
"""

from __future__ import annotations

import logging
import signal
import sys
from datetime import datetime
from pathlib import Path

import click
from rich.markup import escape
from rich.table import Table

from tracker import runhistory, shutdown
from tracker.cli import Fail, _json, _settings, cli, db_options, err, friendly, out
from tracker.config import Settings
from tracker.db import Database, redact
from tracker.jobfile import JobsFile, JobsFileError, JobSpec, load_jobs
from tracker.snapshots import resolve_snapshot


def _jobs(settings: Settings, jobs_file: str | None = None) -> JobsFile:
    try:
        return load_jobs(settings, jobs_file)
    except JobsFileError as exc:
        raise Fail(str(exc)) from None


def _local(moment: datetime | None, spec: JobSpec | None = None) -> str:
    if moment is None:
        return "-"
    if spec is not None:
        moment = moment.astimezone(spec.trigger().timezone)
    return f"{moment:%Y-%m-%d %H:%M %Z}"


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _show_summary(summary) -> None:
    table = Table(title=f"Run {summary.run_id}: {summary.status}", show_lines=False)
    for col in ("State", "Outcome", "Changes", "Detail"):
        table.add_column(col)
    for o in summary.outcomes:
        table.add_row(o.code, o.result, str(len(o.changes)), escape(o.detail[:120]))
    if summary.outcomes:
        err.print(table)
    if summary.error and summary.status != "skipped":
        err.print(f"[bold red]{escape(summary.error)}[/]")
    for failure in getattr(summary, "alert_failures", []):
        err.print(f"[bold yellow]Alert not delivered:[/] {escape(failure)}")
    if summary.report_path:
        err.print(f"Change report: {summary.report_path}")
    if summary.table_path:
        err.print(f"State table:   {summary.table_path}")


def _worst(codes: list[int]) -> int:
    for code in (3, 4):
        if code in codes:
            return code
    return 0


def run_jobs(
    settings: Settings,
    *,
    due: bool,
    job: str | None,
    snapshot: str | None,
    states: str,
    trigger: str,
    fail_on_problems: bool,
) -> int:
    """`run --due` (the jobs whose time has come, claimed in the job store) or `run --job NAME` (one job, now)."""
    from tracker.pipeline import execute_run
    from tracker.scheduler import claim_due_jobs

    if due and job:
        raise Fail("--due and --job cannot be combined: --due runs every job that is due, --job runs one job now.")
    if states != "all":
        raise Fail(
            "--states cannot be combined with --due or --job: a job checks the jurisdictions its jobs file entry names."
        )
    jobs = _jobs(settings)
    snap = resolve_snapshot(snapshot) if snapshot else None
    if job:
        spec = jobs.get(job) if job in {j.name for j in jobs.jobs} else None
        if spec is None:
            raise Fail(
                f"{jobs.path}: there is no job {job!r}; the jobs are: {', '.join(j.name for j in jobs.jobs) or 'none'}."
            )
        todo = [spec]
    else:
        trigger = "cron" if trigger == "manual" else trigger
        database = Database(settings.database_url)
        try:
            plan = claim_due_jobs(database, jobs)
        finally:
            database.dispose()
        for name, action in plan.actions.items():
            if action != "kept":
                err.print(f"Job {name}: {action} in the job store.")
        for entry in plan.missed:
            err.print(
                f"Job {entry.spec.name}: its run due at {_local(entry.fire_time, entry.spec)} is more than "
                f"{entry.spec.misfire_grace_minutes} min late (misfire_grace_minutes); skipped, next run "
                f"{_local(entry.next_run_time, entry.spec)}."
            )
        todo = [entry.spec for entry in plan.due]
        if not todo:
            upcoming = ", ".join(f"{name} at {_local(when, jobs.get(name))}" for name, when in plan.upcoming if when)
            err.print(f"No job is due. Next: {upcoming or 'nothing scheduled'}.")
            return 0
    codes = []
    for spec in todo:
        jurisdictions = spec.selected()
        where = f"snapshot {snap.name}" if snap else "the live sites"
        err.print(
            f"Job {spec.name}: checking {len(jurisdictions)} jurisdiction(s) on {where} ({trigger}); "
            f"database {redact(settings.database_url)}"
        )
        summary = execute_run(settings, jurisdictions, snap, trigger=trigger, channels=spec.channels, notify=err.print)
        _show_summary(summary)
        codes.append(summary.exit_code(fail_on_problems))
        if shutdown.stop_requested():
            err.print(f"Stopped by {shutdown.stop_requested()}: the remaining due jobs run at the next `run --due`.")
            break
    return _worst(codes)


# --- schedule -------------------------------------------------------------------


def _log_to_stderr() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s", "%Y-%m-%d %H:%M:%S"))
    for name in ("tracker", "apscheduler"):
        logger = logging.getLogger(name)
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


@cli.command()
@click.option(
    "--jobs-file",
    type=click.Path(dir_okay=False),
    help="Jobs file (default: the jobs_file setting, else the bundled jobs/default-jobs.toml).",
)
@click.option(
    "--snapshot",
    metavar="NAME|DIR",
    help="Run every job against a snapshot instead of the live sites (to try a schedule out).",
)
@db_options
@click.pass_context
@friendly
def schedule(
    ctx: click.Context, jobs_file: str | None, snapshot: str | None, db: str | None, data_dir: str | None
) -> None:
    """Run the scheduler daemon: every job from the jobs file at its cron times, until SIGTERM or Ctrl-C.

    Jobs and their next run times are kept in the database, so a restart
    neither loses nor repeats a run; a run missed while the daemon was down
    happens once on start if it is at most misfire_grace_minutes late. Each
    run is a separate process. On SIGTERM or Ctrl-C no new run starts, a
    crawl in progress is abandoned (its run is marked interrupted) and a run
    past its crawl finishes; then the daemon exits 0.
    """
    from tracker.scheduler import Daemon

    settings = _settings(ctx, db, data_dir).with_overrides(jobs_file=Path(jobs_file).resolve() if jobs_file else None)
    jobs = _jobs(settings)
    if not jobs.enabled:
        raise Fail(f"{jobs.path}: every job is disabled (enabled = false); enable one or stop the scheduler.")
    if snapshot:
        snap = resolve_snapshot(snapshot)
        snapshot = str(snap.path) if Path(snapshot).exists() else snapshot
    _log_to_stderr()
    database = Database(settings.database_url)
    daemon = Daemon(settings, jobs, database, snapshot=snapshot)
    daemon.prepare()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda signum, frame: daemon.request_stop(signal.Signals(signum).name))
    err.print(
        f"Scheduler running {len(jobs.enabled)} job(s) from {jobs.path}; job store in "
        f"{redact(settings.database_url)}. Stop it with SIGTERM or Ctrl-C."
    )
    try:
        daemon.serve()
    finally:
        database.dispose()


# --- jobs -------------------------------------------------------------------------


def job_rows(settings: Settings, jobs: JobsFile, database: Database) -> list[dict]:
    from tracker.scheduler import last_job_run, now_utc, stored_jobs

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
                "next_run_time": _iso(nxt.astimezone(spec.trigger().timezone)) if nxt else None,
                "next_run_time_utc": _iso(nxt.astimezone(now.tzinfo)) if nxt else None,
                "in_job_store": job is not None,
                "last_run": (
                    {"id": last.id, "status": last.status, "started_at": _iso(last.started_at)} if last else None
                ),
            }
        )
    return rows


@cli.command("jobs")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option(
    "--jobs-file",
    type=click.Path(dir_okay=False),
    help="Jobs file (default: the jobs_file setting, else the bundled one).",
)
@db_options
@click.pass_context
@friendly
def jobs_cmd(ctx: click.Context, as_json: bool, jobs_file: str | None, db: str | None, data_dir: str | None) -> None:
    """List the scheduled jobs with their next run times (from the job store; computed if not scheduled yet)."""
    settings = _settings(ctx, db, data_dir)
    jobs = _jobs(settings, jobs_file)
    database = Database(settings.database_url)
    try:
        rows = job_rows(settings, jobs, database)
    finally:
        database.dispose()
    if as_json:
        _json({"jobs_file": str(jobs.path), "jobs": rows})
        return
    table = Table(title=f"Jobs in {jobs.path}")
    for col in ("Job", "Jurisdictions", "Cron", "Time zone", "Channels", "Next run", "Last run"):
        table.add_column(col, overflow="fold")
    for r in rows:
        selector = r["jurisdictions"] if isinstance(r["jurisdictions"], str) else ",".join(r["jurisdictions"])
        nxt = "disabled" if not r["enabled"] else (r["next_run_time"] or "-")[:16].replace("T", " ")
        if r["enabled"] and not r["in_job_store"]:
            nxt += " (not scheduled yet)"
        last = r["last_run"]
        table.add_row(
            r["name"],
            f"{selector} ({len(r['jurisdiction_codes'])})",
            r["cron"],
            r["timezone"],
            r["channels"] if isinstance(r["channels"], str) else ", ".join(r["channels"]),
            nxt,
            f"{last['id']} {last['status']}" if last else "-",
        )
    out.print(table)


# --- runs -------------------------------------------------------------------------


@cli.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="How many runs, newest first.")
@click.option("--status", help="Only runs with this status (succeeded, failed, interrupted, skipped, running).")
@click.option(
    "--trigger", type=click.Choice(["manual", "cron", "schedule", "scrapy"]), help="Only runs started this way."
)
@db_options
@click.pass_context
@friendly
def runs(
    ctx: click.Context,
    as_json: bool,
    limit: int,
    status: str | None,
    trigger: str | None,
    db: str | None,
    data_dir: str | None,
) -> None:
    """Run history: trigger, start, duration, jurisdictions, pages, records changed, alerts sent, status.

    `licensure runs show ID` details one run, with each failed source and why.
    """
    ctx.obj = {**ctx.obj, "runs_db": db, "runs_data_dir": data_dir}
    if ctx.invoked_subcommand is not None:
        return
    settings = _settings(ctx, db, data_dir)
    database = Database(settings.database_url)
    try:
        with database.session() as session:
            rows = runhistory.list_runs(session, limit=limit, status=status, trigger=trigger)
    finally:
        database.dispose()
    if as_json:
        _json(rows)
        return
    if not rows:
        out.print("No runs recorded yet.")
        return
    table = Table(title=f"Runs (newest first, at most {limit})")
    for col in (
        "ID",
        "Trigger",
        "Started (UTC)",
        "Duration",
        "States",
        "Fetched",
        "304",
        "Failed",
        "Records changed",
        "Alerts",
        "Status",
    ):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(
            str(r["id"]),
            r["trigger"],
            r["started_at"][:16].replace("T", " "),
            runhistory.duration_text(r["duration_seconds"]),
            runhistory.states_text(r["jurisdictions"]),
            str(r["pages_fetched"]),
            str(r["pages_not_modified"]),
            str(r["pages_failed"]),
            str(r["records_changed"]),
            str(r["alerts_sent"]),
            r["status"],
        )
    out.print(table)


@runs.command("show")
@click.argument("run_id", type=int, metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@db_options
@click.pass_context
@friendly
def runs_show(ctx: click.Context, run_id: int, as_json: bool, db: str | None, data_dir: str | None) -> None:
    """One run in detail: counters, error, each failed source and why, records written, changes recorded."""
    settings = _settings(ctx, db or ctx.obj.get("runs_db"), data_dir or ctx.obj.get("runs_data_dir"))
    database = Database(settings.database_url)
    try:
        with database.session() as session:
            detail = runhistory.run_detail(session, run_id, settings)
    finally:
        database.dispose()
    if detail is None:
        raise Fail(f"There is no run {run_id}; `licensure runs` lists the runs.")
    if as_json:
        _json(detail)
        return
    d = detail
    out.print(f"[bold]Run {d['id']}[/]: {d['status']} ({d['trigger']})")
    out.print(f"Started  {d['started_at']}  on {d['host'] or '?'} (pid {d['pid'] or '?'})")
    out.print(f"Finished {d['finished_at'] or '-'}  ({runhistory.duration_text(d['duration_seconds'])})")
    out.print(
        f"States   {', '.join(d['jurisdictions']) or '-'}" + (f"  (snapshot {d['snapshot']})" if d["snapshot"] else "")
    )
    out.print(
        f"Pages    {d['pages_fetched']} fetched, {d['pages_not_modified']} not modified, {d['pages_failed']} failed"
    )
    out.print(f"Records  {d['records_changed']} changed; {len(d['records_written'])} version(s) written")
    out.print(f"Alerts   {d['alerts_sent']} sent")
    if d["error"]:
        out.print(f"[bold red]Error[/]    {escape(d['error'])}")
    if d["failed_sources"]:
        table = Table(title=f"{len(d['failed_sources'])} failed source(s)")
        for col in ("State", "Source", "Why", "URL"):
            table.add_column(col, overflow="fold")
        for f in d["failed_sources"]:
            table.add_row(f["jurisdiction"], f["source_id"], escape(f["reason"]), f["url"])
        out.print(table)
    else:
        out.print("No source failed." if d["status"] != "skipped" else "Nothing was fetched: the run was skipped.")
    if d["changes"]:
        table = Table(title=f"{len(d['changes'])} change(s) recorded")
        for col in ("ID", "State", "Category", "Change"):
            table.add_column(col, overflow="fold")
        for c in d["changes"]:
            table.add_row(str(c["id"]), c["jurisdiction"], c["category"], escape(c["summary"]))
        out.print(table)
    if d["crawl_log"]:
        out.print(f"Crawl log: {d['crawl_log']}")
    if d["report"]:
        out.print(f"Report:    {d['report']}")
