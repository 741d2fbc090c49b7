"""SIGTERM/SIGINT during a run: the crawl is abandoned cleanly, the last steps finish once started."""

from __future__ import annotations

import os
import signal
import time

import pytest

from tracker import health, pipeline, registry, shutdown, storage
from tracker.db import Database
from tracker.models import RecordVersion, Run
from tracker.pipeline import execute_run
from tracker.runlock import run_lock
from tracker.snapshots import resolve_snapshot


def _signal_self(sig: int = signal.SIGTERM) -> None:
    os.kill(os.getpid(), sig)
    time.sleep(0.2)  # the handler runs here


def test_outside_the_last_steps_a_signal_stops_at_once_and_handlers_come_back():
    before = signal.getsignal(signal.SIGTERM)
    with shutdown.signals_handled():
        with pytest.raises(shutdown.Stop) as stopped:
            _signal_self()
        assert stopped.value.signame == "SIGTERM" and isinstance(stopped.value, KeyboardInterrupt)
    assert signal.getsignal(signal.SIGTERM) is before


def test_in_the_last_steps_the_first_signal_waits_and_a_second_one_stops():
    with shutdown.signals_handled():
        with shutdown.finishing():
            _signal_self()
            finished = True  # not interrupted
        assert finished and shutdown.stop_requested() == "SIGTERM"
    with shutdown.signals_handled(), pytest.raises(shutdown.Stop), shutdown.finishing():
        _signal_self()
        _signal_self(signal.SIGINT)


def test_a_stopped_crawl_marks_the_run_interrupted_and_frees_its_states(settings, monkeypatch):
    def stopped_crawl(*args, **kwargs):
        raise shutdown.Stop("SIGTERM")

    monkeypatch.setattr(pipeline, "crawl", stopped_crawl)
    db = Database(settings.database_url)
    try:
        with pytest.raises(shutdown.Stop):
            execute_run(settings, registry.select("WA,CA"), db=db)
        with db.session() as s:
            [run] = s.query(Run).all()
            assert run.status == "interrupted" and run.finished_at is not None
            assert run.error.startswith("stopped by SIGTERM; the pages fetched so far are kept")
        with run_lock(db, ["WA", "CA"], "skip", 0, fallback_dir=settings.data_dir) as lock:
            assert lock.acquired
    finally:
        db.dispose()


def test_a_signal_after_the_crawl_lets_the_run_finish(settings, monkeypatch):
    check = health.check_staleness

    def signal_while_settling(*args, **kwargs):
        _signal_self()  # SIGTERM arrives while the run is settling
        return check(*args, **kwargs)

    monkeypatch.setattr(health, "check_staleness", signal_while_settling)
    summary = execute_run(settings, registry.select("WA"), resolve_snapshot("2026-05-01"))
    assert summary.status == "succeeded" and shutdown.stop_requested() == "SIGTERM"
    db = Database(settings.database_url)
    try:
        with db.session() as s:
            assert s.get(Run, summary.run_id).status == "succeeded"
            assert s.query(RecordVersion).count() == 1
            assert storage.current_version(s, "WA", "medical-assistant") is not None
    finally:
        db.dispose()
