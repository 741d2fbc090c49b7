"""Run history for `licensure runs` and `licensure runs show ID`, from the `runs` and `fetches` tables.

Finished runs carry their counters; for a run still running, or one that was
interrupted or killed before it could count, the page counters are computed
from its stored fetches.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker import health, logfiles, registry
from tracker.config import Settings
from tracker.models import Change, Fetch, RecordVersion, Run

COUNTED = ("succeeded", "failed", "crawl-only")  # statuses whose counters were written by finish_run


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat().replace("+00:00", "Z") if moment else None


def run_dict(session: Session, run: Run, now: datetime | None = None) -> dict[str, Any]:
    end = run.finished_at or (now or datetime.now(UTC))
    counts = {
        "pages_fetched": run.pages_fetched,
        "pages_not_modified": run.pages_not_modified,
        "pages_failed": run.pages_failed,
    }
    if run.status not in COUNTED and run.status != "skipped":
        counts = health.page_counts(session.scalars(select(Fetch).where(Fetch.run_id == run.id)))
    return {
        "id": run.id,
        "trigger": run.trigger,
        "status": run.status,
        "started_at": _iso(run.started_at),
        "finished_at": _iso(run.finished_at),
        "duration_seconds": round((end - run.started_at).total_seconds(), 1),
        "jurisdictions": list(run.jurisdictions or []),
        "snapshot": run.snapshot,
        **counts,
        "records_changed": run.records_changed,
        "alerts_sent": run.alerts_sent,
        "error": run.error,
        "host": run.host,
        "pid": run.pid,
    }


def list_runs(
    session: Session, limit: int = 20, status: str | None = None, trigger: str | None = None
) -> list[dict[str, Any]]:
    """The latest runs, newest first."""
    query = select(Run)
    if status:
        query = query.where(Run.status == status)
    if trigger:
        query = query.where(Run.trigger == trigger)
    rows = session.scalars(query.order_by(Run.id.desc()).limit(limit)).all()
    return [run_dict(session, r) for r in rows]


def observed_at(session: Session, run: Run) -> datetime | None:
    """When the run observed its pages, if not when it ran: a replayed snapshot's captured date.

    Read from what the run stored (fetches, record versions, changes are dated by it); None when those
    are dated within the run's own time (a live run) or it stored nothing.
    """
    stamps = [
        session.scalar(select(func.min(column)).where(owner == run.id))
        for column, owner in (
            (Fetch.fetched_at, Fetch.run_id),
            (RecordVersion.created_at, RecordVersion.run_id),
            (Change.created_at, Change.run_id),
        )
    ]
    earliest = min((s for s in stamps if s is not None), default=None)
    if earliest is None or earliest >= run.started_at - timedelta(seconds=1):
        return None
    return earliest


def failed_sources(session: Session, run: Run) -> list[dict[str, Any]]:
    """Each source that failed in the run, and why; declared sources the crawl never reached count too."""
    fetched = session.scalars(select(Fetch).where(Fetch.run_id == run.id).order_by(Fetch.id)).all()
    latest: dict[tuple[str, str], Fetch] = {}
    for f in fetched:
        latest[(f.jurisdiction, f.source_id)] = f
    failed = []
    for (code, source_id), f in sorted(latest.items()):
        reason = health.fetch_problem(f)
        if reason:
            failed.append(
                {
                    "jurisdiction": code,
                    "source_id": source_id,
                    "url": f.url,
                    "http_status": f.http_status,
                    "reason": reason,
                    "fetched_at": _iso(f.fetched_at),
                }
            )
    if run.status in COUNTED or run.status == "interrupted":
        known = registry.all_jurisdictions()
        settled = run.status in COUNTED and (run.pages_not_modified or 0) > 0
        observed = observed_at(session, run) if settled else None
        start, end = run.started_at, run.finished_at or datetime.now(UTC)
        if observed is not None:  # a replayed snapshot: its failures are dated by the snapshot
            start, end = observed, max(end, observed)
        failing = health.failing_during(session, list(run.jurisdictions or []), start, end) if settled else set()
        for code in run.jurisdictions or []:
            jur = known.get(code)
            if jur is None:
                continue
            for src in jur.sources:
                # an unchanged page (304, the hash the record holds) leaves no stored fetch either; when the
                # run counted such pages, a declared source without a fetch failed only if its health says so
                if (code, src.source_id) not in latest and (not settled or (code, src.source_id) in failing):
                    failed.append(
                        {
                            "jurisdiction": code,
                            "source_id": src.source_id,
                            "url": src.url,
                            "http_status": None,
                            "reason": health.NOT_FETCHED,
                            "fetched_at": None,
                        }
                    )
    return sorted(failed, key=lambda x: (x["jurisdiction"], x["source_id"]))


def run_detail(session: Session, run_id: int, settings: Settings) -> dict[str, Any] | None:
    run = session.get(Run, run_id)
    if run is None:
        return None
    detail = run_dict(session, run)
    detail["failed_sources"] = failed_sources(session, run)
    detail["observed_at"] = _iso(observed_at(session, run))
    versions = session.execute(
        select(RecordVersion.jurisdiction, RecordVersion.version)
        .where(RecordVersion.run_id == run_id)
        .order_by(RecordVersion.jurisdiction)
    ).all()
    detail["records_written"] = [{"jurisdiction": j, "version": v} for j, v in versions]
    changes = session.scalars(
        select(Change).where(Change.run_id == run_id).order_by(Change.jurisdiction, Change.id)
    ).all()
    detail["changes"] = [
        {
            "id": c.id,
            "jurisdiction": c.jurisdiction,
            "category": c.category,
            "kind": c.kind,
            "field": c.field,
            "summary": c.summary,
        }
        for c in changes
    ]
    per_state = session.execute(
        select(Fetch.jurisdiction, func.count()).where(Fetch.run_id == run_id).group_by(Fetch.jurisdiction)
    ).all()
    detail["fetches_per_jurisdiction"] = dict(sorted(per_state))
    log = logfiles.crawl_log(settings.data_dir / "logs", run_id)
    assert settings.output_dir is not None  # Settings always fills it in
    report = settings.output_dir / "reports" / f"run-{run_id}.md"
    detail["crawl_log"] = str(log) if log is not None else None
    detail["report"] = str(report) if report.is_file() else None
    return detail


def duration_text(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, sec = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {sec:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def states_text(codes: list[str], limit: int = 6) -> str:
    if len(codes) > limit:
        return f"{len(codes)} states"
    return ",".join(codes) or "-"
