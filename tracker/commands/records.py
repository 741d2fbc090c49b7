"""The records and what they are read from: `states`, `show`, `snapshots`, `normalize`, `validate`."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click
from rich.table import Table

from tracker import corrections, registry, storage
from tracker.commands.common import (
    Fail,
    date_option,
    err,
    friendly,
    listing,
    moment_text,
    out,
    print_json,
    print_rows,
    reading,
)
from tracker.normalize import Page, normalize
from tracker.overview import state_rows
from tracker.records import RecordInvalid, load_file, problems, validate
from tracker.snapshots import list_snapshots
from tracker.vocabulary import SOURCE_KINDS


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@friendly
def snapshots(as_json: bool) -> None:
    """List the bundled agency-site snapshots, oldest first."""
    snaps = list_snapshots()
    if as_json:
        print_json(
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


@click.command()
@listing
def states(ctx: click.Context, as_json: bool, db: str | None, data_dir: str | None) -> None:
    """Every jurisdiction with its regulator, credential requirement, last fetched, last changed and health."""
    with reading(ctx, db, data_dir) as session:
        rows = state_rows(session)
    print_rows(
        rows,
        as_json,
        title="Jurisdictions",
        columns=("Code", "Name", "Regulator", "Credential", "Last fetched", "Last changed", "Health"),
        cells=lambda r: (
            r["code"],
            r["name"],
            r["regulator"],
            r["credential_requirement"],
            (r["last_fetched"] or "never")[:16],
            (r["last_changed"] or "never")[:16],
            r["health"],
        ),
        overflow="ellipsis",  # rich's default
    )


# --- show -------------------------------------------------------------------------------------------------------


def _value(v: Any) -> str:
    if isinstance(v, list):
        return ", ".join(i if isinstance(i, str) else (i.get("abbreviation") or i.get("name", "")) for i in v) or "none"
    if isinstance(v, dict):
        return "; ".join(f"{k.replace('_', ' ')}: {_value(x)}" for k, x in v.items()) or "-"
    return str(v)


@click.command()
@click.argument("state")
@date_option(
    "--as-of", "Show the record that was current at the end of this day (UTC) or at this moment", end_of_day=True
)
@listing
def show(
    ctx: click.Context, state: str, as_json: bool, as_of: datetime | None, db: str | None, data_dir: str | None
) -> None:
    """Show a jurisdiction's current record, with the evidence behind every value."""
    jur = registry.get(state)
    when = as_of
    with reading(ctx, db, data_dir) as session:
        version = (
            storage.version_as_of(session, jur.code, jur.profession, when)
            if when
            else storage.current_version(session, jur.code, jur.profession)
        )
        if version is None:
            first = storage.first_version(session, jur.code, jur.profession)
            if when is not None and first is not None:
                raise Fail(
                    f"{jur.code} has no record as of {moment_text(when)}: its first record is from "
                    f"{first.created_at.astimezone(UTC):%Y-%m-%d %H:%M} UTC (version {first.version})."
                )
            raise Fail(f"No record for {jur.code} yet; run `licensure run --states {jur.code}` first.")
        found = corrections.in_force(session, jur.code, jur.profession, version.record, when)
        record = corrections.apply(version.record, found)  # reviewers' corrections, as exports show them
    if as_json:
        print_json(record)
        return
    _print_record(
        record,
        f"{record['jurisdiction']['name']} ({record['jurisdiction']['code']}), version {version.version}",
        {field: _verified(item) for field, item in found.items()},
    )


def _verified(item: Any) -> str:
    """What a corrected value's cell adds: who verified it, when, and what the extractor had read."""
    extracted = _value(item.extracted_value)
    return f" — verified by {item.corrected_by} on {item.created_at:%Y-%m-%d} (extracted: {extracted})"


INFERRED = " (inferred — check first)"


def _how(fact: dict) -> str:
    """The mark after a value that was inferred rather than stated (old records: stated)."""
    return INFERRED if fact.get("read") == "inferred" else ""


def _print_record(record: dict, title: str, verified: dict[str, str] | None = None) -> None:
    """The record as a table; `verified`: by field path, the note a reviewer's correction adds to its value."""
    verified = verified or {}
    table = Table(title=title, show_lines=True)
    for col in ("Field", "Value", "Evidence (source: excerpt)"):
        table.add_column(col, overflow="fold")

    def ev(evidence: list[dict]) -> str:
        return "\n".join(f'{e["source_id"]}: "{e["excerpt"]}"' for e in evidence[:2]) or "(no source states this)"

    def fact_row(name: str, fact: dict, value: str, path: str = "") -> None:
        how = verified[path] if path in verified else _how(fact)
        table.add_row(name, value + how, ev(fact["evidence"]))

    c = record["credential"]
    fact_row("Credential requirement", c["requirement"], c["requirement"]["value"], "credential.requirement")
    fact_row("State credentials", c["state_credentials"], _value(c["state_credentials"]["value"]))
    fact_row("National certifications", c["national_certifications"], _value(c["national_certifications"]["value"]))
    for key, fact in record["education"].items():
        fact_row(f"Education: {key.replace('_', ' ')}", fact, _value(fact["value"]), f"education.{key}")
    fact_row("Supervision", record["supervision"], record["supervision"]["value"], "supervision")
    for task, fact in record["tasks"].items():
        cond = f" ({_value(fact['conditions'])})" if fact["conditions"] else ""
        fact_row(f"Task: {task.replace('_', ' ')}", fact, fact["status"] + cond, f"tasks.{task}.status")
    cited = [x["identifier"] + (" (inferred)" if x.get("read") == "inferred" else "") for x in record["citations"]]
    table.add_row("Citations", ", ".join(cited) or "unknown", "")
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


@click.command("normalize")
@click.option("--state", required=True, metavar="ST", help="Jurisdiction whose rules to apply.")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--url", metavar="URL", help="The page's original URL (default: the state's first declared source).")
@click.option(
    "--kind",
    type=click.Choice(SOURCE_KINDS),
    help="Source kind, for precedence (default: the declared source's kind, else guidance).",
)
@friendly
def normalize_cmd(state: str, files: tuple[Path, ...], url: str | None, kind: str | None) -> None:
    """Turn saved HTML or PDF page(s) into a record on stdout (for engineers repairing a state).

    Exits 1 if the pages cannot be read or the record is not schema-valid.
    """
    jur = registry.get(state)
    if url and len(files) > 1:
        raise Fail(
            "--url applies to a single file; with several files each is matched to the state's declared sources "
            "in order."
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
    print_json(result.record)


@click.command("validate")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@friendly
def validate_cmd(file: Path) -> None:
    """Check a record (JSON file) against the requirement-record schema; exit 1 if invalid."""
    try:
        record = load_file(file)
    except RecordInvalid as exc:  # not a JSON text file at all: its one reason, without a schema path
        raise Fail(
            f"{exc.problems[0].message}; `licensure validate` checks a requirement record saved as JSON."
        ) from None
    found = problems(record)
    if not found:
        out.print(f"{file}: valid requirement record")
        return
    for p in found:
        err.print(f"{file}: {p}")
    raise Fail(f"{file} is not a valid requirement record ({len(found)} problem(s) listed above).")
