"""`licensure export`: the state-by-state table as CSV, XLSX, JSON, Markdown or an HTML dashboard."""

from __future__ import annotations

import contextlib
import sys
from datetime import UTC, datetime
from pathlib import Path

import click
from sqlalchemy.orm import Session

from tracker import registry, storage
from tracker.commands.common import Fail, date_option, db_options, err, friendly, moment_text, parse_date, settings_for
from tracker.db import Database
from tracker.exports import COLUMNS, FORMATS, ExportError, Options, build_table, format_for, render
from tracker.exports.table import when


def _refuse_before_history(session: Session, as_of: datetime | None) -> None:
    """An --as-of before the database's first record would be a table of "never checked": say so instead."""
    if as_of is None:
        return
    first = storage.first_version(session)
    given = moment_text(as_of)
    if first is None:
        raise Fail(f"No record as of {given}: this database holds no record yet; run `licensure run` first.")
    if first.created_at > as_of:
        raise Fail(
            f"No record as of {given}: the first record in this database is from "
            f"{first.created_at.astimezone(UTC):%Y-%m-%d %H:%M} UTC ({first.jurisdiction}, version {first.version})."
        )


def _list(value: str | None) -> list[str] | None:
    if not value:
        return None
    return [v.strip() for v in value.replace(" ", ",").split(",") if v.strip()]


def _write(data: bytes, path: Path | None) -> None:
    """To standard output, or to `path` whole (written beside it, then moved into place)."""
    if path is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError as exc:  # the file asked for, not the temporary one beside it
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise Fail(f"Cannot write {path} ({exc.strerror or exc}); choose a folder you can write to.") from None


@click.command("export")
@click.option(
    "--format", "kind", type=click.Choice(list(FORMATS)), help="Output format (default: from the file name's suffix)."
)
@click.option(
    "-o", "--output", "output", required=True, metavar="FILE", help="Where to write the file ('-' for standard output)."
)
@date_option(
    "--as-of",
    "The records current at the end of this day (UTC) or at this moment, from stored history",
    end_of_day=True,
)
@date_option(
    "--changed-since",
    "Mark the cells whose value changed since the start of this day (UTC) or this moment, and list the "
    "changes in the period",
)
@click.option("--only-changed", is_flag=True, help="With --changed-since: only the jurisdictions with a changed cell.")
@click.option(
    "--fields",
    metavar="F1,F2",
    help="Columns to include, in this order (the state code always comes first). See the list below.",
)
@click.option(
    "--states",
    metavar="CODES",
    help="Comma-separated USPS codes, or 'all' (default: every jurisdiction this database tracks).",
)
@click.option(
    "--generated-at",
    "generated_at",
    metavar="ISO",
    help="The generation time stamped in the file (default: the as-of moment, or the newest timestamp in "
    "the data, so the same database and options give the same bytes).",
)
@db_options
@click.pass_context
@friendly
def export(
    ctx: click.Context,
    kind: str | None,
    output: str,
    as_of: datetime | None,
    changed_since: datetime | None,
    only_changed: bool,
    fields: str | None,
    states: str | None,
    generated_at: str | None,
    db: str | None,
    data_dir: str | None,
) -> None:
    """Write the state-by-state table: one row per jurisdiction.

    Columns: credential requirement, state credentials, recognised
    certifications, training hours, supervision, each task's status,
    citations, regulators, source URLs, source health, last verified and last
    changed. `unknown` is written as unknown, never blank.

    Formats: csv, xlsx (sheets Requirements, Evidence, Changes, About), json
    (valid against schemas/export.schema.json), md, html (a self-contained
    dashboard with a state map). Each file states its as-of date and a content
    hash, printed here too.

    \b
    Fields: {fields}
    """
    path = None if output == "-" else Path(output)
    if path is None and kind is None:
        raise Fail("With -o - (standard output) pass --format.")
    try:
        fmt = format_for(kind, path)
    except ExportError as exc:
        raise Fail(str(exc)) from None
    settings = settings_for(ctx, db, data_dir)
    options = Options(
        as_of=as_of,
        changed_since=changed_since,
        fields=_list(fields),
        states=[j.code for j in registry.select(states)] if states else None,
        only_changed=only_changed,
        generated_at=parse_date(generated_at, "--generated-at"),
        stale_after_hours=settings.stale_after_hours,
    )
    try:
        with Database(settings.database_url, create=False) as database, database.session() as session:
            _refuse_before_history(session, options.as_of)
            table = build_table(session, options)
    except ExportError as exc:
        raise Fail(str(exc)) from None
    _write(render(fmt.kind, table), path)
    where = "standard output" if path is None else str(path)
    err.print(
        f"Wrote {where}: {fmt.kind}, {len(table.rows)} jurisdiction(s), as of {when(table.as_of)}"
        + (f", changed since {when(table.changed_since)}" if table.changed_since else "")
    )
    err.print(f"Content hash: {table.content_hash}")


export.help = (export.help or "").replace("{fields}", ", ".join(COLUMNS))
