"""The state-by-state table (CSV). `unknown` is written as unknown, never blank."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from tracker import storage
from tracker.models import JurisdictionStatus, RecordVersion
from tracker.normalize.rules import TASKS
from tracker.textsafe import cell

COLUMNS = [
    "jurisdiction", "name", "credential_requirement", "state_credentials", "national_certifications",
    "min_clock_hours", "externship_hours", "supervision",
    *[f"task_{t}" for t in TASKS],
    "citations", "regulators", "source_urls", "health", "last_verified", "last_changed",
]


def _list(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value) if value else "none"
    return str(value)


def row(version: RecordVersion, status: JurisdictionStatus) -> dict[str, str]:
    r = version.record
    creds = r["credential"]["state_credentials"]["value"]
    cred_names = [f"{c['name']} ({c['abbreviation']})" if c.get("abbreviation") else c["name"] for c in creds] if isinstance(creds, list) else creds
    out = {
        "jurisdiction": r["jurisdiction"]["code"],
        "name": r["jurisdiction"]["name"],
        "credential_requirement": r["credential"]["requirement"]["value"],
        "state_credentials": _list(cred_names),
        "national_certifications": _list(r["credential"]["national_certifications"]["value"]),
        "min_clock_hours": str(r["education"]["min_clock_hours"]["value"]),
        "externship_hours": str(r["education"]["externship_hours"]["value"]),
        "supervision": r["supervision"]["value"],
        **{f"task_{t}": r["tasks"][t]["status"] for t in TASKS},
        "citations": _list([c["identifier"] for c in r["citations"]]) if r["citations"] else "unknown",
        "regulators": _list([g["name"] for g in r["regulators"]]),
        "source_urls": _list([s["url"] for s in r["sources"]]),
        "health": status.health,
        "last_verified": status.last_verified_at.strftime("%Y-%m-%d %H:%M UTC") if status.last_verified_at else "never",
        "last_changed": status.last_changed_at.strftime("%Y-%m-%d %H:%M UTC") if status.last_changed_at else "never",
    }
    return {k: cell(v) for k, v in out.items()}


def table_rows(session: Session) -> list[dict[str, str]]:
    rows = []
    for status in storage.all_statuses(session):
        if status.current_version_id is None:
            continue
        version = session.get(RecordVersion, status.current_version_id)
        assert version is not None
        rows.append(row(version, status))
    return sorted(rows, key=lambda r: r["jurisdiction"])


def write_table_csv(session: Session, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(table_rows(session))
    return path
