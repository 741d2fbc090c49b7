"""The whole path, for real: snapshot server on loopback -> Scrapy in a subprocess -> normalize ->
validate -> store (SQLite and PostgreSQL) -> diff -> alerts -> report -> table.

Older snapshot then newer must give exactly the three planned outcomes:
WA a requirement change, CA no requirement change (redesign), NY a source
health problem with the last good record kept.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from tracker import registry, storage
from tracker.db import Database
from tracker.models import Change, Fetch, PageBody, RecordVersion
from tracker.pipeline import execute_run
from tracker.snapshots import resolve_snapshot

STATES = registry.select("WA,CA,NY")


def _run(settings, name):
    return execute_run(settings, STATES, resolve_snapshot(name))


def test_older_then_newer_gives_exactly_the_planned_outcomes(settings):
    first = _run(settings, "2026-05-01")
    assert first.status == "succeeded"
    assert {o.code: o.result for o in first.outcomes} == {"WA": "baseline", "CA": "baseline", "NY": "baseline"}

    db = Database(settings.database_url)
    with db.session() as s:
        ny_before = storage.current_version(s, "NY", "medical-assistant")
        assert ny_before is not None
        assert s.query(Change).count() == 0  # a first record is a baseline, not a change

    # the same snapshot again: every page revalidated with a 304 and found unchanged, nothing new recorded:
    # an unchanged page costs a conditional request and a hash comparison, no stored fetch (only the run's counters)
    with db.session() as s:
        first_pages = s.query(Fetch).filter(Fetch.run_id == first.run_id).count()
        bodies = s.query(PageBody).count()
    again = _run(settings, "2026-05-01")
    assert {o.result for o in again.outcomes} == {"unchanged"}
    with db.session() as s:
        assert s.query(Fetch).filter(Fetch.run_id == again.run_id).count() == 0
        run = storage.get_run(s, again.run_id)
        assert (run.status, run.pages_fetched, run.pages_not_modified, run.pages_failed) == (
            "succeeded",
            0,
            first_pages,
            0,
        )
        assert s.query(PageBody).count() == bodies
        assert s.query(Change).count() == 0
        assert s.query(RecordVersion).count() == 3

    newer = _run(settings, "2026-11-01")
    outcomes = {o.code: o for o in newer.outcomes}
    assert outcomes["WA"].result == "changed"
    assert outcomes["CA"].result == "unchanged"
    assert outcomes["NY"].result == "fetch-problem"

    with db.session() as s:
        changes = storage.list_changes(s, run_id=newer.run_id)
        by_state = {}
        for c in changes:
            by_state.setdefault(c.jurisdiction, []).append(c)

        # WA: the real rule change, with evidence before and after
        [wa] = [c for c in by_state["WA"] if c.category == "requirement"]
        assert (wa.field, wa.old_value, wa.new_value, wa.direction) == (
            "education.min_clock_hours",
            600,
            720,
            "tightened",
        )
        assert any("600 clock hours" in e["excerpt"] for e in wa.evidence_before)
        assert any("720 clock hours" in e["excerpt"] for e in wa.evidence_after)
        assert wa.source_url == "https://app.leg.wa.gov/WAC/default.aspx?cite=246-827-0200"
        assert wa.content_hash.startswith("sha256:")

        # CA: redesigned pages, no requirement change
        assert by_state["CA"] and {c.category for c in by_state["CA"]} == {"text"}

        # NY: the moved page is a health problem; the last good record stays current
        [ny] = by_state["NY"]
        assert ny.category == "fetch" and ny.kind == "problem"
        assert "moved" in ny.summary and "https://www.op.nysed.gov/" in ny.summary
        assert storage.current_version(s, "NY", "medical-assistant").id == ny_before.id
        assert storage.status_for(s, "NY", "medical-assistant").health == "fetch-problem"

    # report, table and alerts were written, and nothing is alerted twice
    report = Path(newer.report_path).read_text(encoding="utf-8")
    assert "600 → 720" in report and "tightened" in report
    assert "moved" in report
    table = Path(newer.table_path).read_text(encoding="utf-8")
    rows = {r["jurisdiction"]: r for r in csv.DictReader(table.splitlines())}
    assert rows["WA"]["min_clock_hours"] == "720"
    assert rows["NY"]["task_injections"] == "prohibited"
    assert rows["NY"]["health"] == "fetch-problem"
    alerted = [json.loads(line) for line in Path(newer.alerts_path).read_text(encoding="utf-8").splitlines()]
    assert sorted(a["id"] for a in alerted) == sorted(c.id for c in changes)

    last = _run(settings, "2026-11-01")
    assert {o.code: o.result for o in last.outcomes} == {"WA": "unchanged", "CA": "unchanged", "NY": "fetch-problem"}
    with db.session() as s:
        assert storage.list_changes(s, run_id=last.run_id) == []  # the same problem is not reported again
    assert len(Path(newer.alerts_path).read_text(encoding="utf-8").splitlines()) == len(alerted)
    db.dispose()


def test_page_bodies_are_stored_once_per_distinct_content(settings):
    _run(settings, "2026-05-01")
    _run(settings, "2026-11-01")
    db = Database(settings.database_url)
    with db.session() as s:
        hashes = {f.content_hash for f in s.query(Fetch).all() if f.content_hash}
        assert s.query(PageBody).count() == len(hashes)
        # the unchanged CA PDF is stored once although both snapshots served it: the newer run got a 304 with
        # the hash the record holds, so it stored no second fetch and no second body, and its new CA record
        # (the other CA pages were redesigned) still cites the PDF with that hash
        pdf = [f for f in s.query(Fetch).all() if f.url.endswith(".pdf")]
        assert len(pdf) == 1
        ca = storage.current_version(s, "CA", "medical-assistant")
        assert ca.version == 2
        assert pdf[0].content_hash in {src["content_hash"] for src in ca.record["sources"]}
    db.dispose()
