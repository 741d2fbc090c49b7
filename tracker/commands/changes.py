"""Change tracking commands: `changes`, `review`, `report`, `history`, `reparse`, `deliveries`."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import click
from rich.markup import escape
from rich.table import Table
from sqlalchemy import select

from tracker import history as hist
from tracker import registry, reports, storage
from tracker import review as workflow
from tracker.alerts import change_dict
from tracker.commands.common import (
    Fail,
    date_option,
    db_options,
    err,
    friendly,
    listing,
    out,
    print_json,
    print_rows,
    reading,
    settings_for,
)
from tracker.db import Database
from tracker.diff import label, show
from tracker.models import AlertDelivery, Change
from tracker.review import STATUSES, ReviewError, review_dict, trail


@click.command()
@click.option("--status", type=click.Choice(list(STATUSES)), help="Only changes in this review status.")
@click.option("--state", metavar="ST", help="Only this jurisdiction.")
@date_option("--since", "Only changes recorded from the start of this day or this moment")
@listing
def changes(
    ctx: click.Context,
    status: str | None,
    state: str | None,
    since: datetime | None,
    as_json: bool,
    db: str | None,
    data_dir: str | None,
) -> None:
    """List recorded changes: requirement changes, wording changes and source problems.

    Review one with `licensure review ID --accept|--dismiss|--needs-legal --by NAME`.
    """
    code = registry.get(state).code if state else None
    with reading(ctx, db, data_dir) as session:
        rows = [change_dict(c) for c in storage.list_changes(session, status=status, code=code, since=since)]
    print_rows(
        rows,
        as_json,
        title=f"{len(rows)} change(s)",
        columns=("ID", "State", "Category", "Change", "Status", "Recorded"),
        cells=lambda r: (
            str(r["id"]),
            r["jurisdiction"],
            r["category"],
            escape(r["summary"]),
            r["status"],
            r["created_at"][:16],
        ),
        empty="No changes recorded for these filters.",
    )


def _decision(accept: bool, dismiss: bool, needs_legal: bool, reviewer: str | None, note: str | None) -> str | None:
    """The one decision the flags ask for (None: only show); contradictory or incomplete flags are bad usage."""
    flags_given = (("accepted", accept), ("dismissed", dismiss), ("needs-legal", needs_legal))
    chosen = [name for name, flag in flags_given if flag]
    if len(chosen) > 1:
        flags = " and ".join("--" + {"accepted": "accept", "dismissed": "dismiss"}.get(c, c) for c in chosen)
        raise click.UsageError(f"{flags} contradict each other: give one decision.")
    decision = chosen[0] if chosen else None
    if decision and not (reviewer or "").strip():
        raise click.UsageError("Say who is reviewing with --by NAME.")
    if not decision and (reviewer or note):
        raise click.UsageError("--by and --note go with a decision: add --accept, --dismiss or --needs-legal.")
    return decision


@click.command()
@click.argument("change_id", metavar="ID", type=int)
@click.option("--accept", is_flag=True, help="The change is real and understood.")
@click.option("--dismiss", is_flag=True, help="A false alarm: nothing changed that matters.")
@click.option("--needs-legal", is_flag=True, help="Counsel must look at it.")
@click.option("--by", "reviewer", metavar="NAME", help="Who decides (required with a decision).")
@click.option("--note", metavar="TEXT", help="Why, for the audit trail.")
@click.option("--json", "as_json", is_flag=True, help="Print the change and its audit trail as JSON.")
@db_options
@click.pass_context
@friendly
def review(
    ctx: click.Context,
    change_id: int,
    accept: bool,
    dismiss: bool,
    needs_legal: bool,
    reviewer: str | None,
    note: str | None,
    as_json: bool,
    db: str | None,
    data_dir: str | None,
) -> None:
    """Record a review decision on change ID, or show the change and its audit trail.

    Every decision is kept (who, when, from which status to which, and the
    note). Without --accept, --dismiss or --needs-legal it only shows.
    """
    decision = _decision(accept, dismiss, needs_legal, reviewer, note)
    try:
        with reading(ctx, db, data_dir) as session:
            change: Change | None = (
                workflow.review(session, change_id, decision, reviewer or "", note)
                if decision
                else session.get(Change, change_id)
            )
            if change is None:
                raise ReviewError(f"There is no change #{change_id}; `licensure changes` lists the recorded changes.")
            data = change_dict(change)
            data["reviews"] = [review_dict(r) for r in trail(session, change_id)]
    except ReviewError as exc:
        raise Fail(str(exc)) from None
    if as_json:
        print_json(data)
        return
    if decision:
        out.print(f"Change #{change_id} is now {decision} (by {escape(data['reviewed_by'])}).")
        return
    out.print(f"Change #{data['id']} ({data['jurisdiction']}, {data['category']}): {escape(data['summary'])}")
    out.print(f"Status: {data['status']}")
    if data["supersedes_id"]:
        out.print(f"Follows change #{data['supersedes_id']} of the same field.")
    if not data["reviews"]:
        out.print("No review yet.")
    for r in data["reviews"]:
        note_text = f": {escape(r['note'])}" if r["note"] else ""
        out.print(f"  {r['at'][:16]}  {r['from']} -> {r['to']}  by {escape(r['by'])}{note_text}")


@click.command()
@date_option(
    "--since",
    "Every change recorded from the start of this day or this moment (default: every change still open or "
    "needing legal review)",
)
@click.option("--state", metavar="ST", help="Only this jurisdiction.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "md"]),
    default="html",
    show_default=True,
    help="One self-contained HTML file, or Markdown.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (default: standard output).",
)
@db_options
@click.pass_context
@friendly
def report(
    ctx: click.Context,
    since: datetime | None,
    state: str | None,
    fmt: str,
    output: Path | None,
    db: str | None,
    data_dir: str | None,
) -> None:
    """Write the change report: per jurisdiction and field, before and after, with the evidence and sources."""
    code = registry.get(state).code if state else None
    with reading(ctx, db, data_dir) as session:
        title, items, intro = reports.report_changes(session, since, code)
        codes = [code] if code else list(registry.all_jurisdictions())
        open_ = reports.still_open(session, codes, {c.id for c in items})  # so it never says all reads well
        text = reports.render(fmt, title, items, intro, session, open_)
    if output is None:
        click.echo(text, nl=False)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    err.print(f"Wrote {len(items)} change(s) to {output}")


@click.command()
@click.argument("state")
@click.option(
    "--field", "path", metavar="PATH", help="Only this field, e.g. education.min_clock_hours or tasks.injections."
)
@listing
def history(
    ctx: click.Context, state: str, path: str | None, as_json: bool, db: str | None, data_dir: str | None
) -> None:
    """List a jurisdiction's record versions and its changes, oldest first."""
    jur = registry.get(state)
    with reading(ctx, db, data_dir) as session:
        versions = [
            {
                "version": v.version,
                "created_at": v.created_at.isoformat().replace("+00:00", "Z"),
                "run_id": v.run_id,
                "normalizer": f"{v.normalizer} {v.normalizer_version}",
                "values_hash": v.values_hash,
                **({"value": hist.value_at(v, path)} if path else {}),
            }
            for v in hist.versions(session, jur)
        ]
        found = [change_dict(c) for c in hist.field_changes(session, jur, path)]
    if path and not found and all(v.get("value") is None for v in versions):
        raise Fail(
            f"{jur.code} has no field {path!r}; fields look like credential.requirement, "
            "education.min_clock_hours or tasks.injections.status."
        )
    if as_json:
        print_json({"jurisdiction": jur.code, "field": path, "versions": versions, "changes": found})
        return
    if not versions:
        out.print(f"No record for {jur.code} yet; run `licensure run --states {jur.code}` first.")
        return
    table = Table(title=f"{jur.code}: record versions" + (f", {label(path)}" if path else ""))
    for col in ("Version", "Recorded", "Run", "Normalizer", *(["Value"] if path else [])):
        table.add_column(col, overflow="fold")
    for v in versions:
        table.add_row(
            str(v["version"]),
            v["created_at"][:16],
            str(v["run_id"] or "-"),
            v["normalizer"],
            *([escape(show(v["value"]))] if path else []),
        )
    out.print(table)
    if not found:
        out.print("No changes recorded.")
        return
    table = Table(title=f"{jur.code}: changes")
    for col in ("ID", "Recorded", "Category", "Change", "Status"):
        table.add_column(col, overflow="fold")
    for c in found:
        table.add_row(str(c["id"]), c["created_at"][:16], c["category"], escape(c["summary"]), c["status"])
    out.print(table)


@click.command()
@click.option(
    "--states", metavar="CODES", default="all", show_default=True, help="Comma-separated USPS codes, e.g. WA,CA."
)
@db_options
@click.pass_context
@friendly
def reparse(ctx: click.Context, states: str, db: str | None, data_dir: str | None) -> None:
    """Re-read the stored pages with today's normalizers (after a normalizer fix).

    Differences are recorded as extraction changes for the engineers'
    channels, never as requirement changes, and nothing is sent to
    compliance channels. Nothing is fetched.
    """
    settings = settings_for(ctx, db, data_dir)
    jurisdictions = registry.select(states)
    results = []
    with Database(settings.database_url, create=False) as database:
        for jur in jurisdictions:
            with database.session() as session:
                results.append(hist.reparse(session, jur, settings))
    for r in results:
        ids = f" (changes {', '.join('#' + str(c.id) for c in r.changes)})" if r.changes else ""
        out.print(f"{r.code}: {escape(r.note)}{ids}")


@click.command()
@click.option("--failed", is_flag=True, help="Only deliveries that failed.")
@listing
def deliveries(ctx: click.Context, failed: bool, as_json: bool, db: str | None, data_dir: str | None) -> None:
    """Alert deliveries, newest first: channel (secrets hidden), status, attempts and error."""
    with reading(ctx, db, data_dir) as session:
        query = select(AlertDelivery).order_by(AlertDelivery.id.desc()).limit(200)
        if failed:
            query = query.where(AlertDelivery.status == "failed")
        rows: list[dict[str, Any]] = [
            {
                "id": d.id,
                "run_id": d.run_id,
                "channel": d.channel,
                "status": d.status,
                "attempts": d.attempts,
                "changes": d.change_count,
                "error": d.error,
                "at": d.created_at.isoformat().replace("+00:00", "Z"),
            }
            for d in session.scalars(query).all()
        ]
    print_rows(
        rows,
        as_json,
        title="Alert deliveries (newest first)",
        columns=("ID", "Run", "Channel", "Status", "Tries", "Items", "Error", "At"),
        cells=lambda r: (
            str(r["id"]),
            str(r["run_id"] or "-"),
            escape(r["channel"]),
            r["status"],
            str(r["attempts"]),
            str(r["changes"]),
            escape(r["error"] or ""),
            r["at"][:16],
        ),
        empty="No alert deliveries recorded.",
    )
