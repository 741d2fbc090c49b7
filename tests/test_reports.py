"""The change report: one self-contained HTML file and Markdown, readable, with scraped text kept inert."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.tracking import seed_changes
from tracker import reports, storage
from tracker.cli import cli
from tracker.db import Database
from tracker.reports import safe_href

CHROMIUM = next(
    (p for p in (shutil.which("chromium"), shutil.which("chromium-browser"), shutil.which("google-chrome")) if p), None
)


def _render(settings, fmt: str, evil: bool = True) -> tuple[str, dict[str, int]]:
    db = Database(settings.database_url)
    ids = seed_changes(db, evil=evil)
    with db.session() as s:
        changes = storage.list_changes(s)
        text = reports.render(fmt, "Change report", changes, ["Every change."], s)
    db.dispose()
    return text, ids


def test_html_report_is_self_contained_and_readable(settings):
    html, ids = _render(settings, "html", evil=False)
    assert html.startswith("<!DOCTYPE html>")
    # self-contained: no script, no stylesheet link, no image or font from anywhere
    assert "<script" not in html and "<link" not in html and " src=" not in html
    assert "@import" not in html and "url(" not in html
    assert "default-src 'none'" in html  # and the browser is told to load nothing even if something slipped in
    # per jurisdiction and field, before -> after, evidence with the changed words marked, a link to the source
    assert '<h2 id="jurisdiction-WA">WA</h2>' in html
    card = html[html.index(f'id="change-{ids["wa_req"]}"') :]
    card = card[: card.index("</div>\n<div") if "</div>\n<div" in card else len(card)]
    assert "Minimum program clock hours" in card
    assert re.search(r"<th scope=\"row\">Before</th><td>600</td>", card)
    assert re.search(r"<th scope=\"row\">After</th><td>720</td>", card)
    assert "at least <del>600</del> clock hours" in card and "at least <ins>720</ins> clock hours" in card
    assert '<a href="https://app.leg.wa.gov/WAC/default.aspx?cite=246-827-0200" rel="noopener noreferrer">' in card
    assert "tightened" in card and "sha256:cccccccccccc" in card
    # groups: the jurisdiction with a requirement change first, its requirement change before its wording change
    assert html.index("jurisdiction-WA") < html.index("jurisdiction-CA") < html.index("jurisdiction-NY")
    assert html.index(f'change-{ids["wa_req"]}"') < html.index(f'change-{ids["wa_text"]}"')


def test_html_report_escapes_scraped_text(settings):
    html, _ = _render(settings, "html")
    assert "<script" not in html and "<img" not in html and "<b>bold" not in html
    assert "&lt;script&gt;document.title=&#34;PWNED&#34;" in html
    assert "&lt;img src=x onerror=" in html
    # a javascript: source URL is shown as text, never as a link
    assert 'href="javascript' not in html.lower()
    assert (
        'javascript:document.title=&#39;PWNED&#39;</span> <span class="muted">(not a web address; not linked)' in html
    )


def test_markdown_report_escapes_scraped_text_and_marks_words(settings):
    md, ids = _render(settings, "md")
    assert not re.search(r"(?<!\\)<(script|img|b)\b", md)
    assert r"\<script\>" in md
    assert "<javascript:" not in md and "](javascript:" not in md
    assert "(not a web address; not linked)" in md
    assert "at least ~~600~~ clock hours" in md and "at least **720** clock hours" in md
    assert md.index("## WA") < md.index("## CA") < md.index("## NY")
    assert f"change #{ids['wa_req']}, open" in md


@pytest.mark.parametrize(
    "url,ok",
    [
        ("https://doh.wa.gov/x", True),
        ("http://example.org", True),
        ("javascript:alert(1)", False),
        (" JaVaScRiPt:alert(1)", False),
        ("data:text/html,<script>", False),
        ("file:///etc/passwd", False),
        ("//evil.example/x", False),
        ("", False),
        (None, False),
    ],
)
def test_only_web_addresses_become_links(url, ok):
    assert (safe_href(url) is not None) == ok


@pytest.mark.skipif(
    CHROMIUM is None, reason="headless Chromium not installed (Debian package 'chromium'; .ci/run installs it)"
)
def test_report_in_headless_chromium_runs_no_script_and_renders_no_scraped_markup(settings, tmp_path):
    """Open the report in a real browser: the malicious excerpt must not run, nor become elements."""
    html, _ = _render(settings, "html")
    page = tmp_path / "report.html"
    page.write_text(html, encoding="utf-8")
    result = subprocess.run(
        [
            CHROMIUM,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--virtual-time-budget=3000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    dom = result.stdout
    assert "<body" in dom, result.stderr[-2000:]
    # nothing ran: the script would have set the title and a body attribute, the onerror handler the title
    assert "PWNED" not in dom.split("<body", 1)[0]
    assert "data-pwned" not in dom.split("<body", 1)[1].split(">", 1)[0]
    # nothing rendered as markup: no script, img or b element exists; the text is there, as text
    assert "<script" not in dom and "<img" not in dom and "<b>" not in dom
    assert "&lt;script&gt;document.title=" in dom and "&lt;img src=x onerror=" in dom
    assert 'href="javascript' not in dom.lower()


def test_report_command_writes_html_and_markdown(settings, tmp_path):
    db = Database(settings.database_url)
    ids = seed_changes(db)
    db.dispose()
    runner = CliRunner()
    target = tmp_path / "out" / "report.html"
    done = runner.invoke(cli, ["report", "--format", "html", "-o", str(target), "--db", settings.database_url])
    assert done.exit_code == 0, done.output
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "Changes awaiting review" in target.read_text(encoding="utf-8")

    md = runner.invoke(cli, ["report", "--format", "md", "--db", settings.database_url])
    assert md.exit_code == 0 and md.output.startswith("# Changes awaiting review")
    assert f"change #{ids['wa_req']}" in md.output

    # reviewed changes leave the default report; --since shows everything recorded since then
    runner.invoke(cli, ["review", str(ids["wa_req"]), "--accept", "--by", "Ann", "--db", settings.database_url])
    md = runner.invoke(cli, ["report", "--format", "md", "--db", settings.database_url])
    assert f"change #{ids['wa_req']}" not in md.output
    since = runner.invoke(cli, ["report", "--format", "md", "--since", "2000-01-01", "--db", settings.database_url])
    assert f"change #{ids['wa_req']}, accepted" in since.output and "reviewed: accepted by Ann" in since.output
    state = runner.invoke(
        cli, ["report", "--format", "md", "--since", "2000-01-01", "--state", "ny", "--db", settings.database_url]
    )
    assert "## NY" in state.output and "## WA" not in state.output

    bad = runner.invoke(cli, ["report", "--since", "last week", "--db", settings.database_url])
    assert bad.exit_code == 1 and "is not a date; use YYYY-MM-DD" in bad.output
    wrong = runner.invoke(cli, ["report", "--format", "pdf", "--db", settings.database_url])
    assert wrong.exit_code == 2


def test_a_run_writes_the_report_in_both_formats(tmp_path):
    data = tmp_path / "data"
    runner = CliRunner()
    for snap in ("2026-05-01", "2026-11-01"):
        result = runner.invoke(cli, ["run", "--snapshot", snap, "--states", "WA", "--data-dir", str(data)])
        assert result.exit_code == 0, result.output
    reports_dir = data / "output" / "reports"
    html = (reports_dir / "run-2.html").read_text(encoding="utf-8")
    md = (reports_dir / "run-2.md").read_text(encoding="utf-8")
    assert "<del>600</del>" in html and "<ins>720</ins>" in html
    assert "~~600~~" in md and "**720**" in md
    assert Path(reports_dir / "run-1.html").is_file()
