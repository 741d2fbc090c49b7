"""A replayed snapshot is observed at its captured date, so history reads as the snapshots were captured.

Through the real CLI (crawl subprocess, storage, settlement) on SQLite and PostgreSQL: the older snapshot,
then the newer one. `--as-of` between them gives the older record, `--changed-since` between them marks
only what the newer snapshot changed, an `--as-of` before the first record says so and exits 1, and each
run keeps its own (wall-clock) time beside the snapshot's date.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from tests.conftest import PG_URL, _pg_schema_url
from tracker.cli import cli
from tracker.config import Settings
from tracker.db import Database
from tracker.models import Change, Fetch, RecordVersion, Run

MAY, NOVEMBER = datetime(2026, 5, 1, tzinfo=UTC), datetime(2026, 11, 1, tzinfo=UTC)


def invoke(settings, *args: str):
    return CliRunner().invoke(cli, [*args, "--db", settings.database_url, "--data-dir", str(settings.data_dir)])


def _two_runs(settings: Settings) -> Settings:
    for snap in ("2026-05-01", "2026-11-01"):
        result = invoke(settings, "run", "--snapshot", snap, "--states", "WA,NY")
        assert result.exit_code == 0, result.output
    return settings


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def two_runs(request, tmp_path_factory):
    """WA and NY from the older snapshot, then the newer one (WA's clock hours go 600 -> 720); read only."""
    tmp = tmp_path_factory.mktemp("dates")
    if request.param == "sqlite":
        yield _two_runs(Settings(data_dir=tmp / "data", database_url=f"sqlite:///{tmp / 'dates.db'}"))
        return
    if not PG_URL:
        pytest.skip("PostgreSQL variant skipped: set LICENSURE_TEST_POSTGRES_URL")
    for url in _pg_schema_url():
        yield _two_runs(Settings(data_dir=tmp / "data", database_url=url))


def _csv(settings, *args: str) -> dict[str, dict[str, str]]:
    result = invoke(settings, "export", "-o", "-", "--format", "csv", *args)
    assert result.exit_code == 0, result.output
    text = result.stdout
    rows = list(csv.DictReader(io.StringIO(text[text.index("jurisdiction") :])))
    return {r["jurisdiction"]: r for r in rows}


def test_pages_records_and_changes_are_dated_by_the_snapshot_and_runs_keep_their_own_time(two_runs):
    started = datetime.now(UTC)
    db = Database(two_runs.database_url)
    try:
        with db.session() as s:
            runs = s.scalars(select(Run).order_by(Run.id)).all()
            for run, captured in zip(runs, (MAY, NOVEMBER), strict=True):
                dated = {f.fetched_at for f in s.scalars(select(Fetch).where(Fetch.run_id == run.id))}
                assert dated <= {captured}  # every stored page of the run (some are 304s, not stored)
                assert run.started_at.year == started.year and run.started_at > NOVEMBER  # the run's own time
            versions = s.scalars(select(RecordVersion).where(RecordVersion.jurisdiction == "WA")).all()
            assert [v.created_at for v in versions] == [MAY, NOVEMBER]
            wa_changes = s.scalars(select(Change).where(Change.jurisdiction == "WA")).all()
            assert wa_changes and {c.created_at for c in wa_changes} == {NOVEMBER}
    finally:
        db.dispose()
    detail = json.loads(invoke(two_runs, "runs", "show", "1", "--json").output)
    assert detail["observed_at"] == "2026-05-01T00:00:00Z" and detail["started_at"] > "2026-11-02"


def test_as_of_between_the_snapshots_gives_the_older_record(two_runs):
    june = _csv(two_runs, "--as-of", "2026-06-01")
    assert june["WA"]["min_clock_hours"] == "600"
    assert june["WA"]["health"] != "never checked" and june["NY"]["health"] != "never checked"
    assert _csv(two_runs)["WA"]["min_clock_hours"] == "720"
    at_noon = _csv(two_runs, "--as-of", "2026-06-01T12:00:00Z")  # a date-time is accepted too
    assert at_noon["WA"]["min_clock_hours"] == "600"

    shown = json.loads(invoke(two_runs, "show", "WA", "--as-of", "2026-06-01", "--json").output)
    assert shown["education"]["min_clock_hours"]["value"] == 600
    now = json.loads(invoke(two_runs, "show", "WA", "--json").output)
    assert now["education"]["min_clock_hours"]["value"] == 720


def test_changed_since_between_the_snapshots_marks_only_what_the_newer_one_changed(two_runs):
    rows = _csv(two_runs, "--changed-since", "2026-06-01")
    assert "min_clock_hours" in rows["WA"]["changed_fields"].split()
    # NY's pages moved in the newer snapshot: its last good record stays, so none of its cells changed
    assert rows["NY"]["changed_fields"] == "none"
    everything = _csv(two_runs, "--changed-since", "2026-04-01")  # before the first record: every cell is new
    assert everything["NY"]["changed_fields"] != "none"


def test_as_of_before_the_first_record_says_so_and_exits_1(two_runs):
    result = invoke(two_runs, "export", "-o", "-", "--format", "csv", "--as-of", "2026-04-01")
    assert result.exit_code == 1
    assert "No record as of 2026-04-01: the first record in this database is from 2026-05-01 00:00 UTC" in result.output
    shown = invoke(two_runs, "show", "WA", "--as-of", "2026-04-01")
    assert shown.exit_code == 1
    assert "WA has no record as of 2026-04-01: its first record is from 2026-05-01 00:00 UTC (version 1)." in (
        shown.output
    )


def test_an_older_snapshot_replayed_later_never_dates_history_backwards(settings):
    two_runs = _two_runs(settings)
    again = invoke(two_runs, "run", "--snapshot", "2026-05-01", "--states", "WA")
    assert again.exit_code == 0, again.output
    db = Database(two_runs.database_url)
    try:
        with db.session() as s:
            versions = s.scalars(
                select(RecordVersion).where(RecordVersion.jurisdiction == "WA").order_by(RecordVersion.version)
            ).all()
            assert [v.created_at for v in versions] == [MAY, NOVEMBER, NOVEMBER]  # observed at the newest date
            assert versions[-1].record["education"]["min_clock_hours"]["value"] == 600
    finally:
        db.dispose()


@pytest.mark.parametrize("command", [("export",), ("show",), ("changes",), ("report",)])
def test_help_says_dates_and_date_times_are_both_accepted(command):
    text = CliRunner().invoke(cli, [*command, "--help"], terminal_width=200).output
    assert "DATE|DATETIME" in text and "ISO date-time" in text
