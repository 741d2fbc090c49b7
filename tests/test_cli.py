"""The `licensure` commands: help everywhere, plain one-sentence errors, reliable exit codes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from tracker.cli import cli
from tracker.snapshots import resolve_snapshot

pytestmark = pytest.mark.usefixtures("wide_console")


def invoke(*args: str, env: dict | None = None):
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def _commands(group: click.Group, prefix=()):
    for name, cmd in group.commands.items():
        yield (*prefix, name)
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, (*prefix, name))


@pytest.mark.parametrize("path", sorted(_commands(cli)), ids=lambda p: " ".join(p))
def test_every_command_has_help(path):
    result = invoke(*path, "--help")
    assert result.exit_code == 0
    assert "Usage:" in result.output and len(result.output.splitlines()) > 3


def _readme_commands() -> str:
    text = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Commands") :]
    return section[: section.index("\n## ", 1)]


@pytest.mark.parametrize("path", sorted(_commands(cli)), ids=lambda p: " ".join(p))
def test_every_command_is_in_the_readme_command_table(path):
    rows = [line for line in _readme_commands().splitlines() if line.startswith("| `licensure ")]
    name = "licensure " + " ".join(path)
    assert any(re.match(rf"\| `{re.escape(name)}[ `]", row) for row in rows), f"README's command table lacks {name}"


def test_snapshots_lists_oldest_first():
    result = invoke("snapshots", "--json")
    names = [s["name"] for s in json.loads(result.output)]
    assert names[:2] == ["2026-05-01", "2026-11-01"]


def test_run_show_changes_and_db_upgrade(tmp_path):
    data = str(tmp_path / "data")
    first = invoke("run", "--snapshot", "2026-05-01", "--states", "WA,CA,NY", "--data-dir", data)
    assert first.exit_code == 0, first.output
    assert "requirements.csv" in first.output and "run-1.md" in first.output
    second = invoke("run", "--snapshot", "latest", "--states", "WA,CA,NY", "--data-dir", data)
    assert second.exit_code == 0  # source problems are reported, the run itself succeeded
    strict = invoke("run", "--snapshot", "latest", "--states", "NY", "--data-dir", data, "--fail-on-problems")
    assert strict.exit_code == 4

    shown = json.loads(invoke("show", "WA", "--json", "--data-dir", data).output)
    assert shown["education"]["min_clock_hours"]["value"] == 720
    human = invoke("show", "ny", "--data-dir", data).output
    assert "prohibited" in human and "ny-op-unlicensed-medication" in human

    changes = json.loads(invoke("changes", "--json", "--data-dir", data).output)
    assert {c["category"] for c in changes} == {"requirement", "text", "fetch"}
    wa_only = json.loads(invoke("changes", "--json", "--state", "WA", "--data-dir", data).output)
    assert [c["field"] for c in wa_only] == ["education.min_clock_hours"]

    up = invoke("db", "upgrade", "--data-dir", data)
    assert up.exit_code == 0 and "already at the newest schema" in up.output
    fresh = invoke("db", "upgrade", "--data-dir", str(tmp_path / "fresh"))
    assert "upgraded from empty" in fresh.output


def test_normalize_a_saved_page_and_validate_the_record(tmp_path):
    url = "https://www.mbc.ca.gov/Download/Publications/medical-assistants.pdf"
    page = resolve_snapshot("2026-11-01").page_for(url)  # the file may live in the snapshot's base
    assert page is not None and page.file is not None
    result = invoke("normalize", "--state", "CA", str(page.file), "--url", url)
    assert result.exit_code == 0
    record = json.loads(result.output)
    assert record["tasks"]["iv"]["status"] == "prohibited"
    path = tmp_path / "ca.json"
    path.write_text(result.output)
    ok = invoke("validate", str(path))
    assert ok.exit_code == 0 and "valid requirement record" in ok.output

    record["tasks"]["iv"]["status"] = "maybe"
    path.write_text(json.dumps(record))
    bad = invoke("validate", str(path))
    assert bad.exit_code == 1
    assert "$.tasks.iv.status" in bad.output and "Traceback" not in bad.output


@pytest.mark.parametrize(
    "args,needle",
    [
        (("show", "ZZ"), "Unknown jurisdiction 'ZZ'"),
        (("run", "--snapshot", "no-such-snapshot", "--states", "WA"), "no-such-snapshot"),
        (("validate", "/nonexistent/file.json"), "does not exist"),
        (("run", "--states", "WA", "--db", "nonsense://x"), "not valid"),
    ],
)
def test_errors_are_one_plain_sentence_and_exit_1(args, needle, tmp_path):
    result = invoke(*args, "--data-dir", str(tmp_path)) if args[0] != "validate" else invoke(*args)
    assert result.exit_code == 1
    assert needle in result.output
    assert "Traceback" not in result.output


def test_bad_config_file_names_the_file_and_setting(tmp_path):
    cfg = tmp_path / "licensure.toml"
    cfg.write_text("download_delai = 2\n")
    result = invoke("--config", str(cfg), "snapshots")
    assert result.exit_code == 1
    assert str(cfg) in result.output and "download_delai" in result.output


def test_console_script_is_installed():
    out = subprocess.run([sys.executable, "-m", "tracker.cli", "--help"], capture_output=True, text=True)
    assert out.returncode == 0 and "licensure" in out.stdout.lower() or "Usage" in out.stdout


def test_states_lists_every_jurisdiction_with_health(tmp_path):
    data = str(tmp_path / "data")
    refused = invoke("states", "--json", "--data-dir", data)  # no database there: said, not created empty
    assert refused.exit_code == 1 and "There is no database at" in refused.output
    assert invoke("db", "upgrade", "--data-dir", data).exit_code == 0
    before = json.loads(invoke("states", "--json", "--data-dir", data).output)
    assert len(before) == 51 and {r["health"] for r in before} == {"never checked"}
    assert all(r["credential_requirement"] == "unknown" for r in before)
    invoke("run", "--snapshot", "2026-05-01", "--states", "WA,NY", "--data-dir", data)
    after = {r["code"]: r for r in json.loads(invoke("states", "--json", "--data-dir", data).output)}
    assert after["WA"]["credential_requirement"] == "certification" and after["WA"]["health"] == "ok"
    assert after["WA"]["regulator"] == "Washington State Department of Health"
    assert after["WA"]["last_fetched"] and after["WA"]["last_changed"]
    assert after["CA"]["health"] == "never checked"
    table = invoke("states", "--data-dir", data).output
    assert "Washington" in table and "Wyoming" in table
