"""Hostile sources: every fault of the matrix (tests/faults/matrix.py) in one real run, on SQLite and PostgreSQL.

Per backend, three real runs of the same jurisdictions on the 2026-05-01 snapshot, served by the loopback
fault server (real HTTP, the real crawl subprocess, storage, settling and alerts):

1. a clean baseline;
2. the fault run: one fault on one source of each jurisdiction in the matrix, two controls with none;
3. a clean recovery run: the faults are gone.

What must hold for every fault: the run completes for every other jurisdiction; the affected jurisdiction
keeps its last good record; the outcome is a fetch or extraction problem with a reason a person can act on
(or, for faults a reader cannot see, nothing at all), never a requirement, administrative or wording change;
Retry-After and robots.txt are honoured; time and memory stay bounded by the download_timeout and
download_maxsize settings; each problem is alerted once, to engineers, and once more when it recovers.
"""

from __future__ import annotations

import gzip
import itertools
import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select

from tests.conftest import PG_URL, REPO, _pg_schema_url
from tests.faults import matrix
from tests.faults.matrix import CASES, CONTROLS, EVIL, MAXSIZE, RETRIES, RETRY_AFTER, TIMEOUT, Case
from tests.faults.runs import FaultRun, changes_of_run, fetches_of_run, run_with_faults, state_of
from tracker import logfiles, registry, runhistory
from tracker.config import Settings
from tracker.db import Database
from tracker.health import is_transient
from tracker.models import Change, Fetch, PageBody, RecordVersion
from tracker.snapshots import resolve_snapshot

MATERIAL = ("requirement", "administrative", "text")


@dataclass
class Matrix:
    settings: Settings
    db: Database
    baseline: FaultRun
    faulty: FaultRun
    recovery: FaultRun
    before: dict
    after_faults: dict
    after_recovery: dict
    changes: list[Change]  # recorded by the fault run
    recovered: list[Change]  # recorded by the recovery run
    fetches: list[Fetch]  # of the fault run


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def run_matrix(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Matrix]:
    tmp = tmp_path_factory.mktemp(f"matrix-{request.param}")
    cleanup = None
    if request.param == "sqlite":
        url = f"sqlite:///{tmp / 'faults.db'}"
    else:
        if not PG_URL:
            pytest.skip(
                "PostgreSQL variant skipped: set LICENSURE_TEST_POSTGRES_URL (CI uses "
                "postgresql+psycopg://postgres@127.0.0.1:5432/test)"
            )
        cleanup = _pg_schema_url()
        url = next(cleanup)
    settings = Settings(
        data_dir=tmp / "data",
        database_url=url,
        download_timeout=TIMEOUT,
        download_maxsize=MAXSIZE,
        retry_times=RETRIES,
        retry_backoff=0.1,
        failure_alert_threshold=1,
    )
    jurisdictions = registry.select(",".join(matrix.codes()))
    snapshot = resolve_snapshot(matrix.SNAPSHOT)
    db = Database(url)
    try:
        baseline = run_with_faults(settings, jurisdictions, snapshot, {})
        assert {o.result for o in baseline.summary.outcomes} == {"baseline"}, baseline.outcomes
        before = state_of(db, matrix.codes())
        faulty = run_with_faults(settings, jurisdictions, snapshot, matrix.faults())
        after_faults = state_of(db, matrix.codes())
        recovery = run_with_faults(settings, jurisdictions, snapshot, {})
        yield Matrix(
            settings,
            db,
            baseline,
            faulty,
            recovery,
            before,
            after_faults,
            state_of(db, matrix.codes()),
            changes_of_run(db, faulty.summary.run_id),
            changes_of_run(db, recovery.summary.run_id),
            fetches_of_run(db, faulty.summary.run_id),
        )
    finally:
        db.dispose()
        if cleanup is not None:
            cleanup.close()


def test_the_run_completes_for_every_jurisdiction_and_the_healthy_ones_are_untouched(run_matrix):
    summary = run_matrix.faulty.summary
    assert summary.status == "succeeded" and summary.exit_code() == 0
    assert summary.exit_code(fail_on_problems=True) == 4
    assert set(run_matrix.faulty.outcomes) == set(matrix.codes())
    for code in CONTROLS:
        assert run_matrix.faulty.outcomes[code].result == "unchanged"
        assert run_matrix.after_faults[code] == run_matrix.before[code]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_fault_is_a_source_or_extraction_problem_and_the_last_good_record_stays(run_matrix, case: Case):
    outcome = run_matrix.faulty.outcomes[case.code]
    mine = [c for c in run_matrix.changes if c.jurisdiction == case.code]
    assert outcome.result == case.result, outcome.detail
    assert not [c for c in mine if c.category in MATERIAL]  # never a rule change, never "the wording changed"
    old_id, old_values = run_matrix.before[case.code]
    new_id, new_values = run_matrix.after_faults[case.code]
    assert new_values == old_values
    if case.result == "unchanged":  # nothing a reader would see: nothing recorded, nobody told
        assert mine == [] and outcome.detail == ""
        return
    assert case.reason in outcome.detail
    [problem] = mine
    assert (problem.kind, problem.audience) == ("problem", "health")
    assert case.reason in problem.summary and problem.summary.startswith(("Source problem: ", "Extraction problem: "))
    if case.carried:  # the source's last good version is carried into the record, marked
        assert (problem.category, problem.field) == ("extraction", f"reading.{case.source_id}")
        with run_matrix.db.session() as s:
            record = (
                s.scalars(
                    select(RecordVersion)
                    .where(
                        RecordVersion.jurisdiction == case.code,
                        RecordVersion.run_id <= run_matrix.faulty.summary.run_id,
                    )
                    .order_by(RecordVersion.version.desc())
                    .limit(1)
                )
                .one()
                .record
            )
        [entry] = [e for e in record["sources"] if e["source_id"] == case.source_id]
        assert "carried_from" in entry
        return
    assert new_id == old_id  # the last good record is still the current one
    if case.result == "fetch-problem":
        assert problem.category == "fetch" and problem.field == f"sources.{case.source_id}"
        [fetch] = [f for f in run_matrix.fetches if f.source_id == case.source_id] or [None]
        assert is_transient(fetch) is not case.definite
    else:
        assert (problem.category, problem.field) == ("extraction", "record")


def test_no_fault_is_reported_to_compliance_staff_and_each_problem_is_alerted_once(run_matrix):
    assert not [c for c in run_matrix.changes if c.category in MATERIAL or c.audience == "compliance"]
    alerts = [json.loads(line) for line in (run_matrix.settings.output_dir / "alerts.jsonl").read_text().splitlines()]
    ids = [a["id"] for a in alerts]
    assert len(ids) == len(set(ids))  # never twice
    problems = {c.id for c in run_matrix.changes}
    assert problems and problems <= set(ids)
    assert {a["category"] for a in alerts if a["id"] in problems} <= {"fetch", "extraction"}


def test_failed_sources_are_listed_with_their_reasons_in_the_run_details(run_matrix):
    with run_matrix.db.session() as s:
        detail = runhistory.run_detail(s, run_matrix.faulty.summary.run_id, run_matrix.settings)
    reasons = {(f["jurisdiction"], f["source_id"]): f["reason"] for f in detail["failed_sources"]}
    for case in CASES:
        if case.result == "fetch-problem":
            assert case.reason in reasons[(case.code, case.source_id)]
    assert detail["records_written"] == [] or all(
        r["jurisdiction"] in {c.code for c in CASES if c.result == "unchanged" or c.carried}
        for r in detail["records_written"]
    )


def test_retry_after_is_honoured(run_matrix):
    case = matrix.by_name("HTTP 429 with Retry-After")
    hits = run_matrix.faulty.server.hits_for(case.url)
    assert len(hits) == RETRIES + 1  # retried, then given up: not hammered
    gaps = [b.at - a.at for a, b in itertools.pairwise(hits)]
    assert all(gap >= RETRY_AFTER - 0.05 for gap in gaps), gaps  # the backoff alone would be 0.1 s
    path = logfiles.crawl_log(Path(run_matrix.faulty.summary.crawl_log).parent, run_matrix.faulty.summary.run_id)
    assert path is not None  # the next run compressed it (tracker.logfiles), it did not remove it
    log = (gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()).decode("utf-8")
    assert f"Retrying {case.url} in {RETRY_AFTER:.2f} s (retry 1 of {RETRIES}): HTTP 429" in log


def test_robots_txt_is_obeyed_for_the_disallowed_path_only(run_matrix):
    case = matrix.by_name("disallowed by robots.txt")
    server = run_matrix.faulty.server
    assert server.hits_for(case.url) == []  # never requested
    assert server.hits_for("https://wvbom.wv.gov/robots.txt")
    other = registry.get("WV").sources[1]
    assert server.hits_for(other.url)  # the same host's allowed page was fetched
    answered = [r.status for r in server.requests if r.url == other.url]
    assert answered and set(answered) <= {200, 304}  # 304: unchanged since the baseline, as it should be
    detail = run_matrix.faulty.outcomes["WV"].detail
    assert case.source_id in detail and other.source_id not in detail


def test_nothing_off_the_declared_domains_is_ever_requested_or_stored(run_matrix):
    hosts = {urlsplit(h.url).hostname or "" for h in run_matrix.faulty.server.hits}
    assert not [h for h in hosts if EVIL in h or h == "xlsbme.la.gov"]
    with run_matrix.db.session() as s:
        urls = [u for (u,) in s.execute(select(Fetch.url)).all()] + [
            u for (u,) in s.execute(select(Fetch.final_url)).all() if u
        ]
    assert not [u for u in urls if EVIL in (urlsplit(u).hostname or "") and not u.startswith(f"https://{EVIL}/")]
    moved = [f for f in run_matrix.fetches if f.final_url and EVIL in f.final_url]
    assert {f.jurisdiction for f in moved} == {"KS", "WY"}  # recorded as where it tried to send us, never fetched
    assert all(f.content_hash is None for f in moved)


def test_time_and_memory_stay_bounded_by_the_settings(run_matrix):
    server = run_matrix.faulty.server
    for name in ("timeout", "body drips one byte a second"):
        assert len(server.hits_for(matrix.by_name(name).url)) == RETRIES + 1
    for name in ("huge page (50 MB, Content-Length)", "huge page (50 MB, streamed)"):
        sent = server.bytes_sent.get(matrix.by_name(name).url, 0)
        assert sent < 10_000_000, f"{name}: the crawler read {sent} bytes of a 50 MB page"
    with run_matrix.db.session() as s:
        assert (s.scalar(select(func.max(PageBody.size))) or 0) < MAXSIZE
    # every slow fault costs at most (retries + 1) timeouts, side by side with the rest of the crawl
    budget = run_matrix.baseline.seconds + (RETRIES + 1) * (TIMEOUT + 0.5) + RETRY_AFTER + 30
    assert run_matrix.faulty.seconds < budget
    if run_matrix.baseline.peak_crawl_rss and run_matrix.faulty.peak_crawl_rss:
        # a 50 MB page held in memory would add at least 50 MB; streaming and abandoning it adds little
        assert run_matrix.faulty.peak_crawl_rss < run_matrix.baseline.peak_crawl_rss + 35_000_000


def test_when_the_faults_end_each_problem_recovers_once_and_nothing_else_is_reported(run_matrix):
    recovery = run_matrix.recovery
    assert {o.result for o in recovery.summary.outcomes} == {"unchanged"}, {
        o.code: o.detail for o in recovery.summary.outcomes if o.result != "unchanged"
    }
    for code in matrix.codes():
        assert run_matrix.after_recovery[code][1] == run_matrix.before[code][1]  # the same values throughout
    for case in CASES:
        if case.result != "unchanged" and not case.carried:  # no new version: the one read before is current
            assert run_matrix.after_recovery[case.code][0] == run_matrix.before[case.code][0]
    assert not [c for c in run_matrix.recovered if c.category in MATERIAL]
    recovered = {(c.jurisdiction, c.field) for c in run_matrix.recovered if c.kind == "recovered"}
    assert recovered == {(c.jurisdiction, c.field) for c in run_matrix.changes}
    assert all(c.kind == "recovered" for c in run_matrix.recovered)


def test_the_limits_are_settings_read_from_the_environment_or_a_config_file(tmp_path):
    config = tmp_path / "licensure.toml"
    config.write_text("download_timeout = 7.5\ndownload_maxsize = 123456\n", encoding="utf-8")
    probe = "import scrapers.settings as s; print(s.DOWNLOAD_TIMEOUT, s.DOWNLOAD_MAXSIZE, s.RETRY_TIMES)"
    env = {k: v for k, v in __import__("os").environ.items() if not k.startswith("LICENSURE_")}
    from_file = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        env={**env, "LICENSURE_CONFIG": str(config)},
    )
    assert from_file.stdout.split() == ["7.5", "123456", "3"], from_file.stderr
    from_env = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        env={**env, "LICENSURE_CONFIG": str(config), "LICENSURE_DOWNLOAD_MAXSIZE": "999", "LICENSURE_RETRY_TIMES": "0"},
    )
    assert from_env.stdout.split() == ["7.5", "999", "0"], from_env.stderr
