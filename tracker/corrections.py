"""Reviewers' corrections: the right value for a field the extractor misread.

A correction names a jurisdiction, a field (`credential.requirement`,
`education.min_clock_hours`, `supervision`, `tasks.injections.status`...), the
value, who set it, when, a note and a citation. It also keeps a hash of the
evidence the record held for that field when the reviewer checked it: while the
record's evidence for the field is the same, exports and the desk show the
corrected value as "verified by NAME on DATE"; when the source's evidence for
the field changes, the correction no longer applies and `refresh` reopens it for
review. Corrections are kept: a new one replaces the old (status `replaced`).
"""

from __future__ import annotations

import copy
import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker import storage
from tracker.models import Correction, RecordVersion
from tracker.normalize.rules import TASKS

CREDENTIAL = ("license", "certification", "registration", "training", "none", "unknown")
SUPERVISION = ("onsite", "direct", "general", "unspecified")
TASK_STATUS = ("allowed", "conditional", "prohibited", "unaddressed")
VERIFIED_SOURCE = "reviewer"  # the evidence item a correction adds to its field


@dataclass(frozen=True)
class Correctable:
    """A field a reviewer may correct: where it sits in the record and what it may hold."""

    field: str
    label: str
    choices: tuple[str, ...]  # allowed words; hours fields also take a whole number
    hours: bool = False


def _fields() -> dict[str, Correctable]:
    out = {
        "credential.requirement": Correctable("credential.requirement", "Credential requirement", CREDENTIAL),
        "education.min_clock_hours": Correctable(
            "education.min_clock_hours", "Minimum program clock hours", ("none", "unknown"), True
        ),
        "education.externship_hours": Correctable(
            "education.externship_hours", "Externship hours", ("none", "unknown"), True
        ),
        "supervision": Correctable("supervision", "Supervision", SUPERVISION),
    }
    for task in TASKS:
        name = f"tasks.{task}.status"
        out[name] = Correctable(name, f"Task: {task.replace('_', ' ')}", TASK_STATUS)
    return out


FIELDS = _fields()


class CorrectionError(ValueError):
    """A correction cannot be recorded; the message is one plain sentence saying why."""


def _fact(record: dict[str, Any], field: str) -> tuple[dict[str, Any], str]:
    """The record's dict that holds the field's value, and the key of the value in it."""
    parts = field.split(".")
    if field == "supervision":
        return record["supervision"], "value"
    if parts[0] == "tasks":
        return record["tasks"][parts[1]], "status"
    if parts[0] == "credential":
        return record["credential"][parts[1]], "value"
    return record["education"][parts[1]], "value"


def extracted(record: dict[str, Any], field: str) -> tuple[Any, list[dict[str, str]]]:
    """The field's value and evidence as the extractor read them."""
    fact, key = _fact(record, field)
    return fact[key], [e for e in fact.get("evidence", []) if e.get("source_id") != VERIFIED_SOURCE]


def evidence_hash(evidence: list[dict[str, str]]) -> str:
    items = sorted({(e["source_id"], e["excerpt"]) for e in evidence})
    return "sha256:" + hashlib.sha256(json.dumps(items).encode("utf-8")).hexdigest()


def parse_value(field: str, text: Any) -> Any:
    """The typed value for a field from what the reviewer typed or chose."""
    spec = FIELDS.get(field)
    if spec is None:
        raise CorrectionError(f"{field!r} cannot be corrected here; correctable fields: {', '.join(FIELDS)}.")
    if isinstance(text, int) and not isinstance(text, bool) and spec.hours:
        value: Any = text
    else:
        value = str(text if text is not None else "").strip().lower()
        if spec.hours and value.isdigit():
            value = int(value)
    if isinstance(value, int):
        if value < 0 or value > 100_000:
            raise CorrectionError("Hours must be a whole number between 0 and 100000.")
        return value
    if value not in spec.choices:
        allowed = ", ".join(spec.choices) + (", or a whole number of hours" if spec.hours else "")
        raise CorrectionError(f"{value!r} is not a value for {spec.label}; use {allowed}.")
    return value


def correct(
    session: Session,
    code: str,
    profession: str,
    field: str,
    value: Any,
    by: str,
    note: str | None = None,
    citation: str | None = None,
    change_id: int | None = None,
    now: datetime | None = None,
) -> Correction:
    """Record a reviewer's value for a field of the current record; an earlier correction is replaced."""
    value = parse_value(field, value)
    by = (by or "").strip()
    if not by:
        raise CorrectionError("A correction needs the name of the person who verified it.")
    version = storage.current_version(session, code, profession)
    if version is None:
        raise CorrectionError(f"{code} has no record yet; there is nothing to correct.")
    before, evidence = extracted(version.record, field)
    stamp = now or storage.now()
    for old in _open(session, code, profession, field):
        old.status, old.closed_at, old.closed_reason = "replaced", stamp, f"replaced by {by}'s correction"
    item = Correction(
        jurisdiction=code,
        profession=profession,
        field=field,
        value=value,
        extracted_value=before,
        note=(note or "").strip() or None,
        citation=(citation or "").strip() or None,
        corrected_by=by,
        created_at=stamp,
        evidence_hash=evidence_hash(evidence),
        version_id=version.id,
        change_id=change_id,
        status="active",
    )
    session.add(item)
    session.flush()
    return item


def _open(session: Session, code: str, profession: str, field: str | None = None) -> list[Correction]:
    query = select(Correction).where(
        Correction.jurisdiction == code, Correction.profession == profession, Correction.status == "active"
    )
    if field:
        query = query.where(Correction.field == field)
    return list(session.scalars(query.order_by(Correction.id)).all())


def holds(item: Correction, record: dict[str, Any]) -> bool:
    """Whether the record's evidence for the field is what the reviewer checked."""
    try:
        _, evidence = extracted(record, item.field)
    except KeyError:
        return False
    return evidence_hash(evidence) == item.evidence_hash


def in_force(session: Session, code: str, profession: str, record: dict[str, Any], at: datetime | None = None):
    """The corrections that apply to this record (at a past moment: those in force then), by field."""
    query = select(Correction).where(Correction.jurisdiction == code, Correction.profession == profession)
    if at is None:
        query = query.where(Correction.status == "active")
    else:
        query = query.where(Correction.created_at <= at)
    found: dict[str, Correction] = {}
    for item in session.scalars(query.order_by(Correction.id)).all():
        if at is not None and item.closed_at is not None and item.closed_at <= at and item.status != "reopened":
            continue
        if holds(item, record):
            found[item.field] = item
    return found


def current(session: Session, code: str, profession: str) -> dict[str, Correction]:
    """The corrections in force on a jurisdiction's current record, by field (none without a record)."""
    version = storage.current_version(session, code, profession)
    return in_force(session, code, profession, version.record) if version is not None else {}


def verified_text(item: Correction) -> str:
    text = f"Verified by {item.corrected_by} on {item.created_at:%Y-%m-%d}"
    if item.note:
        text += f": {item.note}"
    if item.citation:
        text += f" ({item.citation})"
    return text


def apply(record: dict[str, Any], found: dict[str, Correction]) -> dict[str, Any]:
    """A copy of the record with the corrected values, each with a "verified by" evidence item first."""
    if not found:
        return record
    out = copy.deepcopy(record)
    for field, item in found.items():
        fact, key = _fact(out, field)
        fact[key] = item.value
        if key == "status" and item.value != "conditional":
            fact["conditions"] = {}
        fact["evidence"] = [{"source_id": VERIFIED_SOURCE, "excerpt": verified_text(item)}, *fact["evidence"]]
    return out


def corrected_record(
    session: Session, code: str, profession: str, record: dict[str, Any] | None, at: datetime | None = None
) -> dict[str, Any] | None:
    """The record as exports show it: with the corrections in force."""
    if record is None:
        return None
    return apply(record, in_force(session, code, profession, record, at))


def refresh(session: Session, code: str | None = None, now: datetime | None = None) -> list[Correction]:
    """Reopen every active correction whose field's evidence changed in the current record."""
    query = select(Correction).where(Correction.status == "active")
    if code:
        query = query.where(Correction.jurisdiction == code)
    reopened = []
    records: dict[tuple[str, str], RecordVersion | None] = {}
    for item in session.scalars(query).all():
        key = (item.jurisdiction, item.profession)
        if key not in records:
            records[key] = storage.current_version(session, *key)
        version = records[key]
        if version is not None and version.id != item.version_id and not holds(item, version.record):
            item.status, item.closed_at = "reopened", now or storage.now()
            item.closed_reason = f"the source's evidence for this field changed (record version {version.version})"
            reopened.append(item)
    session.flush()
    return reopened


def close(session: Session, correction_id: int, by: str, now: datetime | None = None) -> Correction:
    """Withdraw a correction (or settle a reopened one): the extracted value shows again."""
    item = session.get(Correction, correction_id)
    if item is None:
        raise CorrectionError(f"There is no correction #{correction_id}.")
    if item.status not in ("active", "reopened"):
        raise CorrectionError(f"Correction #{correction_id} is already {item.status}.")
    item.status, item.closed_at, item.closed_reason = "withdrawn", now or storage.now(), f"withdrawn by {by}"
    session.flush()
    return item


def for_jurisdiction(session: Session, code: str, profession: str) -> list[Correction]:
    """Every correction of a jurisdiction, newest first."""
    query = select(Correction).where(Correction.jurisdiction == code, Correction.profession == profession)
    return list(session.scalars(query.order_by(Correction.id.desc())).all())


def reopened(session: Session) -> list[Correction]:
    """Corrections whose source changed: a reviewer should check them again."""
    return list(session.scalars(select(Correction).where(Correction.status == "reopened").order_by(Correction.id)))


def correction_dict(item: Correction) -> dict[str, Any]:
    def iso(v: datetime | None) -> str | None:
        return v.isoformat().replace("+00:00", "Z") if v else None

    return {
        "id": item.id,
        "jurisdiction": item.jurisdiction,
        "field": item.field,
        "value": item.value,
        "extracted_value": item.extracted_value,
        "note": item.note,
        "citation": item.citation,
        "corrected_by": item.corrected_by,
        "created_at": iso(item.created_at),
        "status": item.status,
        "closed_at": iso(item.closed_at),
        "closed_reason": item.closed_reason,
        "change_id": item.change_id,
    }
