"""Engine and session factory, and the Alembic upgrade that `licensure run` applies by itself."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from tracker.redact import mask_password

if TYPE_CHECKING:
    from alembic.config import Config

# Alembic is imported where migrations are handled, not here: the crawl subprocess opens the database
# but never migrates it, and importing Alembic costs it about 15 MB (benchmarks/RESULTS.md).

MIGRATIONS = Path(__file__).parent / "migrations"


class DatabaseError(Exception):
    """The database cannot be reached or set up; the message says which and what to do."""


def redact(url: str) -> str:
    """A database URL with its password replaced, safe to print or log."""
    return mask_password(url)


# APScheduler's job store keeps its own table in the project database; it is not ours to migrate.
FOREIGN_TABLES = {"apscheduler_jobs"}


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic filter: leave tables that other libraries own alone."""
    return not (type_ == "table" and name in FOREIGN_TABLES)


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (None for another database or an in-memory one)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database).expanduser()


def _refuse_sqlite_file(parsed: URL, url: str, create: bool) -> None:
    """A SQLite URL that cannot be this project's database: no file named (for a command that only reads), a
    file that does not exist (idem); a file that is something else is refused when it is first connected."""
    if parsed.get_backend_name() != "sqlite":
        return
    path = sqlite_path(url)
    if path is None:
        if not create:
            raise DatabaseError(
                f"Database URL {redact(url)!r} names no file, so there is nothing to read; "
                "use sqlite:///path/to/file.db (or leave --db out for the data dir's database)."
            )
        return
    if not create and not path.is_file():
        raise DatabaseError(f"There is no database at {path}; check --db or --data-dir (`licensure run` creates one).")
    # never open the file here to look at it: closing any descriptor of a SQLite file drops the POSIX locks
    # every connection of this process holds on it; SQLite's own refusal is turned into a sentence instead


def make_engine(url: str, create: bool = True) -> Engine:
    """An engine for `url`; with create=False a SQLite file that does not exist is refused, not created."""
    try:
        parsed = make_url(url)
        parsed.get_dialect()
    except (ArgumentError, NoSuchModuleError):
        raise DatabaseError(
            f"Database URL {redact(url)!r} is not valid; use sqlite:///path/to/file.db or "
            "postgresql+psycopg://user@host/dbname."
        ) from None
    _refuse_sqlite_file(parsed, url, create)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    kwargs: dict = {"future": True}
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        kwargs["connect_args"] = {"timeout": 60}
    else:
        kwargs["pool_pre_ping"] = True
    try:
        engine = create_engine(parsed, **kwargs)
    except ImportError as exc:  # a dialect SQLAlchemy knows, without its Python driver (mysql://, mssql://...)
        raise DatabaseError(
            f"Database URL {redact(url)!r} needs the Python driver {exc.name or 'for it'!r}, which is not installed; "
            "licensure-tracker supports SQLite (sqlite:///path/to/file.db) and PostgreSQL "
            "(postgresql+psycopg://user@host/dbname)."
        ) from None
    if parsed.get_backend_name() == "sqlite":

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):
            cur = dbapi_conn.cursor()
            try:
                cur.execute("PRAGMA foreign_keys=ON")
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA busy_timeout=60000")
            except sqlite3.DatabaseError as exc:
                if "not a database" not in str(exc):
                    raise
                raise DatabaseError(
                    f"{sqlite_path(url)} is not a SQLite database (it holds something else); check --db or --data-dir."
                ) from None
            finally:
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


MIGRATION_LOCK_WAIT = 600  # seconds a process waits for another's migration before giving up


def _sqlite_file(engine: Engine) -> Path | None:
    name = engine.url.database
    return (
        Path(name).expanduser() if engine.url.get_backend_name() == "sqlite" and name and name != ":memory:" else None
    )


@contextmanager
def migration_lock(engine: Engine) -> Iterator[None]:
    """Hold the database's migration lock: one process migrates, the others wait and then find it done.

    PostgreSQL: a session advisory lock keyed by the schema in use (so schemas never block each other);
    SQLite: a file lock beside the database file (`<file>.migrate.lock`).
    """
    from filelock import FileLock, Timeout

    db_file = _sqlite_file(engine)
    if db_file is not None:
        lock = FileLock(f"{db_file}.migrate.lock", timeout=MIGRATION_LOCK_WAIT)
        try:
            with lock:
                yield
        except Timeout:
            raise DatabaseError(
                f"Another process has held the migration lock on {db_file} for {MIGRATION_LOCK_WAIT} s; "
                f"if none is running, delete {db_file}.migrate.lock and try again."
            ) from None
        return
    if engine.url.get_backend_name() != "postgresql":
        yield
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        key = "hashtext('licensure-tracker migrations ' || current_schema())"
        conn.execute(text(f"SET lock_timeout = '{MIGRATION_LOCK_WAIT}s'"))
        conn.execute(text(f"SELECT pg_advisory_lock({key})"))
        try:
            yield
        finally:
            conn.execute(text(f"SELECT pg_advisory_unlock({key})"))


def _unreachable(url: str, exc: OperationalError) -> DatabaseError:
    return DatabaseError(
        f"Cannot reach the database {redact(url)}: {str(exc.orig).strip().splitlines()[0]}. "
        "Check the URL and that the server is running."
    )


def _failed_migration(engine: Engine, exc: Exception) -> DatabaseError:
    """Name the migration that failed and the database (password hidden), and what to do."""
    from alembic.script import ScriptDirectory

    try:
        at = current_revision(engine)
    except SQLAlchemyError:
        at = None
    script = ScriptDirectory.from_config(alembic_config(engine))
    pending = [r for r in script.walk_revisions(base="base", head="heads") if r.down_revision == at]
    step = f"migration {pending[0].revision} ({(pending[0].doc or '').strip()})" if pending else "a migration"
    reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
    return DatabaseError(
        f"Upgrading the database {redact(engine.url.render_as_string(hide_password=False))} failed at {step}: "
        f"{reason}. The schema is left at revision {at or 'empty'}; fix the cause and run `licensure db upgrade`."
    )


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Apply every pending migration under the migration lock; returns (revision before, revision after).

    Any number of processes may call this at once on an empty or an old database: one migrates, the
    others wait for the lock and then find nothing left to do.
    """
    from alembic import command

    url = engine.url.render_as_string(hide_password=False)
    try:
        before = current_revision(engine)
    except OperationalError as exc:
        raise _unreachable(url, exc) from None
    try:
        with migration_lock(engine):
            before = current_revision(engine)
            if before != head_revision(engine):
                command.upgrade(alembic_config(engine), "head")
    except OperationalError as exc:
        if "lock timeout" in str(exc.orig).lower():
            raise DatabaseError(
                f"Another process has held the migration lock on {redact(url)} for {MIGRATION_LOCK_WAIT} s; "
                "wait for it to finish and try again."
            ) from None
        raise _failed_migration(engine, exc) from None
    except SQLAlchemyError as exc:
        raise _failed_migration(engine, exc) from None
    return before, head_revision(engine)


class Database:
    """An engine plus a session factory, upgraded to the newest schema on open.

    As a context manager (`with Database(url) as db:`) its connections are closed when the block ends.
    With create=False (the read-only commands) a SQLite file that does not exist is refused, naming it.
    """

    def __init__(self, url: str, auto_upgrade: bool = True, create: bool = True) -> None:
        self.url = url
        self.engine = make_engine(url, create=create)
        if auto_upgrade:
            self.ensure_schema()
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def ensure_schema(self) -> None:
        try:
            current = current_revision(self.engine)
        except OperationalError as exc:
            raise _unreachable(self.url, exc) from None
        if current != head_revision(self.engine):
            upgrade(self.engine)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on error."""
        with self._sessions() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.dispose()
