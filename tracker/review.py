"""The review workflow: each change goes open -> accepted / dismissed / needs-legal.

Every action is kept in `change_reviews` (the audit trail: who, when, from
which status to which, and the note); the change itself carries the latest
reviewer, time and note. A change already in the asked status is an error,
so the trail only holds real decisions. When the field of a reviewed change
changes again, the run opens a new change linked to it (`supersedes_id`).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker import storage
from tracker.models import Change, ChangeReview

STATUSES = ("open", "accepted", "dismissed", "needs-legal")
DECISIONS = ("accepted", "dismissed", "needs-legal")


class ReviewError(Exception):
    """A review cannot be recorded; the message is one plain sentence saying why."""


def review(
    session: Session,
    change_id: int,
    to_status: str,
    reviewer: str,
    note: str | None = None,
    now: datetime | None = None,
) -> Change:
    """Record one review decision and its audit-trail entry."""
    if to_status not in DECISIONS:
        raise ReviewError(f"'{to_status}' is not a review decision; use one of: {', '.join(DECISIONS)}.")
    reviewer = (reviewer or "").strip()
    if not reviewer:
        raise ReviewError("Say who is reviewing with --by NAME.")
    query = select(Change).where(Change.id == change_id)
    if session.bind is not None and session.bind.dialect.name == "postgresql":
        query = query.with_for_update()  # two reviewers at once: the second sees the first's decision
    change = session.scalars(query).first()
    if change is None:
        raise ReviewError(f"There is no change #{change_id}; `licensure changes` lists the recorded changes.")
    if change.status == to_status:
        by = (
            f" by {change.reviewed_by} on {change.reviewed_at:%Y-%m-%d}"
            if change.reviewed_by and change.reviewed_at
            else ""
        )
        raise ReviewError(f"Change #{change_id} is already {to_status}{by}; nothing was recorded.")
    stamp = now or storage.now()
    note = (note or "").strip() or None
    session.add(
        ChangeReview(
            change_id=change.id,
            from_status=change.status,
            to_status=to_status,
            reviewer=reviewer,
            note=note,
            created_at=stamp,
        )
    )
    change.status, change.reviewed_by, change.reviewed_at, change.review_note = to_status, reviewer, stamp, note
    session.flush()
    return change


def trail(session: Session, change_id: int) -> list[ChangeReview]:
    """Every review action on a change, oldest first."""
    return list(
        session.scalars(select(ChangeReview).where(ChangeReview.change_id == change_id).order_by(ChangeReview.id)).all()
    )


def review_dict(r: ChangeReview) -> dict:
    return {
        "change_id": r.change_id,
        "from": r.from_status,
        "to": r.to_status,
        "by": r.reviewer,
        "note": r.note,
        "at": r.created_at.isoformat().replace("+00:00", "Z"),
    }
