"""Stale data: a jurisdiction not verified successfully for longer than `stale_after_hours`.

Checked at the end of every run for the run's jurisdictions. The first time
a jurisdiction goes stale it gets ONE health change (category "fetch", field
"staleness", kind "problem"), alerted like any other source problem; while it
stays stale nothing more is recorded; when a run verifies it again it gets one
"recovered" notice. "Verified" means a run fetched every source and produced
(or confirmed) a valid record: `jurisdiction_status.last_verified_at`.

A jurisdiction that was never verified is measured from the first run that
included it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker import storage
from tracker.config import Settings
from tracker.models import Change, JurisdictionStatus, Run
from tracker.registry import Jurisdiction

FIELD = "staleness"
CATEGORY = "fetch"


def _open_staleness(session: Session, jur: Jurisdiction) -> Change | None:
    last = session.scalars(
        select(Change)
        .where(
            Change.jurisdiction == jur.code,
            Change.profession == jur.profession,
            Change.field == FIELD,
            Change.category == CATEGORY,
            Change.kind.in_(("problem", "recovered")),
        )
        .order_by(Change.id.desc())
        .limit(1)
    ).first()
    return last if last is not None and last.kind == "problem" else None


def _first_checked(session: Session, code: str) -> datetime | None:
    for started, codes in session.execute(select(Run.started_at, Run.jurisdictions).order_by(Run.id)):
        if code in (codes or ()):
            return started
    return None


def _when(moment: datetime | None) -> str:
    return f"{moment:%Y-%m-%d %H:%M} UTC" if moment else "never"


def _add(
    session: Session, run_id: int | None, jur: Jurisdiction, kind: str, summary: str, old: object, new: object
) -> Change:
    values = dict(
        run_id=run_id,
        jurisdiction=jur.code,
        profession=jur.profession,
        category=CATEGORY,
        field=FIELD,
        kind=kind,
        direction=None,
        old_value=old,
        new_value=new,
        evidence_before=[],
        evidence_after=[],
        source_url=None,
        content_hash=None,
        summary=summary,
    )
    if hasattr(Change, "audience"):  # change tracking routes health problems to the engineers' channels
        values["audience"] = "health"
    return storage.add_change(session, **values)


def check(
    session: Session,
    run_id: int | None,
    jurisdictions: list[Jurisdiction],
    settings: Settings,
    now: datetime | None = None,
) -> list[int]:
    """Record stale-data problems and recoveries for these jurisdictions; returns the new change ids."""
    if not settings.stale_after_hours:
        return []
    now = now or datetime.now(UTC)
    limit = timedelta(hours=settings.stale_after_hours)
    ids = []
    for jur in jurisdictions:
        status = session.get(JurisdictionStatus, (jur.code, jur.profession))
        verified = status.last_verified_at if status else None
        since = verified or _first_checked(session, jur.code)
        stale = since is not None and now - since > limit
        open_ = _open_staleness(session, jur)
        if stale and open_ is None:
            age = (now - since).total_seconds() / 3600
            why = f" Last problem: {status.health_detail}" if status and status.health_detail else ""
            summary = (
                f"Stale data: {jur.code} has not been verified successfully since {_when(verified)} "
                f"({age:.0f} h; the limit is {settings.stale_after_hours:g} h). Its last good record is "
                f"still shown as current.{why}"
            )
            ids.append(
                _add(session, run_id, jur, "problem", summary, None, verified.isoformat() if verified else None).id
            )
        elif not stale and open_ is not None:
            summary = (
                f"Recovered: {jur.code} was verified successfully again at {_when(verified)} "
                f"(stale since {_when(open_.created_at)})."
            )
            change = _add(
                session, run_id, jur, "recovered", summary, open_.new_value, verified.isoformat() if verified else None
            )
            if hasattr(change, "supersedes_id"):
                change.supersedes_id = open_.id
            ids.append(change.id)
    return ids
