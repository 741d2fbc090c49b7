"""Source health: whether a fetch can be trusted, the problems that open, repeat and recover, flap history,
stale data, and health as it stood at a past moment.

Every health problem is one change row for the engineers' channels (audience "health"). It is recorded
once, when it opens; further failures while it stays open add nothing; one "recovered" change, which
supersedes the problem, closes it. Three problems live here:

- a source that cannot be fetched (category "fetch", field "sources.<id>"), counted per source in
  `source_health`: an intermittent failure (network, timeout, 5xx, 429) alerts only after
  `failure_alert_threshold` runs in a row, a definite one (404, 410, 403, a moved page) at once;
- a record that cannot be read (category "extraction", field "record"), opened by the settlement;
- stale data (category "fetch", field "staleness"): a jurisdiction not verified successfully for longer than
  `stale_after_hours`, checked at the end of every run. "Verified" means a run fetched every source and
  produced (or confirmed) a valid record (`jurisdiction_status.last_verified_at`); a jurisdiction never
  verified is measured from the first run that included it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, NamedTuple, Protocol, TypeVar
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker import registry, storage
from tracker.config import Settings
from tracker.diff import NO_VALUE, FieldChange, against_history, flatten, is_unknown
from tracker.models import Change, ExtractionFailure, Fetch, JurisdictionStatus, RecordVersion, Run, SourceHealth
from tracker.registry import Jurisdiction

EMPTY_BODY = storage.content_hash(b"")  # a 200 with no content is a source problem, never a page
# HTTP answers that may go away by themselves; any other 4xx, or a page that moved, is a definite answer
TRANSIENT_HTTP = (408, 425, 429)
NOT_FETCHED = "not fetched in this run (the crawl stopped early or robots.txt forbids it)"
STALENESS = "staleness"  # the field of a stale-data problem (category "fetch")


# --- fetch classification ------------------------------------------------------------------------


class FetchLike(Protocol):
    """What classification reads of a fetch: a stored `Fetch`, or a page the crawl found unchanged."""

    @property
    def source_id(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def final_url(self) -> str | None: ...
    @property
    def http_status(self) -> int | None: ...
    @property
    def content_hash(self) -> str | None: ...
    @property
    def error(self) -> str | None: ...
    @property
    def not_modified(self) -> bool: ...


F = TypeVar("F", bound=FetchLike)


class SourceProblem(NamedTuple):
    source_id: str
    reason: str
    url: str
    fetch: FetchLike | None  # None: the source was not fetched at all


def same_place(a: str, b: str) -> bool:
    """Whether two URLs name the same page (host without "www.", path without a trailing slash, query)."""
    pa, pb = urlsplit(a), urlsplit(b)

    def host(h: str | None) -> str:
        return (h or "").lower().removeprefix("www.")

    return (
        host(pa.hostname) == host(pb.hostname) and pa.path.rstrip("/") == pb.path.rstrip("/") and pa.query == pb.query
    )


def fetch_problem(fetch: FetchLike) -> str | None:
    """Why a fetch cannot be trusted as the source's current content, or None."""
    if fetch.error:
        return fetch.error
    if fetch.http_status is None or fetch.http_status >= 400:
        return f"the site answered HTTP {fetch.http_status}"
    if fetch.final_url and not same_place(fetch.url, fetch.final_url):
        return f"the page moved: it now redirects to {fetch.final_url}; update the source URL"
    if fetch.content_hash is None:
        return "the page had no body"
    if fetch.content_hash == EMPTY_BODY:
        return f"the site answered HTTP {fetch.http_status} with an empty page (no content at all)"
    return None


def is_transient(fetch: FetchLike | None) -> bool:
    """Whether a failed fetch may be intermittent (network, timeout, 5xx, 429, not fetched) rather than definite.

    Intermittent failures alert only after `failure_alert_threshold` consecutive
    failed runs; definite ones (404, 410, 403, a moved page) alert at once.
    """
    if fetch is None:
        return True
    if fetch.final_url and not same_place(fetch.url, fetch.final_url):
        return False
    status = fetch.http_status
    return status is None or status < 400 or status >= 500 or status in TRANSIENT_HTTP


def source_problems(
    declared: Mapping[str, str], fetches: Iterable[FetchLike], not_fetched: str = NOT_FETCHED
) -> list[SourceProblem]:
    """Each declared source (source_id -> url) not fetched or failing, then each undeclared fetch that failed."""
    fetches = list(fetches)
    by_source = {f.source_id: f for f in fetches}
    problems = []
    for source_id, url in declared.items():
        fetch = by_source.get(source_id)
        reason = not_fetched if fetch is None else fetch_problem(fetch)
        if reason:
            problems.append(SourceProblem(source_id, reason, url, fetch))
    for fetch in fetches:
        if fetch.source_id not in declared and (reason := fetch_problem(fetch)):
            problems.append(SourceProblem(fetch.source_id, reason, fetch.url, fetch))
    return problems


def classify(jur: Jurisdiction, fetches: Sequence[F]) -> tuple[list[F], list[SourceProblem]]:
    """This run's fetches of a jurisdiction as (the trustworthy ones, the problems of its sources)."""
    declared = {src.source_id: src.url for src in jur.sources}
    return [f for f in fetches if fetch_problem(f) is None], source_problems(declared, fetches)


def page_counts(fetches: Iterable[FetchLike], unchanged: int = 0) -> dict[str, int]:
    """A run's page counters: fetched with content, not modified (304s and `unchanged` pages), failed.

    One pass, so `fetches` may be a stream of rows (a run of 20,000 pages is not held at once)."""
    counts = {"pages_fetched": 0, "pages_not_modified": unchanged, "pages_failed": 0}
    for f in fetches:
        counts["pages_fetched"] += not f.error and not f.not_modified
        counts["pages_not_modified"] += bool(f.not_modified)
        counts["pages_failed"] += bool(fetch_problem(f))
    return counts


# --- problems: opening, repeating, recovering ---------------------------------------------------


def jurisdiction_change(session: Session, run_id: int | None, jur: Jurisdiction, **values: Any) -> Change:
    """Store a change of jur's record found by run `run_id`; `values` are the other columns of Change."""
    return storage.add_change(session, run_id=run_id, jurisdiction=jur.code, profession=jur.profession, **values)


def _health_change(
    session: Session,
    run_id: int | None,
    jur: Jurisdiction,
    category: str,
    field_name: str,
    kind: str,
    summary: str,
    url: str | None = None,
    old: object = None,
    new: object = None,
    audience: str = "health",
) -> Change:
    return jurisdiction_change(
        session,
        run_id,
        jur,
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
        audience=audience,
    )


def _problems_query(jur: Jurisdiction) -> Any:
    return select(Change).where(
        Change.jurisdiction == jur.code,
        Change.profession == jur.profession,
        Change.category.in_(("fetch", "extraction")),
        Change.kind.in_(("problem", "recovered")),
    )


def open_problem(session: Session, jur: Jurisdiction, field_name: str) -> Change | None:
    """The latest health change for this field if it is an unrecovered problem."""
    last = session.scalars(
        _problems_query(jur).where(Change.field == field_name).order_by(Change.id.desc()).limit(1)
    ).first()
    return last if last is not None and last.kind == "problem" else None


def open_problems(session: Session, jur: Jurisdiction) -> dict[str, Change]:
    """`open_problem` for every field of the jurisdiction at once (one query, not one per source)."""
    latest: dict[str, Change] = {}
    for change in session.scalars(_problems_query(jur).order_by(Change.id)):
        latest[change.field] = change
    return {name: c for name, c in latest.items() if c.kind == "problem"}


def report_problem(
    session: Session,
    run_id: int | None,
    jur: Jurisdiction,
    category: str,
    field_name: str,
    reason: str,
    url: str | None = None,
    audience: str = "health",
) -> Change | None:
    """Record a health problem once: while it stays open, further failures are not new changes (None)."""
    if open_problem(session, jur, field_name) is not None:
        return None
    label = "Source problem" if category == "fetch" else "Extraction problem"
    return _health_change(
        session, run_id, jur, category, field_name, "problem", f"{label}: {reason}", url, new=reason, audience=audience
    )


def _recovered(
    session: Session, run_id: int | None, jur: Jurisdiction, problem: Change, summary: str, url: str | None, new: object
) -> Change:
    change = _health_change(
        session, run_id, jur, problem.category, problem.field, "recovered", summary, url, problem.new_value, new
    )
    change.supersedes_id = problem.id
    return change


def report_recoveries(
    session: Session, run_id: int | None, jur: Jurisdiction, fields: list[tuple[str, str, str | None]]
) -> list[int]:
    """Once more on recovery: one change per open problem of these (category, field, url) that is now fixed."""
    ids = []
    open_now = open_problems(session, jur) if len(fields) > 1 else None
    for category, field_name, url in fields:
        open_ = open_now.get(field_name) if open_now is not None else open_problem(session, jur, field_name)
        if open_ is not None and open_.category == category:
            summary = f"Recovered: {field_name} is readable again (was: {open_.new_value})"
            ids.append(_recovered(session, run_id, jur, open_, summary, url, None).id)
    return ids


def record_sources(
    session: Session,
    run_id: int,
    jur: Jurisdiction,
    settings: Settings,
    now: datetime,
    problems: list[SourceProblem],
    ok: Sequence[FetchLike],
) -> tuple[list[int], list[str]]:
    """Count consecutive failures per source; alert after N (at once if definite); report recoveries.

    Returns the new change ids and, per failing source, a note for the run summary.
    """
    changes = report_recoveries(session, run_id, jur, [("fetch", f"sources.{f.source_id}", f.url) for f in ok])
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
    for problem in problems:
        health = healths.get(problem.source_id)
        if health is None:
            health = SourceHealth(
                jurisdiction=jur.code, profession=jur.profession, source_id=problem.source_id, consecutive_failures=0
            )
            session.add(health)
            healths[problem.source_id] = health
        health.consecutive_failures += 1
        health.first_failed_at = health.first_failed_at or now
        health.last_failed_at, health.last_error = now, problem.reason
        if not is_transient(problem.fetch) or health.consecutive_failures >= settings.failure_alert_threshold:
            change = report_problem(
                session, run_id, jur, "fetch", f"sources.{problem.source_id}", problem.reason, problem.url
            )
            changes += [change.id] if change is not None else []
            notes.append(f"{problem.source_id}: {problem.reason}")
        else:
            notes.append(
                f"{problem.source_id}: {problem.reason} (failure {health.consecutive_failures} in a row; alerts at "
                f"{settings.failure_alert_threshold})"
            )
    return changes, notes


# --- flap history --------------------------------------------------------------------------------


def field_history(
    session: Session, jur: Jurisdiction, since: datetime | None, exclude_id: int | None
) -> list[tuple[datetime, dict[str, Any]]]:
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


class FlapHistory:
    """The values a jurisdiction's fields held before the version being settled, for noise control.

    The flap window's history is read once; the whole history only when a
    change starts from an unknown value (was the field ever known?).
    """

    def __init__(self, session: Session, jur: Jurisdiction, settings: Settings, now: datetime, exclude_id: int | None):
        self.session, self.jur, self.now, self.exclude_id = session, jur, now, exclude_id
        self.days = settings.flap_window_days
        self.recent = field_history(session, jur, now - timedelta(days=self.days), exclude_id) if self.days else []
        self._full: list[tuple[datetime, dict[str, Any]]] | None = None

    def judge(self, fc: FieldChange) -> tuple[FieldChange, str]:
        """The change as noise control sees it (a flap, a value readable again, ...) and its audience."""
        if is_unknown(fc.old) and self._full is None:
            self._full = field_history(self.session, self.jur, None, self.exclude_id)
        known = [
            vals[fc.field] for _, vals in (self._full or []) if fc.field in vals and not is_unknown(vals[fc.field])
        ]
        recent = [vals.get(fc.field) for _, vals in self.recent]
        return against_history(fc, recent, known[-1] if known else NO_VALUE, self.flap_reported(fc.field))

    def flap_reported(self, field_name: str) -> bool:
        """Whether a flap of this field was already reported within the window."""
        if not self.days > 0:
            return False
        found = self.session.scalar(
            select(Change.id)
            .where(
                Change.jurisdiction == self.jur.code,
                Change.profession == self.jur.profession,
                Change.field == field_name,
                Change.kind == "flap",
                Change.audience != "none",
                Change.created_at >= self.now - timedelta(days=self.days),
            )
            .limit(1)
        )
        return found is not None


# --- stale data ----------------------------------------------------------------------------------


def overdue(since: datetime | None, moment: datetime, hours: float) -> bool:
    """Whether `since` (None: never) lies more than `hours` before `moment`."""
    return since is None or moment - since > timedelta(hours=hours)


def _first_checked(session: Session, code: str) -> datetime | None:
    for started, codes in session.execute(select(Run.started_at, Run.jurisdictions).order_by(Run.id)):
        if code in (codes or ()):
            return started
    return None


def _when(moment: datetime | None) -> str:
    return f"{moment:%Y-%m-%d %H:%M} UTC" if moment else "never"


def check_staleness(
    session: Session,
    run_id: int | None,
    jurisdictions: list[Jurisdiction],
    settings: Settings,
    now: datetime | None = None,
) -> list[int]:
    """Record stale-data problems and recoveries for these jurisdictions; returns the new change ids."""
    if not settings.stale_after_hours:
        return []
    now = now or storage.now()
    ids = []
    for jur in jurisdictions:
        status = session.get(JurisdictionStatus, (jur.code, jur.profession))
        verified = status.last_verified_at if status else None
        since = verified or _first_checked(session, jur.code)
        stale = since is not None and overdue(since, now, settings.stale_after_hours)
        open_ = open_problem(session, jur, STALENESS)
        stamp = verified.isoformat() if verified else None
        if stale and open_ is None:
            assert since is not None
            age = (now - since).total_seconds() / 3600
            why = f" Last problem: {status.health_detail}" if status and status.health_detail else ""
            summary = (
                f"Stale data: {jur.code} has not been verified successfully since {_when(verified)} "
                f"({age:.0f} h; the limit is {settings.stale_after_hours:g} h). Its last good record is "
                f"still shown as current.{why}"
            )
            ids.append(_health_change(session, run_id, jur, "fetch", STALENESS, "problem", summary, new=stamp).id)
        elif not stale and open_ is not None:
            summary = (
                f"Recovered: {jur.code} was verified successfully again at {_when(verified)} "
                f"(stale since {_when(open_.created_at)})."
            )
            ids.append(_recovered(session, run_id, jur, open_, summary, None, stamp).id)
    return ids


# --- health as of a past moment ------------------------------------------------------------------


class PastHealth(NamedTuple):
    health: str  # ok | fetch-problem | extraction-problem | unknown | never checked
    detail: str | None
    last_verified: datetime | None
    failing: list[tuple[str, str]]  # (source_id, why)


def health_as_of(session: Session, code: str, profession: str, moment: datetime, has_record: bool) -> PastHealth:
    """Health, detail, last verified and failing sources as they stood at a moment, from the stored fetches."""
    runs: dict[int, dict[str, Fetch]] = {}
    for f in session.scalars(
        select(Fetch)
        .where(Fetch.jurisdiction == code, Fetch.profession == profession, Fetch.fetched_at <= moment)
        .order_by(Fetch.run_id, Fetch.id)
    ):
        runs.setdefault(f.run_id, {})[f.source_id] = f
    failed_runs = set(
        session.scalars(
            select(ExtractionFailure.run_id).where(
                ExtractionFailure.jurisdiction == code,
                ExtractionFailure.profession == profession,
                ExtractionFailure.created_at <= moment,
            )
        ).all()
    )
    known = registry.all_jurisdictions()
    declared = {s.source_id: s.url for s in known[code].sources} if code in known else {}
    past = PastHealth("unknown" if has_record else "never checked", None, None, [])
    for n, run_id in enumerate(sorted(runs, reverse=True)):
        latest = runs[run_id]
        found = source_problems(declared, latest.values(), "not fetched in this run")
        problems = [
            *sorted((p.source_id, p.reason) for p in found if p.fetch is not None),
            *sorted((p.source_id, p.reason) for p in found if p.fetch is None),
        ]
        if n == 0:
            past = _latest_health(past, problems, run_id in failed_runs)
        if not problems and run_id not in failed_runs:
            return past._replace(last_verified=max(f.fetched_at for f in latest.values()))
    return past


def _latest_health(past: PastHealth, problems: list[tuple[str, str]], extraction_failed: bool) -> PastHealth:
    if problems:
        return past._replace(
            health="fetch-problem", detail="; ".join(f"{sid}: {why}" for sid, why in problems), failing=problems
        )
    if extraction_failed:
        return past._replace(health="extraction-problem", detail="the pages could not be read into a valid record")
    return past._replace(health="ok")


def failing_during(session: Session, codes: list[str], start: datetime, end: datetime) -> set[tuple[str, str]]:
    """(jurisdiction, source_id) whose current run of consecutive failures spans the time from `start` to `end`."""
    rows = session.scalars(
        select(SourceHealth).where(SourceHealth.jurisdiction.in_(codes), SourceHealth.consecutive_failures > 0)
    ).all()
    return {
        (h.jurisdiction, h.source_id)
        for h in rows
        if h.first_failed_at is not None
        and h.last_failed_at is not None
        and h.first_failed_at <= end
        and h.last_failed_at >= start
    }
