"""History of a jurisdiction's record, and re-reading stored pages with today's normalizer.

`reparse` re-runs the current normalizer over the pages the current record
was read from (their bodies are stored once per content). Any difference is
the code's doing, not the law's: it is recorded as an extraction change for
the engineers' channels only, never as a requirement change, and the
re-read record becomes current so the next run does not report the same
differences as rule changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from tracker import corrections, health, storage
from tracker.config import Settings
from tracker.diff import diff, flatten, values_hash
from tracker.models import Change, RecordVersion
from tracker.normalize import ExtractionError, Page, engine_signature, normalize
from tracker.records import RecordInvalid, validate
from tracker.registry import Jurisdiction
from tracker.settlement import record_field_changes


def versions(session: Session, jur: Jurisdiction) -> list[RecordVersion]:
    return list(
        session.scalars(
            select(RecordVersion)
            .where(RecordVersion.jurisdiction == jur.code, RecordVersion.profession == jur.profession)
            .order_by(RecordVersion.version)
        ).all()
    )


def field_changes(session: Session, jur: Jurisdiction, path: str | None = None) -> list[Change]:
    query = select(Change).where(Change.jurisdiction == jur.code, Change.profession == jur.profession)
    if path:
        query = query.where(or_(Change.field == path, Change.field.startswith(path + ".")))
    return list(session.scalars(query.order_by(Change.id)).all())


def value_at(version: RecordVersion, path: str) -> Any:
    """A field's comparable value in one version (None if the record has no such field)."""
    flat = flatten(version.record)
    if path in flat:
        return flat[path].value
    nested = {k: v.value for k, v in flat.items() if k.startswith(path + ".")}
    return nested or None


@dataclass
class ReparseResult:
    code: str
    changes: list[Change] = field(default_factory=list)
    version: int | None = None
    note: str = ""


def _pages(session: Session, record: dict[str, Any]) -> list[Page]:
    pages = []
    for s in record["sources"]:
        fetched = datetime.fromisoformat(s["fetched_at"].replace("Z", "+00:00"))
        pages.append(
            Page(
                s["source_id"],
                s["url"],
                s["kind"],
                storage.load_body(session, s["content_hash"]),
                s.get("content_type"),
                fetched if fetched.tzinfo else fetched.replace(tzinfo=UTC),
                s["http_status"],
                s["content_hash"],
            )
        )
    return pages


def _comparable(record: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in record.items() if k != "extraction"}
    out["normalizer"] = (record["extraction"]["normalizer"], record["extraction"]["normalizer_version"])
    return out


def reparse(session: Session, jur: Jurisdiction, settings: Settings, now: datetime | None = None) -> ReparseResult:
    """Re-read the current record's stored pages with today's normalizer; record differences for engineers."""
    now = now or storage.now()
    current = storage.current_version(session, jur.code, jur.profession)
    if current is None:
        return ReparseResult(jur.code, note="no record yet; nothing to re-read")
    try:
        result = normalize(jur, _pages(session, current.record), now=now)
        validate(result.record)
    except (ExtractionError, RecordInvalid, LookupError) as exc:
        reason = f"today's normalizer cannot read the stored pages: {exc}"
        problem = health.report_problem(session, None, jur, "extraction", "record", reason, audience="engineers")
        return ReparseResult(jur.code, [problem] if problem is not None else [], note=reason)
    record = result.record
    found = diff(current.record, record)
    same = _comparable(record) == _comparable(current.record) and not found
    if same:
        return ReparseResult(jur.code, note="the stored pages read the same as before")
    version = storage.append_version(session, None, jur.code, jur.profession, record, values_hash(record))
    version.created_at = now
    corrections.refresh(session, jur.code, now)
    stored = record_field_changes(session, None, jur, found, settings, now, current.id, version.id, reparse=True)
    for change in stored:
        change.summary = f"Re-read with normalizer {'/'.join(engine_signature(jur))}: {change.summary}"
    note = (
        f"{len(stored)} difference(s) recorded as extraction changes"
        if stored
        else "same values; evidence or normalizer version updated"
    ) + f"; version {version.version} is current"
    return ReparseResult(jur.code, stored, version.version, note)
