"""Reading and writing runs, pages, record versions and changes.

Callers own the transaction (`Database.session()`); these functions only
add and query, so one jurisdiction's outcome is committed all at once or
not at all.
"""

from __future__ import annotations

import hashlib
import os
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.models import Change, ExtractionFailure, Fetch, JurisdictionStatus, PageBody, RecordVersion, Run


def content_hash(body: bytes) -> str:
    return "sha256:" + hashlib.sha256(body).hexdigest()


# the moment a run observes its pages at: a replayed snapshot's captured date (see tracker.pipeline); unset,
# the wall clock. A run's own start and end are always the wall clock (`wall_clock`).
_observed: ContextVar[datetime | None] = ContextVar("licensure_observed_at", default=None)


def now() -> datetime:
    """When what is being stored was observed: the run's observation moment inside `observing`, else now."""
    return _observed.get() or datetime.now(UTC)


def wall_clock() -> datetime:
    return datetime.now(UTC)


@contextmanager
def observing(moment: datetime | None) -> Iterator[None]:
    """Inside, `now()` is `moment` (None: the wall clock): fetches, records, changes and health are dated by it."""
    token = _observed.set(moment)
    try:
        yield
    finally:
        _observed.reset(token)


def latest_observation(session: Session, codes: list[str]) -> datetime | None:
    """The newest moment anything about these jurisdictions was observed (a fetch, a record version, a change)."""
    stamps = [
        session.scalar(select(func.max(column)).where(owner.in_(codes)))
        for column, owner in (
            (Fetch.fetched_at, Fetch.jurisdiction),
            (RecordVersion.created_at, RecordVersion.jurisdiction),
            (Change.created_at, Change.jurisdiction),
        )
    ]
    return max((s for s in stamps if s is not None), default=None)


def start_run(session: Session, trigger: str, jurisdictions: list[str], snapshot: str | None = None) -> Run:
    run = Run(
        trigger=trigger,
        status="running",
        started_at=wall_clock(),
        jurisdictions=list(jurisdictions),
        snapshot=snapshot,
        host=socket.gethostname(),
        pid=os.getpid(),
    )
    session.add(run)
    session.flush()
    return run


def finish_run(session: Session, run_id: int, status: str, error: str | None = None, **counters: int) -> Run:
    run = session.get(Run, run_id)
    assert run is not None
    run.status = status
    run.finished_at = wall_clock()
    run.error = error
    for key, value in counters.items():
        setattr(run, key, value)
    return run


def finish_crawl_only(session: Session, run_id: int) -> Run:
    """Finish a plain `scrapy crawl` run: status crawl-only, with the jurisdictions and pages it stored."""
    fetches = list(session.scalars(select(Fetch).where(Fetch.run_id == run_id)))
    run = finish_run(
        session,
        run_id,
        "crawl-only",
        pages_fetched=sum(1 for f in fetches if not f.error and not f.not_modified),
        pages_not_modified=sum(1 for f in fetches if f.not_modified),
        pages_failed=sum(1 for f in fetches if f.error or (f.http_status or 200) >= 400),
    )
    run.jurisdictions = sorted({f.jurisdiction for f in fetches})
    return run


def store_body(session: Session, body: bytes) -> str:
    """Store raw bytes once per distinct content; returns the content hash."""
    digest = content_hash(body)
    if session.get(PageBody, digest) is None:
        session.add(PageBody(content_hash=digest, body=body, size=len(body), first_seen_at=now()))
        session.flush()
    return digest


def store_fetch(session: Session, run_id: int, item: dict[str, Any]) -> Fetch:
    """Record one fetch attempt (and its body, deduplicated)."""
    body = item.get("body")
    digest = store_body(session, body) if body is not None else None
    fetch = Fetch(
        run_id=run_id,
        jurisdiction=item["jurisdiction"],
        profession=item.get("profession", "medical-assistant"),
        source_id=item["source_id"],
        kind=item["kind"],
        url=item["url"],
        final_url=item.get("final_url"),
        http_status=item.get("http_status"),
        not_modified=bool(item.get("not_modified")),
        content_hash=digest,
        content_type=item.get("content_type"),
        error=item.get("error"),
        fetched_at=item.get("fetched_at") or now(),
    )
    session.add(fetch)
    session.flush()
    return fetch


def current_source_hashes(session: Session, code: str, profession: str) -> dict[str, str]:
    """source_id -> content hash of every source the current record was built from ({} without a record)."""
    current = current_version(session, code, profession)
    if current is None:
        return {}
    return {s["source_id"]: s["content_hash"] for s in current.record.get("sources", [])}


def run_fetches(session: Session, run_id: int, code: str, profession: str) -> list[Fetch]:
    """The run's last fetch attempt per source of one jurisdiction."""
    rows = session.scalars(
        select(Fetch)
        .where(Fetch.run_id == run_id, Fetch.jurisdiction == code, Fetch.profession == profession)
        .order_by(Fetch.id)
    ).all()
    latest: dict[str, Fetch] = {}
    for row in rows:
        latest[row.source_id] = row
    return list(latest.values())


def load_body(session: Session, digest: str) -> bytes:
    body = session.get(PageBody, digest)
    if body is None:
        raise LookupError(f"no stored page body with hash {digest}")
    return body.body


def status_for(session: Session, code: str, profession: str) -> JurisdictionStatus:
    status = session.get(JurisdictionStatus, (code, profession))
    if status is None:
        status = JurisdictionStatus(jurisdiction=code, profession=profession, health="unknown", consecutive_failures=0)
        session.add(status)
        session.flush()
    return status


def current_version(session: Session, code: str, profession: str) -> RecordVersion | None:
    status = session.get(JurisdictionStatus, (code, profession))
    if status is None or status.current_version_id is None:
        return None
    return session.get(RecordVersion, status.current_version_id)


def version_as_of(session: Session, code: str, profession: str, when: datetime) -> RecordVersion | None:
    """The record that was current at a moment (append-only history makes this a lookup)."""
    return session.scalars(
        select(RecordVersion)
        .where(
            RecordVersion.jurisdiction == code, RecordVersion.profession == profession, RecordVersion.created_at <= when
        )
        .order_by(RecordVersion.version.desc())
        .limit(1)
    ).first()


def first_version(session: Session, code: str | None = None, profession: str | None = None) -> RecordVersion | None:
    """The oldest record version (of one jurisdiction, or of any)."""
    query = select(RecordVersion)
    if code is not None:
        query = query.where(RecordVersion.jurisdiction == code, RecordVersion.profession == profession)
    return session.scalars(query.order_by(RecordVersion.created_at, RecordVersion.id).limit(1)).first()


def append_version(
    session: Session, run_id: int | None, code: str, profession: str, record: dict[str, Any], values_hash: str
) -> RecordVersion:
    """Add a new immutable record version and make it current."""
    last = session.scalar(
        select(func.max(RecordVersion.version)).where(
            RecordVersion.jurisdiction == code, RecordVersion.profession == profession
        )
    )
    version = RecordVersion(
        jurisdiction=code,
        profession=profession,
        version=(last or 0) + 1,
        run_id=run_id,
        created_at=now(),
        record=record,
        values_hash=values_hash,
        normalizer=record["extraction"]["normalizer"],
        normalizer_version=record["extraction"]["normalizer_version"],
    )
    session.add(version)
    session.flush()
    status = status_for(session, code, profession)
    status.current_version_id = version.id
    return version


def record_failure(
    session: Session,
    run_id: int | None,
    code: str,
    profession: str,
    reason: str,
    errors: list[Any] | None = None,
    record: dict[str, Any] | None = None,
) -> ExtractionFailure:
    failure = ExtractionFailure(
        run_id=run_id,
        jurisdiction=code,
        profession=profession,
        created_at=now(),
        reason=reason,
        errors=errors or [],
        record=record,
    )
    session.add(failure)
    session.flush()
    return failure


def add_change(session: Session, **values: Any) -> Change:
    values.setdefault("created_at", now())
    values.setdefault("status", "open")
    change = Change(**values)
    session.add(change)
    session.flush()
    return change


def list_changes(
    session: Session,
    status: str | None = None,
    code: str | None = None,
    since: datetime | None = None,
    run_id: int | None = None,
    categories: tuple[str, ...] | None = None,
) -> list[Change]:
    query = select(Change)
    if status:
        query = query.where(Change.status == status)
    if code:
        query = query.where(Change.jurisdiction == code.upper())
    if since:
        query = query.where(Change.created_at >= since)
    if run_id is not None:
        query = query.where(Change.run_id == run_id)
    if categories:
        query = query.where(Change.category.in_(categories))
    return list(session.scalars(query.order_by(Change.jurisdiction, Change.id)).all())


def unalerted_changes(session: Session) -> list[Change]:
    return list(
        session.scalars(
            select(Change).where(Change.alerted_at.is_(None)).order_by(Change.jurisdiction, Change.id)
        ).all()
    )


def all_statuses(session: Session) -> list[JurisdictionStatus]:
    return list(session.scalars(select(JurisdictionStatus).order_by(JurisdictionStatus.jurisdiction)).all())


def get_run(session: Session, run_id: int) -> Run | None:
    return session.get(Run, run_id)


def process_alive(pid: int) -> bool:
    """Whether a process of this host is still running (one we may not signal is)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def mark_interrupted(session: Session, is_alive: Callable[[int], bool] = process_alive) -> list[int]:
    """Runs left 'running' by a process that no longer exists on this host are marked interrupted."""
    ids = []
    for run in session.scalars(select(Run).where(Run.status == "running")).all():
        if run.host == socket.gethostname() and run.pid and not is_alive(run.pid):
            run.status = "interrupted"
            run.finished_at = wall_clock()
            run.error = "the run's process ended without finishing (killed or crashed)"
            ids.append(run.id)
    return ids
