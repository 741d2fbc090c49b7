"""What a run says in words: the run table, the change report's closing line, a crawl-only run.

Through the real CLI on the bundled snapshots (SQLite and PostgreSQL): California's newer pages change only
wording, New York's main page moved (a source problem that stays open while the run is repeated).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import cli

pytestmark = pytest.mark.usefixtures("wide_console")


def run(settings, snapshot: str) -> str:
    args = ["run", "--snapshot", snapshot, "--states", "WA,CA,NY"]
    result = CliRunner().invoke(cli, [*args, "--db", settings.database_url, "--data-dir", str(settings.data_dir)])
    assert result.exit_code == 0, result.output
    return result.output


def _row(output: str, code: str) -> str:
    [line] = [line for line in output.splitlines() if re.match(rf"^│ {code} ", line)]
    return line


def test_the_run_table_and_the_report_say_what_happened(settings):
    run(settings, "2026-05-01")
    second = run(settings, "2026-11-01")
    assert "wording changed" in _row(second, "CA") and "unchanged" not in _row(second, "CA")
    assert "changed" in _row(second, "WA") and "fetch-problem" in _row(second, "NY")

    third = run(settings, "2026-11-01")  # nothing new, but New York's source still fails
    assert "unchanged" in _row(third, "CA")
    report = Path(settings.output_dir) / "reports" / "run-3.md"
    text = report.read_text(encoding="utf-8")
    assert "every checked jurisdiction reads as before" not in text
    assert "Nothing new in this run, but 1 source or extraction problem(s) reported earlier are still open" in text
    assert "## Still open from earlier runs" in text and "- NY: Source problem: the page moved" in text
    html = report.with_suffix(".html").read_text(encoding="utf-8")
    assert "Still open from earlier runs" in html and "reads as before" not in html

    first = (Path(settings.output_dir) / "reports" / "run-1.md").read_text(encoding="utf-8")
    assert "Still open" not in first
