"""Alert sinks: the console and a JSON-lines file (more channels arrive with Apprise).

Every change is alerted exactly once: a change is marked `alerted_at` only
when every sink took the digest; if one fails, the same changes go out again
with the next run, so nothing is lost.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from tracker import storage
from tracker.config import Settings
from tracker.db import Database
from tracker.models import Change

CATEGORY_ORDER = {"requirement": 0, "administrative": 1, "text": 2, "extraction": 3, "fetch": 4}
CATEGORY_LABEL = {
    "requirement": "Requirement change",
    "administrative": "Administrative change",
    "text": "Wording changed, no rule changed",
    "extraction": "Extraction problem (for engineers)",
    "fetch": "Source problem (for engineers)",
}


def change_dict(c: Change) -> dict[str, Any]:
    return {
        "id": c.id, "run_id": c.run_id, "jurisdiction": c.jurisdiction, "profession": c.profession,
        "category": c.category, "field": c.field, "kind": c.kind, "direction": c.direction,
        "old": c.old_value, "new": c.new_value, "summary": c.summary,
        "evidence_before": c.evidence_before, "evidence_after": c.evidence_after,
        "source_url": c.source_url, "content_hash": c.content_hash, "status": c.status,
        "created_at": c.created_at.isoformat().replace("+00:00", "Z"),
    }


def ordered(changes: list[Change]) -> list[Change]:
    """Grouped by jurisdiction, requirement changes first."""
    return sorted(changes, key=lambda c: (c.jurisdiction, CATEGORY_ORDER.get(c.category, 9), c.id))


@dataclass
class Digest:
    changes: list[dict[str, Any]]

    def text(self) -> str:
        lines = [f"licensure-tracker: {len(self.changes)} new item(s)"]
        current = None
        for c in self.changes:
            if c["jurisdiction"] != current:
                current = c["jurisdiction"]
                lines.append(f"\n{current}")
            lines.append(f"  [{CATEGORY_LABEL.get(c['category'], c['category'])}] {c['summary']}")
        return "\n".join(lines)


class ConsoleSink:
    kind = "console"

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdout

    def send(self, digest: Digest) -> None:
        self.stream.write(digest.text() + "\n")
        self.stream.flush()


class JsonFileSink:
    """Appends one JSON object per alerted change to a JSON-lines file."""

    kind = "json"

    def __init__(self, path: Path) -> None:
        self.path = path

    def send(self, digest: Digest) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a", encoding="utf-8") as fh:
            for change in digest.changes:
                fh.write(json.dumps(change, sort_keys=True, ensure_ascii=False) + "\n")


@dataclass
class Delivery:
    sent: int
    json_path: Path | None
    failures: list[str]


def dispatch(db: Database, settings: Settings, sinks: list[Any] | None = None) -> Delivery:
    """Send every not-yet-alerted change as one digest per sink."""
    json_path = settings.output_dir / "alerts.jsonl"
    sinks = sinks if sinks is not None else [ConsoleSink(), JsonFileSink(json_path)]
    with db.session() as session:
        pending = ordered(storage.unalerted_changes(session))
        if not pending:
            return Delivery(0, None, [])
        digest = Digest([change_dict(c) for c in pending])
        failures = []
        for sink in sinks:
            try:
                sink.send(digest)
            except Exception as exc:  # a channel failing must not lose the alert
                failures.append(f"{sink.kind}: {exc.__class__.__name__}: {exc}")
        if not failures:
            stamp = storage.now()
            for change in pending:
                change.alerted_at = stamp
    return Delivery(len(pending) if not failures else 0, json_path, failures)
