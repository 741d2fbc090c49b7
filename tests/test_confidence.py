"""How sure is a value: every value in a record says whether a rule sentence stated it or the
normalizer inferred it; `show`, the change report and the exports mark inferred values, and a
change of `read` alone is no field change."""

from __future__ import annotations

import copy
import csv
import io
import json
from datetime import UTC, datetime, timedelta

import lxml.html
import openpyxl
import pytest

from tests.test_expected import newest_record
from tests.tracking import settle, snapshot_items
from tracker import registry, reports, storage
from tracker.commands.records import INFERRED, _print_record
from tracker.db import Database
from tracker.diff import diff, read_of, values_hash
from tracker.exports import Options, build_table, render
from tracker.normalize import Candidate, Page, build_record
from tracker.records import problems

NOW = datetime(2026, 11, 1, tzinfo=UTC)
T0 = datetime(2026, 5, 1, 12, tzinfo=UTC)


def _page(source_id: str, kind: str) -> Page:
    return Page(source_id, f"https://example.gov/{source_id}", kind, b"x", "text/html", NOW, 200, "sha256:" + "0" * 64)


def _cand(field: str, value, source_id: str, kind: str, read: str = "stated", order: int = 1, **conditions):
    excerpt = f"{source_id} says {field} is {value} ({order})."
    return Candidate(field, value, conditions, 1, source_id, kind, excerpt, order, read)


def _record(cands: list[Candidate], pages: list[Page]) -> dict:
    return build_record(registry.get("CA"), pages, cands, now=NOW).record


def value_objects(record: dict) -> list[tuple[str, dict]]:
    """Every value object of a record, by field path."""
    out = [(f"credential.{k}", f) for k, f in record["credential"].items()]
    out += [(f"education.{k}", f) for k, f in record["education"].items()]
    out += [("supervision", record["supervision"])]
    out += [(f"tasks.{k}", f) for k, f in record["tasks"].items()]
    out += [(f"citations.{c['identifier']}", c) for c in record["citations"]]
    return out


@pytest.mark.parametrize("code", ["CA", "CT", "WA", "AZ"])
def test_every_value_of_a_bundled_record_says_how_it_was_read(code):
    record = newest_record(code)
    assert record["schema_version"] == "1.1.0" and problems(record) == []
    assert all(fact["read"] in ("stated", "inferred") for _, fact in value_objects(record))


def test_new_records_must_say_how_each_value_was_read_and_old_records_stay_valid():
    record = newest_record("CA")
    missing = copy.deepcopy(record)
    del missing["tasks"]["iv"]["read"], missing["citations"][0]["read"], missing["education"]["exam"]["read"]
    assert {p.path for p in problems(missing)} == {"$.tasks.iv", "$.citations[0]", "$.education.exam"}

    old = copy.deepcopy(record)  # a record stored before schema 1.1.0: no `read` anywhere
    old["schema_version"] = "1.0.0"
    for _, fact in value_objects(old):
        del fact["read"]
    assert problems(old) == []
    assert all(read_of(old, path) == "stated" for path in ("credential.requirement", "tasks.iv.status", "citations"))


def test_a_value_is_stated_if_a_backing_sentence_at_the_winning_rank_states_it():
    pages = [_page("g", "guidance")]
    inferred_only = _record([_cand("tasks.injections", "conditional", "g", "guidance", "inferred")], pages)
    assert inferred_only["tasks"]["injections"]["read"] == "inferred"
    both = [
        _cand("tasks.injections", "conditional", "g", "guidance", "inferred", 1),
        _cand("tasks.injections", "conditional", "g", "guidance", "stated", 2),
    ]
    assert _record(both, pages)["tasks"]["injections"]["read"] == "stated"
    hours = _record([_cand("education.min_clock_hours", 720, "g", "guidance")], pages)["education"]
    assert hours["min_clock_hours"]["read"] == "stated"
    assert hours["exam"] == {"value": "unknown", "evidence": [], "read": "stated"}  # nothing was inferred


def test_a_weaker_source_value_is_inferred_only_where_a_stronger_source_speaks_to_the_field():
    faq_hours = [_cand("education.min_clock_hours", 720, "f", "faq")]
    alone = _record(faq_hours, [_page("f", "faq")])
    assert alone["education"]["min_clock_hours"]["read"] == "stated"
    # a statute that is silent on the field does not make the agency's own statement a guess
    beside_silent_statute = _record(faq_hours, [_page("f", "faq"), _page("s", "statute")])
    assert beside_silent_statute["education"]["min_clock_hours"]["read"] == "stated"
    statute_says = faq_hours + [_cand("education.min_clock_hours", 720, "s", "statute", order=2)]
    assert _record(statute_says, [_page("f", "faq"), _page("s", "statute")])["education"]["min_clock_hours"][
        "read"
    ] == ("stated")
    # the statute speaks to the requirement (none) and the FAQ's "training" wins: check that one first
    disagree = [
        _cand("credential.requirement", "training", "f", "faq", order=1),
        _cand("credential.requirement", "none", "s", "statute", order=2),
    ]
    record = _record(disagree, [_page("f", "faq"), _page("s", "statute")])
    assert record["credential"]["requirement"]["value"] == "training"
    assert record["credential"]["requirement"]["read"] == "inferred"
    beside_bill = _record(  # a bill sets no rule, so it is never the stronger source
        [_cand("credential.requirement", "training", "f", "faq"), _cand("credential.requirement", "none", "b", "bill")],
        [_page("f", "faq"), _page("b", "bill")],
    )
    assert beside_bill["credential"]["requirement"]["read"] == "stated"


def test_values_the_resolution_infers_are_inferred():
    pages = [_page("g", "guidance")]
    disagree = [
        _cand("tasks.venipuncture", "allowed", "g", "guidance", order=1),
        _cand("tasks.venipuncture", "prohibited", "g", "guidance", order=2),
    ]
    task = _record(disagree, pages)["tasks"]["venipuncture"]
    assert (task["status"], task["read"]) == ("conditional", "inferred")

    trained = [
        _cand("credential.requirement", "none", "g", "guidance", order=1),
        _cand("tasks.injections", "conditional", "g", "guidance", order=2, training_hours=10),
    ]
    record = _record(trained, pages)
    assert record["credential"]["requirement"]["value"] == "training"
    assert record["credential"]["requirement"]["read"] == "inferred"  # from the task's training condition
    assert record["tasks"]["injections"]["read"] == "stated"


def test_a_change_of_read_alone_is_no_field_change():
    record = newest_record("CT")
    flipped = copy.deepcopy(record)
    for _, fact in value_objects(flipped):
        fact["read"] = "stated" if fact["read"] == "inferred" else "inferred"
    assert diff(record, flipped) == [] and values_hash(record) == values_hash(flipped)


def test_show_marks_inferred_values(capsys, monkeypatch):
    # one table row per line; rich reads COLUMNS when it prints. Setting `common.out.width` instead would leak:
    # monkeypatch restores a property by setting it, which pins the shared console at the width it had then.
    monkeypatch.setenv("COLUMNS", "400")
    record = newest_record("CT")
    assert record["credential"]["requirement"]["read"] == "inferred"
    _print_record(record, "CT")
    out = capsys.readouterr().out
    line = next(ln for ln in out.splitlines() if "Credential requirement" in ln)
    assert "training" in line and INFERRED.strip() in line
    assert INFERRED.strip() not in next(ln for ln in out.splitlines() if "Task: iv" in ln)


@pytest.fixture
def ct_changed(settings):
    """CT read at the older snapshot, then the newer: the credential requirement becomes `training`, inferred."""
    db = Database(settings.database_url)
    settle(db, "CT", snapshot_items("2026-05-01", "CT"), T0, settings)
    settle(db, "CT", snapshot_items("2026-11-01", "CT"), T0 + timedelta(days=1), settings)
    yield db
    db.dispose()


def test_the_change_report_flags_inferred_new_values_first(ct_changed):
    with ct_changed.session() as s:
        changes = storage.list_changes(s, code="CT")
        req = next(c for c in changes if c.field == "credential.requirement")
        assert (req.old_value, req.new_value) == ("none", "training")
        md = reports.render_markdown("Report", changes, [], s)
        html = reports.render_html("Report", changes, [], s)
        [group] = reports.group(changes, s)
    flagged = [c for c in group.changes if c.inferred]
    assert req.id in {c.id for c in flagged}
    requirement = [c for c in group.changes if c.category == "requirement"]
    assert requirement[: len(flagged)] == flagged  # inferred new values lead their kind of change
    line = next(ln for ln in md.splitlines() if f"change #{req.id}," in ln)
    assert "(inferred — check first)" in line
    assert "Inferred new values (not stated by a rule sentence; check these first): " in md
    card = lxml.html.fromstring(html).get_element_by_id(f"change-{req.id}")
    assert "inferred" in card.get("class").split() and card.cssselect(".badge.inferred")
    assert "style=" not in html and "<script" not in html  # the CSP stays strict: no inline styles or scripts


def test_exports_mark_inferred_cells(ct_changed):
    with ct_changed.session() as s:
        table = build_table(s, Options(states=["CT"]))
        blobs = {kind: render(kind, table) for kind in ("csv", "xlsx", "html", "md", "json")}
    [row] = table.rows
    assert row.cells["credential_requirement"].inferred and not row.cells["task_iv"].inferred

    [line] = list(csv.DictReader(io.StringIO(blobs["csv"].decode("utf-8"))))
    assert line["credential_requirement"] == "training (inferred)" and line["task_iv"] == row.text("task_iv")

    ws = openpyxl.load_workbook(io.BytesIO(blobs["xlsx"]))["Requirements"]
    header = [c.value for c in ws[2]]
    assert ws.cell(row=3, column=header.index("Credential requirement") + 1).value == "training (inferred)"

    page = lxml.html.fromstring(blobs["html"])
    [td] = [td for td in page.cssselect("#states td.inferred") if "training" in td.text_content()]
    assert td.cssselect(".inferred-mark") and page.cssselect(".legend-inferred")
    assert not page.cssselect("[style]")

    assert "training (inferred)" in blobs["md"].decode() and "`(inferred)`:" in blobs["md"].decode()
    cells = json.loads(blobs["json"])["rows"][0]["cells"]
    assert cells["credential_requirement"]["read"] == "inferred" and cells["task_iv"]["read"] == "stated"
    assert cells["credential_requirement"]["text"] == "training"  # the typed text stays the value itself
