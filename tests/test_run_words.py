"""What a run says in words: the run table, the change report's closing line, a crawl-only run.

Through the real CLI on the bundled snapshots (SQLite and PostgreSQL): California's newer pages change only
wording, New York's main page moved (a source problem that stays open while the run is repeated).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.tracking import SmtpServer
from tracker.cli import cli

pytestmark = pytest.mark.usefixtures("wide_console")


def run(settings, snapshot: str, env: dict | None = None) -> str:
    args = ["run", "--snapshot", snapshot, "--states", "WA,CA,NY"]
    options = ["--db", settings.database_url, "--data-dir", str(settings.data_dir)]
    result = CliRunner().invoke(cli, [*args, *options], env=env)
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
    assert "Nothing new, but 1 source or extraction problem(s) reported earlier are still open" in text
    assert "## Still open from earlier runs" in text and "- NY: Source problem: the page moved" in text
    html = report.with_suffix(".html").read_text(encoding="utf-8")
    assert "Still open from earlier runs" in html and "reads as before" not in html

    first = (Path(settings.output_dir) / "reports" / "run-1.md").read_text(encoding="utf-8")
    assert "Still open" not in first

    # `licensure report` for a period after the problem opened: nothing new in it, the problem still open
    options = ["--db", settings.database_url, "--data-dir", str(settings.data_dir)]
    for fmt in ("md", "html"):
        later = CliRunner().invoke(cli, ["report", "--since", "2026-11-02", "--format", fmt, *options])
        assert later.exit_code == 0, later.output
        assert "reads as before" not in later.output and "Still open from earlier runs" in later.output
        assert "NY: Source problem: the page moved" in later.output


def test_a_source_that_recovers_is_called_recovered_in_the_table_the_report_and_the_alerts(settings):
    run(settings, "2026-05-01")
    run(settings, "2026-11-01")  # New York's main page moved: a source problem
    with SmtpServer() as smtp:  # the engineers' email takes source problems and their recoveries
        back = run(settings, "2026-05-01", env={"LICENSURE_ENGINEER_ALERT_URLS": smtp.url})
    ny = _row(back, "NY")  # its page is back, nothing else is new for New York
    assert "recovered" in ny and "unchanged" not in ny and "problem" not in ny
    assert "[Source recovered (for engineers)] Recovered: sources.ny-op-utilization-of-mas" in back  # console
    assert "[Source problem (for engineers)] Recovered" not in back

    report = Path(settings.output_dir) / "reports" / "run-3.md"
    text = report.read_text(encoding="utf-8")
    assert "- Source and extraction problems: 0" in text and "- Recovered (problems that cleared): 1" in text
    assert "**Source recovered (for engineers)**: Recovered: sources.ny-op-utilization-of-mas" in text
    html = report.with_suffix(".html").read_text(encoding="utf-8")
    assert "Source and extraction problems (for engineers): <strong>0</strong>" in html
    assert "Recovered (problems that cleared): <strong>1</strong>" in html
    assert '<span class="badge">Source recovered (for engineers)</span>' in html

    [mail] = [m for m in smtp.messages if "recovered (NY)" in m["Subject"]]
    body = SmtpServer.html(mail)
    assert "Source recovered (for engineers)" in body and "Recovered (problems that cleared)" in body
    assert "Source problem (for engineers)" not in body
