"""A page that suddenly says far less than its last good version is a broken page, not repealed rules.

Through the real pipeline after the crawl (stored fetches -> settle_jurisdiction), on SQLite and
PostgreSQL: the last good pages first, then one or all of them replaced by what a broken site serves with
status 200 (a "page not found" page, a login wall that itself talks about medical assistants, a page cut
off half-way). Each must be an extraction problem for engineers, with the last good facts kept (one broken
page among good ones: its last good version carried into the record; every page: the record held whole),
and never a set of "removed" requirements or a "wording changed" alert for compliance staff. A real edit of the
same pages still goes through as a requirement change.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.faults import bodies
from tests.faults.runs import snapshot_pages as snapshot_items
from tests.tracking import settle
from tracker import storage
from tracker.db import Database
from tracker.diff import known_value_count, values_hash
from tracker.models import Change, ExtractionFailure
from tracker.settlement import COVERAGE_FLOOR, SHRINK_MIN_FINDINGS

T0 = datetime(2026, 5, 1, 12, tzinfo=UTC)


@pytest.fixture
def db(settings):
    database = Database(settings.database_url)
    yield database
    database.dispose()


def _replace(items, source_id: str, body: bytes) -> list[dict]:
    out = [dict(i) for i in items]
    [target] = [i for i in out if i["source_id"] == source_id]
    target["body"], target["content_type"] = body, "text/html; charset=utf-8"
    return out


def _state(db, code):
    with db.session() as s:
        current = storage.current_version(s, code, "medical-assistant")
        changes = storage.list_changes(s, code=code)
        failures = s.query(ExtractionFailure).filter(ExtractionFailure.jurisdiction == code).all()
        return current.id, current.record, changes, failures


def _assert_extraction_problem(db, code: str, before_id: int, outcome, words: str) -> Change:
    current_id, _record, changes, failures = _state(db, code)
    assert outcome.result == "extraction-problem", outcome.detail
    assert words in outcome.detail
    assert current_id == before_id  # the last good record stays current
    new = [c for c in changes if c.id in outcome.changes]
    assert [(c.category, c.kind, c.field, c.audience) for c in new] == [("extraction", "problem", "record", "health")]
    assert not [c for c in changes if c.kind == "removed" or c.category in ("requirement", "administrative", "text")]
    assert failures and words in failures[-1].reason  # what it read is kept for the engineers
    return new[0]


@pytest.mark.parametrize("page", ["soft 404", "login wall", "half-rendered"])
def test_one_broken_page_among_good_ones_is_carried_and_an_extraction_problem(settings, db, page):
    """The page's last good version is carried into the record (marked with the day it read well), the
    engineers hear of that source, compliance staff hear nothing; once it reads well again, one recovery."""
    good = snapshot_items("2026-05-01", "WA")
    assert settle(db, "WA", good, T0, settings).result == "baseline"
    _, before, _, _ = _state(db, "WA")
    target = "wa-doh-medical-assistant"
    original = next(i["body"] for i in good if i["source_id"] == target)
    broken = {
        "soft 404": bodies.soft_404(),
        "login wall": bodies.login_wall(),
        "half-rendered": bodies.half_rendered(original, keep=0.1),
    }[page]
    outcome = settle(db, "WA", _replace(good, target, broken), T0 + timedelta(days=1), settings)
    assert outcome.result == "extraction-problem", outcome.detail
    _, record, changes, _ = _state(db, "WA")
    new = [c for c in changes if c.id in outcome.changes]
    assert [(c.category, c.kind, c.field, c.audience) for c in new] == [
        ("extraction", "problem", f"reading.{target}", "health")
    ]
    assert "error page served with status 200, a login wall or a page that did not finish loading" in new[0].summary
    assert f"source {target}" in new[0].summary and "carried until it reads well again" in new[0].summary
    assert not [c for c in changes if c.category in ("requirement", "administrative", "text")]
    assert values_hash(record) == values_hash(before)  # the same facts, carried
    [entry] = [s for s in record["sources"] if s["source_id"] == target]
    [old_entry] = [s for s in before["sources"] if s["source_id"] == target]
    assert entry["content_hash"] == old_entry["content_hash"] and entry["carried_from"] == old_entry["fetched_at"]
    assert any(w.startswith(f"source {target} ") for w in record["extraction"]["warnings"])

    # still broken the next day: nothing new, nobody told again
    again = settle(db, "WA", _replace(good, target, broken), T0 + timedelta(days=2), settings)
    assert again.result == "extraction-problem" and again.changes == []

    # the page comes back: one recovery for engineers, nothing for compliance staff, no carried marks
    back = settle(db, "WA", good, T0 + timedelta(days=3), settings)
    assert back.result == "unchanged"
    _, record, changes, _ = _state(db, "WA")
    assert [(c.category, c.kind, c.field) for c in changes if c.id in back.changes] == [
        ("extraction", "recovered", f"reading.{target}")
    ]
    assert not [s for s in record["sources"] if "carried_from" in s]
    assert values_hash(record) == values_hash(before)


def test_a_login_wall_that_talks_about_medical_assistants_is_caught_by_the_coverage_floor(settings, db):
    """The only source of a state turns into a sign-in page: it mentions medical assistants, so it is not
    rejected as a page about something else; it states no rule, so the record would lose almost every
    value. COVERAGE_FLOOR makes that an extraction problem, not a dozen 'removed' requirements."""
    good = snapshot_items("2026-05-01", "CO")
    assert len(good) == 1
    assert settle(db, "CO", good, T0, settings).result == "baseline"
    before_id, record, _, _ = _state(db, "CO")
    assert b"medical assistant" in bodies.login_wall()
    outcome = settle(
        db, "CO", _replace(good, good[0]["source_id"], bodies.login_wall()), T0 + timedelta(days=1), settings
    )
    _assert_extraction_problem(db, "CO", before_id, outcome, f"down from {known_value_count(record)}")
    assert "login wall" in outcome.detail
    _, _, _, failures = _state(db, "CO")
    kept = failures[-1].record  # the record it would have written, for the engineers to look at
    assert kept is not None and known_value_count(kept) < COVERAGE_FLOOR * known_value_count(record)


def test_every_page_an_error_page_is_an_extraction_problem(settings, db):
    good = snapshot_items("2026-05-01", "NY")
    settle(db, "NY", good, T0, settings)
    before_id = _state(db, "NY")[0]
    broken = [dict(i, body=bodies.soft_404()) for i in good]
    outcome = settle(db, "NY", broken, T0 + timedelta(days=1), settings)
    _assert_extraction_problem(db, "NY", before_id, outcome, "no requirement facts found in any source")


def test_a_small_page_may_shrink_and_a_real_edit_is_still_a_requirement_change(settings, db):
    """The per-page check needs a page that said something (SHRINK_MIN_FINDINGS findings) and now says far
    less; ordinary edits, such as Washington's 600 -> 720 clock hours, are changes as always."""
    assert SHRINK_MIN_FINDINGS >= 2
    settle(db, "WA", snapshot_items("2026-05-01", "WA"), T0, settings)
    outcome = settle(db, "WA", snapshot_items("2026-11-01", "WA"), T0 + timedelta(days=1), settings)
    assert outcome.result == "changed"
    _, _, changes, _ = _state(db, "WA")
    assert ("education.min_clock_hours", 600, 720, "tightened") in {
        (c.field, c.old_value, c.new_value, c.direction) for c in changes
    }


def test_every_test_docs_faults_md_names_exists():
    """docs/faults.md and the tests stay in step: each `tests/<file>.py::<test>` it names is a test there."""
    import re

    from tests.conftest import REPO

    doc = (REPO / "docs" / "faults.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`(tests/[\w/]+\.py)(?:::(\w+))?", doc))
    assert len(named) >= 10
    for path, test in named:
        source = REPO / path
        assert source.is_file(), path
        if test:
            assert re.search(rf"^def {test}\(", source.read_text(encoding="utf-8"), re.M), f"{path}::{test}"


def test_the_soak_section_of_docs_faults_md_names_every_soak_test_and_only_those():
    """docs/faults.md's Soak section and tests/test_soak.py stay in step: each test it names (bare, as
    `test_...`) is a test in tests/test_soak.py, and each test there is named in the section."""
    import re

    from tests.conftest import REPO

    doc = (REPO / "docs" / "faults.md").read_text(encoding="utf-8")
    section = doc[doc.index("### Soak (`tests/test_soak.py`)") :]
    section = section[: section.index("\n## ")]
    named = set(re.findall(r"`(test_\w+)`", section))
    defined = set(re.findall(r"^def (test_\w+)\(", (REPO / "tests" / "test_soak.py").read_text(encoding="utf-8"), re.M))
    assert named - defined == set(), "named in docs/faults.md's Soak section, but not a test in tests/test_soak.py"
    assert defined - named == set(), "tests in tests/test_soak.py that docs/faults.md's Soak section does not name"
