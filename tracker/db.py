"""Engine and session factory, and the Alembic upgrade that `licensure run` applies by itself."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

if TYPE_CHECKING:
    from alembic.config import Config

# Alembic is imported where migrations are handled, not here: the crawl subprocess opens the database
# but never migrates it, and importing Alembic costs it about 15 MB (benchmarks/RESULTS.md).

MIGRATIONS = Path(__file__).parent / "migrations"


class DatabaseError(Exception):
    """The database cannot be reached or set up; the message says which and what to do."""


def redact(url: str) -> str:
    """A database URL with its password replaced, safe to print or log."""
    return re.sub(r"(://[^:/@]+:)[^@]*@", r"\1***@", url)


# APScheduler's job store keeps its own table in the project database; it is not ours to migrate.
FOREIGN_TABLES = {"apscheduler_jobs"}


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic filter: leave tables that other libraries own alone."""
    return not (type_ == "table" and name in FOREIGN_TABLES)


def make_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
        parsed.get_dialect()
    except (ArgumentError, NoSuchModuleError):
        raise DatabaseError(
            f"Database URL {redact(url)!r} is not valid; use sqlite:///path/to/file.db or "
            "postgresql+psycopg://user@host/dbname."
        ) from None
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    kwargs: dict = {"future": True}
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        kwargs["connect_args"] = {"timeout": 60}
    else:
        kwargs["pool_pre_ping"] = True
    engine = create_engine(parsed, **kwargs)
    if parsed.get_backend_name() == "sqlite":

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=60000")
            cur.close()

    return engine


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision(engine: Engine) -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
    assert head is not None, "the migrations folder has no head revision"
    return head


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Apply every pending migration; returns (revision before, revision after)."""
    from alembic import command

    try:
        before = current_revision(engine)
        command.upgrade(alembic_config(engine), "head")
    except OperationalError as exc:
        raise DatabaseError(
            f"Cannot reach the database {redact(engine.url.render_as_string(hide_password=True))}: "
            f"{str(exc.orig).strip().splitlines()[0]}. Check the URL and that the server is running."
        ) from None
    return before, head_revision(engine)


class Database:
    """An engine plus a session factory, upgraded to the newest schema on open."""

    def __init__(self, url: str, auto_upgrade: bool = True) -> None:
        self.url = url
        self.engine = make_engine(url)
        if auto_upgrade:
            self.ensure_schema()
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def ensure_schema(self) -> None:
        try:
            current = current_revision(self.engine)
        except OperationalError as exc:
            raise DatabaseError(
                f"Cannot reach the database {redact(self.url)}: "
                f"{str(exc.orig).strip().splitlines()[0]}. Check the URL and that the server is running."
            ) from None
        if current != head_revision(self.engine):
            upgrade(self.engine)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on error."""
        with self._sessions() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
