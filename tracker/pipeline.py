"""One run, end to end: crawl -> normalize -> validate -> store -> diff -> alert -> report -> table.

Each jurisdiction is settled in its own transaction. A fetch failure, an
unreadable page or a schema-invalid record never replaces the current
record: it is stored as a fetch or extraction problem (a health alert for
engineers), and the last good record stays current.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable, Mapping
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from tracker import alerts, exports, reports, runlock, shutdown, staleness, storage
from tracker.config import Settings
from tracker.crawl import CrawlOutcome, Unchanged, crawl
from tracker.db import Database, DatabaseError
from tracker.diff import (
    NO_VALUE,
    FieldChange,
    against_history,
    diff,
    flatten,
    is_unknown,
    known_value_count,
    passage_diff,
    values_hash,
)
from tracker.models import Change, Fetch, RecordVersion, SourceHealth
from tracker.normalize import ExtractionError, Page, assemble, engine_signature
from tracker.normalize.text import UnreadablePage
from tracker.normalize.text import document as text_document
from tracker.readings import Readings
from tracker.records import RecordInvalid, validate
from tracker.registry import Jurisdiction
from tracker.snapshots import Snapshot, SnapshotServer

_log = logging.getLogger(__name__)

# a new record holding fewer than this share of the last good record's known
# values is treated as a broken page or extractor, not as rules being repealed
COVERAGE_FLOOR = 0.5
# ...and one page holding fewer than this share of the findings its last good version held (when that
# version held at least SHRINK_MIN_FINDINGS) is an error page served as 200, a login wall or a half-loaded page
SHRINK_MIN_FINDINGS = 4
EMPTY_BODY = storage.content_hash(b"")  # a 200 with no content is a source problem, never a page

EXIT_OK = 0
EXIT_PROBLEMS = 4  # only with fail_on_problems: the run completed but sources had problems
EXIT_FAILED = 3


@dataclass
class Outcome:
    code: str
    result: str  # unchanged | changed | baseline | fetch-problem | extraction-problem
    changes: list[int] = field(default_factory=list)
    detail: str = ""
    pages_changed: int = 0  # pages whose content the current record did not hold (read, unless kept in readings)
    seconds: float = 0.0  # time settle_jurisdiction took (execute_run measures it)


@dataclass
class RunSummary:
    run_id: int
    status: str
    outcomes: list[Outcome]
    report_path: str | None = None
    table_path: str | None = None
    alerts_path: str | None = None
    alerts_sent: int = 0
    alert_failures: list[str] = field(default_factory=list)
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
    return (
        host(pa.hostname) == host(pb.hostname) and pa.path.rstrip("/") == pb.path.rstrip("/") and pa.query == pb.query
    )


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
    if fetch.content_hash == EMPTY_BODY:
        return f"the site answered HTTP {fetch.http_status} with an empty page (no content at all)"
    return None


# HTTP answers that may go away by themselves; any other 4xx, or a page that moved, is a definite answer
TRANSIENT_HTTP = (408, 425, 429)


def is_transient(fetch: Fetch | None) -> bool:
    """Whether a failed fetch may be intermittent (network, timeout, 5xx, 429, not fetched) rather than definite.

    Intermittent failures alert only after `failure_alert_threshold` consecutive
    failed runs; definite ones (404, 410, 403, a moved page) alert at once.
    """
    if fetch is None:
        return True
    if fetch.final_url and not _same_place(fetch.url, fetch.final_url):
        return False
    status = fetch.http_status
    return status is None or status < 400 or status >= 500 or status in TRANSIENT_HTTP


def _health_change(
    session: Session,
    run_id: int | None,
    jur: Jurisdiction,
    category: str,
    field_name: str,
    kind: str,
    summary: str,
    url: str | None,
    old: object = None,
    new: object = None,
) -> Change:
    return storage.add_change(
        session,
        run_id=run_id,
        jurisdiction=jur.code,
        profession=jur.profession,
        category=category,
        field=field_name,
        kind=kind,
        direction=None,
        old_value=old,
        new_value=new,
        evidence_before=[],
        evidence_after=[],
        source_url=url,
        content_hash=None,
        summary=summary,
        audience="health",
    )


def _open_problem(session: Session, jur: Jurisdiction, field_name: str) -> Change | None:
    """The latest health change for this field if it is an unrecovered problem."""
    last = session.scalars(
        select(Change)
        .where(
            Change.jurisdiction == jur.code,
            Change.profession == jur.profession,
            Change.field == field_name,
            Change.category.in_(("fetch", "extraction")),
            Change.kind.in_(("problem", "recovered")),
        )
        .order_by(Change.id.desc())
        .limit(1)
    ).first()
    return last if last is not None and last.kind == "problem" else None


def _report_problem(
    session: Session, run_id: int, jur: Jurisdiction, category: str, field_name: str, reason: str, url: str | None
) -> list[int]:
    """Record a health problem once: while it stays open, further failures are not new changes."""
    if _open_problem(session, jur, field_name) is not None:
        return []
    label = "Source problem" if category == "fetch" else "Extraction problem"
    change = _health_change(
        session, run_id, jur, category, field_name, "problem", f"{label}: {reason}", url, new=reason
    )
    return [change.id]


def _open_problems(session: Session, jur: Jurisdiction) -> dict[str, Change]:
    """_open_problem for every field of the jurisdiction at once (one query, not one per source)."""
    latest: dict[str, Change] = {}
    for change in session.scalars(
        select(Change)
        .where(
            Change.jurisdiction == jur.code,
            Change.profession == jur.profession,
            Change.category.in_(("fetch", "extraction")),
            Change.kind.in_(("problem", "recovered")),
        )
        .order_by(Change.id)
    ):
        latest[change.field] = change
    return {name: c for name, c in latest.items() if c.kind == "problem"}


def _report_recoveries(
    session: Session, run_id: int, jur: Jurisdiction, fields: list[tuple[str, str, str | None]]
) -> list[int]:
    """Once more on recovery: one change per open problem that is now fixed."""
    ids = []
    open_now = _open_problems(session, jur) if len(fields) > 1 else None
    for category, field_name, url in fields:
        open_ = open_now.get(field_name) if open_now is not None else _open_problem(session, jur, field_name)
        if open_ is not None and open_.category == category:
            change = _health_change(
                session,
                run_id,
                jur,
                category,
                field_name,
                "recovered",
                f"Recovered: {field_name} is readable again (was: {open_.new_value})",
                url,
                old=open_.new_value,
            )
            change.supersedes_id = open_.id
            ids.append(change.id)
    return ids


def _settle_sources(
    session: Session,
    run_id: int,
    jur: Jurisdiction,
    settings: Settings,
    now: datetime,
    problems: list[tuple[str, str, str, Fetch | None]],
    ok: list[Fetch],
) -> tuple[list[int], list[str]]:
    """Count consecutive failures per source; alert after N (at once if definite); report recoveries.

    Returns the new change ids and, per failing source, a note for the run summary.
    """
    changes = _report_recoveries(session, run_id, jur, [("fetch", f"sources.{f.source_id}", f.url) for f in ok])
    healths = {
        h.source_id: h
        for h in session.scalars(  # one query, not one per source
            select(SourceHealth).where(SourceHealth.jurisdiction == jur.code, SourceHealth.profession == jur.profession)
        )
    }
    for f in ok:
        health = healths.get(f.source_id)
        if health is not None and (health.consecutive_failures or health.first_failed_at is not None):
            health.consecutive_failures, health.first_failed_at = 0, None
    notes = []
    for source_id, reason, url, fetch in problems:
        health = healths.get(source_id)
        if health is None:
            health = SourceHealth(
                jurisdiction=jur.code, profession=jur.profession, source_id=source_id, consecutive_failures=0
            )
            session.add(health)
            healths[source_id] = health
        health.consecutive_failures += 1
        health.first_failed_at = health.first_failed_at or now
        health.last_failed_at, health.last_error = now, reason
        if not is_transient(fetch) or health.consecutive_failures >= settings.failure_alert_threshold:
            changes += _report_problem(session, run_id, jur, "fetch", f"sources.{source_id}", reason, url)
            notes.append(f"{source_id}: {reason}")
        else:
            notes.append(
                f"{source_id}: {reason} (failure {health.consecutive_failures} in a row; alerts at "
                f"{settings.failure_alert_threshold})"
            )
    return changes, notes


def _field_history(
    session: Session, jur: Jurisdiction, since: datetime | None, exclude_id: int | None
) -> list[tuple[datetime, dict]]:
    """(created_at, flattened values) of the versions current at any time since `since`, oldest first.

    `exclude_id` is the version being settled now: history is what came before it.
    """
    versions = [
        v
        for v in session.scalars(
            select(RecordVersion)
            .where(RecordVersion.jurisdiction == jur.code, RecordVersion.profession == jur.profession)
            .order_by(RecordVersion.version)
        ).all()
        if v.id != exclude_id
    ]
    if since is not None:
        before = [v for v in versions if v.created_at < since]
        versions = before[-1:] + [v for v in versions if v.created_at >= since]
    out = []
    for v in versions:
        values = {k: x.value for k, x in flatten(v.record).items()}
        values.update({f"sources.{s['source_id']}": s["content_hash"] for s in v.record.get("sources", [])})
        out.append((v.created_at, values))
    return out


def _previous_change(session: Session, jur: Jurisdiction, field_name: str) -> Change | None:
    return session.scalars(
        select(Change)
        .where(Change.jurisdiction == jur.code, Change.profession == jur.profession, Change.field == field_name)
        .order_by(Change.id.desc())
        .limit(1)
    ).first()


def record_field_changes(
    session: Session,
    run_id: int | None,
    jur: Jurisdiction,
    field_changes: list[FieldChange],
    settings: Settings,
    now: datetime,
    from_version_id: int | None,
    to_version_id: int | None,
    reparse: bool = False,
) -> list[Change]:
    """Store field changes after noise control; each links to the previous change of its field.

    A run's changes go through `against_history` (flaps, values readable
    again). A reparse records every difference as an extraction change for
    the engineers' channels only: the law did not change, the code did.
    """
    window = timedelta(days=settings.flap_window_days)
    recent_history = _field_history(session, jur, now - window, to_version_id) if settings.flap_window_days else []
    full_history: list[tuple[datetime, dict]] | None = None
    stored = []
    for fc in field_changes:
        previous = _previous_change(session, jur, fc.field)
        if reparse:
            fc.category, fc.direction, audience = "extraction", None, "engineers"
        else:
            if is_unknown(fc.old) and full_history is None:
                full_history = _field_history(session, jur, None, to_version_id)
            known = [
                vals[fc.field]
                for _, vals in (full_history or [])
                if fc.field in vals and not is_unknown(vals[fc.field])
            ]
            recent = [vals.get(fc.field) for _, vals in recent_history]
            flap_reported = (
                settings.flap_window_days > 0
                and session.scalar(
                    select(Change.id)
                    .where(
                        Change.jurisdiction == jur.code,
                        Change.profession == jur.profession,
                        Change.field == fc.field,
                        Change.kind == "flap",
                        Change.audience != "none",
                        Change.created_at >= now - window,
                    )
                    .limit(1)
                )
                is not None
            )
            fc, audience = against_history(fc, recent, known[-1] if known else NO_VALUE, flap_reported)
        change = storage.add_change(
            session,
            run_id=run_id,
            jurisdiction=jur.code,
            profession=jur.profession,
            category=fc.category,
            field=fc.field,
            kind=fc.kind,
            direction=fc.direction,
            old_value=fc.old,
            new_value=fc.new,
            evidence_before=fc.evidence_before,
            evidence_after=fc.evidence_after,
            source_url=fc.source_url,
            content_hash=fc.content_hash,
            summary=fc.summary,
            created_at=now,
            from_version_id=from_version_id,
            to_version_id=to_version_id,
            audience=audience,
            supersedes_id=previous.id if previous is not None else None,
        )
        stored.append(change)
    return stored


def _attach_wording_diff(
    session: Session,
    fc: FieldChange,
    old_record: dict,
    pages: list[Page],
    passages_of: Callable[[Page], tuple[str, ...]] | None = None,
) -> bool:
    """Give a wording-only change the passages that read differently, as evidence before and after.

    `passages_of` gives a page's passages from its kept reading (tracker.readings) instead of parsing it again.
    Returns True when both versions were read and their text is the same, passage for passage (only the
    markup, the encoding or the bytes changed: nothing a reader would see).
    """
    source_id = fc.field.split(".", 1)[1]
    old_src = next((s for s in old_record.get("sources", []) if s["source_id"] == source_id), None)
    new_page = next((p for p in pages if p.source_id == source_id), None)
    if old_src is None or new_page is None:
        return False
    if passages_of is not None:
        old_page = Page(
            source_id,
            old_src["url"],
            old_src.get("kind", new_page.kind),
            b"",
            old_src.get("content_type"),
            new_page.fetched_at,
            old_src.get("http_status") or 200,
            old_src["content_hash"],
        )
        try:
            before, after = passages_of(old_page), passages_of(new_page)
        except (ExtractionError, LookupError):
            return False
        fc.evidence_before, fc.evidence_after = passage_diff(list(before), list(after), source_id)
        return tuple(before) == tuple(after)
    try:
        old_doc = text_document(
            source_id, old_src["url"], storage.load_body(session, old_src["content_hash"]), old_src.get("content_type")
        )
        new_doc = text_document(source_id, new_page.url, new_page.body, new_page.content_type)
    except (UnreadablePage, LookupError):
        return False
    before, after = [p.text for p in old_doc.passages], [p.text for p in new_doc.passages]
    fc.evidence_before, fc.evidence_after = passage_diff(before, after, source_id)
    return before == after


@dataclass(frozen=True)
class UnchangedFetch:
    """A page the crawl found unchanged, shaped like a Fetch for settle_jurisdiction; never stored."""

    run_id: int
    jurisdiction: str
    profession: str
    source_id: str
    kind: str
    url: str
    http_status: int
    content_hash: str
    content_type: str | None
    fetched_at: datetime
    final_url: str | None = None
    error: str | None = None
    not_modified: bool = True


def _unchanged_fetches(
    run_id: int,
    jur: Jurisdiction,
    current: RecordVersion | None,
    unchanged: Mapping[str, Unchanged] | None,
    fetched: set[str],
) -> list[UnchangedFetch]:
    """Fetch-like objects for the pages the crawl found unchanged (plain objects: no rows, no ORM).

    The crawl reports a page as unchanged only when its hash is the one the
    current record holds, so the record's source entry describes it.
    """
    if not unchanged or current is None:
        return []
    held = {s["source_id"]: s for s in current.record.get("sources", [])}
    out = []
    for source_id, page in unchanged.items():
        src = held.get(source_id)
        if source_id in fetched or src is None or src["content_hash"] != page.content_hash:
            continue  # a stored fetch wins; content the record does not hold cannot be vouched for (not fetched)
        out.append(
            UnchangedFetch(
                run_id,
                jur.code,
                jur.profession,
                source_id,
                src["kind"],
                src["url"],
                src.get("http_status") or 200,
                page.content_hash,
                src.get("content_type"),
                page.fetched_at,
            )
        )
    return out


def _validate_new_parts(record: dict, held: set[tuple[str, str]]) -> None:
    """Validate the record, but only the source entries of pages that changed.

    An unchanged page's entry is rebuilt from the current record's entry
    (validated then) plus this run's fetch time, and the schema checks each
    entry on its own: validating it again would make every run cost what
    exists rather than what changed. A failure is reported on the whole
    record, so its paths are exact.
    """
    sources = record.get("sources", [])
    new = [s for s in sources if (s.get("source_id"), s.get("content_hash")) not in held]
    if len(new) == len(sources):
        validate(record)
        return
    try:
        validate({**record, "sources": new or sources[:1]})
    except RecordInvalid:
        validate(record)
        raise


def settle_jurisdiction(
    session: Session,
    run_id: int,
    jur: Jurisdiction,
    now: datetime | None = None,
    settings: Settings | None = None,
    unchanged: Mapping[str, Unchanged] | None = None,
    readings: Readings | None = None,
) -> Outcome:
    """Decide what this run means for one jurisdiction and store it.

    `unchanged` holds the pages the crawl found unchanged (304 and the hash the
    current record holds; source_id -> Unchanged): they have no stored fetch,
    cost no read and no write. Only pages with new content are read; the
    others' readings come from `readings` (default: `<data_dir>/readings`).
    """
    settings = settings or Settings()
    now = now or datetime.now(UTC)
    status = storage.status_for(session, jur.code, jur.profession)
    fetches = storage.run_fetches(session, run_id, jur.code, jur.profession)
    current = storage.current_version(session, jur.code, jur.profession)
    fetches = [*fetches, *_unchanged_fetches(run_id, jur, current, unchanged, {f.source_id for f in fetches})]
    by_source = {f.source_id: f for f in fetches}
    changes: list[int] = []

    problems: list[tuple[str, str, str, Fetch | None]] = []
    for src in jur.sources:
        f = by_source.get(src.source_id)
        reason = (
            "not fetched in this run (the crawl stopped early or robots.txt forbids it)"
            if f is None
            else fetch_problem(f)
        )
        if reason:
            problems.append((src.source_id, reason, src.url, f))
    for f in fetches:
        if f.source_id not in jur.source_by_id and fetch_problem(f):
            problems.append((f.source_id, fetch_problem(f) or "", f.url, f))
    if fetches:
        status.last_fetched_at = max(f.fetched_at for f in fetches)

    source_changes, notes = _settle_sources(
        session, run_id, jur, settings, now, problems, [f for f in fetches if fetch_problem(f) is None]
    )
    changes += source_changes
    if problems:
        status.health = "fetch-problem"
        status.health_detail = "; ".join(notes)
        status.consecutive_failures += 1
        return Outcome(jur.code, "fetch-problem", changes, status.health_detail)

    pages = [  # bodies are loaded only for pages that must be read (tracker.readings)
        Page(f.source_id, f.url, f.kind, b"", f.content_type, f.fetched_at, f.http_status or 200, f.content_hash)
        for f in sorted(fetches, key=lambda f: f.source_id)
        if f.content_hash
    ]
    seen = {(s["source_id"], s["content_hash"]) for s in current.record["sources"]} if current is not None else set()
    pages_changed = sum(1 for p in pages if (p.source_id, p.content_hash) not in seen)
    if current is not None:
        same_code = (current.normalizer, current.normalizer_version) == engine_signature(jur)
        if same_code and seen == {(p.source_id, p.content_hash) for p in pages}:
            status.health, status.health_detail, status.consecutive_failures = "ok", None, 0
            status.last_verified_at = now
            changes += _report_recoveries(session, run_id, jur, [("extraction", "record", None)])
            return Outcome(jur.code, "unchanged", changes)

    reader = readings if readings is not None else Readings(settings.data_dir / "readings")
    load_body = lambda digest: storage.load_body(session, digest)  # noqa: E731
    try:
        page_readings = reader.read_all(jur, pages, load_body)
        result = assemble(jur, pages, page_readings, now=now)
        _validate_new_parts(result.record, seen)
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
    reason = None
    if current is not None and known_value_count(record) < COVERAGE_FLOOR * known_value_count(current.record):
        reason = (
            f"the pages now yield {known_value_count(record)} known values, down from "
            f"{known_value_count(current.record)}; a source may be an error page, a login wall or a redesign"
        )
    elif current is not None:
        reason = shrunken_page(current.record, pages, page_readings, lambda page: reader.get(jur, page, load_body))
    if reason:
        storage.record_failure(session, run_id, jur.code, jur.profession, reason, [], record)
        changes += _report_problem(session, run_id, jur, "extraction", "record", reason, None)
        status.health, status.health_detail = "extraction-problem", reason
        status.consecutive_failures += 1
        return Outcome(jur.code, "extraction-problem", changes, reason)

    field_changes = diff(current.record if current else None, record)
    same_text = set()
    for fc in field_changes:
        if fc.category == "text" and _attach_wording_diff(
            session,
            fc,
            current.record if current else {},
            pages,
            lambda page: reader.get(jur, page, load_body).passages,
        ):
            same_text.add(fc.field)
    # a page whose bytes changed but whose text did not (markup, encoding, a re-saved PDF) is no news: the
    # new version records its content hash, and nobody is alerted that its "wording changed"
    field_changes = [fc for fc in field_changes if fc.field not in same_text]
    shutdown.kill_point("settle", jur.code)  # test hook (tests/test_faults_crash.py): normalized, not yet stored
    version = storage.append_version(session, run_id, jur.code, jur.profession, record, values_hash(record))
    version.created_at = now  # one clock for the version and its changes (history and flap windows use it)
    stored = record_field_changes(
        session, run_id, jur, field_changes, settings, now, current.id if current else None, version.id
    )
    changes += [c.id for c in stored]
    changes += _report_recoveries(session, run_id, jur, [("extraction", "record", None)])
    status.health, status.health_detail, status.consecutive_failures = "ok", None, 0
    status.last_verified_at = now
    material = [c for c in stored if c.category in ("requirement", "administrative")]
    if material or current is None:
        status.last_changed_at = now
    result_name = "baseline" if current is None else ("changed" if material else "unchanged")
    return Outcome(jur.code, result_name, changes, pages_changed=pages_changed)


def shrunken_page(
    old_record: dict, pages: list[Page], readings: list, reading_of: Callable[[Page], object]
) -> str | None:
    """Why one changed page looks broken rather than edited, or None.

    A page that held at least SHRINK_MIN_FINDINGS findings in the version the
    current record was built from, and now holds fewer than COVERAGE_FLOOR of
    them, is an error page served with status 200, a login wall or a page
    that did not finish loading: an extraction problem for engineers, even
    when the jurisdiction's other pages keep the record's values (which
    would otherwise make it a "wording changed" alert for compliance staff).
    """
    held = {s["source_id"]: s for s in old_record.get("sources", [])}
    for page, reading in zip(pages, readings):
        old_src = held.get(page.source_id)
        if old_src is None or old_src["content_hash"] == page.content_hash:
            continue
        old_page = Page(
            page.source_id,
            old_src["url"],
            old_src.get("kind", page.kind),
            b"",
            old_src.get("content_type"),
            page.fetched_at,
            old_src.get("http_status") or 200,
            old_src["content_hash"],
        )
        try:
            before = len(reading_of(old_page).candidates)  # type: ignore[attr-defined]
        except (ExtractionError, LookupError):
            continue
        now_ = len(reading.candidates)
        if before >= SHRINK_MIN_FINDINGS and now_ < COVERAGE_FLOOR * before:
            return (
                f"source {page.source_id} ({page.url}) now yields {now_} finding(s), down from {before} in its "
                "last good version; it may be an error page served with status 200, a login wall or a page "
                "that did not finish loading"
            )
    return None


def _write_timings(
    settings: Settings, run_id: int, crawled: CrawlOutcome, outcomes: list[Outcome], seconds: float
) -> None:
    """`<data_dir>/logs/run-N-settle.json`: where the run's time went, per jurisdiction (benchmarks/ reads it)."""
    data = {
        "run_id": run_id,
        "crawl_seconds": round(crawled.seconds, 4),
        "settle_seconds": round(seconds, 4),
        "pages_unchanged": crawled.unchanged_count,
        "jurisdictions": [
            {
                "code": o.code,
                "result": o.result,
                "seconds": round(o.seconds, 5),
                "pages_read": o.pages_changed,
                "pages_unchanged": len(crawled.unchanged_for(o.code)),
            }
            for o in outcomes
        ],
    }
    try:
        path = settings.data_dir / "logs" / f"run-{run_id}-settle.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    except OSError as exc:
        _log.warning("could not write the run's timings: %s", exc)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _skipped_run(
    db: Database, trigger: str, codes: list[str], snapshot_name: str | None, message: str, say: Callable[[str], None]
) -> RunSummary:
    """Record a run that did not start because another run held one of its jurisdictions."""
    say(message)
    with db.session() as session:
        run = storage.start_run(session, trigger, codes, snapshot_name)
        storage.finish_run(session, run.id, "skipped", error=message)
        run_id = run.id
    return RunSummary(run_id=run_id, status="skipped", outcomes=[], error=message)


def _abandon(db: Database, run_id: int, exc: BaseException) -> None:
    """Mark a run that stopped half-way: interrupted (a signal, Ctrl-C) or failed (an error)."""
    if isinstance(exc, KeyboardInterrupt):
        status = "interrupted"
        error = (
            f"stopped by {getattr(exc, 'signame', 'Ctrl-C')}; the pages fetched so far are kept, and every "
            "jurisdiction not yet settled keeps its last good record"
        )
    elif isinstance(exc, DBAPIError):
        status, error = "failed", lost_database(exc)
    else:
        status, error = "failed", f"{exc.__class__.__name__}: {exc}"
    try:
        with db.session() as session:
            run = storage.get_run(session, run_id)
            if run is not None and run.status == "running":
                storage.finish_run(session, run_id, status, error=error)
    except DBAPIError as again:  # still unreachable: the next run over these jurisdictions marks it interrupted
        _log.warning("could not mark run %s %s: %s", run_id, status, lost_database(again))


def lost_database(exc: DBAPIError) -> str:
    """One sentence for a database error in mid-run (a dropped connection, a server restart): no SQL, no URL."""
    said = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    first = said[0] if said else exc.__class__.__name__
    return (
        f"the connection to the database was lost or refused in the middle of the run ({first}); every "
        "jurisdiction not yet settled keeps its last good record and nothing was half-written; run it again"
    )


def execute_run(
    settings: Settings,
    jurisdictions: list[Jurisdiction],
    snapshot: Snapshot | None = None,
    trigger: str = "manual",
    on_page: Callable[[dict], None] | None = None,
    db: Database | None = None,
    *,
    channels: list[str] | tuple[str, ...] | None = None,
    on_overlap: str | None = None,
    notify: Callable[[str], None] | None = None,
) -> RunSummary:
    """Run the whole cycle for the given jurisdictions and return what happened.

    First the run lock of every jurisdiction is taken (tracker.runlock): when
    another run, on any host, holds one, this run waits or is skipped as
    `on_overlap` (default: the setting) says, and `notify` is told which; a
    skipped run is recorded with status "skipped". SIGTERM/SIGINT during the
    crawl abandon the run cleanly (status "interrupted"); once the crawl is
    done the run finishes first (tracker.shutdown). Stale jurisdictions are
    flagged (tracker.staleness) before alerts go out. `channels` are the
    job's alert channels (None: every configured channel).
    """
    own_db = db is None
    db = db or Database(settings.database_url)
    codes = [j.code for j in jurisdictions]
    say = notify or _log.info
    snapshot_name = snapshot.name if snapshot else None
    try:
        with (
            shutdown.signals_handled(),
            runlock.run_lock(
                db, codes, on_overlap or settings.on_overlap, settings.lock_wait_minutes, say, settings.data_dir
            ) as lock,
        ):
            if not lock.acquired:
                return _skipped_run(db, trigger, codes, snapshot_name, lock.message or "Skipped.", say)
            with db.session() as session:
                storage.mark_interrupted(session, _pid_alive)
                runlock.mark_abandoned(session, codes)
                run_id = storage.start_run(session, trigger, codes, snapshot_name).id
            try:
                server_cm = SnapshotServer(snapshot) if snapshot else nullcontext(None)
                if type(server_cm) is SnapshotServer:  # a run keeps no request log (test doubles may)
                    server_cm.record_requests = False
                with server_cm as server:
                    outcome = crawl(run_id, codes, settings, server.base_url if server else None, on_page=on_page)
                with shutdown.finishing():  # seconds of work: a first SIGTERM lets it complete
                    outcomes = []
                    readings = Readings(settings.data_dir / "readings")
                    settle_started = time.perf_counter()
                    for jur in jurisdictions:
                        started = time.perf_counter()
                        with db.session() as session:
                            outcomes.append(
                                settle_jurisdiction(
                                    session,
                                    run_id,
                                    jur,
                                    settings=settings,
                                    readings=readings,
                                    unchanged=outcome.unchanged_for(jur.code, jur.profession),
                                )
                            )
                        outcomes[-1].seconds = time.perf_counter() - started
                        shutdown.kill_point("settled", jur.code)  # test hook: committed, the next not started
                    _write_timings(settings, run_id, outcome, outcomes, time.perf_counter() - settle_started)
                    summary = RunSummary(
                        run_id=run_id, status="succeeded", outcomes=outcomes, crawl_log=str(outcome.log_path)
                    )
                    if not outcome.ok:
                        summary.status = "failed"
                        summary.error = (
                            f"the crawl process exited with code {outcome.returncode}; see {outcome.log_path}"
                        )
                    else:
                        with db.session() as session:
                            fetched = session.query(Fetch).filter(Fetch.run_id == run_id).all()
                            if not outcome.unchanged_count and not any(fetch_problem(f) is None for f in fetched):
                                summary.status = "failed"
                                summary.error = (
                                    "no source could be fetched; check the network connection or the snapshot"
                                )
                    with db.session() as session:
                        staleness.check(session, run_id, jurisdictions, settings)
                    settings.output_dir.mkdir(parents=True, exist_ok=True)
                    delivery = alerts.dispatch(db, settings, run_id=run_id, only=channels)
                    summary.alerts_sent = delivery.sent
                    summary.alert_failures = delivery.failures
                    summary.alerts_path = str(delivery.json_path) if delivery.json_path else None
                    shutdown.kill_point("report")  # test hook: alerts delivered, the run not yet finished
                    with db.session() as session:
                        summary.report_path = str(reports.write_run_report(session, run_id, settings.output_dir))
                        summary.table_path = str(
                            exports.write_table_csv(session, settings.output_dir / "requirements.csv")
                        )
                        run = storage.get_run(session, run_id)
                        fetched = session.query(Fetch).filter(Fetch.run_id == run_id).all()
                        storage.finish_run(
                            session,
                            run_id,
                            summary.status,
                            summary.error,
                            pages_fetched=sum(1 for f in fetched if not f.error and not f.not_modified),
                            pages_not_modified=sum(1 for f in fetched if f.not_modified) + outcome.unchanged_count,
                            pages_failed=sum(1 for f in fetched if fetch_problem(f)),
                            records_changed=sum(1 for o in outcomes if o.result in ("changed", "baseline")),
                            alerts_sent=delivery.sent,
                        )
                        assert run is not None
                    return summary
            except BaseException as exc:
                _abandon(db, run_id, exc)
                if isinstance(exc, DBAPIError):  # one plain sentence (exit code 1), not a traceback
                    raise DatabaseError(f"Run {run_id} failed: {lost_database(exc)}.") from None
                raise
    finally:
        if own_db:
            db.dispose()
