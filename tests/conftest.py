"""Shared fixtures: databases on SQLite and (when configured) PostgreSQL, settings in a tmp dir.

PostgreSQL tests run when LICENSURE_TEST_POSTGRES_URL is set (CI sets it to
postgresql+psycopg://postgres@127.0.0.1:5432/test); each test gets its own
schema, dropped afterwards.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from tracker.config import Settings

PG_URL = os.environ.get("LICENSURE_TEST_POSTGRES_URL")
REPO = Path(__file__).resolve().parent.parent
SNAPSHOTS = REPO / "scrapers" / "snapshots"


@pytest.fixture(autouse=True)
def _no_internet(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests must never leave the machine: refuse connections to anything but loopback."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and host not in ("127.0.0.1", "localhost", "::1") and not host.startswith("/"):
            raise RuntimeError(f"test tried to reach {host}: tests must not touch the network")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture
def wide_console(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables as wide as a real terminal would be, so words are not folded.

    COLUMNS, not `monkeypatch.setattr(console, "width", ...)`: undoing a setattr on rich's `width` property sets
    it again, which pins the shared console at the width it had then for every later test (that made a `show`
    test in tests/test_web.py fail only in full-suite runs)."""
    monkeypatch.setenv("COLUMNS", "250")


def _pg_schema_url() -> Iterator[str]:
    import sqlalchemy as sa

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in PG_URL else "?"
    try:
        yield f"{PG_URL}{sep}options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: SQLite always; PostgreSQL when LICENSURE_TEST_POSTGRES_URL is set."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    if not PG_URL:
        pytest.skip(
            "PostgreSQL variant skipped: set LICENSURE_TEST_POSTGRES_URL (CI uses postgresql+psycopg://postgres@127.0.0.1:5432/test)"
        )
    yield from _pg_schema_url()


@pytest.fixture
def settings(tmp_path: Path, db_url: str) -> Settings:
    return Settings(data_dir=tmp_path / "data", database_url=db_url)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def module_settings(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """Settings over a database shared by a module's tests: SQLite, and PostgreSQL (a schema of its own) when
    LICENSURE_TEST_POSTGRES_URL is set, as `settings` gives one test."""
    data = tmp_path_factory.mktemp(f"module-{request.param}")
    if request.param == "sqlite":
        yield Settings(data_dir=data)
        return
    if not PG_URL:
        pytest.skip("PostgreSQL variant skipped: set LICENSURE_TEST_POSTGRES_URL (CI sets it)")
    schema = _pg_schema_url()
    try:
        yield Settings(data_dir=data, database_url=next(schema))
    finally:
        schema.close()  # drops the schema


@pytest.fixture
def sqlite_settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data")
