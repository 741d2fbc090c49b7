"""Noise control, through the real pipeline after the crawl (stored fetches -> settle_jurisdiction):

- a value that flips back to a recently seen one is reported once, as a flap;
- an intermittent fetch failure alerts only after N consecutive failures, once,
  and once more on recovery; a definite one (moved, 404) alerts at once;
- a value that comes back after going missing is an extraction recovery, not a rule change;
- nothing is ever alerted twice.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from tests.tracking import settle, snapshot_items
from tracker import storage
from tracker.alerts import dispatch
from tracker.db import Database
from tracker.health import is_transient
from tracker.models import Change, Fetch, SourceHealth

T0 = datetime(2026, 5, 1, 12, tzinfo=UTC)
OLD = snapshot_items("2026-05-01", "WA")  # 600 clock hours
NEW = snapshot_items("2026-11-01", "WA")  # 720 clock hours
NY = snapshot_items("2026-05-01", "NY")


def _changes(db, code):
    with db.session() as s:
        return storage.list_changes(s, code=code)


def _alerted_ids(settings):
    path = settings.output_dir / "alerts.jsonl"
    return [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


@pytest.fixture
def db(settings):
    database = Database(settings.database_url)
    yield database
    database.dispose()


def test_a_value_flipping_back_is_reported_once_as_a_flap(settings, db, capsys):
    settings = replace(settings, flap_window_days=30)
    assert settle(db, "WA", OLD, T0, settings).result == "baseline"
    assert settle(db, "WA", NEW, T0 + timedelta(days=1), settings).result == "changed"
    dispatch(db, settings)
    [first] = _changes(db, "WA")
    assert (first.kind, first.old_value, first.new_value, first.direction) == ("changed", 600, 720, "tightened")

    # back to 600 two days later: not a second rule change, one flap
    settle(db, "WA", OLD, T0 + timedelta(days=2), settings)
    flap = _changes(db, "WA")[-1]
    assert (flap.kind, flap.category, flap.old_value, flap.new_value) == ("flap", "requirement", 720, 600)
    assert flap.direction is None and flap.audience == "compliance" and flap.supersedes_id == first.id
    assert "flips between values" in flap.summary

    # and again to 720, and back to 600: recorded for the record, alerted to nobody
    settle(db, "WA", NEW, T0 + timedelta(days=3), settings)
    settle(db, "WA", OLD, T0 + timedelta(days=4), settings)
    repeats = _changes(db, "WA")[2:]
    assert [(c.kind, c.audience) for c in repeats] == [("flap", "none"), ("flap", "none")]

    dispatch(db, settings)
    dispatch(db, settings)
    assert sorted(_alerted_ids(settings)) == [first.id, flap.id]  # each alerted once; the repeats never
    with db.session() as s:
        assert all(s.get(Change, c.id).alerted_at is None for c in repeats)
    out = capsys.readouterr().out
    assert out.count(f"(change #{flap.id})") == 1

    # long after the window, the same move is a change again
    settle(db, "WA", NEW, T0 + timedelta(days=60), settings)
    late = _changes(db, "WA")[-1]
    assert (late.kind, late.old_value, late.new_value, late.audience) == ("changed", 600, 720, "compliance")


def test_a_page_alternating_between_two_versions_is_one_flap_not_a_wording_change_each_run(settings, db):
    old, new = snapshot_items("2026-05-01", "CA"), snapshot_items("2026-11-01", "CA")  # a redesign, same rules
    settle(db, "CA", old, T0, settings)
    settle(db, "CA", new, T0 + timedelta(days=1), settings)
    wording = _changes(db, "CA")
    assert wording and {(c.category, c.kind, c.audience) for c in wording} == {("text", "changed", "compliance")}
    settle(db, "CA", old, T0 + timedelta(days=2), settings)
    flaps = _changes(db, "CA")[len(wording) :]
    assert {(c.category, c.kind, c.audience) for c in flaps} == {("text", "flap", "compliance")}
    assert all("alternates between versions" in c.summary for c in flaps)
    for day in (3, 4, 5):
        settle(db, "CA", new if day % 2 else old, T0 + timedelta(days=day), settings)
    repeats = _changes(db, "CA")[len(wording) + len(flaps) :]
    assert repeats and {(c.kind, c.audience) for c in repeats} == {("flap", "none")}
    dispatch(db, settings)
    assert sorted(_alerted_ids(settings)) == sorted(c.id for c in wording + flaps)


def test_flap_detection_can_be_switched_off(settings, db):
    settings = replace(settings, flap_window_days=0)
    for day, items in enumerate([OLD, NEW, OLD]):
        settle(db, "WA", items, T0 + timedelta(days=day), settings)
    assert [(c.kind, c.direction) for c in _changes(db, "WA")] == [("changed", "tightened"), ("changed", "loosened")]


def _failing(items, source_id, **fields):
    out = []
    for item in items:
        if item["source_id"] == source_id:
            item = {**item, "body": None, "content_type": None, **fields}
        out.append(item)
    return out


def test_intermittent_failures_alert_after_n_in_a_row_once_and_once_on_recovery(settings, db):
    settings = replace(settings, failure_alert_threshold=3)
    timeout = _failing(NY, "ny-op-utilization-of-mas", http_status=None, error="TimeoutError: took longer than 30 s")
    assert settle(db, "NY", NY, T0, settings).result == "baseline"

    day = iter(range(1, 100))
    results = [settle(db, "NY", timeout, T0 + timedelta(days=next(day)), settings) for _ in range(2)]
    assert [r.result for r in results] == ["fetch-problem", "fetch-problem"]
    assert results[1].changes == [] and "failure 2 in a row; alerts at 3" in results[1].detail
    assert _changes(db, "NY") == []

    third = settle(db, "NY", timeout, T0 + timedelta(days=next(day)), settings)
    [problem] = _changes(db, "NY")
    assert third.changes == [problem.id]
    assert (problem.category, problem.kind, problem.audience) == ("fetch", "problem", "health")
    assert "TimeoutError" in problem.summary

    # still failing, now with another reason: the open problem is not alerted again
    fourth = settle(
        db,
        "NY",
        _failing(NY, "ny-op-utilization-of-mas", http_status=503, error="the site answered HTTP 503"),
        T0 + timedelta(days=next(day)),
        settings,
    )
    assert fourth.changes == [] and len(_changes(db, "NY")) == 1
    with db.session() as s:
        health = s.get(SourceHealth, ("NY", "medical-assistant", "ny-op-utilization-of-mas"))
        assert health.consecutive_failures == 4 and "503" in health.last_error

    recovered = settle(db, "NY", NY, T0 + timedelta(days=next(day)), settings)
    problem_, recovery = _changes(db, "NY")
    assert recovered.result == "unchanged" and recovered.changes == [recovery.id]
    assert (recovery.kind, recovery.supersedes_id) == ("recovered", problem.id)
    with db.session() as s:
        assert s.get(SourceHealth, ("NY", "medical-assistant", "ny-op-utilization-of-mas")).consecutive_failures == 0

    dispatch(db, settings)
    dispatch(db, settings)
    assert sorted(_alerted_ids(settings)) == [problem.id, recovery.id]


def test_a_source_that_fails_now_and_then_never_alerts(settings, db):
    settings = replace(settings, failure_alert_threshold=2)
    flaky = _failing(NY, "ny-op-unlicensed-medication", http_status=502, error="the site answered HTTP 502")
    settle(db, "NY", NY, T0, settings)
    for day in range(1, 9):
        settle(db, "NY", flaky if day % 2 else NY, T0 + timedelta(days=day), settings)
    assert _changes(db, "NY") == []


def test_a_definite_failure_alerts_at_once(settings, db):
    settings = replace(settings, failure_alert_threshold=5)
    gone = _failing(NY, "ny-op-unlicensed-medication", http_status=404, error="the site answered HTTP 404")
    settle(db, "NY", NY, T0, settings)
    outcome = settle(db, "NY", gone, T0 + timedelta(days=1), settings)
    [problem] = _changes(db, "NY")
    assert outcome.result == "fetch-problem" and outcome.changes == [problem.id]
    assert "HTTP 404" in problem.summary


@pytest.mark.parametrize(
    "fields,transient",
    [
        ({"error": "TimeoutError: x", "http_status": None}, True),
        ({"http_status": 503}, True),
        ({"http_status": 429}, True),
        ({"http_status": 404}, False),
        ({"http_status": 410}, False),
        ({"http_status": 200, "final_url": "https://elsewhere.example.org/"}, False),
    ],
)
def test_which_failures_are_intermittent(fields, transient):
    fetch = Fetch(url="https://www.op.nysed.gov/a", **fields)
    assert is_transient(fetch) is transient
    assert is_transient(None) is True  # not fetched at all in this run


def test_a_value_that_comes_back_after_going_missing_is_not_a_rule_change(settings, db):
    missing = [{**i, "body": re.sub(rb"600 (clock )?hours", b"the required hours", i["body"])} for i in OLD]
    settle(db, "WA", OLD, T0, settings)
    settle(db, "WA", missing, T0 + timedelta(days=1), settings)
    [gone] = _changes(db, "WA")
    assert (gone.category, gone.kind, gone.audience) == ("extraction", "removed", "health")

    settle(db, "WA", OLD, T0 + timedelta(days=2), settings)
    back = _changes(db, "WA")[-1]
    assert (back.category, back.kind, back.audience, back.new_value) == ("extraction", "restored", "health", 600)
    assert "readable again" in back.summary

    # gone again, and back with another value: compliance staff hear 600 -> 720, the value they last knew
    settle(db, "WA", missing, T0 + timedelta(days=40), settings)
    settle(db, "WA", NEW, T0 + timedelta(days=41), settings)
    real = [c for c in _changes(db, "WA") if c.category == "requirement"]
    assert [(c.kind, c.old_value, c.new_value, c.direction) for c in real] == [("changed", 600, 720, "tightened")]


def test_nothing_is_alerted_twice_across_runs(settings, db):
    settle(db, "WA", OLD, T0, settings)
    settle(db, "WA", NEW, T0 + timedelta(days=1), settings)
    for _ in range(3):
        dispatch(db, settings)
        settle(db, "WA", NEW, T0 + timedelta(days=2), settings)  # same pages: nothing new
    ids = _alerted_ids(settings)
    assert len(ids) == len(set(ids)) == 1
