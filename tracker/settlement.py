"""What one run means for one jurisdiction: a Settlement works it out, `persist` stores it.

A `Settlement` loads the current record and this run's fetches, classifies each
source (ok, unchanged, a problem), reads the pages, validates the record,
guards its coverage and diffs it against the current record. It writes
nothing: it returns a `Verdict`, and `persist` stores that in the session (the
sources' health, then the new version and its field changes after noise
control, or the extraction problem) with the jurisdiction's status.

A fetch failure, an unreadable page or a schema-invalid record never replaces
the current record: it is stored as a fetch or extraction problem (a health
alert for engineers), and the last good record stays current.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker import corrections, degrade, health, shutdown, storage
from tracker.config import Settings
from tracker.crawl import Unchanged
from tracker.diff import FieldChange, bears_on_rules, diff, known_value_count, passage_diff, values_hash
from tracker.health import FetchLike, SourceProblem
from tracker.models import Change, JurisdictionStatus, RecordVersion
from tracker.normalize import ExtractionError, Page, PageReading, assemble, engine_signature
from tracker.normalize.text import sentences
from tracker.readings import Readings
from tracker.records import RecordInvalid, validate
from tracker.registry import Jurisdiction

# a new record holding fewer than this share of the last good record's known
# values is treated as a broken page or extractor, not as rules being repealed
COVERAGE_FLOOR = 0.5
# ...and one page holding fewer than this share of the findings its last good version held (when that
# version held at least SHRINK_MIN_FINDINGS) is an error page served as 200, a login wall or a half-loaded page
SHRINK_MIN_FINDINGS = 4
MATERIAL = ("requirement", "administrative")  # the change categories that make a record "changed"


@dataclass
class Outcome:
    code: str
    result: str  # unchanged | changed | baseline | fetch-problem | extraction-problem
    changes: list[int] = field(default_factory=list)
    detail: str = ""
    pages_changed: int = 0  # pages whose content the current record did not hold (read, unless kept in readings)
    seconds: float = 0.0  # time settle_jurisdiction took (execute_run measures it)


@dataclass(frozen=True)
class UnchangedFetch:
    """A page the crawl found unchanged, shaped like a Fetch for the settlement; never stored."""

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


@dataclass(frozen=True)
class Failure:
    """Why the pages gave no record that can become current; `record` is what was read, kept for engineers."""

    reason: str
    errors: list[str] = field(default_factory=list)
    record: dict[str, Any] | None = None


@dataclass
class Verdict:
    """What the run means for one jurisdiction, not yet stored.

    With source problems, or a failure, the current record stays; with neither
    and no new record, the current record is confirmed unchanged.
    """

    jur: Jurisdiction
    run_id: int
    now: datetime
    ok: list[FetchLike]
    problems: list[SourceProblem]
    last_fetched_at: datetime | None
    current_id: int | None  # the current version (None: this is the jurisdiction's first record)
    failure: Failure | None = None
    record: dict[str, Any] | None = None  # the new version
    field_changes: list[FieldChange] = field(default_factory=list)
    pages_changed: int = 0
    degraded: list[degrade.Degraded] = field(default_factory=list)  # sources whose last good facts are carried
    read_well: list[tuple[str, str]] = field(default_factory=list)  # (source_id, url) of the pages that read well


class Settlement:
    """One jurisdiction in one run: from this run's fetches to a Verdict, reading only what changed.

    `unchanged` holds the pages the crawl found unchanged (304 and the hash the
    current record holds; source_id -> Unchanged): they have no stored fetch,
    cost no read and no write. Only pages with new content are read; the
    others' readings come from `readings` (default: `<data_dir>/readings`).
    """

    def __init__(
        self,
        session: Session,
        run_id: int,
        jur: Jurisdiction,
        settings: Settings,
        now: datetime,
        unchanged: Mapping[str, Unchanged] | None = None,
        readings: Readings | None = None,
    ) -> None:
        self.session, self.run_id, self.jur, self.settings, self.now = session, run_id, jur, settings, now
        self.unchanged = unchanged
        self._readings = readings
        self.current: RecordVersion | None = None
        self.seen: set[tuple[str, str]] = set()  # (source_id, content_hash) the current record was read from

    def settle(self) -> Verdict:
        fetches = self.load()
        ok, problems = health.classify(self.jur, fetches)
        verdict = Verdict(
            self.jur,
            self.run_id,
            self.now,
            list(ok),
            problems,
            max((f.fetched_at for f in fetches), default=None),
            self.current.id if self.current is not None else None,
        )
        if problems:
            return verdict
        pages = self.pages(fetches)
        verdict.read_well = [(p.source_id, p.url) for p in pages]
        if self.nothing_new(pages):
            return verdict
        verdict.pages_changed = sum(1 for p in pages if (p.source_id, p.content_hash) not in self.seen)
        try:
            record, pages, page_readings = self.read(pages, verdict)
        except ExtractionError as exc:
            verdict.failure = Failure(str(exc))
            return verdict
        if verdict.failure is not None:
            return verdict
        try:
            validate_new_parts(record, self.seen)
        except RecordInvalid as exc:
            verdict.failure = Failure(str(exc), [str(p) for p in exc.problems], record)
            return verdict
        reason = self.coverage_problem(record, pages, page_readings)
        if reason:
            verdict.failure = Failure(reason, [], record)
            return verdict
        verdict.record, verdict.field_changes = record, self.diff(record, pages)
        if not verdict.field_changes and self.current is not None and _same_record(self.current.record, record):
            verdict.record = None  # a source still carried, nothing else new: the current record stands
        return verdict

    def load(self) -> list[UnchangedFetch | Any]:
        """The current record and this run's fetches: the stored ones, and the pages the crawl found unchanged."""
        jur = self.jur
        fetches: list[Any] = storage.run_fetches(self.session, self.run_id, jur.code, jur.profession)
        self.current = storage.current_version(self.session, jur.code, jur.profession)
        if self.current is not None:
            self.seen = {(s["source_id"], s["content_hash"]) for s in self.current.record["sources"]}
        return [*fetches, *self.unchanged_fetches({f.source_id for f in fetches})]

    def unchanged_fetches(self, fetched: set[str]) -> list[UnchangedFetch]:
        """Fetch-like objects for the pages the crawl found unchanged (plain objects: no rows, no ORM).

        The crawl reports a page as unchanged only when its hash is the one the
        current record holds, so the record's source entry describes it.
        """
        if not self.unchanged or self.current is None:
            return []
        held = {s["source_id"]: s for s in self.current.record.get("sources", [])}
        out = []
        for source_id, page in self.unchanged.items():
            src = held.get(source_id)
            if source_id in fetched or src is None or src["content_hash"] != page.content_hash:
                continue  # a stored fetch wins; content the record does not hold cannot be vouched for (not fetched)
            out.append(
                UnchangedFetch(
                    self.run_id,
                    self.jur.code,
                    self.jur.profession,
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

    @staticmethod
    def pages(fetches: Sequence[Any]) -> list[Page]:
        """The pages to build the record from; bodies are loaded only for pages that must be read."""
        return [
            Page(f.source_id, f.url, f.kind, b"", f.content_type, f.fetched_at, f.http_status or 200, f.content_hash)
            for f in sorted(fetches, key=lambda f: f.source_id)
            if f.content_hash
        ]

    def nothing_new(self, pages: list[Page]) -> bool:
        """Whether the current record was read, by today's normalizer, from exactly these pages."""
        if self.current is None:
            return False
        same_code = (self.current.normalizer, self.current.normalizer_version) == engine_signature(self.jur)
        carrying = any("carried_from" in s for s in self.current.record.get("sources", []))
        return same_code and not carrying and self.seen == {(p.source_id, p.content_hash) for p in pages}

    def read(self, pages: list[Page], verdict: Verdict) -> tuple[dict[str, Any], list[Page], list[PageReading]]:
        """The record the pages give, with each degraded source's last good version carried in place of its page.

        Returns the record and the pages and readings it was built from. Sets
        `verdict.degraded` and `verdict.read_well`; when every source that
        said anything degraded, sets `verdict.failure` instead (the whole
        record is held, as for any unreadable jurisdiction).
        """
        page_readings, unreadable = self.read_each(pages)
        found = self.degraded(pages, page_readings, unreadable)
        carried = {d.source_id for _, d, _ in found}
        left = [sid for sid in unreadable if sid not in carried]
        if left:
            raise ExtractionError(unreadable[left[0]])
        others = [r for p, r in zip(pages, page_readings, strict=True) if p.source_id not in carried]
        if found and not any(r is not None and r.candidates for r in others):
            verdict.failure = self.whole_record_failure(pages, page_readings, found)
            return {}, pages, []
        pages, page_readings = list(pages), list(page_readings)
        for i, _, (old_page, before) in found:
            pages[i], page_readings[i] = old_page, before
        readable = [r for r in page_readings if r is not None]  # every page: the unreadable ones are carried
        record = assemble(self.jur, pages, readable, now=self.now).record
        _mark_carried(record, [d for _, d, _ in found])
        verdict.degraded = [d for _, d, _ in found]
        verdict.read_well = [(p.source_id, p.url) for p in pages if p.source_id not in carried]
        return record, pages, readable

    def read_each(self, pages: list[Page]) -> tuple[list[PageReading | None], dict[str, str]]:
        """Each page's reading (kept readings are not read again); None, and why, for a page that cannot be read."""
        try:
            return list(self.readings.read_all(self.jur, pages, self.load_body)), {}
        except ExtractionError:
            pass
        out: list[PageReading | None] = []
        unreadable: dict[str, str] = {}
        for page in pages:
            try:
                out.append(self.reading_of(page))
            except ExtractionError as exc:
                out.append(None)
                unreadable[page.source_id] = str(exc)
        return out, unreadable

    def degraded(
        self, pages: list[Page], page_readings: list[PageReading | None], unreadable: Mapping[str, str]
    ) -> list[tuple[int, degrade.Degraded, tuple[Page, PageReading]]]:
        """The changed pages that went bad, each with its index and its last good version (page and reading)."""
        if self.current is None:
            return []
        held = {s["source_id"]: s for s in self.current.record.get("sources", [])}
        out = []
        for i, (page, reading) in enumerate(zip(pages, page_readings, strict=True)):
            old_src = held.get(page.source_id)
            if old_src is None or old_src["content_hash"] == page.content_hash:
                continue
            old_page = _held_page(old_src, page, carried=True)
            try:
                before = self.reading_of(old_page)
            except (ExtractionError, LookupError):
                continue
            since = old_src.get("carried_from") or old_src["fetched_at"]
            found = degrade.judge(page.source_id, page.url, since, before, reading, unreadable.get(page.source_id))
            if found is not None:
                out.append((i, found, (old_page, before)))
        return out

    def whole_record_failure(
        self, pages: list[Page], page_readings: list[PageReading | None], found: list[Any]
    ) -> Failure:
        """Every source that said anything went bad: the record is held whole, with the reason the pages give."""
        readable = [(p, r) for p, r in zip(pages, page_readings, strict=True) if r is not None]
        reasons = "; ".join(d.reason for _, d, _ in found)
        if len(readable) < len(pages):
            return Failure(reasons)
        try:
            record = assemble(self.jur, [p for p, _ in readable], [r for _, r in readable], now=self.now).record
        except ExtractionError as exc:
            return Failure(str(exc))
        if self.current is not None:
            before, now = known_value_count(self.current.record), known_value_count(record)
            if now < COVERAGE_FLOOR * before:
                return Failure(
                    f"the pages now yield {now} known values, down from {before}; a source may be an error page, "
                    f"a login wall or a redesign ({reasons})",
                    [],
                    record,
                )
        return Failure(reasons, [], record)

    def coverage_problem(
        self, record: dict[str, Any], pages: list[Page], page_readings: list[PageReading]
    ) -> str | None:
        """Why the new record looks like a broken page or extractor rather than changed rules, or None."""
        if self.current is None:
            return None
        before, now = known_value_count(self.current.record), known_value_count(record)
        if now < COVERAGE_FLOOR * before:
            return (
                f"the pages now yield {now} known values, down from {before}; a source may be an error page, "
                "a login wall or a redesign"
            )
        return shrunken_page(self.current.record, pages, page_readings, self.reading_of)

    def diff(self, record: dict[str, Any], pages: list[Page]) -> list[FieldChange]:
        """The field changes from the current record; a page whose text reads the same is no news.

        A page whose bytes changed but whose text did not (markup, encoding, a
        re-saved PDF): the new version records its content hash, and nobody is
        alerted that its "wording changed". A value gone because its sentence
        was deleted from a page that otherwise reads as before is a
        requirement change, flagged for review (see `flag_deleted_rules`).
        """
        old = self.current.record if self.current is not None else None
        found = diff(old, record)
        same_text = {
            fc.field
            for fc in found
            if fc.category == "text" and attach_wording_diff(fc, old or {}, pages, self.passages_of)
        }
        found = [fc for fc in found if fc.field not in same_text]
        return flag_deleted_rules(found, old or {}, pages, self.passages_of)

    @property
    def readings(self) -> Readings:
        if self._readings is None:
            self._readings = Readings(self.settings.data_dir / "readings")
        return self._readings

    def load_body(self, digest: str) -> bytes:
        return storage.load_body(self.session, digest)

    def reading_of(self, page: Page) -> PageReading:
        return self.readings.get(self.jur, page, self.load_body)

    def passages_of(self, page: Page) -> tuple[str, ...]:
        return self.reading_of(page).passages


def settle_jurisdiction(
    session: Session,
    run_id: int,
    jur: Jurisdiction,
    now: datetime | None = None,
    settings: Settings | None = None,
    unchanged: Mapping[str, Unchanged] | None = None,
    readings: Readings | None = None,
) -> Outcome:
    """Decide what this run means for one jurisdiction and store it (see Settlement)."""
    settings = settings or Settings()
    settlement = Settlement(session, run_id, jur, settings, now or datetime.now(UTC), unchanged, readings)
    return persist(session, settlement.settle(), settings)


def persist(session: Session, verdict: Verdict, settings: Settings) -> Outcome:
    """Store a verdict: the sources' health first, then the record (or its problem) and the status."""
    jur, run_id = verdict.jur, verdict.run_id
    status = storage.status_for(session, jur.code, jur.profession)
    if verdict.last_fetched_at is not None:
        status.last_fetched_at = verdict.last_fetched_at
    changes, notes = health.record_sources(session, run_id, jur, settings, verdict.now, verdict.problems, verdict.ok)
    if verdict.problems:
        detail = "; ".join(notes)
        _unhealthy(status, "fetch-problem", detail)
        return Outcome(jur.code, "fetch-problem", changes, detail)
    if verdict.failure is not None:
        failure = verdict.failure
        storage.record_failure(
            session, run_id, jur.code, jur.profession, failure.reason, failure.errors, failure.record
        )
        problem = health.report_problem(session, run_id, jur, "extraction", "record", failure.reason)
        changes += [problem.id] if problem is not None else []
        _unhealthy(status, "extraction-problem", failure.reason)
        return Outcome(jur.code, "extraction-problem", changes, failure.reason)
    changes += _report_carried(session, verdict)
    carried = "; ".join(d.reason for d in verdict.degraded)
    if verdict.record is None:
        if carried:
            _unhealthy(status, "extraction-problem", carried)
            return Outcome(jur.code, "extraction-problem", changes, carried)
        _verified(status, verdict.now)
        return Outcome(jur.code, "unchanged", changes)
    stored = _store_version(session, verdict, settings)
    changes += [c.id for c in stored]
    if carried:
        _unhealthy(status, "extraction-problem", carried)
    else:
        _verified(status, verdict.now)
    material = [c for c in stored if c.category in MATERIAL]
    if material or verdict.current_id is None:
        status.last_changed_at = verdict.now
    result = "baseline" if verdict.current_id is None else ("changed" if material else "unchanged")
    if carried and result == "unchanged":
        result = "extraction-problem"
    return Outcome(jur.code, result, changes, carried, verdict.pages_changed)


def _report_carried(session: Session, verdict: Verdict) -> list[int]:
    """One problem per source that went bad (while it stays bad, nothing more); recoveries for the record and
    for each source that reads well again."""
    jur, run_id = verdict.jur, verdict.run_id
    ids = []
    for d in verdict.degraded:
        problem = health.report_problem(session, run_id, jur, "extraction", f"reading.{d.source_id}", d.reason, d.url)
        ids += [problem.id] if problem is not None else []
    fields: list[tuple[str, str, str | None]] = [("extraction", "record", None)]
    fields += [("extraction", f"reading.{sid}", url) for sid, url in verdict.read_well]
    return ids + health.report_recoveries(session, run_id, jur, fields)


def _unhealthy(status: JurisdictionStatus, health_: str, detail: str) -> None:
    status.health, status.health_detail = health_, detail
    status.consecutive_failures += 1


def _verified(status: JurisdictionStatus, now: datetime) -> None:
    status.health, status.health_detail, status.consecutive_failures = "ok", None, 0
    status.last_verified_at = now


def _store_version(session: Session, verdict: Verdict, settings: Settings) -> list[Change]:
    """The new version becomes current, with its field changes after noise control."""
    jur, record = verdict.jur, verdict.record
    assert record is not None
    shutdown.kill_point("settle", jur.code)  # test hook (tests/test_faults_crash.py): normalized, not yet stored
    version = storage.append_version(session, verdict.run_id, jur.code, jur.profession, record, values_hash(record))
    version.created_at = verdict.now  # one clock for the version and its changes (history and flap windows use it)
    corrections.refresh(session, jur.code, verdict.now)  # reviewers' corrections whose evidence changed reopen
    return record_field_changes(
        session, verdict.run_id, jur, verdict.field_changes, settings, verdict.now, verdict.current_id, version.id
    )


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
    flaps = health.FlapHistory(session, jur, settings, now, to_version_id)
    stored = []
    for fc in field_changes:
        previous = _previous_change(session, jur, fc.field)
        if reparse:
            fc.category, fc.direction, audience = "extraction", None, "engineers"
        else:
            fc, audience = flaps.judge(fc)
            audience = "none" if fc.quiet else audience
            if fc.kind == "restored" and _told_removed(session, jur, fc.field):
                fc.kind, fc.category, audience = "added", "requirement", "compliance"
                fc.note = "the rule reported as possibly removed reads again"
        change = health.jurisdiction_change(
            session,
            run_id,
            jur,
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


def _told_removed(session: Session, jur: Jurisdiction, field_name: str) -> bool:
    """Whether compliance staff were last told of this field that its rule may have been removed."""
    last = session.scalars(
        select(Change)
        .where(
            Change.jurisdiction == jur.code,
            Change.profession == jur.profession,
            Change.field == field_name,
            Change.category == "requirement",
        )
        .order_by(Change.id.desc())
        .limit(1)
    ).first()
    return last is not None and last.kind == "removed"


def _previous_change(session: Session, jur: Jurisdiction, field_name: str) -> Change | None:
    return session.scalars(
        select(Change)
        .where(Change.jurisdiction == jur.code, Change.profession == jur.profession, Change.field == field_name)
        .order_by(Change.id.desc())
        .limit(1)
    ).first()


# --- guards and evidence -------------------------------------------------------------------------


def validate_new_parts(record: dict[str, Any], held: set[tuple[str, str]]) -> None:
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


def _held_page(old_src: dict[str, Any], like: Page, carried: bool = False) -> Page:
    """The page as the current record's source entry holds it (body loaded on demand), beside its new version.

    `carried`: the page stands in for its new version in the record, so it keeps the time it was fetched.
    """
    fetched_at = datetime.fromisoformat(old_src["fetched_at"].replace("Z", "+00:00")) if carried else like.fetched_at
    return Page(
        like.source_id,
        old_src["url"],
        old_src.get("kind", like.kind),
        b"",
        old_src.get("content_type"),
        fetched_at,
        old_src.get("http_status") or 200,
        old_src["content_hash"],
    )


def _mark_carried(record: dict[str, Any], degraded: list[degrade.Degraded]) -> None:
    """Mark each carried source's entry with the time its version was read well, and say why on the record."""
    since = {d.source_id: d.since for d in degraded}
    for src in record.get("sources", []):
        if src["source_id"] in since:
            src["carried_from"] = since[src["source_id"]]
    record["extraction"]["warnings"] += [d.reason for d in degraded]


def _same_record(old: dict[str, Any], new: dict[str, Any]) -> bool:
    """The same values, read from the same versions of the same pages, with the same warnings."""

    def pages(record: dict[str, Any]) -> list[tuple[Any, ...]]:
        return [(s["source_id"], s["content_hash"], s.get("carried_from")) for s in record.get("sources", [])]

    return (
        values_hash(old) == values_hash(new)
        and pages(old) == pages(new)
        and old.get("extraction", {}).get("warnings") == new.get("extraction", {}).get("warnings")
    )


def shrunken_page(
    old_record: dict[str, Any],
    pages: list[Page],
    readings: Sequence[PageReading],
    reading_of: Callable[[Page], PageReading],
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
    for page, reading in zip(pages, readings, strict=False):
        old_src = held.get(page.source_id)
        if old_src is None or old_src["content_hash"] == page.content_hash:
            continue
        try:
            before = len(reading_of(_held_page(old_src, page)).candidates)
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


def flag_deleted_rules(
    found: list[FieldChange],
    old_record: dict[str, Any],
    pages: list[Page],
    passages_of: Callable[[Page], Sequence[str]],
) -> list[FieldChange]:
    """A value gone unknown because the sentence stating it was deleted from a page that otherwise reads as before.

    Such a value is not a broken page (the settlement carries those): the rule
    may have been repealed. It becomes a requirement change for compliance
    staff, flagged for review, and an extraction notice for engineers (the
    normalizer may have missed a reworded rule). Other missing values stay
    extraction changes.
    """
    held = {s["source_id"]: s for s in old_record.get("sources", [])}
    by_source = {p.source_id: p for p in pages}
    out = []
    for fc in found:
        out.append(fc)
        if (fc.kind, fc.category) != ("removed", "extraction") or not fc.evidence_before:
            continue
        evidence = fc.evidence_before[0]
        old_src, page = held.get(evidence.get("source_id", "")), by_source.get(evidence.get("source_id", ""))
        if old_src is None or page is None or old_src["content_hash"] == page.content_hash:
            continue
        try:
            before, after = passages_of(_held_page(old_src, page)), passages_of(page)
        except (ExtractionError, LookupError):
            continue
        if not degrade.deleted_sentence(evidence.get("excerpt", ""), before, after):
            continue
        where = f"source {page.source_id} ({page.url})"
        fc.category, fc.source_url, fc.content_hash = "requirement", page.url, page.content_hash
        fc.note = (
            f"review: the sentence that stated it was deleted from {where}, which otherwise reads as before; "
            "the rule may have been removed"
        )
        notice = replace(fc, category="extraction", direction=None)
        notice.note = (
            f"extraction notice: the sentence that stated it is gone from {where}; if the rule was reworded "
            "rather than removed, the normalizer no longer reads it"
        )
        out.append(notice)
    return out


def changed_sentences(before: Sequence[str], after: Sequence[str]) -> set[str]:
    """The sentences one version of a page has and the other lacks, in any passage.

    A passage split or joined anew (a heading or a lead-in now run into the
    text, as when a redesign drops the markup that set them apart) changes
    no sentence: a sentence still found in the other version's text, passages
    side by side, is not counted.
    """
    old = {s for p in before for s in sentences(p)}
    new = {s for p in after for s in sentences(p)}
    old_text, new_text = " ".join(before), " ".join(after)
    gone = {_new_part(s, new, new_text) for s in old - new}
    came = {_new_part(s, old, old_text) for s in new - old}
    return {s for s in gone | came if s}


def _new_part(sentence: str, others: set[str], other: str) -> str:
    """What of a sentence the other version lacks: "" if its text has all of it; only the words run in front
    of (or after) a whole sentence it has, such as a menu now read into a paragraph; else the whole sentence."""
    if sentence in other:
        return ""
    words = sentence.split()
    for k in range(1, len(words) - 3):
        if " ".join(words[k:]) in others:
            return " ".join(words[:k])
        if " ".join(words[: len(words) - k]) in others:
            return " ".join(words[len(words) - k :])
    return sentence


def attach_wording_diff(
    fc: FieldChange, old_record: dict[str, Any], pages: list[Page], passages_of: Callable[[Page], Sequence[str]]
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
    try:
        before, after = passages_of(_held_page(old_src, new_page)), passages_of(new_page)
    except (ExtractionError, LookupError):
        return False
    fc.evidence_before, fc.evidence_after = passage_diff(list(before), list(after), source_id)
    if not any(bears_on_rules(s) for s in changed_sentences(before, after)):
        fc.quiet = True
        fc.note = (
            "only navigation, banners, footers or other lines that say nothing about medical assistants, tasks, "
            "credentials, training or supervision changed: kept in the history, not alerted"
        )
    return tuple(before) == tuple(after)
