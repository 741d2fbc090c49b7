"""The field-level diff: values, not wording; classified; with a direction."""

from __future__ import annotations

import copy
from datetime import UTC, datetime

import pytest

from tracker import registry
from tracker.diff import diff, direction, values_hash
from tracker.normalize import normalize

from tests.test_normalize import snapshot_pages

NOW = datetime(2026, 11, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def wa() -> dict:
    return normalize(registry.get("WA"), snapshot_pages("2026-11-01", "WA"), now=NOW).record


def test_identical_values_with_other_wording_are_not_a_change(wa):
    other = copy.deepcopy(wa)
    for ev in other["tasks"]["injections"]["evidence"]:
        ev["excerpt"] = "Reworded: " + ev["excerpt"]
    other["extraction"]["extracted_at"] = "2027-01-01T00:00:00Z"
    assert diff(wa, other) == []
    assert values_hash(wa) == values_hash(other)


def test_task_status_change_is_a_requirement_change_with_direction(wa):
    new = copy.deepcopy(wa)
    new["tasks"]["injections"]["status"] = "prohibited"
    new["tasks"]["injections"]["conditions"] = {}
    [change] = [c for c in diff(wa, new) if c.field == "tasks.injections.status"]
    assert (change.kind, change.category, change.old, change.new, change.direction) == (
        "changed", "requirement", "conditional", "prohibited", "tightened")
    assert "Injections: status: conditional → prohibited (tightened)" == change.summary


def test_a_value_that_disappears_is_an_extraction_problem_not_a_repeal(wa):
    new = copy.deepcopy(wa)
    new["credential"]["requirement"] = {"value": "unknown", "evidence": []}
    [change] = diff(wa, new)
    assert (change.kind, change.category, change.direction) == ("removed", "extraction", None)


def test_page_changed_but_no_field_changed_is_a_text_change(wa):
    new = copy.deepcopy(wa)
    new["sources"][0]["content_hash"] = "sha256:" + "0" * 64
    [change] = diff(wa, new)
    assert change.category == "text" and change.field == f"sources.{new['sources'][0]['source_id']}"


def test_regulator_change_is_administrative(wa):
    new = copy.deepcopy(wa)
    new["regulators"][0]["url"] = "https://doh.wa.gov/new"
    [change] = diff(wa, new)
    assert change.category == "administrative" and change.direction is None


@pytest.mark.parametrize("path,old,new,expected", [
    ("credential.requirement", "none", "training", "tightened"),
    ("credential.requirement", "registration", "none", "loosened"),
    ("credential.requirement", "unknown", "none", "neutral"),
    ("tasks.iv.status", "prohibited", "conditional", "loosened"),
    ("supervision", "general", "onsite", "tightened"),
    ("education.min_clock_hours", 720, 600, "loosened"),
    ("education.min_clock_hours", "none", 600, "tightened"),
    ("credential.national_certifications", ["CMA (AAMA)"], ["CMA (AAMA)", "RMA (AMT)"], "loosened"),
    ("citations", ["A"], ["B"], "neutral"),
])
def test_direction(path, old, new, expected):
    assert direction(path, old, new) == expected


def test_first_record_has_no_changes(wa):
    assert diff(None, wa) == []
