"""The `licensure` command line: a thin layer over the library.

Exit codes (for cron and scripts):
  0  the command did what was asked
  1  an error: the message says what and how to fix it
  2  bad usage (unknown option, missing argument)
  3  a run failed (the crawl crashed, or no source could be fetched)
  4  `run --fail-on-problems` only: the run completed but some sources had problems
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from tracker import registry, storage
from tracker.commands.new_state import new_state_command
from tracker.config import ConfigError, Settings, load_settings
from tracker.db import Database, DatabaseError, redact, upgrade
from tracker.models import JurisdictionStatus
from tracker.normalize import ExtractionError, Page, normalize
from tracker.records import RecordInvalid, load_file, problems
from tracker.registry import RegistryError
from tracker.snapshots import SnapshotError, list_snapshots, resolve_snapshot

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

EXIT_ERROR = 1
KNOWN_ERRORS = (ConfigError, DatabaseError, RegistryError, SnapshotError, RecordInvalid, ExtractionError, OSError)


class Fail(click.ClickException):
    exit_code = EXIT_ERROR

    def show(self, file: Any = None) -> None:
        err.print(f"[bold red]Error:[/] {self.message}")


def friendly(fn: Callable) -> Callable:
    """Turn the library's errors into one plain sentence and exit code 1 (no traceback)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except KNOWN_ERRORS as exc:
            if os.environ.get("LICENSURE_DEBUG"):
                raise
            message = (
                str(exc) if not isinstance(exc, OSError) else f"{exc.strerror or exc}: {exc.filename or ''}".strip(": ")
            )
            raise Fail(message) from None
        except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM during a run (tracker.shutdown): exit 130, not click's 1
            signame = getattr(exc, "signame", None)
            err.print(f"Interrupted{' by ' + signame if signame else ''}.")
            raise SystemExit(130) from None

    return wrapper


def _settings(ctx: click.Context, db: str | None = None, data_dir: str | None = None) -> Settings:
    base: Settings = ctx.obj["settings"]
    return base.with_overrides(
        data_dir=Path(data_dir) if data_dir else None,
        database_url=db,
    )


def db_options(fn: Callable) -> Callable:
    fn = click.option(
        "--data-dir",
        type=click.Path(file_okay=False),
        help="Where the SQLite file, HTTP cache and outputs live (default ./licensure-data).",
    )(fn)
    fn = click.option(
        "--db", "db", metavar="URL", help="Database URL (default: SQLite in the data dir; or $LICENSURE_DATABASE_URL)."
    )(fn)
    return fn


def _parse_date(value: str | None, name: str) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise Fail(f"{name} {value!r} is not a date; use YYYY-MM-DD.") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, sort_keys=False, ensure_ascii=False, default=str))


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    help="TOML settings file (default ./licensure.toml if present, or $LICENSURE_CONFIG).",
)
@click.version_option(package_name="licensure-tracker")
@click.pass_context
def cli(ctx: click.Context, config_file: str | None) -> None:
    """Track what each US state requires of medical assistants, and report when it changes."""
    try:
        ctx.obj = {"settings": load_settings(config_file)}
        registry.use_package(ctx.obj["settings"].jurisdictions_package)
    except ConfigError as exc:
        raise Fail(str(exc)) from None


# --- run ------------------------------------------------------------------------


@cli.command()
@click.option(
    "--snapshot",
    metavar="NAME|DIR",
    help="Crawl a bundled snapshot (a name from `licensure snapshots`, 'latest', or a directory) instead of the live sites.",
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
    trigger: str,
) -> None:
    """Crawl, normalize, validate, store, diff, alert, and write the change report and the table.

    Without --snapshot it crawls the live agency sites. An empty database is
    set up automatically.
    """
    from tracker.pipeline import execute_run

    settings = _settings(ctx, db, data_dir)
    if due or job_name:  # scheduled jobs: tracker/commands/schedule.py
        from tracker.commands.schedule import run_jobs

        ctx.exit(
            run_jobs(
                settings,
                due=due,
                job=job_name,
                snapshot=snapshot,
                states=states,
                trigger=trigger,
                fail_on_problems=fail_on_problems,
            )
        )
    jurisdictions = registry.select(states)
    snap = resolve_snapshot(snapshot) if snapshot else None
    where = f"snapshot {snap.name}" if snap else "the live sites"
    err.print(f"Checking {len(jurisdictions)} jurisdiction(s) on {where}; database {redact(settings.database_url)}")
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

        summary = execute_run(settings, jurisdictions, snap, trigger=trigger, on_page=on_page, notify=err.print)
    if summary.status == "skipped":  # another run held one of these states; the message said which
        ctx.exit(summary.exit_code(fail_on_problems))
    table = Table(title=f"Run {summary.run_id}: {summary.status}", show_lines=False)
    for col in ("State", "Outcome", "Changes", "Detail"):
        table.add_column(col)
    for o in summary.outcomes:
        table.add_row(o.code, o.result, str(len(o.changes)), o.detail[:120])
    err.print(table)
    if summary.error:
        err.print(f"[bold red]{summary.error}[/]")
    err.print(
        f"Change report: {summary.report_path}"
        + (f" (HTML: {Path(summary.report_path).with_suffix('.html')})" if summary.report_path else "")
    )
    for failure in summary.alert_failures:
        err.print(f"[bold yellow]Alert not delivered:[/] {escape(failure)}")
    err.print(f"State table:   {summary.table_path}")
    if summary.alerts_path:
        err.print(f"Alerts (JSON): {summary.alerts_path}")
    ctx.exit(summary.exit_code(fail_on_problems))


# --- snapshots, states ------------------------------------------------------------


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@friendly
def snapshots(as_json: bool) -> None:
    """List the bundled agency-site snapshots, oldest first."""
    snaps = list_snapshots()
    if as_json:
        _json(
            [
                {
                    "name": s.name,
                    "captured": s.captured.isoformat(),
                    "description": s.description,
                    "pages": len(s.pages),
                    "hosts": sorted(s.hosts()),
                    "path": str(s.path),
                }
                for s in snaps
            ]
        )
        return
    table = Table(title="Bundled snapshots (oldest first)")
    for col in ("Name", "Captured", "Pages", "Description"):
        table.add_column(col)
    for s in snaps:
        table.add_row(s.name, s.captured.isoformat(), str(len(s.pages)), s.description)
    out.print(table)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@db_options
@click.pass_context
@friendly
def states(ctx: click.Context, as_json: bool, db: str | None, data_dir: str | None) -> None:
    """Every jurisdiction with its regulator, credential requirement, last fetched, last changed and health."""
    settings = _settings(ctx, db, data_dir)
    database = Database(settings.database_url)
    rows = []
    with database.session() as session:
        for jur in registry.all_jurisdictions().values():
            status = session.get(JurisdictionStatus, (jur.code, jur.profession))
            current = storage.current_version(session, jur.code, jur.profession)
            rows.append(
                {
                    "code": jur.code,
                    "name": jur.name,
                    "regulator": jur.regulators[0].name,
                    "credential_requirement": current.record["credential"]["requirement"]["value"]
                    if current
                    else "unknown",
                    "last_fetched": status.last_fetched_at.isoformat() if status and status.last_fetched_at else None,
                    "last_changed": status.last_changed_at.isoformat() if status and status.last_changed_at else None,
                    "health": status.health if status else "never checked",
                }
            )
    database.dispose()
    if as_json:
        _json(rows)
        return
    table = Table(title="Jurisdictions")
    for col in ("Code", "Name", "Regulator", "Credential", "Last fetched", "Last changed", "Health"):
        table.add_column(col)
    for r in rows:
        table.add_row(
            r["code"],
            r["name"],
            r["regulator"],
            r["credential_requirement"],
            (r["last_fetched"] or "never")[:16],
            (r["last_changed"] or "never")[:16],
            r["health"],
        )
    out.print(table)


# --- show (changes, review, report, history, reparse: tracker/commands/changes.py) ----------------------------------------------------------------


def _value(v: Any) -> str:
    if isinstance(v, list):
        return ", ".join(i if isinstance(i, str) else (i.get("abbreviation") or i.get("name", "")) for i in v) or "none"
    if isinstance(v, dict):
        return "; ".join(f"{k.replace('_', ' ')}: {_value(x)}" for k, x in v.items()) or "-"
    return str(v)


@cli.command()
@click.argument("state")
@click.option("--json", "as_json", is_flag=True, help="Print the record as JSON.")
@click.option("--as-of", metavar="DATE", help="Show the record that was current on this date (YYYY-MM-DD).")
@db_options
@click.pass_context
@friendly
def show(
    ctx: click.Context, state: str, as_json: bool, as_of: str | None, db: str | None, data_dir: str | None
) -> None:
    """Show a jurisdiction's current record, with the evidence behind every value."""
    jur = registry.get(state)
    settings = _settings(ctx, db, data_dir)
    database = Database(settings.database_url)
    with database.session() as session:
        when = _parse_date(as_of, "--as-of")
        version = (
            storage.version_as_of(session, jur.code, jur.profession, when.replace(hour=23, minute=59, second=59))
            if when
            else storage.current_version(session, jur.code, jur.profession)
        )
        if version is None:
            raise Fail(f"No record for {jur.code} yet; run `licensure run --states {jur.code}` first.")
        record = version.record
    database.dispose()
    if as_json:
        _json(record)
        return
    _print_record(
        record, f"{record['jurisdiction']['name']} ({record['jurisdiction']['code']}), version {version.version}"
    )


def _print_record(record: dict, title: str) -> None:
    table = Table(title=title, show_lines=True)
    for col in ("Field", "Value", "Evidence (source: excerpt)"):
        table.add_column(col, overflow="fold")

    def ev(evidence: list[dict]) -> str:
        return "\n".join(f'{e["source_id"]}: "{e["excerpt"]}"' for e in evidence[:2]) or "(no source states this)"

    c = record["credential"]
    table.add_row("Credential requirement", c["requirement"]["value"], ev(c["requirement"]["evidence"]))
    table.add_row("State credentials", _value(c["state_credentials"]["value"]), ev(c["state_credentials"]["evidence"]))
    table.add_row(
        "National certifications",
        _value(c["national_certifications"]["value"]),
        ev(c["national_certifications"]["evidence"]),
    )
    for key, fact in record["education"].items():
        table.add_row(f"Education: {key.replace('_', ' ')}", _value(fact["value"]), ev(fact["evidence"]))
    table.add_row("Supervision", record["supervision"]["value"], ev(record["supervision"]["evidence"]))
    for task, fact in record["tasks"].items():
        cond = f" ({_value(fact['conditions'])})" if fact["conditions"] else ""
        table.add_row(f"Task: {task.replace('_', ' ')}", fact["status"] + cond, ev(fact["evidence"]))
    table.add_row("Citations", ", ".join(x["identifier"] for x in record["citations"]) or "unknown", "")
    table.add_row("Sources", "\n".join(f"{s['source_id']}: {s['url']}" for s in record["sources"]), "")
    if record["extraction"]["warnings"]:
        table.add_row("Warnings", "\n".join(record["extraction"]["warnings"]), "")
    out.print(table)


# --- normalize, validate, db --------------------------------------------------------


def _content_type(path: Path, body: bytes) -> str:
    if path.suffix.lower() == ".pdf" or body[:5] == b"%PDF-":
        return "application/pdf"
    if path.suffix.lower() == ".txt":
        return "text/plain"
    return "text/html"


@cli.command("normalize")
@click.option("--state", required=True, metavar="ST", help="Jurisdiction whose rules to apply.")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--url", metavar="URL", help="The page's original URL (default: the state's first declared source).")
@click.option(
    "--kind",
    type=click.Choice(registry.SOURCE_KINDS),
    help="Source kind, for precedence (default: the declared source's kind, else guidance).",
)
@friendly
def normalize_cmd(state: str, files: tuple[Path, ...], url: str | None, kind: str | None) -> None:
    """Turn saved HTML or PDF page(s) into a record on stdout (for engineers repairing a state).

    Exits 1 if the pages cannot be read or the record is not schema-valid.
    """
    from tracker.records import validate

    jur = registry.get(state)
    if url and len(files) > 1:
        raise Fail(
            "--url applies to a single file; with several files each is matched to the state's declared sources in order."
        )
    pages = []
    for i, path in enumerate(files):
        body = path.read_bytes()
        page_url = url or jur.sources[min(i, len(jur.sources) - 1)].url
        source = jur.source_for_url(page_url, jur.sources[0].source_id)
        source_id = source.source_id if i < len(jur.sources) or url else f"{source.source_id}-{i}"
        pages.append(
            Page(
                source_id,
                page_url,
                kind or source.kind,
                body,
                _content_type(path, body),
                datetime.now(UTC),
                200,
                storage.content_hash(body),
            )
        )
    result = normalize(jur, pages)
    validate(result.record)
    _json(result.record)


@cli.command("validate")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@friendly
def validate_cmd(file: Path) -> None:
    """Check a record (JSON file) against the requirement-record schema; exit 1 if invalid."""
    record = load_file(file)
    found = problems(record)
    if not found:
        out.print(f"{file}: valid requirement record")
        return
    for p in found:
        err.print(f"{file}: {p}")
    raise Fail(f"{file} is not a valid requirement record ({len(found)} problem(s) listed above).")


@cli.group()
def db() -> None:
    """Database maintenance."""


@db.command("upgrade")
@db_options
@click.pass_context
@friendly
def db_upgrade(ctx: click.Context, db: str | None, data_dir: str | None) -> None:
    """Create or upgrade the database schema to the newest version (Alembic)."""
    settings = _settings(ctx.parent, db, data_dir)
    database = Database(settings.database_url, auto_upgrade=False)
    before, after = upgrade(database.engine)
    database.dispose()
    if before == after:
        out.print(f"Database {redact(settings.database_url)} is already at the newest schema ({after}).")
    else:
        out.print(f"Database {redact(settings.database_url)} upgraded from {before or 'empty'} to {after}.")


from tracker import commands as _commands  # noqa: E402

_commands.load()
cli.add_command(new_state_command)


def main() -> None:
    """Console-script entry point."""
    try:
        cli.main(standalone_mode=True)
    except KeyboardInterrupt:
        err.print("Interrupted.")
        sys.exit(130)


if __name__ == "__main__":
    main()
