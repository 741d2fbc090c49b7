"""Alerts: one digest per run and channel, and every change alerted exactly once.

Channels: the console and a JSON-lines file (always), plus any Apprise URL
(email, Slack, Teams, webhooks...) from the settings: `alert_urls` for
compliance staff and `engineer_alert_urls` for source and extraction problems.

Who gets what (a change's `audience`):

- compliance (requirement, administrative and wording changes, flaps):
  compliance channels;
- health (source and extraction problems found by a run, and recoveries):
  engineers' channels, or the compliance channels when no engineers' channel
  is configured, so a broken source is never silent;
- engineers (differences found by `licensure reparse`): engineers' channels only;
- none (a repeat flip of a field already reported as flapping): no channel.

The console and the JSON file get everything but `none`.

Every attempt is recorded in `alert_deliveries` (channel redacted, status,
attempts, error, time, the changes it carried). A change is marked
`alerted_at` once every channel that should have it took it; a channel that
failed gets the same changes again with the next run, and a channel that
already took a change never gets it again.
"""

from __future__ import annotations

from typing import Any

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
    def iso(value: Any) -> str | None:
        return value.isoformat().replace("+00:00", "Z") if value is not None else None

    return {
        "id": c.id,
        "run_id": c.run_id,
        "jurisdiction": c.jurisdiction,
        "profession": c.profession,
        "category": c.category,
        "field": c.field,
        "kind": c.kind,
        "direction": c.direction,
        "old": c.old_value,
        "new": c.new_value,
        "summary": c.summary,
        "evidence_before": c.evidence_before,
        "evidence_after": c.evidence_after,
        "source_url": c.source_url,
        "content_hash": c.content_hash,
        "status": c.status,
        "created_at": iso(c.created_at),
        "audience": c.audience,
        "supersedes_id": c.supersedes_id,
        "reviewed_by": c.reviewed_by,
        "reviewed_at": iso(c.reviewed_at),
        "review_note": c.review_note,
    }


def ordered(changes: list[Change]) -> list[Change]:
    """Grouped by jurisdiction, jurisdictions with requirement changes first; requirement changes first in each."""
    best: dict[str, int] = {}
    for c in changes:
        rank = CATEGORY_ORDER.get(c.category, 9)
        best[c.jurisdiction] = min(rank, best.get(c.jurisdiction, 9))
    return sorted(
        changes, key=lambda c: (best[c.jurisdiction], c.jurisdiction, CATEGORY_ORDER.get(c.category, 9), c.id)
    )


from tracker.alerts.channels import AppriseChannel, ConsoleSink, DeliveryError, Digest, JsonFileSink  # noqa: E402
from tracker.alerts.dispatch import Delivery, channels_for, dispatch  # noqa: E402
from tracker.alerts.redact import redact_text, redact_url  # noqa: E402

__all__ = [
    "CATEGORY_LABEL",
    "CATEGORY_ORDER",
    "AppriseChannel",
    "ConsoleSink",
    "Delivery",
    "DeliveryError",
    "Digest",
    "JsonFileSink",
    "change_dict",
    "channels_for",
    "dispatch",
    "ordered",
    "redact_text",
    "redact_url",
]
