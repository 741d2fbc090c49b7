"""`licensure run`: one full cycle now, or the jobs of the jobs file (`--due`, `--job NAME`)."""

from __future__ import annotations

from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from tracker import jobrun, registry
from tracker.commands.common import Fail, db_options, err, friendly, print_summary, settings_for
from tracker.config import Settings
from tracker.db import redact
from tracker.pipeline import RunSummary, execute_run
from tracker.registry import Jurisdiction
from tracker.snapshots import Snapshot, resolve_snapshot


def _with_progress(
    settings: Settings, jurisdictions: list[Jurisdiction], snap: Snapshot | None, trigger: str
) -> RunSummary:
    """One run of these jurisdictions, with a progress bar of the pages fetched (on stderr)."""
    expected = sum(len(j.sources) for j in jurisdictions)
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task("Fetching pages", total=expected)

        def on_page(event: dict) -> None:
            done = progress.tasks[0].completed + 1
            progress.update(
                task,
                completed=done,
                total=max(expected, done),
                description=f"Fetched {event.get('jurisdiction')} {event.get('source_id')}",
            )

        return execute_run(settings, jurisdictions, snap, trigger=trigger, on_page=on_page, notify=err.print)


@click.command()
@click.option(
    "--snapshot",
    metavar="NAME|DIR",
    help="Crawl a bundled snapshot (a name from `licensure snapshots`, 'latest', or a directory) instead of the "
    "live sites.",
)
@click.option(
    "--states", metavar="CODES", default="all", show_default=True, help="Comma-separated USPS codes, e.g. WA,CA."
)
@db_options
@click.option(
    "--fail-on-problems",
    is_flag=True,
    help="Exit 4 when the run completed but some sources had fetch or extraction problems.",
)
@click.option(
    "--due",
    is_flag=True,
    help="Run the jobs from the jobs file whose cron time has come, then exit (for the system cron).",
)
@click.option(
    "--job",
    "job_name",
    metavar="NAME",
    help="Run one job from the jobs file now, with its jurisdictions and alert channels.",
)
@click.option(
    "--jobs-file",
    type=click.Path(dir_okay=False),
    help="With --due or --job: the jobs file (default: the jobs_file setting, else the bundled one).",
)
@click.option("--trigger", type=click.Choice(["manual", "cron", "schedule"]), default="manual", hidden=True)
@click.pass_context
@friendly
def run(
    ctx: click.Context,
    snapshot: str | None,
    states: str,
    db: str | None,
    data_dir: str | None,
    fail_on_problems: bool,
    due: bool,
    job_name: str | None,
    jobs_file: str | None,
    trigger: str,
) -> None:
    """Crawl, normalize, validate, store, diff, alert, and write the change report and the table.

    Without --snapshot it crawls the live agency sites. An empty database is
    set up automatically.
    """
    settings = settings_for(ctx, db, data_dir)
    if jobs_file and not (due or job_name):
        raise click.UsageError("--jobs-file goes with --due or --job: it names the file their jobs come from.")
    if jobs_file:
        settings = settings.with_overrides(jobs_file=Path(jobs_file).resolve())
    if due or job_name:  # the jobs of the jobs file (tracker/jobrun.py)
        if due and job_name:
            raise Fail("--due and --job cannot be combined: --due runs every job that is due, --job runs one job now.")
        if states != "all":
            raise Fail(
                "--states cannot be combined with --due or --job: a job checks the jurisdictions its jobs file "
                "entry names."
            )
        ran = jobrun.run_jobs(
            settings,
            job=job_name,
            snapshot=snapshot,
            trigger=trigger,
            fail_on_problems=fail_on_problems,
            notify=err.print,
            on_summary=print_summary,
        )
        ctx.exit(ran.exit_code)
    jurisdictions = registry.select(states)
    snap = resolve_snapshot(snapshot) if snapshot else None
    where = f"snapshot {snap.name}" if snap else "the live sites"
    err.print(f"Checking {len(jurisdictions)} jurisdiction(s) on {where}; database {redact(settings.database_url)}")
    summary = _with_progress(settings, jurisdictions, snap, trigger)
    print_summary(summary)
    ctx.exit(summary.exit_code(fail_on_problems))
