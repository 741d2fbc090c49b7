"""Secrets never leak, the loopback servers stay on loopback.

A real `licensure run` (its own process, the crawl subprocess, alerts through Apprise) with a password in
the PostgreSQL URL (when PostgreSQL is configured) and passwords and tokens in the alert channel URLs, one
of which fails: every output a person or a log collector sees (the command's output, `runs`, `runs show`
in text and JSON, `deliveries`, `changes`, the crawl log, the reports, the alerts file, every text stored
in the database) is searched for each secret. A database that cannot be reached is named without its
password. The snapshot and fault servers bind 127.0.0.1 only.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.conftest import PG_URL, REPO, _pg_schema_url
from tests.faults.server import Fault, FaultServer
from tests.tracking import Webhook, free_port
from tracker import crawl as crawl_module
from tracker.db import Database
from tracker.models import Base
from tracker.replay import SnapshotServer
from tracker.snapshots import resolve_snapshot

DB_PASSWORD = "Db-S3cret-Pa55"
MAIL_PASSWORD = "Mail-S3cret-Pa55"
HOOK_TOKEN = "Hook-T0ken-7f6e5d"


def _cli(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=300
    )


@pytest.fixture
def secret_db(tmp_path):
    """A PostgreSQL URL with a password in it (the test server trusts local connections, so any password
    works), or SQLite when PostgreSQL is not configured."""
    if not PG_URL:
        yield f"sqlite:///{tmp_path / 'secrets.db'}", False
        return
    urls = _pg_schema_url()
    url = next(urls)
    parsed = sa.engine.make_url(url)
    if parsed.password:
        pytest.skip("LICENSURE_TEST_POSTGRES_URL already carries a password")
    yield url.replace(f"//{parsed.username}@", f"//{parsed.username}:{DB_PASSWORD}@", 1), True
    urls.close()


def test_no_secret_appears_in_any_output_log_report_or_stored_row(tmp_path, secret_db):
    db_url, has_password = secret_db
    data = tmp_path / "data"
    dead_smtp = free_port()
    with Webhook(token=HOOK_TOKEN) as hook:
        channels = [
            hook.url(),
            f"mailtos://alerts:{MAIL_PASSWORD}@127.0.0.1:{dead_smtp}?from=tracker@example.org&to=compliance@example.org",
        ]
        env = {
            **os.environ,
            "LICENSURE_DATABASE_URL": db_url,
            "LICENSURE_DATA_DIR": str(data),
            "LICENSURE_ALERT_URLS": " ".join(channels),
            "LICENSURE_ALERT_ATTEMPTS": "1",
            "COLUMNS": "200",
            "PYTHONPATH": str(REPO),
            "LICENSURE_DEBUG": "",
        }
        outputs = {}
        for snap in ("2026-05-01", "2026-11-01"):
            done = _cli(["run", "--snapshot", snap, "--states", "WA,NY"], env, tmp_path)
            assert done.returncode == 0, done.stderr[-3000:]
            outputs[f"run {snap}"] = done.stdout + done.stderr
        assert hook.posts, "the webhook channel got the digest"
        said = outputs["run 2026-11-01"]
        assert "Alert not delivered" in said and "mailtos://alerts:***@127.0.0.1" in said.replace("\n", "")
        if has_password:  # the URL is shown, its password is not
            assert "postgresql+psycopg://postgres:***@127.0.0.1" in said.replace("\n", "")
        for args in (
            ["runs"],
            ["runs", "--json"],
            ["runs", "show", "2"],
            ["runs", "show", "2", "--json"],
            ["deliveries"],
            ["deliveries", "--json"],
            ["deliveries", "--failed"],
            ["changes", "--json"],
            ["states"],
            ["report", "--format", "md"],
        ):
            done = _cli(args, env, tmp_path)
            assert done.returncode == 0, (args, done.stderr[-2000:])
            outputs[" ".join(args)] = done.stdout + done.stderr
        unreachable = (
            db_url.replace("127.0.0.1:5432", f"127.0.0.1:{free_port()}")
            if has_password
            else f"postgresql+psycopg://tracker:{DB_PASSWORD}@127.0.0.1:{free_port()}/nowhere"
        )
        done = _cli(["runs", "--db", unreachable], env, tmp_path)
        assert done.returncode == 1 and "Cannot reach the database" in done.stderr and "***" in done.stderr
        outputs["unreachable"] = done.stdout + done.stderr

    files = {
        str(p): p.read_text(encoding="utf-8", errors="replace")
        for p in data.rglob("*")
        if p.is_file() and p.suffix in (".log", ".md", ".html", ".jsonl", ".csv", ".json")
    }
    assert any(name.endswith("-crawl.log") for name in files) and any(name.endswith(".md") for name in files)
    database = Database(db_url)
    try:
        with database.engine.connect() as conn:
            for table in Base.metadata.sorted_tables:
                rows = conn.execute(sa.select(table)).all()
                files[f"table {table.name}"] = "\n".join(repr(r) for r in rows)
    finally:
        database.dispose()

    secrets = [MAIL_PASSWORD, HOOK_TOKEN] + ([DB_PASSWORD] if has_password else [])
    leaks = [(where, secret) for where, text in {**outputs, **files}.items() for secret in secrets if secret in text]
    assert leaks == []
    assert DB_PASSWORD not in outputs["unreachable"]


def test_the_crawl_subprocess_never_gets_the_database_url_on_its_command_line(monkeypatch, tmp_path):
    from tracker.config import Settings

    seen = {}

    class Fake:
        def __init__(self, cmd, **kwargs):
            seen["cmd"], seen["env"] = cmd, kwargs["env"]
            self.stdout = iter(())

        def wait(self, timeout=None):
            return 0

        def terminate(self):
            pass

    monkeypatch.setattr(crawl_module.subprocess, "Popen", Fake)
    url = f"postgresql+psycopg://tracker:{DB_PASSWORD}@db.internal/licensure"
    settings = Settings(data_dir=tmp_path, database_url=url, alert_urls=(f"json://u:{HOOK_TOKEN}@h.example.org/x",))
    crawl_module.crawl(1, ["WA"], settings)
    assert not [a for a in seen["cmd"] if DB_PASSWORD in a or HOOK_TOKEN in a]
    assert seen["env"]["LICENSURE_DATABASE_URL"] == url  # in the child's environment instead, not visible in `ps`


def _non_loopback_address() -> str | None:
    candidates = set()
    try:
        candidates.update(info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET))
    except OSError:
        pass
    try:
        probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        probe.connect_ex(("192.0.2.1", 9))  # UDP: picks the outgoing interface, sends nothing
        candidates.add(probe.getsockname()[0])
        probe.close()
    except OSError:
        pass
    return next((a for a in sorted(candidates) if not a.startswith("127.") and a != "0.0.0.0"), None)


@pytest.mark.parametrize("server_class", [SnapshotServer, FaultServer])
def test_the_snapshot_and_fault_servers_listen_on_loopback_only(server_class):
    snapshot = resolve_snapshot("2026-05-01")
    server = (
        server_class(snapshot)
        if server_class is SnapshotServer
        else server_class(snapshot, {"https://x.gov/": Fault("timeout")})
    )
    with server:
        host, port = server.server_address
        assert host == "127.0.0.1" and server.base_url == f"http://127.0.0.1:{port}"
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            pass
        other = _non_loopback_address()
        if other is None:
            pytest.skip("this machine has no non-loopback IPv4 address to try")
        probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        probe.settimeout(5)
        try:
            refused = probe.connect_ex((other, port))  # not the guarded connect(): this is our own machine
        finally:
            probe.close()
        assert refused != 0, f"the server answered on {other}:{port}"
