"""The state table's data: one row per jurisdiction, from the current records or from stored history.

Every export format renders the same `Table`, so the files agree with each
other and share one content hash.

- Without `as_of` the rows are the current records and the coverage comes
  from `jurisdiction_status` and `source_health`; the table is "as of" the
  newest timestamp in that data.
- With `as_of` the rows are the records that were current at that moment
  (`storage.version_as_of`; record versions are append-only), and last
  verified, last changed and health are rebuilt from the stored fetches and
  changes up to that moment, so an export for a past date does not change when
  later runs add data.
- With `changed_since` each cell is compared with the record that was current
  just before that moment (values, as `tracker.diff.flatten` compares them);
  a differing cell is marked changed, and the changes recorded in the period
  are listed with their review status.
- A reviewer's correction in force (tracker.corrections: set on the review
  desk, still matching the field's evidence) replaces the extracted value,
  with a "Verified by NAME on DATE" evidence line first.

Texts are what a reader sees (`Cell.marked` adds " (inferred)" to a value the
normalizer inferred rather than read stated). `unknown` stays unknown, `none` means the
sources say there is none; nothing is ever blank. Texts are raw here:
formula neutralisation (CSV, XLSX) and escaping (HTML, Markdown) are the
writers' job.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker import corrections, registry, storage
from tracker.diff import flatten, is_unknown, label, read_of, show
from tracker.health import health_as_of, overdue
from tracker.models import Change, JurisdictionStatus, RecordVersion, SourceHealth
from tracker.normalize.rules import TASKS
from tracker.registry import Jurisdiction
from tracker.textsafe import safe_href

PROFESSION = "medical-assistant"
EXPORT_VERSION = "1.0.0"
SCHEMA_ID = "https://licensure-tracker.dev/schemas/export/1.0.0"

# the columns of a record's facts (each with its evidence), in the order the exports show them
FACT_COLUMNS = [
    "credential_requirement",
    "state_credentials",
    "national_certifications",
    "min_clock_hours",
    "externship_hours",
    "supervision",
    *[f"task_{t}" for t in TASKS],
]

COLUMNS = [
    "jurisdiction",
    "name",
    *FACT_COLUMNS,
    "citations",
    "regulators",
    "source_urls",
    "health",
    "last_verified",
    "last_changed",
]

TASK_LABELS = {
    "injections": "Injections",
    "iv": "IV therapy",
    "venipuncture": "Venipuncture",
    "medication_administration": "Medication administration",
    "immunizations": "Immunizations",
    "xray": "X-ray",
}

LABELS = {
    "jurisdiction": "State",
    "name": "Jurisdiction",
    "credential_requirement": "Credential requirement",
    "state_credentials": "State credentials",
    "national_certifications": "Recognised certifications",
    "min_clock_hours": "Min. program clock hours",
    "externship_hours": "Externship hours",
    "supervision": "Supervision",
    **{f"task_{t}": name for t, name in TASK_LABELS.items()},
    "citations": "Citations",
    "regulators": "Regulators",
    "source_urls": "Source URLs",
    "health": "Source health",
    "last_verified": "Last verified",
    "last_changed": "Last changed",
}

# the record's field paths (tracker.diff.flatten) behind each column, for "changed since"
PATHS = {
    "credential_requirement": ("credential.requirement",),
    "state_credentials": ("credential.state_credentials",),
    "national_certifications": ("credential.national_certifications",),
    "min_clock_hours": ("education.min_clock_hours",),
    "externship_hours": ("education.externship_hours",),
    "supervision": ("supervision",),
    **{f"task_{t}": (f"tasks.{t}.status", f"tasks.{t}.conditions") for t in TASKS},
    "citations": ("citations",),
    "regulators": ("regulators",),
}
RECORD_COLUMNS = [*PATHS, "source_urls"]

CREDENTIAL_LEVELS = ("license", "certification", "registration", "training", "none", "unknown")
TASK_STATUSES = ("allowed", "conditional", "prohibited", "unaddressed")
MATERIAL = ("requirement", "administrative")
INFERRED_MARK = " (inferred)"
INFERRED_NOTE = (
    "A value marked inferred was not stated by a rule sentence: it was read from a condition, one credential "
    "type's statement, disagreeing statements or only a weaker source (an FAQ or guidance where the state has "
    "a statute, regulation, opinion or policy source). Check those first."
)


class ExportError(ValueError):
    """Bad export options; the message says what to fix."""


@dataclass(frozen=True)
class Evidence:
    source_id: str
    url: str | None
    excerpt: str


@dataclass
class Cell:
    key: str
    text: str
    value: Any
    evidence: list[Evidence] = field(default_factory=list)
    links: list[str] = field(default_factory=list)  # http(s) addresses behind the cell
    changed: bool = False
    before: str | None = None  # the text before `changed_since`, when changed and there was a record
    inferred: bool = False  # the value was inferred, not stated by a rule sentence: writers mark it

    @property
    def marked(self) -> str:
        """The text with its confidence mark, as CSV, XLSX and Markdown cells show it."""
        return self.text + INFERRED_MARK if self.inferred else self.text


@dataclass
class Coverage:
    health: str  # ok | fetch-problem | extraction-problem | unknown | never checked
    detail: str | None
    last_verified: datetime | None
    last_changed: datetime | None
    stale: bool
    failing: list[tuple[str, str]]  # (source_id, why)


@dataclass
class Row:
    code: str
    name: str
    version: int | None
    recorded_at: datetime | None
    record: dict[str, Any] | None
    cells: dict[str, Cell]
    coverage: Coverage
    changed: list[str] = field(default_factory=list)  # columns whose value differs from before `changed_since`
    new_since: bool = False  # no record before `changed_since`

    def text(self, key: str) -> str:
        return self.cells[key].text


@dataclass
class ChangeItem:
    id: int
    jurisdiction: str
    created_at: datetime
    category: str
    field: str
    field_label: str
    kind: str
    direction: str | None
    summary: str
    before: str
    after: str
    old_value: Any
    new_value: Any
    status: str
    reviewed_by: str | None
    reviewed_at: datetime | None
    review_note: str | None
    source_url: str | None


@dataclass
class Options:
    as_of: datetime | None = None
    changed_since: datetime | None = None
    fields: list[str] | None = None
    states: list[str] | None = None  # None: every jurisdiction this database tracks
    only_changed: bool = False
    generated_at: datetime | None = None
    stale_after_hours: float = 72.0
    profession: str = PROFESSION


@dataclass
class Table:
    profession: str
    as_of: datetime
    history: bool  # True: --as-of was given (rows from stored history)
    changed_since: datetime | None
    generated_at: datetime
    fields: list[str]
    rows: list[Row]
    changes: list[ChangeItem]
    stale_after_hours: float
    content_hash: str = ""

    @property
    def columns(self) -> list[tuple[str, str]]:
        return [(k, LABELS[k]) for k in self.fields]

    def canonical(self) -> dict[str, Any]:
        """What the content hash covers: what the table says, independent of format and generation time."""
        return {
            "profession": self.profession,
            "as_of": iso(self.as_of),
            "changed_since": iso(self.changed_since),
            "columns": list(self.fields),
            "rows": [
                {"cells": {k: r.text(k) for k in self.fields}, "changed": [k for k in r.changed if k in self.fields]}
                for r in self.rows
            ],
        }


def iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def when(moment: datetime | None) -> str:
    """A moment as the table shows it."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC") if moment else "never"


def content_hash(canonical: dict[str, Any]) -> str:
    data = json.dumps(canonical, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(data.encode("utf-8")).hexdigest()


# --- cells --------------------------------------------------------------------------------


def _joined(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value) if value else "none"
    if value is None or value == "":
        return "unknown"
    return str(value)


def _evidence(record: dict[str, Any], items: list[dict[str, str]]) -> list[Evidence]:
    urls = {s["source_id"]: s["url"] for s in record.get("sources", [])}
    seen: set[tuple[str, str]] = set()
    out = []
    for e in items or []:
        key = (e["source_id"], e["excerpt"])
        if key in seen:
            continue
        seen.add(key)
        out.append(Evidence(e["source_id"], urls.get(e["source_id"]), e["excerpt"]))
    return out


def _conditions(fact: dict[str, Any]) -> dict[str, Any]:
    return {k: fact["conditions"][k] for k in sorted(fact.get("conditions") or {})}


def condition_text(conditions: dict[str, Any]) -> str:
    parts = []
    for key, value in conditions.items():
        if key == "training_hours":
            parts.append(f"{value} training hours")
        elif key == "certifications":
            parts.append("certification: " + ", ".join(value))
        elif key == "supervision":
            parts.append(f"{value} supervision")
        else:
            parts.append("; ".join(value) if isinstance(value, list) else str(value))
    return "; ".join(parts)


def _credential_cells(record: dict[str, Any]) -> dict[str, Cell]:
    cred = record["credential"]
    creds = cred["state_credentials"]["value"]
    cred_names = (
        [f"{c['name']} ({c['abbreviation']})" if c.get("abbreviation") else c["name"] for c in creds]
        if isinstance(creds, list)
        else creds
    )
    return {
        "credential_requirement": Cell(
            "credential_requirement",
            _joined(cred["requirement"]["value"]),
            cred["requirement"]["value"],
            _evidence(record, cred["requirement"]["evidence"]),
        ),
        "state_credentials": Cell(
            "state_credentials",
            _joined(cred_names),
            [{"name": c["name"], "abbreviation": c.get("abbreviation"), "issuer": c.get("issuer")} for c in creds]
            if isinstance(creds, list)
            else creds,
            _evidence(record, cred["state_credentials"]["evidence"]),
        ),
        "national_certifications": Cell(
            "national_certifications",
            _joined(cred["national_certifications"]["value"]),
            cred["national_certifications"]["value"],
            _evidence(record, cred["national_certifications"]["evidence"]),
        ),
    }


def _source_cells(record: dict[str, Any]) -> dict[str, Cell]:
    cells: dict[str, Cell] = {}
    cits = record["citations"]
    cells["citations"] = Cell(
        "citations",
        _joined([c["identifier"] for c in cits]) if cits else "unknown",
        [{"kind": c["kind"], "identifier": c["identifier"], "status": c.get("status", "unknown")} for c in cits]
        if cits
        else "unknown",
        _evidence(record, [e for c in cits for e in c["evidence"][:1]]),
    )
    regs = record["regulators"]
    cells["regulators"] = Cell(
        "regulators",
        _joined([g["name"] for g in regs]),
        [{"name": g["name"], "url": g.get("url"), "role": g["role"]} for g in regs],
        links=[u for u in (safe_href(g.get("url")) for g in regs) if u],
    )
    urls = [s["url"] for s in record["sources"]]
    cells["source_urls"] = Cell("source_urls", _joined(urls), urls, links=[u for u in map(safe_href, urls) if u])
    return cells


def record_cells(record: dict[str, Any]) -> dict[str, Cell]:
    """The cells a record gives (every column but the coverage ones)."""
    cells = _credential_cells(record)
    for key in ("min_clock_hours", "externship_hours"):
        fact = record["education"][key]
        cells[key] = Cell(key, _joined(fact["value"]), fact["value"], _evidence(record, fact["evidence"]))
    sup = record["supervision"]
    cells["supervision"] = Cell(
        "supervision",
        _joined(sup["value"]),
        {"level": sup["value"], **({"detail": sup["detail"]} if sup.get("detail") else {})},
        _evidence(record, sup["evidence"]),
    )
    for task in TASKS:
        fact = record["tasks"][task]
        cells[f"task_{task}"] = Cell(
            f"task_{task}",
            _joined(fact["status"]),
            {"status": fact["status"], "conditions": _conditions(fact)},
            _evidence(record, fact["evidence"]),
        )
    cells.update(_source_cells(record))
    for column, paths in PATHS.items():
        cells[column].inferred = not is_unknown(cells[column].value) and read_of(record, paths[0]) == "inferred"
    return cells


def unknown_cells() -> dict[str, Cell]:
    """No record (never checked, or none yet on the as-of date): every value is unknown."""
    cells = {k: Cell(k, "unknown", "unknown") for k in RECORD_COLUMNS}
    for task in TASKS:
        cells[f"task_{task}"] = Cell(f"task_{task}", "unknown", {"status": "unknown", "conditions": {}})
    return cells


def changed_columns(before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[str]:
    """Columns whose values differ between two records (values only, as the diff compares them)."""
    if after is None:
        return []
    if before is None:
        return list(RECORD_COLUMNS)
    old, new = flatten(before), flatten(after)
    out = []
    for column, paths in PATHS.items():
        if any((old[p].value if p in old else None) != (new[p].value if p in new else None) for p in paths):
            out.append(column)
    if [s["url"] for s in before["sources"]] != [s["url"] for s in after["sources"]]:
        out.append("source_urls")
    return out


# --- history ------------------------------------------------------------------------------


def _version_before(session: Session, code: str, profession: str, moment: datetime) -> RecordVersion | None:
    return session.scalars(
        select(RecordVersion)
        .where(
            RecordVersion.jurisdiction == code,
            RecordVersion.profession == profession,
            RecordVersion.created_at < moment,
        )
        .order_by(RecordVersion.version.desc())
        .limit(1)
    ).first()


def _first_version_at(session: Session, code: str, profession: str) -> datetime | None:
    return session.scalars(
        select(RecordVersion.created_at)
        .where(RecordVersion.jurisdiction == code, RecordVersion.profession == profession)
        .order_by(RecordVersion.version)
        .limit(1)
    ).first()


def _last_material_change(session: Session, code: str, profession: str, moment: datetime) -> datetime | None:
    return session.scalars(
        select(Change.created_at)
        .where(
            Change.jurisdiction == code,
            Change.profession == profession,
            Change.category.in_(MATERIAL),
            Change.created_at <= moment,
        )
        .order_by(Change.created_at.desc(), Change.id.desc())
        .limit(1)
    ).first()


# --- building ----------------------------------------------------------------------------


def _tracked_codes(session: Session, profession: str) -> list[str]:
    known = registry.all_jurisdictions()
    codes = set(
        session.scalars(
            select(JurisdictionStatus.jurisdiction).where(JurisdictionStatus.profession == profession)
        ).all()
    )
    codes |= set(
        session.scalars(
            select(RecordVersion.jurisdiction).where(RecordVersion.profession == profession).distinct()
        ).all()
    )
    tracked = sorted(c for c in codes if c in known)
    return tracked or sorted(known)


def select_fields(fields: list[str] | None) -> list[str]:
    if not fields:
        return list(COLUMNS)
    unknown = [f for f in fields if f not in COLUMNS]
    if unknown:
        raise ExportError(f"Unknown field(s) {', '.join(unknown)}; known fields: {', '.join(COLUMNS)}.")
    chosen = [f for f in dict.fromkeys(fields) if f != "jurisdiction"]
    return ["jurisdiction", *chosen]


def _change_item(c: Change) -> ChangeItem:
    return ChangeItem(
        id=c.id,
        jurisdiction=c.jurisdiction,
        created_at=c.created_at,
        category=c.category,
        field=c.field,
        field_label=label(c.field),
        kind=c.kind,
        direction=c.direction,
        summary=c.summary,
        before=show(c.old_value) if c.old_value is not None else "",
        after=show(c.new_value) if c.new_value is not None else "",
        old_value=c.old_value,
        new_value=c.new_value,
        status=c.status,
        reviewed_by=c.reviewed_by,
        reviewed_at=c.reviewed_at,
        review_note=c.review_note,
        source_url=c.source_url,
    )


def _failing_now(session: Session, profession: str) -> dict[str, list[tuple[str, str]]]:
    """The sources failing at present, per jurisdiction: (source_id, why)."""
    failing: dict[str, list[tuple[str, str]]] = {}
    for h in session.scalars(
        select(SourceHealth).where(SourceHealth.profession == profession, SourceHealth.consecutive_failures > 0)
    ).all():
        failing.setdefault(h.jurisdiction, []).append((h.source_id, h.last_error or "failing"))
    return failing


def _state_as_of(
    session: Session, code: str, profession: str, as_of: datetime
) -> tuple[RecordVersion | None, Coverage]:
    """A jurisdiction's record and coverage as they stood at `as_of` (from the stored history)."""
    version = storage.version_as_of(session, code, profession, as_of)
    health, detail, verified, failing = health_as_of(session, code, profession, as_of, version is not None)
    changed_at = None
    if version is not None:
        firsts = [_first_version_at(session, code, profession), _last_material_change(session, code, profession, as_of)]
        changed_at = max(filter(None, firsts))
    return version, Coverage(health, detail, verified, changed_at, False, failing)


def _state_now(
    session: Session, status: JurisdictionStatus | None, failing: list[tuple[str, str]]
) -> tuple[RecordVersion | None, Coverage]:
    """A jurisdiction's current record and coverage (from its status row)."""
    if status is None:
        return None, Coverage("never checked", None, None, None, False, sorted(failing))
    version = session.get(RecordVersion, status.current_version_id) if status.current_version_id else None
    coverage = Coverage(
        status.health, status.health_detail, status.last_verified_at, status.last_changed_at, False, sorted(failing)
    )
    return version, coverage


def _row(
    jur: Jurisdiction, version: RecordVersion | None, coverage: Coverage, record: dict[str, Any] | None = None
) -> Row:
    """The row of a record version (`record`: the version's record as shown, with reviewers' corrections)."""
    record = record if record is not None else (version.record if version else None)
    cells = record_cells(record) if record else unknown_cells()
    cells["jurisdiction"] = Cell("jurisdiction", jur.code, jur.code)
    cells["name"] = Cell("name", jur.name, jur.name)
    cells["health"] = Cell("health", coverage.health, coverage.health)
    cells["last_verified"] = Cell("last_verified", when(coverage.last_verified), iso(coverage.last_verified))
    cells["last_changed"] = Cell("last_changed", when(coverage.last_changed), iso(coverage.last_changed))
    return Row(
        jur.code,
        jur.name,
        version.version if version else None,
        version.created_at if version else None,
        record,
        cells,
        coverage,
    )


def _mark_changed_since(session: Session, row: Row, profession: str, since: datetime) -> None:
    """Which of the row's columns differ from the record before `since` (and what they were)."""
    if row.record is None:
        return
    before = _version_before(session, row.code, profession, since)
    row.new_since = before is None
    row.changed = changed_columns(before.record if before else None, row.record)
    old_cells = record_cells(before.record) if before else {}
    for key in row.changed:
        row.cells[key].changed = True
        if key in old_cells:
            row.cells[key].before = old_cells[key].text


def _mark_stale(rows: list[Row], generated_at: datetime, hours: float) -> None:
    """Rows whose record was last verified more than `hours` before `generated_at` are stale."""
    for row in rows:
        cov = row.coverage
        if hours and row.record is not None and overdue(cov.last_verified, generated_at, hours):
            cov.stale = True
            if cov.health == "ok":
                cov.health = "stale"
                row.cells["health"] = Cell("health", "stale", "stale")


def _rows(session: Session, codes: list[str], opts: Options) -> tuple[list[Row], list[datetime]]:
    """The rows, and the moments of the data they were made from (current records only)."""
    profession = opts.profession
    statuses = {s.jurisdiction: s for s in storage.all_statuses(session) if s.profession == profession}
    failing_now = _failing_now(session, profession) if opts.as_of is None else {}
    stamps: list[datetime] = []
    rows: list[Row] = []
    for code in codes:
        if opts.as_of is not None:
            version, coverage = _state_as_of(session, code, profession, opts.as_of)
        else:
            status = statuses.get(code)
            version, coverage = _state_now(session, status, failing_now.get(code, []))
            if status:
                stamps += [t for t in (status.last_fetched_at, status.last_verified_at, status.last_changed_at) if t]
        if version:
            stamps.append(version.created_at)
        # reviewers' corrections in force (tracker.corrections) replace the values they verified
        shown = corrections.corrected_record(session, code, profession, version.record if version else None, opts.as_of)
        row = _row(registry.get(code), version, coverage, shown)
        if opts.changed_since is not None:
            _mark_changed_since(session, row, profession, opts.changed_since)
        rows.append(row)
    return rows, stamps


def build_table(session: Session, options: Options | None = None) -> Table:
    """One row per selected jurisdiction, sorted by code, as the options ask."""
    opts = options or Options()
    profession, since, until = opts.profession, opts.changed_since, opts.as_of
    if until is not None and since is not None and since > until:
        raise ExportError("--changed-since is after --as-of; pick a start date before the as-of date.")
    if opts.only_changed and since is None:
        raise ExportError("--only-changed needs --changed-since DATE.")
    fields = select_fields(opts.fields)
    chosen = [j.code for j in registry.select(opts.states)] if opts.states else _tracked_codes(session, profession)
    codes = sorted(chosen)
    rows, stamps = _rows(session, codes, opts)
    selected = set(codes)
    changes = [
        _change_item(c)
        for c in storage.list_changes(session, since=since)
        if c.jurisdiction in selected and c.profession == profession and (until is None or c.created_at <= until)
    ]
    if until is None:  # current records: as of the newest moment in the exported data (reviews included)
        stamps += [c.created_at for c in changes] + [c.reviewed_at for c in changes if c.reviewed_at]
    as_of = until if until is not None else max(stamps, default=datetime(1970, 1, 1, tzinfo=UTC))
    generated_at = opts.generated_at or as_of
    _mark_stale(rows, generated_at, opts.stale_after_hours)
    if opts.only_changed:
        rows = [r for r in rows if r.changed]
    history = until is not None
    table = Table(profession, as_of, history, since, generated_at, fields, rows, changes, opts.stale_after_hours)
    table.content_hash = content_hash(table.canonical())
    return table
