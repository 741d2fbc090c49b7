"""Soak: many `licensure` processes at once, runs killed with SIGKILL at random moments, readers during a
write, a full disk and a read-only data folder (issue 17).

Every process here is the real command line (`python -m tracker ...`) over the bundled snapshot's loopback
replay server, on SQLite and (when LICENSURE_TEST_POSTGRES_URL is set) PostgreSQL. The normal suite runs
a short version of each case; `pytest -m soak` runs the long one (more processes, 20 kills).
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from tests.conftest import PG_URL, REPO, _pg_schema_url
from tests.test_faults_crash import assert_consistent
from tests.tracking import free_port
from tracker import storage
from tracker.db import Database
from tracker.models import Change, ChangeReview, Fetch, JurisdictionStatus, RecordVersion, Run

OLD, NEW = "2026-05-01", "2026-11-01"
STATES = "WA,CA,NY"
REVIEWED = "WA"  # its newer pages are read (and decided on) before the run that is killed
SOAK = pytest.mark.soak
SEED = int(os.environ.get("LICENSURE_SOAK_SEED", "20261204"))


def _env(db_url: str, data: Path, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "LICENSURE_DATABASE_URL": db_url,
        "LICENSURE_DATA_DIR": str(data),
        "LICENSURE_ALERT_URLS": "",
        "COLUMNS": "200",
        "PYTHONPATH": str(REPO),
        "LICENSURE_DEBUG": "",
        **extra,
    }


def _start(args: list[str], env: dict[str, str], cwd: Path, log: Path) -> subprocess.Popen:
    out = open(log, "w", encoding="utf-8")  # noqa: SIM115 (closed when the process is reaped, in _finish)
    return subprocess.Popen(
        [sys.executable, "-m", "tracker", *args], env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT
    )


def _finish(proc: subprocess.Popen, log: Path, timeout: float = 600) -> tuple[int, str]:
    code = proc.wait(timeout=timeout)
    if proc.stdout:
        proc.stdout.close()
    return code, log.read_text(encoding="utf-8")


def _cli(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=600
    )


@dataclass(frozen=True)
class Outcome:
    """What a sequence of runs leaves behind, in terms that do not depend on ids or timing."""

    records: dict[str, str]  # jurisdiction -> values hash of its current record
    changes: Counter  # (jurisdiction, field, category, kind, old, new) -> how many times recorded
    alerted: Counter  # (jurisdiction, field, category) -> how many alert lines
    reviews: Counter  # (jurisdiction, field, status, ((from, to, reviewer, note), ...)) -> how many changes


def outcome(db_url: str, data: Path) -> Outcome:
    db = Database(db_url)
    try:
        assert_consistent(db)
        with db.session() as s:
            records = {
                st.jurisdiction: s.get(RecordVersion, st.current_version_id).values_hash
                for st in s.scalars(select(JurisdictionStatus)).all()
                if st.current_version_id
            }
            changes = Counter(
                (c.jurisdiction, c.field, c.category, c.kind, json.dumps(c.old_value), json.dumps(c.new_value))
                for c in s.scalars(select(Change)).all()
                if c.category in ("requirement", "administrative", "text")
            )
            by_id = {c.id: c for c in s.scalars(select(Change)).all()}
            trail: dict[int, list[tuple]] = {}
            for r in s.scalars(select(ChangeReview).order_by(ChangeReview.id)).all():
                trail.setdefault(r.change_id, []).append((r.from_status, r.to_status, r.reviewer, r.note))
            reviews = Counter(
                (c.jurisdiction, c.field, c.status, tuple(trail.get(c.id, ())))
                for c in by_id.values()
                if c.category in ("requirement", "administrative", "text")
            )
    finally:
        db.dispose()
    alerts = data / "output" / "alerts.jsonl"
    lines = [json.loads(line) for line in alerts.read_text(encoding="utf-8").splitlines()] if alerts.exists() else []
    alerted = Counter(
        (by_id[a["id"]].jurisdiction, by_id[a["id"]].field, by_id[a["id"]].category)
        for a in lines
        if by_id[a["id"]].category in ("requirement", "administrative", "text")
    )
    return Outcome(records, changes, alerted, reviews)


class Fresh:
    """Makes fresh, empty databases on one backend: a SQLite file in a folder, or a PostgreSQL schema
    (dropped when the test ends)."""

    def __init__(self, backend: str, stack: ExitStack) -> None:
        self.backend, self._stack = backend, stack

    def __call__(self, root: Path) -> str:
        if self.backend == "sqlite":
            return f"sqlite:///{root / 'soak.db'}"
        return self._stack.enter_context(contextmanager(_pg_schema_url)())


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh(request: pytest.FixtureRequest) -> Iterator[Fresh]:
    """Fresh databases on SQLite, and on PostgreSQL when LICENSURE_TEST_POSTGRES_URL is set."""
    if request.param == "postgresql" and not PG_URL:
        pytest.skip(
            "PostgreSQL variant skipped: set LICENSURE_TEST_POSTGRES_URL (CI uses postgresql+psycopg://postgres@127.0.0.1:5432/test)"
        )
    with ExitStack() as stack:
        yield Fresh(request.param, stack)


@pytest.fixture(scope="module")
def _references() -> dict[str, tuple[Outcome, float]]:
    return {}


@dataclass(frozen=True)
class Reference:
    outcome: Outcome  # what an uninterrupted older-then-newer sequence leaves
    took: float  # seconds the newer run took
    writing: float  # seconds from its first stored page to its end (storing, settling, alerting, the report)


def _last_run(url: str) -> int:
    """The id of the newest run so far (0 on an empty database)."""
    db = Database(url)
    try:
        with db.session() as s:
            return s.scalars(select(Run.id).order_by(Run.id.desc())).first() or 0
    finally:
        db.dispose()


def _stored_a_page(db: Database, after: int) -> bool:
    """Whether a run newer than run `after` has stored a page (the crawl is writing)."""
    with db.session() as s:
        run = s.scalars(select(Run).where(Run.id > after).order_by(Run.id.desc())).first()
        if run is None:
            return False
        return s.scalars(select(Fetch.id).where(Fetch.run_id == run.id)).first() is not None


def _wait_until_it_writes(url: str, proc: subprocess.Popen, after: int, limit: float = 300) -> bool:
    """Poll (every 50 ms) until the run started after run `after` has stored its first page; False if it
    ended first."""
    db = Database(url)
    try:
        deadline = time.monotonic() + limit
        while proc.poll() is None and time.monotonic() < deadline:
            if _stored_a_page(db, after):
                return True
            time.sleep(0.05)
        return False
    finally:
        db.dispose()


def _older_then_reviewed(env: dict[str, str], root: Path) -> None:
    """Where every kill cycle and its reference start: the older snapshot's records, then WA's newer pages
    read by a run of their own and WA's change decided on twice (sent to counsel, then accepted), so a kill
    must keep the review trail as well as the records and the alerts."""
    assert _cli(["run", "--snapshot", OLD, "--states", STATES], env, root).returncode == 0
    assert _cli(["run", "--snapshot", NEW, "--states", REVIEWED], env, root).returncode == 0
    listed = json.loads(_cli(["changes", "--state", REVIEWED, "--json"], env, root).stdout)
    assert listed, "WA's newer pages made no change to review"
    for decision in ("--needs-legal", "--accept"):
        args = ["review", str(listed[0]["id"]), decision, "--by", "soak", "--note", f"before the kill ({decision})"]
        decided = _cli(args, env, root)
        assert decided.returncode == 0, decided.stdout + decided.stderr


@pytest.fixture
def reference(fresh: Fresh, _references, tmp_path_factory) -> Reference:
    """An uninterrupted older-then-newer run on the test's backend, timed (made once per backend)."""
    if fresh.backend not in _references:
        root = tmp_path_factory.mktemp(f"reference-{fresh.backend}")
        url = fresh(root)
        env = _env(url, root / "data")
        _older_then_reviewed(env, root)
        after = _last_run(url)
        log = root / "newer.log"
        began = time.monotonic()
        proc = _start(["run", "--snapshot", NEW, "--states", STATES], env, root, log)
        assert _wait_until_it_writes(url, proc, after), log.read_text(encoding="utf-8")[-3000:]
        stored = time.monotonic() - began
        code, said = _finish(proc, log)
        took = time.monotonic() - began
        assert code == 0, said[-3000:]
        _references[fresh.backend] = Reference(outcome(url, root / "data"), took, took - stored)
    return _references[fresh.backend]


def _no_duplicates(out: Outcome) -> None:
    assert not [k for k, n in out.changes.items() if n > 1], "a change was recorded twice"
    assert not [k for k, n in out.alerted.items() if n > 1], "a change was alerted twice"


# --- many processes at once ----------------------------------------------------------------------------


def _jobs_file(tmp_path: Path) -> Path:
    path = tmp_path / "jobs.toml"
    path.write_text(
        '[jobs.soak]\njurisdictions = ["NY", "OR"]\ncron = "0 3 * * *"\ntimezone = "UTC"\n', encoding="utf-8"
    )
    return path


def _commands(n: int, jobs: Path) -> list[list[str]]:
    """n command lines over overlapping jurisdiction sets: operators' runs, a cron `run --due` and the
    daemon's entry point (`run --job`, the library's run_job that `licensure schedule` calls)."""
    kinds = [
        ["run", "--snapshot", OLD, "--states", "WA,NY"],
        ["run", "--snapshot", OLD, "--job", "soak"],
        ["run", "--due"],
        ["run", "--snapshot", OLD, "--states", "NY,OR,CA"],
        ["run", "--snapshot", OLD, "--states", "WA"],
        ["run", "--snapshot", OLD, "--states", "OR,WA"],
        ["run", "--snapshot", OLD, "--states", "CA"],
        ["run", "--snapshot", OLD, "--states", "NY"],
    ]
    return [kinds[i % len(kinds)] for i in range(n)]


def _together(db_url: str, tmp_path: Path, n: int) -> None:
    data = tmp_path / "data"
    jobs = _jobs_file(tmp_path)
    procs = []
    commands = _commands(n, jobs)
    covered = {c for args in commands if "--states" in args for c in args[args.index("--states") + 1].split(",")}
    covered |= {"NY", "OR"} if any("--job" in args for args in commands) else set()
    for i, args in enumerate(commands):
        log = tmp_path / f"proc-{i}.log"
        env = _env(db_url, data, LICENSURE_JOBS_FILE=str(jobs))
        procs.append((args, log, _start(args, env, tmp_path, log)))
    for args, log, proc in procs:
        code, said = _finish(proc, log)
        assert code == 0, f"{' '.join(args)} exited {code}:\n{said[-3000:]}"
        assert "Traceback" not in said, said[-3000:]
    out = outcome(db_url, data)
    _no_duplicates(out)
    db = Database(db_url)
    try:
        with db.session() as s:
            for code in sorted(covered):
                versions = s.scalars(select(RecordVersion).where(RecordVersion.jurisdiction == code)).all()
                assert len(versions) == 1, f"{code}: {len(versions)} record versions from one snapshot"
    finally:
        db.dispose()


def test_three_processes_started_together_on_a_fresh_database_all_succeed(db_url, tmp_path):
    _together(db_url, tmp_path, 3)


@SOAK
@pytest.mark.parametrize("n", [2, 4, 8])
@pytest.mark.parametrize("warm", [False, True], ids=["fresh", "warm"])
def test_many_processes_started_together_all_succeed(db_url, tmp_path, n, warm):
    if warm:  # a database that already holds the older snapshot's records
        env = _env(db_url, tmp_path / "data")
        assert _cli(["run", "--snapshot", OLD, "--states", "WA,NY,OR,CA"], env, tmp_path).returncode == 0
    _together(db_url, tmp_path, n)


# --- runs killed at random moments ---------------------------------------------------------------------


def _phase(url: str, data: Path, ended: bool, after: int) -> str:
    """Where a killed run (the first after run `after`) had got to, read from what it left: the run's row,
    its stored pages, the jurisdictions it settled (CA and NY each have a change in the newer snapshot; WA's
    were read before) and its report."""
    if ended:
        return "after it ended"
    db = Database(url)
    try:
        with db.session() as s:
            run = s.scalars(select(Run).where(Run.id > after).order_by(Run.id.desc())).first()
            if run is None:
                return "start-up"
            settled = {c.jurisdiction for c in s.scalars(select(Change).where(Change.run_id == run.id)).all()}
            fetched = s.scalars(select(Fetch.id).where(Fetch.run_id == run.id)).first() is not None
            status, run_id = run.status, run.id
    finally:
        db.dispose()
    if status != "running":
        return "finishing"
    if not settled:
        return "crawl" if fetched else "start-up"
    if len(settled) < len(STATES.split(",")) - 1:  # WA has nothing new in the killed run
        return "settle"
    return "report" if (data / "output" / "reports" / f"run-{run_id}.md").exists() else "alerting"


def _kill_cycles(fresh: Callable[[Path], str], tmp_path: Path, reference: Reference, kills: int) -> Counter:
    """`kills` times: a fresh database with the older snapshot, WA's newer pages and a reviewed change
    (`_older_then_reviewed`), a newer-snapshot run killed with SIGKILL at a random moment, then a normal
    newer-snapshot run; the records, changes, alerts and review trail must equal the uninterrupted reference.

    Even-numbered kills fall anywhere in 0.3 s to 1.1 times the reference run's length, which mostly hits
    the start-up and the crawl; odd-numbered ones a random time into the short stretch in which the run
    writes (from its first stored page: storing, settling, alerting, the report), so those are hit too.
    Returns how many kills hit each phase, as read from what the killed run left."""
    rng = random.Random(SEED)
    phases: Counter = Counter()
    for i in range(kills):
        root = tmp_path / f"cycle-{i}"
        root.mkdir()
        url = fresh(root)
        env = _env(url, root / "data")
        _older_then_reviewed(env, root)
        after = _last_run(url)
        log = root / "killed.log"
        began = time.monotonic()
        proc = _start(["run", "--snapshot", NEW, "--states", STATES], env, root, log)
        if i % 2:
            _wait_until_it_writes(url, proc, after)
            time.sleep(rng.uniform(0, reference.writing))
        else:
            time.sleep(max(rng.uniform(0.3, reference.took * 1.1) - (time.monotonic() - began), 0))
        moment = time.monotonic() - began
        ended = proc.poll() is not None
        proc.send_signal(signal.SIGKILL)  # as `kill -9 PID` does: the run's process only
        _finish(proc, log)
        time.sleep(0.5)  # let its crawl subprocess notice and end
        outcome(url, root / "data")  # consistent after the kill (assert_consistent)
        phase = _phase(url, root / "data", ended, after)
        phases[phase] += 1
        done = _cli(["run", "--snapshot", NEW, "--states", STATES], env, root)
        assert done.returncode == 0, f"after a kill at {moment:.2f} s ({phase}):\n{done.stderr[-3000:]}"
        got = outcome(url, root / "data")
        assert got == reference.outcome, (
            f"killed at {moment:.2f} s of {reference.took:.1f} s ({phase}): {got} != {reference.outcome}"
        )
    print(
        f"\n{kills} kills (seed {SEED}; uninterrupted run {reference.took:.1f} s, writing for the last "
        f"{reference.writing:.2f} s) by phase: {dict(phases)}"
    )
    return phases


def test_runs_killed_at_random_moments_end_as_an_uninterrupted_run(fresh, tmp_path, reference):
    phases = _kill_cycles(fresh, tmp_path, reference, kills=3)
    assert sum(phases.values()) == 3


@SOAK
def test_twenty_runs_killed_at_random_moments_end_as_an_uninterrupted_run(fresh, tmp_path, reference):
    phases = _kill_cycles(fresh, tmp_path, reference, kills=20)
    assert sum(phases.values()) == 20


# --- readers while a run writes ------------------------------------------------------------------------


def _a_change_to_review(db_url: str, tmp_path: Path) -> tuple[dict[str, str], str]:
    """The older snapshot's records, and WA's newer pages: a change to review while CA and NY are written."""
    env = _env(db_url, tmp_path / "data")
    assert _cli(["run", "--snapshot", OLD, "--states", STATES], env, tmp_path).returncode == 0
    assert _cli(["run", "--snapshot", NEW, "--states", "WA"], env, tmp_path).returncode == 0
    listed = json.loads(_cli(["changes", "--state", "WA", "--json"], env, tmp_path).stdout)
    return env, str(listed[0]["id"])


def _writer(env: dict[str, str], tmp_path: Path) -> tuple[subprocess.Popen, Path]:
    log = tmp_path / "writer.log"
    return _start(["run", "--snapshot", NEW, "--states", "CA,NY"], env, tmp_path, log), log


def _review_trail(env: dict[str, str], tmp_path: Path, change: str) -> list[dict]:
    return json.loads(_cli(["review", change, "--json"], env, tmp_path).stdout)["reviews"]


def test_exports_and_reviews_while_a_run_writes_never_see_a_locked_database(db_url, tmp_path):
    env, change = _a_change_to_review(db_url, tmp_path)
    writer, log = _writer(env, tmp_path)
    reads, during, decisions = 0, 0, ["--accept", "--needs-legal"]
    while writer.poll() is None or reads < 2:
        for args in (
            ["export", "-o", str(tmp_path / "table.csv")],
            ["changes"],
            ["review", change, decisions[reads % 2], "--by", "soak", "--note", f"pass {reads}"],
            ["states"],
            ["history", "WA"],
        ):
            got = _cli(args, env, tmp_path)
            during += writer.poll() is None
            said = got.stdout + got.stderr
            assert "locked" not in said.lower() and "Traceback" not in said, f"{' '.join(args)}:\n{said[-2000:]}"
            assert got.returncode == 0, f"{' '.join(args)} exited {got.returncode}:\n{said[-2000:]}"
        reads += 1
    code, said = _finish(writer, log)
    assert code == 0, said[-3000:]
    table = (tmp_path / "table.csv").read_text(encoding="utf-8").splitlines()
    assert len(table) >= 4 and all(line.count(",") >= 3 for line in table[1:4])  # whole rows, no partial file
    assert len(_review_trail(env, tmp_path, change)) == reads  # every decision kept, none lost to a busy database
    assert during >= 1, "no command was answered while the run was under way"
    print(f"\n{reads} rounds of 5 commands, {during} answered while the run was under way")


@contextmanager
def _desk(env: dict[str, str], tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """`licensure serve` as its own process on a free loopback port; yields its URL and its log."""
    port = free_port()
    log = tmp_path / "desk.log"
    server = _start(["serve", "--port", str(port)], env, tmp_path, log)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/login", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None, f"licensure serve ended:\n{log.read_text(encoding='utf-8')[-3000:]}"
            assert time.monotonic() < deadline, "licensure serve did not answer within 60 s"
            time.sleep(0.3)
        yield base, log
    finally:
        server.send_signal(signal.SIGINT)  # Ctrl-C, as the operator stops it
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        if server.stdout:
            server.stdout.close()


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "the page has no CSRF field"
    return found.group(1)


def test_the_web_desk_while_a_run_writes_never_fails_or_sees_a_locked_database(db_url, tmp_path):
    """`licensure serve` over the same database, a reviewer made with `licensure users add` signed in, the
    queue, state, change and runs pages read (and a decision taken) in a loop while a run writes."""
    env, change = _a_change_to_review(db_url, tmp_path)
    added = _cli(["users", "add", "soak-reviewer", "--role", "reviewer"], env, tmp_path)
    assert added.returncode == 0, added.stdout + added.stderr
    password = re.search(r"One-time password: (\S+)", added.stdout)
    assert password, added.stdout
    pages = ["/queue", "/queue?tab=problems", "/states", "/states/CA", "/states/NY", f"/changes/{change}", "/runs"]
    with _desk(env, tmp_path) as (base, desk_log), httpx.Client(base_url=base, timeout=60) as client:
        signed = client.post(
            "/login",
            data={"name": "soak-reviewer", "password": password.group(1), "csrf": _csrf(client.get("/login").text)},
        )
        assert signed.status_code == 303 and signed.headers["location"] == "/queue", signed.text[-2000:]
        writer, log = _writer(env, tmp_path)
        rounds, during, served = 0, 0, Counter()
        while writer.poll() is None or rounds < 2:
            for path in pages:
                got = client.get(path)
                served[got.status_code] += 1
                during += writer.poll() is None
                assert got.status_code == 200, f"GET {path}: {got.status_code}\n{got.text[-2000:]}"
                assert "database is locked" not in got.text.lower(), f"GET {path}:\n{got.text[-2000:]}"
            decision = ["accept", "needs-legal"][rounds % 2]
            token = _csrf(client.get(f"/changes/{change}").text)
            got = client.post(
                f"/changes/{change}/decide", data={"decision": decision, "note": f"desk {rounds}", "csrf": token}
            )
            assert got.status_code == 303, f"deciding {decision}: {got.status_code}\n{got.text[-2000:]}"
            after = client.get(f"/changes/{change}").text
            assert "is now" in after and "locked" not in after.lower(), after[-2000:]
            rounds += 1
        code, said = _finish(writer, log)
        assert code == 0, said[-3000:]
    logged = desk_log.read_text(encoding="utf-8")
    assert "Traceback" not in logged and "locked" not in logged.lower(), logged[-3000:]
    assert not [c for c in served if c >= 500], served
    trail = _review_trail(env, tmp_path, change)
    assert [r["note"] for r in trail] == [f"desk {i}" for i in range(rounds)]  # every decision kept
    assert during >= len(pages), f"only {during} pages were answered while the run was under way"
    print(
        f"\n{rounds} rounds ({sum(served.values())} pages, {rounds} decisions), "
        f"{during} pages while the run was under way"
    )


# --- a full disk and a read-only folder ----------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path) -> Iterator[Path]:
    """A 40 MB tmpfs mounted for this test (needs root; skipped otherwise)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small tmpfs needs root")
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=40m", "tmpfs", str(mount)], capture_output=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.decode(errors='replace').strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def _baseline_there(data: Path, tmp_path: Path) -> tuple[dict[str, str], str]:
    url = f"sqlite:///{data / 'tracker.db'}"
    env = _env(url, data)
    first = _cli(["run", "--snapshot", OLD, "--states", STATES], env, tmp_path)
    assert first.returncode == 0, first.stderr[-3000:]
    return outcome(url, data).records, url


def _plain_failure(done: subprocess.CompletedProcess, folder: Path) -> None:
    said = done.stdout + done.stderr
    assert done.returncode == 1, said[-3000:]
    assert "Traceback" not in said, said[-3000:]
    assert str(folder) in said, f"the message should name the folder {folder}:\n{said[-2000:]}"


def test_a_full_disk_fails_plainly_and_keeps_the_last_good_state(small_disk, tmp_path):
    data = small_disk / "data"
    before, url = _baseline_there(data, tmp_path)
    filler = small_disk / "filler"
    subprocess.run(["dd", "if=/dev/zero", f"of={filler}", "bs=1M", "count=64"], capture_output=True)
    done = _cli(["run", "--snapshot", NEW, "--states", STATES], _env(url, data), tmp_path)
    _plain_failure(done, small_disk)
    filler.unlink()
    assert outcome(url, data).records == before


def test_a_read_only_data_folder_fails_plainly_and_keeps_the_last_good_state(small_disk, tmp_path):
    data = small_disk / "data"
    before, url = _baseline_there(data, tmp_path)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    try:
        done = _cli(["run", "--snapshot", NEW, "--states", STATES], _env(url, data), tmp_path)
        _plain_failure(done, small_disk)
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    assert outcome(url, data).records == before
    db = Database(url)
    try:
        with db.session() as s:
            assert storage.current_version(s, "WA", "medical-assistant").version == 1
    finally:
        db.dispose()


# --- 20,000 pages --------------------------------------------------------------------------------------

PEAK_MEMORY_BOUND_MB = 200  # issue 16's bound for the process tree at N = 20,000 (benchmarks/RESULTS.md)


@SOAK
def test_twenty_thousand_pages_complete_within_the_memory_bound(tmp_path):
    """The benchmark harness's tracker cycles (cold, warm unchanged, warm 1% changed) at N = 20,000."""
    pytest.importorskip(
        "psutil", reason="the harness measures the process tree with psutil (benchmarks/requirements.txt)"
    )
    out = tmp_path / "n20000.json"
    done = subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "run.py"),
            "--sizes",
            "20000",
            "--repeat",
            "1",
            "--no-urlwatch",
            "--no-floor",
            "--json",
            str(out),
            "--out",
            str(tmp_path / "n20000.md"),
        ],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=3 * 3600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    [size] = json.loads(out.read_text(encoding="utf-8"))["results"]
    cycles = size["runs"]["tracker"]
    assert all(runs for runs in cycles.values()), cycles
    over = []
    for cycle, runs in cycles.items():
        for m in runs:
            assert m["returncode"] in (0, 4), f"{cycle}: exit {m['returncode']}"  # every cycle completes
            parts = ", ".join(f"{role} {mb:.0f}" for role, mb in m["extra"].get("peak_parts_mb", {}).items())
            if m["peak_rss_mb"] >= PEAK_MEMORY_BOUND_MB:
                over.append(f"{cycle}: peak {m['peak_rss_mb']:.0f} MB ({parts})")
    if over:  # not met yet (issues 16 and 17): shown as an expected failure with its figures, never as a pass
        pytest.xfail(f"peak memory over the {PEAK_MEMORY_BOUND_MB} MB bound: " + "; ".join(over))
