"""One run, end to end, as a list of stages: lock -> crawl -> settle -> judge -> staleness -> alerts -> report.

`execute_run` takes the run lock of every jurisdiction, starts the run, crawls
(tracker.crawl), settles each jurisdiction in its own transaction
(tracker.settlement), flags stale data (tracker.health), delivers the alerts,
writes the change report and the table, and finishes the run with its counters.
A run that stops half-way is marked interrupted or failed; every jurisdiction
not yet settled keeps its last good record.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from datetime import time as clock_time

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from tracker import (
    alerts,
    exports,
    health,
    logfiles,
    ownership,
    prereading,
    replay,
    reports,
    runlock,
    shutdown,
    storage,
)
from tracker.config import Settings
from tracker.crawl import CrawlOutcome, crawl
from tracker.db import Database, DatabaseError
from tracker.models import Change, Fetch, JurisdictionStatus
from tracker.readings import Readings
from tracker.registry import Jurisdiction
from tracker.replay import SnapshotProcess, SnapshotServer
from tracker.settlement import Outcome, settle_jurisdiction
from tracker.snapshots import Snapshot
from tracker.vocabulary import RECOVERY_KINDS

_log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_PROBLEMS = 4  # only with fail_on_problems: the run completed but sources had problems
EXIT_FAILED = 3


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
    notices: list[str] = field(default_factory=list)  # what a person should know about how the run alerted
    categories: dict[int, str] = field(default_factory=dict)  # change id -> category, for the words of the table
    kinds: dict[int, str] = field(default_factory=dict)  # change id -> kind (a recovery is news, not a change)

    def outcome_words(self, outcome: Outcome) -> str:
        """What the run table says of a jurisdiction: never "unchanged" when the run recorded news for it:
        "wording changed" for wording changes, "recovered" for a problem that cleared, or both."""
        if outcome.result != "unchanged":
            return outcome.result
        news = [
            word
            for word, found in (
                ("wording changed", any(self.categories.get(i) == "text" for i in outcome.changes)),
                ("recovered", any(self.kinds.get(i) in RECOVERY_KINDS for i in outcome.changes)),
            )
            if found
        ]
        return ", ".join(news) or outcome.result

    @property
    def problems(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.result.endswith("problem")]

    def exit_code(self, fail_on_problems: bool = False) -> int:
        if self.status == "failed":
            return EXIT_FAILED
        if fail_on_problems and self.problems:
            return EXIT_PROBLEMS
        return EXIT_OK


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
    flagged (tracker.health) before alerts go out. `channels` are the
    job's alert channels (None: every configured channel).
    """
    codes = [j.code for j in jurisdictions]
    say = notify or _log.info
    overlap = on_overlap or settings.on_overlap
    ownership.claim_outputs(settings, mark=False)  # another database's outputs in this folder: refused, nothing written
    with (
        _database(settings, db) as database,
        shutdown.signals_handled(),
        runlock.run_lock(database, codes, overlap, settings.lock_wait_minutes, say, settings.data_dir) as lock,
    ):
        ownership.claim_outputs(settings)  # the database opened: the folders are its own from now on
        if not lock.acquired:
            return _skipped_run(database, trigger, codes, snapshot, lock.message or "Skipped.", say)
        run_id = _start_run(database, trigger, codes, snapshot)
        logfiles.tidy(settings.data_dir / "logs", settings.log_retention_days, current_run=run_id)
        try:
            observed = observation_moment(database, codes, snapshot)
            with prereading.Prereader(database, settings, jurisdictions) as ahead:  # normalizing overlaps the crawl
                crawled = _crawl(run_id, codes, settings, snapshot, ahead.watching(on_page), observed)
            crawled = replace(crawled, read_ahead=ahead.read, read_ahead_wait=ahead.drain_seconds)
            with shutdown.finishing():  # seconds of work: a first SIGTERM lets it complete
                with storage.observing(observed):  # what the pages say is dated when they were observed
                    summary = _judge(
                        database, run_id, crawled, settle_all(database, settings, run_id, jurisdictions, crawled)
                    )
                if observed is not None:
                    _verified_now(database, summary.outcomes)
                _flag_stale(database, run_id, jurisdictions, settings)
                _deliver_alerts(database, settings, summary, channels)
                shutdown.kill_point("report")  # test hook: alerts delivered, the run not yet finished
                _report_and_finish(database, settings, summary, crawled)
                return summary
        except BaseException as exc:
            _abandon(database, run_id, exc)
            if isinstance(exc, DBAPIError):  # one plain sentence (exit code 1), not a traceback
                raise DatabaseError(f"Run {run_id} failed: {lost_database(exc)}.") from None
            raise


@contextmanager
def _database(settings: Settings, db: Database | None) -> Iterator[Database]:
    """The caller's database, or one of the run's own, disposed of when the run ends."""
    if db is not None:
        yield db
        return
    own = Database(settings.database_url)
    try:
        yield own
    finally:
        own.dispose()


def _start_run(db: Database, trigger: str, codes: list[str], snapshot: Snapshot | None) -> int:
    """Mark runs whose process is gone, then record this one as running."""
    with db.session() as session:
        storage.mark_interrupted(session)
        runlock.mark_abandoned(session, codes)
        return storage.start_run(session, trigger, codes, snapshot.name if snapshot else None).id


def observation_moment(db: Database, codes: list[str], snapshot: Snapshot | None) -> datetime | None:
    """When a run observes its pages: a replayed snapshot's captured date (None for the live sites: now).

    Its pages, records, changes and health are dated by it, so `--as-of` and `--changed-since` read a
    snapshot's history as of the day it was captured; the run's own start and end stay the wall clock.
    History never runs backwards: an older snapshot replayed after newer observations of the same
    jurisdictions is observed at the newest of them.
    """
    if snapshot is None:
        return None
    captured = datetime.combine(snapshot.captured, clock_time(), tzinfo=UTC)
    with db.session() as session:
        latest = storage.latest_observation(session, codes)
    return max(captured, latest) if latest is not None else captured


def _crawl(
    run_id: int,
    codes: list[str],
    settings: Settings,
    snapshot: Snapshot | None,
    on_page: Callable[[dict], None] | None,
    observed: datetime | None = None,
) -> CrawlOutcome:
    """The crawl subprocess; a snapshot is replayed on loopback while it runs, by a server process of its own."""
    with _replay_server(snapshot) as server:
        return crawl(
            run_id, codes, settings, server.base_url if server else None, on_page=on_page, observed_at=observed
        )


def _replay_server(snapshot: Snapshot | None) -> AbstractContextManager[SnapshotServer | SnapshotProcess | None]:
    """The snapshot's server: a process of its own, unless a test put its own SnapshotServer here (to see requests)."""
    if snapshot is None:
        return nullcontext(None)
    if SnapshotServer is replay.SnapshotServer:
        return SnapshotProcess(snapshot)
    return SnapshotServer(snapshot)  # a test double, in this process


def settle_all(
    db: Database, settings: Settings, run_id: int, jurisdictions: list[Jurisdiction], crawled: CrawlOutcome
) -> list[Outcome]:
    """Settle each jurisdiction in its own transaction, timing each (`<data_dir>/logs/run-N-settle.json`)."""
    readings = Readings(settings.data_dir / "readings")
    started = time.perf_counter()
    outcomes = []
    for jur in jurisdictions:
        began = time.perf_counter()
        with db.session() as session:
            unchanged = crawled.unchanged_for(jur.code, jur.profession)
            outcome = settle_jurisdiction(
                session, run_id, jur, now=storage.now(), settings=settings, readings=readings, unchanged=unchanged
            )
        outcome.seconds = time.perf_counter() - began
        outcomes.append(outcome)
        shutdown.kill_point("settled", jur.code)  # test hook: committed, the next not started
    _write_timings(settings, run_id, crawled, outcomes, time.perf_counter() - started)
    return outcomes


def _judge(db: Database, run_id: int, crawled: CrawlOutcome, outcomes: list[Outcome]) -> RunSummary:
    """The run failed when the crawl did, or when not one source could be fetched; else it succeeded."""
    summary = RunSummary(run_id=run_id, status="succeeded", outcomes=outcomes, crawl_log=str(crawled.log_path))
    ids = [i for o in outcomes for i in o.changes]
    if ids:
        with db.session() as session:
            rows = session.execute(select(Change.id, Change.category, Change.kind).where(Change.id.in_(ids))).all()
        summary.categories = {row.id: row.category for row in rows}
        summary.kinds = {row.id: row.kind for row in rows}
    if not crawled.ok:
        summary.status = "failed"
        summary.error = f"the crawl process exited with code {crawled.returncode}; see {crawled.log_path}"
        return summary
    with db.session() as session:
        fetched = _run_fetches(session, run_id)  # streamed: stops at the first good fetch
        if not crawled.unchanged_count and not any(health.fetch_problem(f) is None for f in fetched):
            summary.status = "failed"
            summary.error = "no source could be fetched; check the network connection or the snapshot"
    return summary


def _run_fetches(session: Session, run_id: int) -> Iterator[health.FetchLike]:
    """This run's stored fetches, streamed as plain rows of the columns classification reads (no ORM objects:
    20,000 of them were tens of megabytes of the run's peak memory)."""
    columns = (
        Fetch.source_id,
        Fetch.url,
        Fetch.final_url,
        Fetch.http_status,
        Fetch.content_hash,
        Fetch.error,
        Fetch.not_modified,
    )
    query = select(*columns).where(Fetch.run_id == run_id).execution_options(yield_per=1000)
    return iter(session.execute(query))  # a Row has the FetchLike attributes


def _verified_now(db: Database, outcomes: list[Outcome]) -> None:
    """A replay's verified jurisdictions count as verified now: staleness is the tracker's own clock.

    Their pages, records and changes are dated by the snapshot; but "not verified successfully for
    stale_after_hours" is about the tracker's checking, so two snapshots captured months apart and
    replayed a minute apart never raise a stale-data alert between them.
    """
    verified = [o.code for o in outcomes if o.result in ("unchanged", "changed", "baseline")]
    if not verified:
        return
    with db.session() as session:
        for status in session.scalars(select(JurisdictionStatus).where(JurisdictionStatus.jurisdiction.in_(verified))):
            if status.health == "ok":
                status.last_verified_at = storage.wall_clock()


def _flag_stale(db: Database, run_id: int, jurisdictions: list[Jurisdiction], settings: Settings) -> None:
    with db.session() as session:
        health.check_staleness(session, run_id, jurisdictions, settings)


def _deliver_alerts(
    db: Database, settings: Settings, summary: RunSummary, channels: list[str] | tuple[str, ...] | None
) -> None:
    assert settings.output_dir is not None  # Settings always fills it in
    settings.output_dir.mkdir(parents=True, exist_ok=True)
    delivery = alerts.dispatch(db, settings, run_id=summary.run_id, only=channels)
    summary.alerts_sent = delivery.sent
    summary.alert_failures = delivery.failures
    if delivery.wording_summarized:
        summary.notices.append(
            f"{delivery.wording_summarized} wording-only changes were sent as one summary (more than the "
            f"wording_alert_limit of {settings.wording_alert_limit}); each is in `licensure changes`."
        )
    summary.alerts_path = str(delivery.json_path) if delivery.json_path else None


def _report_and_finish(db: Database, settings: Settings, summary: RunSummary, crawled: CrawlOutcome) -> None:
    """The change report and the table, then the run's status and counters."""
    run_id, out = summary.run_id, settings.output_dir
    assert out is not None  # Settings always fills it in
    with db.session() as session:
        summary.report_path = str(reports.write_run_report(session, run_id, out))
        summary.table_path = str(exports.write_table_csv(session, out / "requirements.csv"))
        fetched = _run_fetches(session, run_id)
        storage.finish_run(
            session,
            run_id,
            summary.status,
            summary.error,
            **health.page_counts(fetched, crawled.unchanged_count),
            records_changed=sum(1 for o in summary.outcomes if o.result in ("changed", "baseline")),
            alerts_sent=summary.alerts_sent,
        )


def _write_timings(
    settings: Settings, run_id: int, crawled: CrawlOutcome, outcomes: list[Outcome], seconds: float
) -> None:
    """`<data_dir>/logs/run-N-settle.json`: where the run's time went, per jurisdiction (benchmarks/ reads it)."""
    data = {
        "run_id": run_id,
        "crawl_seconds": round(crawled.seconds, 4),
        "settle_seconds": round(seconds, 4),
        "read_ahead_pages": crawled.read_ahead,
        "read_ahead_wait_seconds": round(crawled.read_ahead_wait, 4),
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


def _skipped_run(
    db: Database, trigger: str, codes: list[str], snapshot: Snapshot | None, message: str, say: Callable[[str], None]
) -> RunSummary:
    """Record a run that did not start because another run held one of its jurisdictions."""
    say(message)
    with db.session() as session:
        run = storage.start_run(session, trigger, codes, snapshot.name if snapshot else None)
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
