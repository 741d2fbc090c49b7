"""Older -> newer bundled snapshot, every jurisdiction: exactly the planned outcomes.

The plan lives in scrapers/snapshots/2026-11-01/planned-changes.json; a
jurisdiction not listed there must come out unchanged, with no change at all.
"""

from __future__ import annotations

import json

from tests.conftest import SNAPSHOTS
from tracker import registry, storage
from tracker.db import Database
from tracker.pipeline import execute_run
from tracker.snapshots import resolve_snapshot

PLAN = json.loads((SNAPSHOTS / "2026-11-01" / "planned-changes.json").read_text(encoding="utf-8"))["jurisdictions"]


def _shape(change, planned: dict) -> dict:
    actual = {
        "category": change.category,
        "field": change.field,
        "kind": change.kind,
        "old": change.old_value,
        "new": change.new_value,
        "direction": change.direction,
    }
    return {key: actual[key] for key in planned}


def test_plan_names_only_known_jurisdictions():
    assert set(PLAN) <= set(registry.all_jurisdictions())
    assert len(PLAN) >= 3


def test_older_to_newer_produces_exactly_the_planned_outcomes(sqlite_settings):
    jurisdictions = list(registry.all_jurisdictions().values())
    baseline = execute_run(sqlite_settings, jurisdictions, resolve_snapshot("2026-05-01"))
    assert {o.result for o in baseline.outcomes} == {"baseline"}, [
        o for o in baseline.outcomes if o.result != "baseline"
    ]

    newer = execute_run(sqlite_settings, jurisdictions, resolve_snapshot("2026-11-01"))
    outcomes = {o.code: o.result for o in newer.outcomes}
    db = Database(sqlite_settings.database_url)
    with db.session() as s:
        changes = storage.list_changes(s, run_id=newer.run_id)
    db.dispose()

    problems = []
    for code in outcomes:
        planned = PLAN.get(code, {"outcome": "unchanged", "changes": []})
        if outcomes[code] != planned["outcome"]:
            problems.append(f"{code}: outcome {outcomes[code]!r}, planned {planned['outcome']!r}")
        got = [c for c in changes if c.jurisdiction == code]
        unmatched = list(got)
        for want in planned["changes"]:
            match = next((c for c in unmatched if _shape(c, want) == want), None)
            if match is None:
                problems.append(f"{code}: planned change {want} did not happen")
            else:
                unmatched.remove(match)
        problems += [f"{code}: unplanned change {c.category} {c.field}: {c.summary}" for c in unmatched]
    assert problems == [], "\n".join(problems)
