"""What every `licensure` command shares: the consoles, errors as one plain sentence, the database options.

Commands import these from here, never from tracker.cli (which imports the commands to register them).
"""

from __future__ import annotations

import functools
import json
import os
import socket
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

import click
from rich.console import Console, OverflowMethod
from rich.markup import escape
from rich.table import Table
from sqlalchemy.orm import Session

from tracker.config import ConfigError, Settings
from tracker.db import Database, DatabaseError
from tracker.jobfile import JobsFileError
from tracker.normalize import ExtractionError
from tracker.pipeline import RunSummary
from tracker.records import RecordInvalid
from tracker.registry import RegistryError
from tracker.snapshots import SnapshotError

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

EXIT_ERROR = 1
KNOWN_ERRORS = (
    ConfigError,
    DatabaseError,
    RegistryError,
    SnapshotError,
    RecordInvalid,
    ExtractionError,
    JobsFileError,
    OSError,
)


class Fail(click.ClickException):
    exit_code = EXIT_ERROR

    def show(self, file: Any = None) -> None:
        err.print(f"[bold red]Error:[/] {escape(self.message)}")  # a message's "[alerts]" is text, not markup


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


def settings_for(ctx: click.Context, db: str | None = None, data_dir: str | None = None) -> Settings:
    """The settings loaded by the `licensure` group, with this command's --db and --data-dir."""
    base: Settings = ctx.find_root().obj["settings"]
    return base.with_overrides(data_dir=Path(data_dir) if data_dir else None, database_url=db)


def open_database(
    ctx: click.Context, db: str | None = None, data_dir: str | None = None, create: bool = True
) -> Database:
    """The database of these options; use it as `with open_database(...) as database:`.

    Commands that only read pass create=False: a SQLite file that does not exist is then refused, naming
    it, so a mistyped path never becomes a new, empty database.
    """
    return Database(settings_for(ctx, db, data_dir).database_url, create=create)


@contextmanager
def reading(ctx: click.Context, db: str | None = None, data_dir: str | None = None) -> Iterator[Session]:
    """A session on the database of these options for a command that only reads (create=False: a SQLite file
    that does not exist is refused, naming it)."""
    with open_database(ctx, db, data_dir, create=False) as database, database.session() as session:
        yield session


def listing(fn: Callable) -> Callable:
    """A read-only listing command: `--json`, the database options, the context, errors as one sentence."""
    decorated = click.pass_context(friendly(fn))
    return click.option("--json", "as_json", is_flag=True, help="Print JSON.")(db_options(decorated))


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


def require_free_port(host: str, port: int) -> None:
    """Refuse, in one sentence, a port another program already listens on (0, any free port, always is)."""
    if port == 0:
        return
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        try:
            probe.bind((host, port))
        except socket.gaierror as exc:
            raise Fail(f"--host {host} is not an address ({exc.strerror or exc}); give an IP address.") from None
        except OSError as exc:
            raise Fail(
                f"Port {port} on {host} cannot be used ({exc.strerror or exc}); another program may listen there: "
                "pass another --port (0 picks a free one)."
            ) from None


def toggle(name: str, default: bool, help: str) -> Callable[[Callable], Callable]:
    """An on/off option `--NAME/--no-NAME` whose default `--help` shows."""
    return click.option(f"--{name}/--no-{name}", default=default, show_default=True, help=help)


DATE_HELP = "YYYY-MM-DD, or an ISO date-time such as 2026-06-01T12:00:00Z (UTC when no offset is given)"


def parse_date(value: str | None, name: str, end_of_day: bool = False) -> datetime | None:
    """YYYY-MM-DD (the start of that day, UTC, or its end with `end_of_day`) or an ISO 8601 date-time."""
    if not value:
        return None
    text = value.strip()
    try:
        if len(text) == 10:
            day = datetime.strptime(text, "%Y-%m-%d").date()
            return datetime.combine(day, time(23, 59, 59) if end_of_day else time(0, 0), tzinfo=UTC)
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise Fail(f"{name} {value!r} is not a date; use {DATE_HELP}.") from None
    return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def date_option(name: str, what: str, *, end_of_day: bool = False) -> Callable[[Callable], Callable]:
    """A `DATE|DATETIME` option (`what` starts its help) whose value reaches the command parsed by parse_date:
    a UTC datetime, or None when it is not given; a value that is not a date exits 1 naming the option."""

    def parse(ctx: click.Context, param: click.Parameter, value: str | None) -> datetime | None:
        return parse_date(value, name, end_of_day=end_of_day)

    return click.option(name, metavar="DATE|DATETIME", callback=parse, help=f"{what}: {DATE_HELP}.")


def moment_text(moment: datetime) -> str:
    """A date_option's value in a sentence: the day alone when it was given as a day, else the UTC minute."""
    if moment.time() in (time(0, 0), time(23, 59, 59)):
        return f"{moment:%Y-%m-%d}"
    return f"{moment.astimezone(UTC):%Y-%m-%d %H:%M} UTC"


def print_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, sort_keys=False, ensure_ascii=False, default=str))


def print_rows(
    rows: list[dict[str, Any]],
    as_json: bool,
    *,
    title: str,
    columns: Sequence[str],
    cells: Callable[[dict[str, Any]], Sequence[str]],
    empty: str | None = None,
    overflow: OverflowMethod = "fold",
    json_data: Any = None,
) -> None:
    """A listing: the rows as JSON (`--json`; `json_data` instead when given), else a table of `columns`
    with `cells(row)` in each line, or the `empty` sentence when there is no row."""
    if as_json:
        print_json(rows if json_data is None else json_data)
        return
    if not rows and empty is not None:
        out.print(empty)
        return
    table = Table(title=title)
    for col in columns:
        table.add_column(col, overflow=overflow)
    for row in rows:
        table.add_row(*cells(row))
    out.print(table)


def print_summary(summary: RunSummary) -> None:
    """A run's outcome per jurisdiction, its error, undelivered alerts and where its outputs are (on stderr)."""
    if summary.status == "skipped":  # another run held one of these states; the run's message said which
        return
    table = Table(title=f"Run {summary.run_id}: {summary.status}", show_lines=False)
    for col in ("State", "Outcome", "Changes", "Detail"):
        table.add_column(col)
    for o in summary.outcomes:
        table.add_row(o.code, summary.outcome_words(o), str(len(o.changes)), escape(o.detail[:120]))
    err.print(table)
    if summary.error:
        err.print(f"[bold red]{escape(summary.error)}[/]")
    if summary.report_path:
        err.print(f"Change report: {summary.report_path} (HTML: {Path(summary.report_path).with_suffix('.html')})")
    for notice in summary.notices:
        err.print(f"[bold]Note:[/] {escape(notice)}")
    for failure in summary.alert_failures:
        err.print(f"[bold yellow]Alert not delivered:[/] {escape(failure)}")
    if summary.table_path:
        err.print(f"State table:   {summary.table_path}")
    if summary.alerts_path:
        err.print(f"Alerts (JSON): {summary.alerts_path}")
