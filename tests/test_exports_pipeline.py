"""The table from real runs (snapshot server -> Scrapy -> pipeline), on SQLite and PostgreSQL:
the run writes requirements.csv, and `licensure export` reads the stored history between two runs.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner

import schemas
from tracker import registry
from tracker.cli import cli
from tracker.pipeline import execute_run
from tracker.snapshots import resolve_snapshot


def test_runs_write_the_table_and_export_reads_history_between_them(settings, tmp_path):
    states = registry.select("WA,NY")
    execute_run(settings, states, resolve_snapshot("2026-05-01"))
    between = datetime(2026, 5, 2, tzinfo=UTC)  # replayed pages are dated by their snapshots' captured dates
    newer = execute_run(settings, states, resolve_snapshot("2026-11-01"))
    runner = CliRunner()
    base = ["export", "--db", settings.database_url]

    # what the run wrote is what `licensure export` writes for the same database
    written = Path(newer.table_path).read_bytes()
    out = tmp_path / "now.csv"
    assert runner.invoke(cli, [*base, "-o", str(out)]).exit_code == 0
    assert out.read_bytes() == written
    rows = {r["jurisdiction"]: r for r in csv.DictReader(io.StringIO(written.decode()))}
    assert sorted(rows) == ["NY", "WA"]
    assert rows["WA"]["min_clock_hours"] == "720" and rows["NY"]["health"] == "fetch-problem"

    # as of the moment between the runs: the older record, and NY was still healthy
    out = tmp_path / "then.csv"
    result = runner.invoke(cli, [*base, "-o", str(out), "--as-of", between.isoformat()])
    assert result.exit_code == 0, result.output
    then = {r["jurisdiction"]: r for r in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))}
    assert then["WA"]["min_clock_hours"] == "600" and then["NY"]["health"] == "ok"
    assert {r["as_of"] for r in then.values()} == {between.isoformat().replace("+00:00", "Z")}

    # changed since that moment: WA's hours marked, the period's changes listed with their review status
    out = tmp_path / "changed.json"
    assert runner.invoke(cli, [*base, "-o", str(out), "--changed-since", between.isoformat()]).exit_code == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert list(schemas.validator("export").iter_errors(doc)) == []
    changed = {r["jurisdiction"]: r["changed"] for r in doc["rows"]}
    assert changed == {"NY": [], "WA": ["min_clock_hours"]}
    assert {(c["jurisdiction"], c["category"], c["review_status"]) for c in doc["changes"]} == {
        ("WA", "requirement", "open"),
        ("NY", "fetch", "open"),
    }
