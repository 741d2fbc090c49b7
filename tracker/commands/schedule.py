"""Unattended operation: `licensure schedule` (the daemon), `licensure jobs`, `licensure runs [show ID]`.

The job runs themselves (`run --due`, `run --job NAME`, the daemon's) are in the library: tracker/jobrun.py.
"""

from __future__ import annotations

import logging
import signal
import sys
from pathlib import Path
from typing import Any

import click
from rich.markup import escape
from rich.table import Table

from tracker import runhistory
from tracker.commands.common import Fail, db_options, err, friendly, listing, out, print_json, print_rows, settings_for
from tracker.db import Database, redact
from tracker.jobfile import load_jobs
from tracker.jobrun import job_rows
from tracker.scheduler import Daemon
from tracker.snapshots import resolve_snapshot
from tracker.vocabulary import RUN_STATUSES

# --- schedule -------------------------------------------------------------------


def _log_to_stderr() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s", "%Y-%m-%d %H:%M:%S"))
    for name in ("tracker", "apscheduler"):
        logger = logging.getLogger(name)
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


@click.command()
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
    run goes through the library in a thread of the daemon, its crawl in a
    process of its own. On SIGTERM or Ctrl-C no new run starts, a
    crawl in progress is abandoned (its run is marked interrupted) and a run
    past its crawl finishes; then the daemon exits 0.
    """
    settings = settings_for(ctx, db, data_dir).with_overrides(
        jobs_file=Path(jobs_file).resolve() if jobs_file else None
    )
    jobs = load_jobs(settings)
    if not jobs.enabled:
        raise Fail(f"{jobs.path}: every job is disabled (enabled = false); enable one or stop the scheduler.")
    if snapshot:
        snap = resolve_snapshot(snapshot)
        snapshot = str(snap.path) if Path(snapshot).exists() else snapshot
    _log_to_stderr()
    with Database(settings.database_url) as database:
        daemon = Daemon(settings, jobs, database, snapshot=snapshot)
        daemon.prepare()
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda signum, frame: daemon.request_stop(signal.Signals(signum).name))
        err.print(
            f"Scheduler running {len(jobs.enabled)} job(s) from {jobs.path}; job store in "
            f"{redact(settings.database_url)}. Stop it with SIGTERM or Ctrl-C."
        )
        daemon.serve()


# --- jobs -------------------------------------------------------------------------


@click.command("jobs")
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
    settings = settings_for(ctx, db, data_dir)
    jobs = load_jobs(settings, jobs_file)
    with Database(settings.database_url, create=False) as database:  # only reads: a mistyped path is refused
        rows = job_rows(jobs, database)
    print_rows(
        rows,
        as_json,
        json_data={"jobs_file": str(jobs.path), "jobs": rows},
        title=f"Jobs in {jobs.path}",
        columns=("Job", "Jurisdictions", "Cron", "Time zone", "Channels", "Next run", "Last run"),
        cells=_job_cells,
    )


def _job_cells(r: dict[str, Any]) -> tuple[str, ...]:
    selector = r["jurisdictions"] if isinstance(r["jurisdictions"], str) else ",".join(r["jurisdictions"])
    nxt = "disabled" if not r["enabled"] else (r["next_run_time"] or "-")[:16].replace("T", " ")
    if r["enabled"] and not r["in_job_store"]:
        nxt += " (not scheduled yet)"
    last = r["last_run"]
    return (
        r["name"],
        f"{selector} ({len(r['jurisdiction_codes'])})",
        r["cron"],
        r["timezone"],
        r["channels"] if isinstance(r["channels"], str) else ", ".join(r["channels"]),
        nxt,
        f"{last['id']} {last['status']}" if last else "-",
    )


# --- runs -------------------------------------------------------------------------

RUN_COLUMNS = (
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
)


@click.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="How many runs, newest first.")
@click.option("--status", type=click.Choice(RUN_STATUSES), help="Only runs with this status.")
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
    settings = settings_for(ctx, db, data_dir)
    with Database(settings.database_url, create=False) as database, database.session() as session:
        rows = runhistory.list_runs(session, limit=limit, status=status, trigger=trigger)
    print_rows(
        rows,
        as_json,
        title=f"Runs (newest first, at most {limit})",
        columns=RUN_COLUMNS,
        cells=lambda r: (
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
        ),
        empty="No runs recorded yet.",
    )


@runs.command("show")
@click.argument("run_id", type=int, metavar="ID")
@listing
def runs_show(ctx: click.Context, run_id: int, as_json: bool, db: str | None, data_dir: str | None) -> None:
    """One run in detail: counters, error, each failed source and why, records written, changes recorded."""
    settings = settings_for(ctx, db or ctx.obj.get("runs_db"), data_dir or ctx.obj.get("runs_data_dir"))
    with Database(settings.database_url, create=False) as database, database.session() as session:
        detail = runhistory.run_detail(session, run_id, settings)
    if detail is None:
        raise Fail(f"There is no run {run_id}; `licensure runs` lists the runs.")
    if as_json:
        print_json(detail)
        return
    d = detail
    out.print(f"[bold]Run {d['id']}[/]: {d['status']} ({d['trigger']})")
    out.print(f"Started  {d['started_at']}  on {d['host'] or '?'} (pid {d['pid'] or '?'})")
    out.print(f"Finished {d['finished_at'] or '-'}  ({runhistory.duration_text(d['duration_seconds'])})")
    if d["observed_at"]:
        out.print(f"Observed {d['observed_at']}  (its pages, records and changes are dated by the snapshot)")
    out.print(
        f"States   {', '.join(d['jurisdictions']) or '-'}" + (f"  (snapshot {d['snapshot']})" if d["snapshot"] else "")
    )
    out.print(
        f"Pages    {d['pages_fetched']} fetched, {d['pages_not_modified']} not modified, {d['pages_failed']} failed"
    )
    out.print(f"Records  {d['records_changed']} changed; {len(d['records_written'])} version(s) written")
    out.print(f"Alerts   {d['alerts_sent']} sent")
    if d["status"] == "crawl-only":
        out.print("Crawl only (a plain `scrapy crawl`): pages stored, none read; `licensure run` reads them.")
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
