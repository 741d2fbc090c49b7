"""The first-run schema race: any number of processes opening an empty or an old database at once end
with one upgrade and every process proceeding (issue 17, point 1), on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.conftest import REPO
from tracker.db import Database, DatabaseError, current_revision, head_revision, make_engine, upgrade

# every child waits for the same moment, then opens the database (which migrates it when it is behind)
CHILD = textwrap.dedent(
    """
    import sys, time
    from tracker.db import Database
    start = float(sys.argv[2])
    time.sleep(max(0.0, start - time.time()))
    with Database(sys.argv[1]) as db:
        with db.session() as s:
            s.execute(__import__("sqlalchemy").text("SELECT 1"))
    print("ok")
    """
)


def _race(url: str, n: int, cwd: Path) -> list[subprocess.CompletedProcess]:
    start = time.time() + 3.0  # time enough for every interpreter to start and import
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD, url, str(start)],
            cwd=cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(n)
    ]
    done = []
    for p in procs:
        out, err = p.communicate(timeout=180)
        done.append(subprocess.CompletedProcess(p.args, p.returncode, out, err))
    return done


@pytest.mark.parametrize("n", [4])
def test_processes_racing_on_an_empty_database_all_proceed_after_one_upgrade(db_url, tmp_path, n):
    results = _race(db_url, n, tmp_path)
    for r in results:
        assert r.returncode == 0 and r.stdout.strip() == "ok", r.stderr[-2000:]
        assert "Traceback" not in r.stderr
    engine = make_engine(db_url)
    try:
        assert current_revision(engine) == head_revision(engine)
        with engine.connect() as conn:
            versions = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalars().all()
        assert versions == [head_revision(engine)]  # one upgrade recorded, not one per process
    finally:
        engine.dispose()


def test_processes_racing_on_an_old_database_all_proceed(db_url, tmp_path):
    from alembic import command

    from tracker.db import alembic_config

    engine = make_engine(db_url)
    command.upgrade(alembic_config(engine), "0001")  # an install from before the change-tracking schema
    engine.dispose()
    for r in _race(db_url, 3, tmp_path):
        assert r.returncode == 0, r.stderr[-2000:]
    engine = make_engine(db_url)
    try:
        assert current_revision(engine) == head_revision(engine)
    finally:
        engine.dispose()


def test_upgrade_when_already_current_does_nothing(db_url):
    with Database(db_url) as db:
        before, after = upgrade(db.engine)
    assert before == after


def test_a_failed_migration_is_named_with_the_database_and_no_false_server_advice(tmp_path):
    url = f"sqlite:///{tmp_path / 'broken.db'}"
    engine = make_engine(url)
    with engine.begin() as conn:  # a table in the way of the first migration, as a half-finished copy leaves
        conn.execute(sa.text("CREATE TABLE page_bodies (x INTEGER)"))
    try:
        with pytest.raises(DatabaseError) as caught:
            upgrade(engine)
    finally:
        engine.dispose()
    message = str(caught.value)
    assert "migration 0001" in message and "broken.db" in message
    assert "already exists" in message and "licensure db upgrade" in message
    assert "server is running" not in message


def test_an_unreachable_server_is_still_named_as_unreachable():
    with pytest.raises(DatabaseError) as caught:
        Database("postgresql+psycopg://someone:Secret-pw@127.0.0.1:9/nowhere")
    assert "Cannot reach the database" in str(caught.value) and "Secret-pw" not in str(caught.value)
