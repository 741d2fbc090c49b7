"""Reviewers' corrections: the right value for a field the extractor misread.

A correction names a jurisdiction, a field (`credential.requirement`,
`education.min_clock_hours`, `supervision`, `tasks.injections.status`...), the
value, who set it, when, a note and a citation. List-valued fields take their
items one a line (`form_text` writes a value that way, `parse_value` reads it):
`credential.national_certifications` (CMA (AAMA)...), `citations` ("regulation:
WAC 246-827-0200", with "(failed)" or another status at the end if need be; a
cited identifier's kind may be left out when the record already cites it) and a
task's `tasks.NAME.conditions` ("10 training hours", "direct supervision",
"certification: CMA (AAMA)", "credential: MA-C", anything else a condition in
words); "none" empties a list. It also keeps a hash of the
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
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker import storage
from tracker.models import Correction, RecordVersion
from tracker.normalize.citations import STATUSES as CITATION_STATUSES
from tracker.normalize.rules import CERTIFICATIONS, TASKS

CREDENTIAL = ("license", "certification", "registration", "training", "none", "unknown")
SUPERVISION = ("onsite", "direct", "general", "unspecified")
TASK_STATUS = ("allowed", "conditional", "prohibited", "unaddressed")
CITATION_KINDS = ("statute", "regulation", "policy", "bill", "opinion")
VERIFIED_SOURCE = "reviewer"  # the evidence item a correction adds to its field


@dataclass(frozen=True)
class Correctable:
    """A field a reviewer may correct: where it sits in the record and what it may hold."""

    field: str
    label: str
    choices: tuple[str, ...]  # allowed words (a list's items); hours fields also take a whole number
    hours: bool = False
    shape: str = "word"  # word | list (items one a line) | conditions (a task's) | citations

    @property
    def many(self) -> bool:
        """Whether the value is written one item a line."""
        return self.shape != "word"


def _fields() -> dict[str, Correctable]:
    out = {
        "credential.requirement": Correctable("credential.requirement", "Credential requirement", CREDENTIAL),
        "education.min_clock_hours": Correctable(
            "education.min_clock_hours", "Minimum program clock hours", ("none", "unknown"), True
        ),
        "education.externship_hours": Correctable(
            "education.externship_hours", "Externship hours", ("none", "unknown"), True
        ),
        "credential.national_certifications": Correctable(
            "credential.national_certifications",
            "Recognised national certifications",
            tuple(CERTIFICATIONS),
            shape="list",
        ),
        "supervision": Correctable("supervision", "Supervision", SUPERVISION),
        "citations": Correctable("citations", "Citations", CITATION_KINDS, shape="citations"),
    }
    for task in TASKS:
        name = f"tasks.{task}.status"
        out[name] = Correctable(name, f"Task: {task.replace('_', ' ')}", TASK_STATUS)
        name = f"tasks.{task}.conditions"
        out[name] = Correctable(name, f"Task: {task.replace('_', ' ')}, conditions", (), shape="conditions")
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
        return record["tasks"][parts[1]], parts[2] if parts[2:] == ["conditions"] else "status"
    if parts[0] == "credential":
        return record["credential"][parts[1]], "value"
    return record["education"][parts[1]], "value"


def extracted(record: dict[str, Any], field: str) -> tuple[Any, list[dict[str, str]]]:
    """The field's value and evidence as the extractor read them (citations as "kind: identifier" lines)."""
    if field == "citations":
        cited = record["citations"]
        evidence = [e for c in cited for e in c.get("evidence", []) if e.get("source_id") != VERIFIED_SOURCE]
        return [f"{c['kind']}: {c['identifier']}" for c in cited], evidence
    fact, key = _fact(record, field)
    return fact[key], [e for e in fact.get("evidence", []) if e.get("source_id") != VERIFIED_SOURCE]


def evidence_hash(evidence: list[dict[str, str]]) -> str:
    items = sorted({(e["source_id"], e["excerpt"]) for e in evidence})
    return "sha256:" + hashlib.sha256(json.dumps(items).encode("utf-8")).hexdigest()


def _spec(field: str) -> Correctable:
    spec = FIELDS.get(field)
    if spec is None:
        raise CorrectionError(f"{field!r} cannot be corrected here; correctable fields: {', '.join(FIELDS)}.")
    return spec


def parse_value(field: str, text: Any, record: dict[str, Any] | None = None) -> Any:
    """The typed value for a field from what the reviewer typed or chose (a list: one item a line, or a list of
    lines); `record` (the extracted one) gives the kind of a citation the reviewer names without it."""
    spec = _spec(field)
    if spec.many:
        return _parse_many(spec, _lines(text, spec), record)
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


def _lines(text: Any, spec: Correctable) -> list[str]:
    """The items of a list value: lines (certifications also split at commas, conditions at semicolons)."""
    items = [str(x) for x in text] if isinstance(text, list) else [str(text if text is not None else "")]
    split = {"list": r"[\n,;]", "conditions": r"[\n;]"}.get(spec.shape, r"\n")
    lines = [part.strip() for item in items for part in re.split(split, item)]
    lines = [line[:500] for line in lines if line]
    if len(lines) > 200:
        raise CorrectionError(f"{spec.label} takes at most 200 items.")
    return lines


def _parse_many(spec: Correctable, lines: list[str], record: dict[str, Any] | None) -> Any:
    words = [line.lower() for line in lines]
    if words in ([], ["none"], ["no conditions"]) or (words == ["unknown"] and spec.shape == "citations"):
        return {} if spec.shape == "conditions" else []
    if words == ["unknown"] and spec.shape == "list":
        return "unknown"
    if spec.shape == "conditions":
        return _conditions(lines)
    if spec.shape == "citations":
        known = {c["identifier"].casefold(): c for c in (record or {}).get("citations", [])}
        return _unique([_citation_line(line, known) for line in lines], key=lambda t: t.split(": ", 1)[1].casefold())
    return _unique([_certification(spec, line) for line in lines])


def _unique(items: list[str], key: Any = None) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        k = key(item) if key else item
        if k not in seen:
            seen.add(k)
            out.append(item)
    return out


def _certification(spec: Correctable, text: str) -> str:
    for name in spec.choices:
        if text.casefold() in (name.casefold(), name.split(" (")[0].casefold()) or CERTIFICATIONS[name].fullmatch(text):
            return name
    raise CorrectionError(f"{text!r} is not a national certification; use {', '.join(spec.choices)}, none or unknown.")


_CITATION = re.compile(
    rf"(?:(?P<kind>{'|'.join(CITATION_KINDS)})\s*:\s*)?(?P<id>.+?)(?:\s*\((?P<status>{'|'.join(CITATION_STATUSES)})\))?",
    re.I,
)


def _citation_line(text: str, known: dict[str, dict[str, Any]]) -> str:
    """One citation as "kind: identifier", with "(status)" if the reviewer gave one; a cited identifier keeps the
    record's spelling and, if the reviewer left it out, its kind."""
    found = _CITATION.fullmatch(text)
    assert found is not None  # the identifier part takes anything
    identifier = " ".join(found["id"].split())
    cited = known.get(identifier.casefold(), {})
    identifier = cited.get("identifier", identifier)
    kind = (found["kind"] or cited.get("kind", "")).lower()
    if len(identifier) < 2:
        raise CorrectionError(f"{text!r} is not a citation; write one such as 'regulation: WAC 246-827-0200'.")
    if not kind:
        raise CorrectionError(
            f"Say what kind of citation {identifier!r} is, e.g. 'regulation: {identifier}' "
            f"({', '.join(CITATION_KINDS)})."
        )
    return f"{kind}: {identifier}" + (f" ({found['status'].lower()})" if found["status"] else "")


def _conditions(lines: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for line in lines:
        hours = re.fullmatch(r"(\d{1,6})\s*(?:training\s+)?hours?(?:\s+of\s+training)?", line, re.I)
        level = re.fullmatch(r"(?:supervision\s*:\s*)?(onsite|direct|general)(?:\s+supervision)?", line, re.I)
        listed = re.fullmatch(r"(certifications?|credentials?(?:\s+types?)?|other)\s*:\s*(.+)", line, re.I)
        if hours:
            if int(hours[1]) > 100_000:
                raise CorrectionError("Training hours must be a whole number between 0 and 100000.")
            out["training_hours"] = int(hours[1])
        elif level:
            out["supervision"] = level[1].lower()
        elif listed and listed[1].lower() != "other":
            key = "certifications" if listed[1].lower().startswith("cert") else "credential_types"
            names = [x.strip() for x in listed[2].split(",") if x.strip()]
            out[key] = _unique([*out.get(key, []), *names])
        else:
            out.setdefault("other", []).append(listed[2].strip() if listed else line)
    return dict(sorted(out.items()))  # in one order whatever the database keeps


def form_text(field: str, value: Any) -> Any:
    """A value as the correction form shows it: a list field's items one a line (what `parse_value` reads back)."""
    spec = FIELDS.get(field)
    if spec is None or not spec.many or value is None:
        return value
    if spec.shape == "conditions":
        if not isinstance(value, dict):
            return ""
        lines = [f"{value['training_hours']} training hours"] if "training_hours" in value else []
        lines += [f"{value['supervision']} supervision"] if "supervision" in value else []
        lines += [f"certification: {', '.join(value['certifications'])}"] if value.get("certifications") else []
        lines += [f"credential: {', '.join(value['credential_types'])}"] if value.get("credential_types") else []
        return "\n".join(lines + [f"other: {x}" for x in value.get("other", [])]) or "none"
    if isinstance(value, list):
        return "\n".join(map(str, value)) or "none"
    return str(value)


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
    _spec(field)  # an unknown field is said before anything else
    by = (by or "").strip()
    if not by:
        raise CorrectionError("A correction needs the name of the person who verified it.")
    version = storage.current_version(session, code, profession)
    if version is None:
        raise CorrectionError(f"{code} has no record yet; there is nothing to correct.")
    value = parse_value(field, value, version.record)
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
        if field == "citations":
            out["citations"] = _cited(item, out["citations"])
            continue
        fact, key = _fact(out, field)
        fact[key] = item.value
        if key == "status" and item.value != "conditional":
            fact["conditions"] = {}
        fact["evidence"] = [{"source_id": VERIFIED_SOURCE, "excerpt": verified_text(item)}, *fact["evidence"]]
    return out


def _cited(item: Correction, extracted: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The record's citations as the reviewer set them: each with the "verified by" evidence first, then the
    evidence (status, how it was read) of the same identifier as extracted, if the record cited it."""
    before = {c["identifier"].casefold(): c for c in extracted}
    verified = {"source_id": VERIFIED_SOURCE, "excerpt": verified_text(item)}
    out = []
    for line in item.value or []:
        found = _CITATION.fullmatch(line)
        if found is None or not found["kind"]:
            continue
        old = before.get(found["id"].casefold(), {})
        status = (found["status"] or old.get("status") or "").lower()
        out.append(
            {
                "kind": found["kind"].lower(),
                "identifier": found["id"],
                **({"status": status} if status else {}),
                "evidence": [verified, *old.get("evidence", [])],
                "read": old.get("read", "stated"),
            }
        )
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
