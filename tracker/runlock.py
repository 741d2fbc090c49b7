"""The run lock: two runs that share a jurisdiction never interleave, across processes and hosts.

One lock per jurisdiction of the run, all taken before the run starts and
held until it has finished (or been marked interrupted):

- PostgreSQL: session-level advisory locks (`pg_try_advisory_lock`) on keys
  derived from the database schema and each jurisdiction code, held on one
  dedicated connection. Every host sharing the database sees them, and the
  server drops them when that connection ends, so a killed run (or a lost
  host) never leaves a stale lock.
- SQLite: an OS file lock (`fcntl.flock`) per jurisdiction in a directory
  next to the database file (`licensure.db.locks/WA.lock`); the kernel drops
  it when the process dies.

The run's locks are tried in order; at the first busy one, every lock taken
so far is released again, so two runs waiting for each other's states can
never deadlock, and a third run never sees states held for a moment by a run
that is only polling. A run that
finds a state busy either waits (polling) or is skipped, as `on_overlap`
says, and says which, naming the run that holds the state.

Because every run holds the locks of all its jurisdictions for as long as it
is `running`, a `running` row over a jurisdiction whose lock we now hold
belongs to a dead process: `mark_abandoned` marks it interrupted, on any host.
"""

from __future__ import annotations

import hashlib
import logging
import os
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from tracker.db import Database
from tracker.models import Run

log = logging.getLogger(__name__)

RUN_TRIGGERS = ("manual", "cron", "schedule")  # the runs execute_run starts (and locks)
POLL_SECONDS = 2.0


def advisory_key(namespace: str, code: str) -> int:
    """A signed 64-bit PostgreSQL advisory-lock key for one jurisdiction in one schema."""
    digest = hashlib.sha256(f"licensure-tracker:run:{namespace}:{code}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


class _PostgresLocks:
    def __init__(self, engine: Engine) -> None:
        self.conn = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        self.schema = self.conn.execute(text("SELECT current_schema()")).scalar() or "public"
        self.held: dict[str, int] = {}

    def try_acquire(self, code: str) -> bool:
        key = advisory_key(self.schema, code)
        if self.conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar():
            self.held[code] = key
            return True
        return False

    def release_all(self) -> None:
        try:
            for key in self.held.values():
                self.conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
        except DBAPIError as exc:  # the connection is gone, and the server released its session locks with it
            log.warning(
                "the run-lock connection was lost (%s); its locks went with it",
                str(getattr(exc, "orig", exc)).strip().splitlines()[0] if str(exc).strip() else exc,
            )
        self.held.clear()

    def close(self) -> None:
        try:
            self.release_all()
        finally:
            self.conn.invalidate()  # never hand a connection that might still hold a lock back to the pool
            self.conn.close()


class _FileLocks:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        self.held: dict[str, int] = {}

    def try_acquire(self, code: str) -> bool:
        import fcntl

        fd = os.open(self.directory / f"{code}.lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, f"{socket.gethostname()} {os.getpid()}\n".encode())
        self.held[code] = fd
        return True

    def release_all(self) -> None:
        import fcntl

        for fd in self.held.values():
            try:
                fcntl.flock(fd, fcntl.LOCK_UN)
            finally:
                os.close(fd)
        self.held.clear()

    def close(self) -> None:
        self.release_all()


def lock_directory(db: Database, fallback: Path) -> Path:
    """Where the SQLite run locks live: next to the database file."""
    database = db.engine.url.database
    if db.engine.url.get_backend_name() == "sqlite" and database and database != ":memory:":
        path = Path(database).expanduser().resolve()
        return path.parent / f"{path.name}.locks"
    return fallback / "locks"


def _backend(db: Database, fallback: Path) -> _PostgresLocks | _FileLocks:
    if db.engine.url.get_backend_name() == "postgresql":
        return _PostgresLocks(db.engine)
    return _FileLocks(lock_directory(db, fallback))


def _try_all(backend: _PostgresLocks | _FileLocks, codes: list[str]) -> list[str]:
    """Take every lock or none; returns the busy codes.

    Stops at the first busy one: holding the later ones for a moment, only to
    let them go, would make a third run find them busy with no run to name.
    """
    for code in codes:
        if code not in backend.held and not backend.try_acquire(code):
            backend.release_all()
            return [code]
    return []


def holders(session: Session, codes: list[str]) -> str:
    """Which runs are checking these jurisdictions, in words."""
    rows = session.scalars(
        select(Run).where(Run.status == "running", Run.trigger.in_(RUN_TRIGGERS)).order_by(Run.id)
    ).all()
    found = [r for r in rows if set(r.jurisdictions or ()) & set(codes)]
    if not found:
        return "another run that is just starting or finishing"
    return "; ".join(
        f"run {r.id} ({r.trigger}, started {r.started_at:%Y-%m-%d %H:%M} UTC on {r.host or '?'}, pid {r.pid or '?'})"
        for r in found
    )


def mark_abandoned(session: Session, codes: list[str], by_run: str = "") -> list[int]:
    """Runs still marked running over jurisdictions whose locks we hold: their process is gone, on any host."""
    ids = []
    rows = session.scalars(select(Run).where(Run.status == "running", Run.trigger.in_(RUN_TRIGGERS))).all()
    for run in rows:
        if set(run.jurisdictions or ()) & set(codes):
            run.status = "interrupted"
            run.finished_at = run.finished_at or _now()
            run.error = run.error or (
                f"the run's process ended without finishing (killed, crashed or its host went down); "
                f"found {by_run or 'by a later run'}"
            )
            ids.append(run.id)
    return ids


def _now():
    from datetime import UTC, datetime

    return datetime.now(UTC)


@dataclass
class LockOutcome:
    acquired: bool
    message: str | None = None  # why not acquired, or how long it waited
    waited: float = 0.0


def _states(codes: list[str]) -> str:
    return ", ".join(codes) if len(codes) <= 8 else f"{', '.join(codes[:8])} and {len(codes) - 8} more"


@contextmanager
def run_lock(
    db: Database,
    codes: list[str],
    on_overlap: str = "wait",
    wait_minutes: float = 240.0,
    say: Callable[[str], None] | None = None,
    fallback_dir: Path = Path("."),
    poll: float = POLL_SECONDS,
) -> Iterator[LockOutcome]:
    """Hold the locks of `codes` for the block; `outcome.acquired` is False when skipped or given up."""
    say = say or log.info
    codes = sorted(dict.fromkeys(c.upper() for c in codes))
    backend = _backend(db, fallback_dir)
    try:
        busy = _try_all(backend, codes)
        if not busy:
            yield LockOutcome(True)
            return
        with db.session() as session:
            holder = holders(session, busy)
        if on_overlap == "skip":
            yield LockOutcome(
                False,
                f"Skipped: {_states(busy)} {'is' if len(busy) == 1 else 'are'} being checked by "
                f"{holder}; on_overlap is 'skip', so this run does not start.",
            )
            return
        limit = f"at most {wait_minutes:g} min" if wait_minutes else "with no time limit"
        say(
            f"Waiting: {_states(busy)} {'is' if len(busy) == 1 else 'are'} being checked by {holder}; "
            f"this run starts when that one has finished (on_overlap is 'wait', {limit})."
        )
        started = time.monotonic()
        deadline = started + wait_minutes * 60 if wait_minutes else None
        while busy:
            if deadline is not None and time.monotonic() >= deadline:
                yield LockOutcome(
                    False,
                    f"Skipped: gave up after waiting {wait_minutes:g} min for {_states(busy)}, "
                    f"still being checked by {holder} (lock_wait_minutes).",
                    time.monotonic() - started,
                )
                return
            time.sleep(poll if deadline is None else max(min(poll, deadline - time.monotonic()), 0.01))
            busy = _try_all(backend, codes)
            if busy:
                with db.session() as session:
                    holder = holders(session, busy)
        waited = time.monotonic() - started
        say(f"Lock acquired after waiting {waited:.0f} s; starting the run.")
        yield LockOutcome(True, f"waited {waited:.0f} s for an overlapping run", waited)
    finally:
        backend.close()
