"""One run, end to end: crawl -> normalize -> validate -> store -> diff -> alert -> report -> table.

Each jurisdiction is settled in its own transaction. A fetch failure, an
unreadable page or a schema-invalid record never replaces the current
record: it is stored as a fetch or extraction problem (a health alert for
engineers), and the last good record stays current.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

from sqlalchemy.orm import Session

from tracker import alerts, exports, reports, storage
from tracker.config import Settings
from tracker.crawl import crawl
from tracker.db import Database
from tracker.diff import diff, known_value_count, values_hash
from tracker.models import Change, Fetch
from tracker.normalize import ExtractionError, Page, engine_signature, normalize
from tracker.records import RecordInvalid, validate
from tracker.registry import Jurisdiction
from tracker.snapshots import Snapshot, SnapshotServer

# a new record holding fewer than this share of the last good record's known
# values is treated as a broken page or extractor, not as rules being repealed
COVERAGE_FLOOR = 0.5

EXIT_OK = 0
EXIT_PROBLEMS = 4  # only with fail_on_problems: the run completed but sources had problems
EXIT_FAILED = 3


@dataclass
class Outcome:
    code: str
    result: str  # unchanged | changed | baseline | fetch-problem | extraction-problem
    changes: list[int] = field(default_factory=list)
    detail: str = ""


@dataclass
class RunSummary:
    run_id: int
    status: str
    outcomes: list[Outcome]
    report_path: str | None = None
    table_path: str | None = None
    alerts_path: str | None = None
    alerts_sent: int = 0
    error: str | None = None
    crawl_log: str | None = None

    @property
    def problems(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.result.endswith("problem")]

    def exit_code(self, fail_on_problems: bool = False) -> int:
        if self.status == "failed":
            return EXIT_FAILED
        if fail_on_problems and self.problems:
            return EXIT_PROBLEMS
        return EXIT_OK


def _same_place(a: str, b: str) -> bool:
    pa, pb = urlsplit(a), urlsplit(b)
    host = lambda h: (h or "").lower().removeprefix("www.")  # noqa: E731
    return host(pa.hostname) == host(pb.hostname) and pa.path.rstrip("/") == pb.path.rstrip("/") and pa.query == pb.query


def fetch_problem(fetch: Fetch) -> str | None:
    """Why a fetch cannot be trusted as the source's current content, or None."""
    if fetch.error:
        return fetch.error
    if fetch.http_status is None or fetch.http_status >= 400:
        return f"the site answered HTTP {fetch.http_status}"
    if fetch.final_url and not _same_place(fetch.url, fetch.final_url):
        return f"the page moved: it now redirects to {fetch.final_url}; update the source URL"
    if fetch.content_hash is None:
        return "the page had no body"
    return None


def _health_change(session: Session, run_id: int, jur: Jurisdiction, category: str, field_name: str, kind: str,
                   summary: str, url: str | None, old: object = None, new: object = None) -> Change:
    return storage.add_change(
        session, run_id=run_id, jurisdiction=jur.code, profession=jur.profession, category=category,
        field=field_name, kind=kind, direction=None, old_value=old, new_value=new,
        evidence_before=[], evidence_after=[], source_url=url, content_hash=None, summary=summary,
    )


def _open_problem(session: Session, jur: Jurisdiction, field_name: str) -> Change | None:
    """The latest health change for this field if it is an unrecovered problem."""
    from sqlalchemy import select

    last = session.scalars(
        select(Change)
        .where(Change.jurisdiction == jur.code, Change.profession == jur.profession, Change.field == field_name,
               Change.category.in_(("fetch", "extraction")))
        .order_by(Change.id.desc()).limit(1)
    ).first()
    return last if last is not None and last.kind == "problem" else None


def _report_problem(session: Session, run_id: int, jur: Jurisdiction, category: str, field_name: str,
                    reason: str, url: str | None) -> list[int]:
    """Record a health problem once: repeated identical failures are not new changes."""
    open_ = _open_problem(session, jur, field_name)
    if open_ is not None and open_.new_value == reason:
        return []
    label = "Source problem" if category == "fetch" else "Extraction problem"
    change = _health_change(session, run_id, jur, category, field_name, "problem", f"{label}: {reason}", url, new=reason)
    return [change.id]


def _report_recoveries(session: Session, run_id: int, jur: Jurisdiction, fields: list[tuple[str, str, str | None]]) -> list[int]:
    ids = []
    for category, field_name, url in fields:
        open_ = _open_problem(session, jur, field_name)
        if open_ is not None and open_.category == category:
            change = _health_change(session, run_id, jur, category, field_name, "recovered",
                                    f"Recovered: {field_name} is readable again (was: {open_.new_value})", url, old=open_.new_value)
            ids.append(change.id)
    return ids


def settle_jurisdiction(session: Session, run_id: int, jur: Jurisdiction, now: datetime | None = None) -> Outcome:
    """Decide what this run means for one jurisdiction and store it."""
    now = now or datetime.now(UTC)
    status = storage.status_for(session, jur.code, jur.profession)
    fetches = storage.run_fetches(session, run_id, jur.code, jur.profession)
    by_source = {f.source_id: f for f in fetches}
    changes: list[int] = []

    problems: list[tuple[str, str, str]] = []
    for src in jur.sources:
        f = by_source.get(src.source_id)
        reason = "not fetched in this run (the crawl stopped early or robots.txt forbids it)" if f is None else fetch_problem(f)
        if reason:
            problems.append((src.source_id, reason, src.url))
    for f in fetches:
        if f.source_id not in jur.source_by_id and fetch_problem(f):
            problems.append((f.source_id, fetch_problem(f) or "", f.url))
    if fetches:
        status.last_fetched_at = max(f.fetched_at for f in fetches)

    if problems:
        for source_id, reason, url in problems:
            changes += _report_problem(session, run_id, jur, "fetch", f"sources.{source_id}", reason, url)
        status.health = "fetch-problem"
        status.health_detail = "; ".join(f"{sid}: {reason}" for sid, reason, _ in problems)
        status.consecutive_failures += 1
        return Outcome(jur.code, "fetch-problem", changes, status.health_detail)

    changes += _report_recoveries(session, run_id, jur, [("fetch", f"sources.{f.source_id}", f.url) for f in fetches])
    pages = [
        Page(f.source_id, f.url, f.kind, storage.load_body(session, f.content_hash), f.content_type,
             f.fetched_at, f.http_status or 200, f.content_hash)
        for f in sorted(fetches, key=lambda f: f.source_id)
        if f.content_hash
    ]
    current = storage.current_version(session, jur.code, jur.profession)
    if current is not None:
        seen = {(s["source_id"], s["content_hash"]) for s in current.record["sources"]}
        same_code = (current.normalizer, current.normalizer_version) == engine_signature(jur)
        if same_code and seen == {(p.source_id, p.content_hash) for p in pages}:
            status.health, status.health_detail, status.consecutive_failures = "ok", None, 0
            status.last_verified_at = now
            changes += _report_recoveries(session, run_id, jur, [("extraction", "record", None)])
            return Outcome(jur.code, "unchanged", changes)

    try:
        result = normalize(jur, pages, now=now)
        validate(result.record)
    except (ExtractionError, RecordInvalid) as exc:
        reason = str(exc)
        errors = [str(p) for p in exc.problems] if isinstance(exc, RecordInvalid) else []
        record = result.record if isinstance(exc, RecordInvalid) else None
        storage.record_failure(session, run_id, jur.code, jur.profession, reason, errors, record)
        changes += _report_problem(session, run_id, jur, "extraction", "record", reason, None)
        status.health, status.health_detail = "extraction-problem", reason
        status.consecutive_failures += 1
        return Outcome(jur.code, "extraction-problem", changes, reason)

    record = result.record
    if current is not None and known_value_count(record) < COVERAGE_FLOOR * known_value_count(current.record):
        reason = (
            f"the pages now yield {known_value_count(record)} known values, down from "
            f"{known_value_count(current.record)}; a source may be an error page, a login wall or a redesign"
        )
        storage.record_failure(session, run_id, jur.code, jur.profession, reason, [], record)
        changes += _report_problem(session, run_id, jur, "extraction", "record", reason, None)
        status.health, status.health_detail = "extraction-problem", reason
        status.consecutive_failures += 1
        return Outcome(jur.code, "extraction-problem", changes, reason)

    field_changes = diff(current.record if current else None, record)
    version = storage.append_version(session, run_id, jur.code, jur.profession, record, values_hash(record))
    for fc in field_changes:
        change = storage.add_change(
            session, run_id=run_id, jurisdiction=jur.code, profession=jur.profession, category=fc.category,
            field=fc.field, kind=fc.kind, direction=fc.direction, old_value=fc.old, new_value=fc.new,
            evidence_before=fc.evidence_before, evidence_after=fc.evidence_after, source_url=fc.source_url,
            content_hash=fc.content_hash, summary=fc.summary,
            from_version_id=current.id if current else None, to_version_id=version.id,
        )
        changes.append(change.id)
    changes += _report_recoveries(session, run_id, jur, [("extraction", "record", None)])
    status.health, status.health_detail, status.consecutive_failures = "ok", None, 0
    status.last_verified_at = now
    material = [fc for fc in field_changes if fc.category in ("requirement", "administrative")]
    if material or current is None:
        status.last_changed_at = now
    result_name = "baseline" if current is None else ("changed" if material else "unchanged")
    return Outcome(jur.code, result_name, changes)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def execute_run(
    settings: Settings,
    jurisdictions: list[Jurisdiction],
    snapshot: Snapshot | None = None,
    trigger: str = "manual",
    on_page: Callable[[dict], None] | None = None,
    db: Database | None = None,
) -> RunSummary:
    """Run the whole cycle for the given jurisdictions and return what happened."""
    own_db = db is None
    db = db or Database(settings.database_url)
    codes = [j.code for j in jurisdictions]
    try:
        with db.session() as session:
            storage.mark_interrupted(session, _pid_alive)
            run_id = storage.start_run(session, trigger, codes, snapshot.name if snapshot else None).id
        server_cm = SnapshotServer(snapshot) if snapshot else nullcontext(None)
        try:
            with server_cm as server:
                outcome = crawl(run_id, codes, settings, server.base_url if server else None, on_page=on_page)
        except BaseException as exc:
            with db.session() as session:
                storage.finish_run(session, run_id, "interrupted" if isinstance(exc, KeyboardInterrupt) else "failed",
                                   error=f"{exc.__class__.__name__}: {exc}")
            raise
        outcomes = []
        for jur in jurisdictions:
            with db.session() as session:
                outcomes.append(settle_jurisdiction(session, run_id, jur))
        summary = RunSummary(run_id=run_id, status="succeeded", outcomes=outcomes, crawl_log=str(outcome.log_path))
        if not outcome.ok:
            summary.status = "failed"
            summary.error = f"the crawl process exited with code {outcome.returncode}; see {outcome.log_path}"
        else:
            with db.session() as session:
                fetched = session.query(Fetch).filter(Fetch.run_id == run_id).all()
                if not any(fetch_problem(f) is None for f in fetched):
                    summary.status = "failed"
                    summary.error = "no source could be fetched; check the network connection or the snapshot"
        settings.output_dir.mkdir(parents=True, exist_ok=True)
        delivery = alerts.dispatch(db, settings)
        summary.alerts_sent = delivery.sent
        summary.alerts_path = str(delivery.json_path) if delivery.json_path else None
        with db.session() as session:
            summary.report_path = str(reports.write_run_report(session, run_id, settings.output_dir))
            summary.table_path = str(exports.write_table_csv(session, settings.output_dir / "requirements.csv"))
            run = storage.get_run(session, run_id)
            fetched = session.query(Fetch).filter(Fetch.run_id == run_id).all()
            storage.finish_run(
                session, run_id, summary.status, summary.error,
                pages_fetched=sum(1 for f in fetched if not f.error and not f.not_modified),
                pages_not_modified=sum(1 for f in fetched if f.not_modified),
                pages_failed=sum(1 for f in fetched if fetch_problem(f)),
                records_changed=sum(1 for o in outcomes if o.result in ("changed", "baseline")),
                alerts_sent=delivery.sent,
            )
            assert run is not None
        return summary
    finally:
        if own_db:
            db.dispose()
