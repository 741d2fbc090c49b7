"""The mistakes a new user makes: each gets one plain sentence and the documented exit code, never a traceback.

Exit codes (README "What a run does"): 1 an error the message says how to fix, 2 bad usage.
`licensure alerts test` sends through real channels: aiosmtpd and the loopback HTTP receiver.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.tracking import SmtpServer, Webhook, free_port
from tracker.cli import cli


def invoke(*args: str, env: dict | None = None):
    return CliRunner().invoke(cli, list(args), env=env)


def _one_sentence(result, code: int, *words: str) -> str:
    text = result.output
    assert result.exit_code == code, text
    assert "Traceback" not in text
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    for w in words:
        assert w in text, text
    if code == 1:
        assert len(text.strip().splitlines()) == 1, text  # one plain sentence
    return text


def test_validate_on_a_binary_file_says_it_is_not_a_json_text_file(tmp_path):
    binary = tmp_path / "record.json"
    binary.write_bytes(bytes(range(256)) * 4)
    _one_sentence(invoke("validate", str(binary)), 1, "is not a JSON text file", str(binary))
    _one_sentence(invoke("validate", str(tmp_path)), 2, "is a directory")


def test_validate_names_a_missing_file_and_reads_a_record_saved_with_a_byte_order_mark(tmp_path):
    missing = tmp_path / "nowhere.json"
    text = _one_sentence(invoke("validate", str(missing)), 1, f"{missing} does not exist", "saved as JSON")
    assert "at $" not in text  # no schema path for a file that is not there
    bom = tmp_path / "notepad.json"
    bom.write_bytes(b"\xef\xbb\xbf{}")  # what some Windows editors write: read as JSON, then checked
    result = invoke("validate", str(bom))
    assert result.exit_code == 1 and "'tasks' is a required property" in result.output
    assert "not JSON" not in result.output and "BOM" not in result.output


def test_a_sqlite_url_naming_no_file_or_a_file_that_is_not_a_database_is_refused(tmp_path):
    _one_sentence(invoke("states", "--db", "sqlite:///"), 1, "names no file", "sqlite:///path/to/file.db")
    other = tmp_path / "notes.txt"
    other.write_text("not a database\n", encoding="utf-8")
    data = tmp_path / "data"
    for command in (["states"], ["db", "upgrade"]):
        _one_sentence(invoke(*command, "--db", f"sqlite:///{other}"), 1, f"{other} is not a SQLite database")
    run = invoke(
        "run", "--snapshot", "2026-05-01", "--states", "WA", "--db", f"sqlite:///{other}", "--data-dir", str(data)
    )
    assert run.exit_code == 1 and "Traceback" not in run.output, run.output
    assert run.exception is None or isinstance(run.exception, SystemExit), repr(run.exception)
    assert (
        run.output.strip().splitlines()[-1]
        == f"Error: {other} is not a SQLite database (it holds something else); check --db or --data-dir."
    )
    assert other.read_text(encoding="utf-8") == "not a database\n"  # left as it was
    assert not list(data.rglob(".licensure-database"))  # a database that could not be opened claims no folder


def test_a_database_url_whose_driver_is_missing_names_the_driver_and_what_is_supported(tmp_path):
    result = invoke("states", "--db", "mysql://tracker:Pw-9x@db.example.org/licensure")
    text = _one_sentence(result, 1, "needs the Python driver", "MySQLdb", "SQLite", "PostgreSQL")
    assert "Pw-9x" not in text


def test_serve_snapshot_refuses_a_port_out_of_range_as_bad_usage():
    _one_sentence(invoke("serve-snapshot", "2026-05-01", "--port", "99999"), 2, "99999", "0<=x<=65535")


def test_serve_refuses_a_port_out_of_range_or_in_use_and_a_host_that_is_no_address(tmp_path):
    _one_sentence(invoke("serve", "--port", "99999", "--data-dir", str(tmp_path)), 2, "99999", "0<=x<=65535")
    with socket.socket() as taken:  # another program listening on the port
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        for command in (["serve", "--data-dir", str(tmp_path)], ["serve-snapshot", "2026-05-01"]):
            _one_sentence(invoke(*command, "--port", port), 1, f"Port {port} on 127.0.0.1 cannot be used", "--port")
    _one_sentence(invoke("serve", "--host", "999.1.1.1", "--port", port), 1, "--host 999.1.1.1 is not an address")


def test_export_to_a_folder_that_cannot_be_written_names_the_file_asked_for(tmp_path):
    data = str(tmp_path / "data")
    assert invoke("db", "upgrade", "--data-dir", data).exit_code == 0
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    target = blocker / "table.csv"  # its folder is a file: nothing can be written there
    text = _one_sentence(invoke("export", "-o", str(target), "--data-dir", data), 1, f"Cannot write {target}")
    assert ".tmp" not in text


def test_review_refuses_contradictory_decisions_and_a_missing_reviewer_as_bad_usage(tmp_path):
    db = f"sqlite:///{tmp_path / 'x.db'}"
    _one_sentence(invoke("review", "1", "--accept", "--dismiss", "--by", "Bo", "--db", db), 2, "contradict")
    _one_sentence(invoke("review", "1", "--accept", "--db", db), 2, "--by NAME")
    assert not (tmp_path / "x.db").exists()  # refused before anything is opened


def test_runs_status_names_the_valid_values():
    text = _one_sentence(invoke("runs", "--status", "bogus"), 2, "bogus")
    for status in ("succeeded", "failed", "interrupted", "skipped", "running", "crawl-only"):
        assert status in text


def test_run_due_takes_a_jobs_file_like_jobs_and_schedule(tmp_path):
    jobs = tmp_path / "jobs.toml"
    jobs.write_text('[jobs.daily]\njurisdictions = ["WA"]\ncron = "61 4 * * *"\ntimezone = "UTC"\n', encoding="utf-8")
    data = str(tmp_path / "data")
    text = _one_sentence(invoke("run", "--due", "--jobs-file", str(jobs), "--data-dir", data), 1, str(jobs))
    assert "not a valid cron expression" in text  # the file given was read, not the bundled one
    missing = tmp_path / "none.toml"
    _one_sentence(invoke("run", "--due", "--jobs-file", str(missing), "--data-dir", data), 1, "does not exist")
    _one_sentence(invoke("run", "--jobs-file", str(jobs), "--data-dir", data), 2, "--due or --job")


def test_a_missing_required_option_exits_2():
    _one_sentence(invoke("export"), 2, "Missing option")
    _one_sentence(invoke("new-state", "PR"), 2, "Missing option")
    _one_sentence(invoke("normalize", "--state", "WA"), 2, "Missing argument")


# every command that reads the database, and the desk commands that change a user or token that must exist
READERS = [
    ["states"],
    ["show", "WA"],
    ["changes"],
    ["review", "1"],
    ["report"],
    ["history", "WA"],
    ["reparse", "--states", "WA"],
    ["deliveries"],
    ["export", "-o", "table.csv"],
    ["runs"],
    ["runs", "show", "1"],
    ["jobs"],
    ["users", "list"],
    ["users", "disable", "ann"],
    ["users", "set-role", "ann", "admin"],
    ["users", "reset-password", "ann"],
    ["tokens", "list"],
    ["tokens", "add", "ann"],
    ["tokens", "revoke", "1"],
]


@pytest.mark.parametrize("command", READERS, ids=" ".join)
def test_read_only_commands_refuse_a_sqlite_path_that_does_not_exist(tmp_path, command):
    path = tmp_path / "typo" / "licnesure.db"
    text = _one_sentence(invoke(*command, "--db", f"sqlite:///{path}"), 1, "There is no database at", str(path))
    assert "licensure run" in text
    assert not path.exists() and not path.parent.exists()  # nothing was created


def test_read_only_commands_refuse_a_data_dir_without_a_database(tmp_path):
    data = tmp_path / "no-data-here"
    _one_sentence(invoke("states", "--data-dir", str(data)), 1, str(data / "licensure.db"))
    assert not data.exists()


def test_an_invalid_apprise_url_is_refused_when_the_settings_load_naming_the_setting(tmp_path):
    env = {"LICENSURE_ALERT_URLS": "slack://only-one-T0ken-part"}
    text = _one_sentence(invoke("channels", env=env), 1, "$LICENSURE_ALERT_URLS", "alert_urls", "item 1")
    assert "T0ken" not in text
    env = {"LICENSURE_ENGINEER_ALERT_URLS": "json://ok.example.org/x notaservice://Secr3t/abc"}
    text = _one_sentence(invoke("states", env=env), 1, "engineer_alert_urls", "item 2", "no service called")
    assert "Secr3t" not in text
    config = tmp_path / "licensure.toml"
    config.write_text('[alerts]\nchannels = ["mailto://nobody"]\n', encoding="utf-8")
    _one_sentence(invoke("--config", str(config), "jobs"), 1, f"Config file {config}, line 2", "[alerts] channels")


def test_alerts_test_sends_a_test_message_through_each_configured_channel(tmp_path):
    with SmtpServer() as smtp, Webhook() as hook:
        env = {"LICENSURE_ALERT_URLS": smtp.url, "LICENSURE_ENGINEER_ALERT_URLS": hook.url("eng")}
        result = invoke("alerts", "test", env=env)
        assert result.exit_code == 0, result.output
        assert result.output.count("Sent a test message to") == 2
        assert SmtpServer.password not in result.output and hook.token not in result.output
        [mail] = smtp.messages
        assert "test message" in mail["Subject"] and "licensure alerts test" in SmtpServer.html(mail)
        [post] = hook.posts
        assert "test message" in post["json"]["title"]

        only = invoke("alerts", "test", "--channel", "engineers", env=env)
        assert only.exit_code == 0 and only.output.count("Sent a test message to") == 1
        assert len(smtp.messages) == 1 and len(hook.posts) == 2


def test_alerts_test_says_plainly_when_a_channel_does_not_take_it_or_none_is_configured(tmp_path):
    with Webhook() as hook:
        dead = f"json://u:D3ad-T0k@127.0.0.1:{free_port()}/x"
        result = invoke("alerts", "test", env={"LICENSURE_ALERT_URLS": f"{hook.url()} {dead}"})
        assert result.exit_code == 1
        assert "Sent a test message to" in result.output and "Not delivered" in result.output
        assert "1 of 2 channel(s) did not take the test message" in result.output
        assert "D3ad-T0k" not in result.output and len(hook.posts) == 1
    _one_sentence(invoke("alerts", "test", env={}), 1, "No alert channel is configured", "alert_urls")
    _one_sentence(invoke("alerts", "test", "--channel", "json", env={}), 1, "local and always on")
    _one_sentence(invoke("alerts", "test", "--channel", "pager", env={}), 1, "'pager' is not a channel")


def test_docs_faults_md_names_every_test_of_this_file():
    """Each mistake tested here is a row of docs/faults.md's "Broken input" table, with this test named."""
    import re

    from tests.conftest import REPO

    doc = (REPO / "docs" / "faults.md").read_text(encoding="utf-8")
    section = doc[doc.index("## Broken input") :]
    section = section[: section.index("\n## ")]
    named = set(re.findall(r"::(test_\w+)", section))
    here = set(re.findall(r"^def (test_\w+)\(", Path(__file__).read_text(encoding="utf-8"), re.M))
    missing = here - named - {"test_docs_faults_md_names_every_test_of_this_file"}
    assert not missing, (
        f"tests/test_cli_mistakes.py tests that docs/faults.md's Broken input table does not name: {missing}"
    )
