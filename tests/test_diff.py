"""The field-level diff: values, not wording; classified; with a direction."""

from __future__ import annotations

import copy
from datetime import UTC, datetime

import pytest

from tests.test_normalize import snapshot_pages
from tracker import registry
from tracker.diff import (
    NO_VALUE,
    FieldChange,
    against_history,
    diff,
    direction,
    evidence_pairs,
    passage_diff,
    values_hash,
    word_diff,
)
from tracker.normalize import normalize

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
        "changed",
        "requirement",
        "conditional",
        "prohibited",
        "tightened",
    )
    assert change.summary == "Injections: status: conditional → prohibited (tightened)"


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


@pytest.mark.parametrize(
    "path,old,new,expected",
    [
        ("credential.requirement", "none", "training", "tightened"),
        ("credential.requirement", "registration", "none", "loosened"),
        ("credential.requirement", "unknown", "none", "neutral"),
        ("tasks.iv.status", "prohibited", "conditional", "loosened"),
        ("supervision", "general", "onsite", "tightened"),
        ("education.min_clock_hours", 720, 600, "loosened"),
        ("education.min_clock_hours", "none", 600, "tightened"),
        ("credential.national_certifications", ["CMA (AAMA)"], ["CMA (AAMA)", "RMA (AMT)"], "loosened"),
        ("citations", ["A"], ["B"], "neutral"),
    ],
)
def test_direction(path, old, new, expected):
    assert direction(path, old, new) == expected


def test_first_record_has_no_changes(wa):
    assert diff(None, wa) == []


# --- noise control and evidence highlighting (issue 4) ----------------------------------------


def _fc(path, old, new, category="requirement", kind="changed"):
    return FieldChange(
        field=path,
        kind=kind,
        old=old,
        new=new,
        category=category,
        direction=direction(path, old, new) if category == "requirement" else None,
        evidence_before=[],
        evidence_after=[],
    )


def test_every_classification_of_a_field_change(wa):
    """requirement (with direction), administrative, text, extraction; fetch problems come from the pipeline."""
    rule = copy.deepcopy(wa)
    rule["education"]["min_clock_hours"]["value"] = 900
    admin = copy.deepcopy(wa)
    admin["regulators"][0]["name"] = "Washington State Department of Health, renamed"
    text = copy.deepcopy(wa)
    text["sources"][1]["content_hash"] = "sha256:" + "9" * 64
    broken = copy.deepcopy(wa)
    broken["supervision"] = {"value": "unspecified", "evidence": []}
    got = {
        name: [(c.category, c.kind, c.direction) for c in diff(wa, new)]
        for name, new in {"rule": rule, "admin": admin, "text": text, "broken": broken}.items()
    }
    assert got == {
        "rule": [("requirement", "changed", "tightened")],
        "admin": [("administrative", "changed", None)],
        "text": [("text", "changed", None)],
        "broken": [("extraction", "removed", None)],
    }


def test_a_return_to_a_recent_value_is_a_flap_reported_once():
    fc, audience = against_history(_fc("supervision", "onsite", "general"), ["general", "onsite"])
    assert (fc.kind, fc.direction, audience) == ("flap", None, "compliance")
    assert fc.summary.startswith("Supervision level: back to general after reading onsite")
    fc, audience = against_history(_fc("supervision", "onsite", "general"), ["general", "onsite"], flap_reported=True)
    assert (fc.kind, audience) == ("flap", "none")
    fc, audience = against_history(_fc("supervision", "onsite", "direct"), ["general", "onsite"])
    assert (fc.kind, fc.direction, audience) == ("changed", "tightened", "compliance")


def test_a_value_readable_again_is_an_extraction_recovery_not_a_rule():
    fc, audience = against_history(_fc("education.min_clock_hours", "unknown", 600, kind="added"), ["unknown"], 600)
    assert (fc.kind, fc.category, fc.direction, audience) == ("restored", "extraction", None, "health")
    fc, audience = against_history(_fc("education.min_clock_hours", "unknown", 720, kind="added"), ["unknown"], 600)
    assert (fc.kind, fc.category, fc.old, fc.direction, audience) == (
        "changed",
        "requirement",
        600,
        "tightened",
        "compliance",
    )
    fc, audience = against_history(_fc("education.min_clock_hours", "unknown", 720, kind="added"), [], NO_VALUE)
    assert (fc.kind, fc.category, audience) == ("added", "requirement", "compliance")
    fc, audience = against_history(_fc("education.min_clock_hours", 600, "unknown", "extraction", "removed"), [600])
    assert (fc.kind, audience) == ("removed", "health")


def test_word_diff_marks_only_the_changed_words():
    before, after = word_diff("at least 600 clock hours of instruction", "at least 720 clock hours of training")
    assert [t for t, changed in before if changed] == ["600", "instruction"]
    assert [t for t, changed in after if changed] == ["720", "training"]
    assert " ".join(t for t, _ in after) == "at least 720 clock hours of training"


def test_evidence_pairs_match_similar_sentences_and_leave_strangers_alone():
    b = [
        {"source_id": "s", "excerpt": "The program must consist of at least 600 clock hours."},
        {"source_id": "s", "excerpt": "Fees are listed on the fees page."},
    ]
    a = [
        {"source_id": "s", "excerpt": "Supervisors must be on site."},
        {"source_id": "s", "excerpt": "The program must consist of at least 720 clock hours."},
    ]
    pairs = evidence_pairs(b, a)
    assert (pairs[0][0]["excerpt"][-16:], pairs[0][1]["excerpt"][-16:]) == ("600 clock hours.", "720 clock hours.")
    assert pairs[1] == (b[1], None) and pairs[2] == (None, a[0])


def test_passage_diff_gives_a_wording_change_its_evidence():
    before = ["Medical assistants", "Answers to common questions.", "Unchanged paragraph."]
    after = ["Medical assistants", "Questions people ask us.", "Unchanged paragraph.", "A new paragraph."]
    ev_before, ev_after = passage_diff(before, after, "ca-faq")
    assert [e["excerpt"] for e in ev_before] == ["Answers to common questions."]
    assert [e["excerpt"] for e in ev_after] == ["Questions people ask us.", "A new paragraph."]
    assert {e["source_id"] for e in ev_before + ev_after} == {"ca-faq"}
