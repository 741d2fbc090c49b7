"""The README's examples stay true: its quick start and its export examples, run as written.

The commands are read from README.md itself (the quick start's `licensure` commands, the Exports
section's `licensure export` lines) and run through the installed command line in a fresh directory,
on the bundled snapshots, so an example that stops working (or a README edit that breaks one) fails here.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end != -1 else None]


def _blocks(text: str) -> list[str]:
    return re.findall(r"```sh\n(.*?)```", text, flags=re.S)


def quick_start() -> list[list[str]]:
    """The `licensure` commands of the quick start's first block (the install steps are the test's own venv)."""
    commands = []
    for part in _blocks(_section("Quick start"))[0].replace("\\\n", " ").split("&&"):
        words = shlex.split(part)
        if words and words[0].endswith("/licensure"):
            commands.append(words[1:])
    return commands


def export_examples() -> list[list[str]]:
    lines = _blocks(_section("Exports"))[0].splitlines()
    return [shlex.split(line.split("#")[0])[1:] for line in lines if line.startswith("licensure export ")]


def _installed(cwd: Path) -> tuple[list[str], dict[str, str]]:
    """The installed command line and a bare environment to run it in."""
    exe = Path(sys.executable).with_name("licensure")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "tracker"]
    return cmd, {"PATH": "/usr/bin:/bin", "HOME": str(cwd), "COLUMNS": "200", "PYTHONPATH": str(REPO)}


def licensure(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    cmd, env = _installed(cwd)
    return subprocess.run([*cmd, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    """A directory where the quick start has been run exactly as the README says."""
    where = tmp_path_factory.mktemp("readme")
    commands = quick_start()
    assert [c[:2] for c in commands] == [["run", "--snapshot"], ["run", "--snapshot"]], commands
    for args in commands:
        done = licensure(where, *args)
        assert done.returncode == 0, (args, done.stderr[-3000:])
    where.joinpath("second-run.txt").write_text(done.stderr, encoding="utf-8")
    return where


def test_the_quick_start_writes_what_the_readme_says(clone):
    said = " ".join(clone.joinpath("second-run.txt").read_text(encoding="utf-8").split())
    for path in ("licensure-data/output/reports/run-2.md", "licensure-data/output/requirements.csv"):
        assert path in _section("Quick start") and (clone / path).is_file(), path
        assert path in said, path  # the second run prints where it wrote it
    assert (clone / "licensure-data/output/alerts.jsonl").is_file()
    assert "licensure-data/output/alerts.jsonl" in said
    assert "Requirement change" in (clone / "licensure-data/output/reports/run-2.md").read_text(encoding="utf-8")


def test_the_export_examples_run_and_the_date_examples_give_the_older_record(clone):
    examples = export_examples()
    assert len(examples) >= 4
    for args in examples:
        done = licensure(clone, *args)
        assert done.returncode == 0, (args, done.stderr[-2000:])
        assert "Content hash: sha256:" in done.stderr
    [june_args] = [a for a in examples if "--as-of" in a]
    june_file = clone / june_args[june_args.index("-o") + 1]
    june = {r["jurisdiction"]: r for r in csv.DictReader(io.StringIO(june_file.read_text(encoding="utf-8")))}
    now = {
        r["jurisdiction"]: r
        for r in csv.DictReader(io.StringIO((clone / "licensure-data/output/requirements.csv").read_text("utf-8")))
    }
    assert june["WA"]["min_clock_hours"] == "600" and now["WA"]["min_clock_hours"] == "720"  # the older record
    assert all(r["health"] != "never checked" for r in june.values())
    [since_args] = [a for a in examples if "--changed-since" in a]
    dashboard = (clone / since_args[since_args.index("-o") + 1]).read_text(encoding="utf-8")
    assert "2026-06-01" in dashboard

    marked = licensure(clone, "export", "-o", "-", "--format", "csv", "--changed-since", "2026-06-01")
    rows = {r["jurisdiction"]: r for r in csv.DictReader(io.StringIO(marked.stdout))}
    changed = {code for code, r in rows.items() if r["changed_fields"] != "none"}
    assert "WA" in changed and 0 < len(changed) < len(rows)  # only what the newer snapshot changed

    shown = licensure(clone, "show", "WA", "--as-of", "2026-06-01", "--json")
    assert shown.returncode == 0 and json.loads(shown.stdout)["education"]["min_clock_hours"]["value"] == 600
    before = licensure(clone, "export", "-o", "x.csv", "--as-of", "2026-04-01")
    assert before.returncode == 1 and "No record as of 2026-04-01" in before.stderr


def test_the_quick_start_desk_serves_the_quick_start_data(clone):
    """The quick start's second block as written (`users add`, then `serve`; only the port is a free one): the
    printed one-time password signs in over HTTP and the queue lists the second run's changes."""
    import http.cookiejar
    import time
    import urllib.parse
    import urllib.request

    from tests.tracking import free_port

    parts = [shlex.split(p) for p in _blocks(_section("Quick start"))[1].replace("\\\n", " ").split("&&")]
    commands = [words[1:] for words in parts if words and words[0].endswith("/licensure")]
    assert [c[:2] for c in commands] == [["users", "add"], ["serve"]], commands
    added = licensure(clone, *commands[0])
    assert added.returncode == 0, added.stderr[-2000:]
    password = re.search(r"One-time password: (\S+)", added.stdout + added.stderr)
    assert password, added.stdout
    port = free_port()
    cmd, env = _installed(clone)
    server = subprocess.Popen([*cmd, *commands[1], "--port", str(port)], cwd=clone, env=env, text=True)
    base = f"http://127.0.0.1:{port}"
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                login = browser.open(f"{base}/login", timeout=5).read().decode()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "licensure serve did not start"
                time.sleep(0.3)
        csrf = re.search(r'name="csrf" value="([^"]+)"', login).group(1)
        form = {"name": commands[0][2], "password": password.group(1), "csrf": csrf, "next": "/queue"}
        answer = browser.open(f"{base}/login", urllib.parse.urlencode(form).encode(), timeout=30)
        queue = answer.read().decode()
        assert answer.url == f"{base}/queue" and "Ann Lee (admin)" in queue
        changes = re.findall(r'<td><a href="/changes/(\d+)">', queue)
        assert changes and re.search(r">WA \d+</a>", queue)  # the second run's changes, counted per state
        change = browser.open(f"{base}/changes/{changes[0]}", timeout=30).read().decode()
        assert 'id="decide"' in change and 'value="accept"' in change  # an admin may decide
    finally:
        server.terminate()
        server.wait(20)


def review_examples() -> list[list[str]]:
    """The `licensure` lines of the review example in "Change tracking and alerts" (comments dropped)."""
    [block] = [b for b in _blocks(_section("Change tracking and alerts")) if "licensure review" in b]
    return [shlex.split(line, comments=True)[1:] for line in block.splitlines() if line.startswith("licensure ")]


def test_the_review_example_runs(clone):
    examples = review_examples()
    assert [a[:2] for a in examples] == [["changes", "--status"], ["review", "12"], ["review", "12"], ["review", "12"]]
    listed = licensure(clone, *examples[0], "--json")
    assert listed.returncode == 0, listed.stderr
    # the README's change #12 is whichever change the quick start left open first, the rest as written
    change = str(json.loads(listed.stdout)[0]["id"])
    for args in examples[1:]:
        done = licensure(clone, *[change if a == "12" else a for a in args])
        assert done.returncode == 0, (args, done.stderr[-2000:])
    trail = " ".join(done.stdout.split())  # the last example shows the change and its trail
    assert "open -> needs-legal by Ann Lee: effective date unclear" in trail
    assert "needs-legal -> accepted by Bo Chen: in force from 1 Jan" in trail
