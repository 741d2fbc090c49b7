"""Every change carries the sentences that support its old and new values, each sentence once, and the
report marks changed words only where words changed.

Pure checks of `tracker.diff.change_evidence` and the report's evidence rows, then real runs (the
snapshot replay server over loopback HTTP, the crawl subprocess) from the older bundled snapshot to the
newer one for the states whose planned changes are rule changes, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import re

from tracker import registry, storage
from tracker.db import Database
from tracker.diff import Value, change_evidence
from tracker.models import Change
from tracker.pipeline import execute_run
from tracker.reports import _evidence
from tracker.snapshots import resolve_snapshot


def _ev(text: str, source: str = "s") -> dict[str, str]:
    return {"source_id": source, "excerpt": text}


def test_a_renumbered_citation_carries_the_sentences_of_the_old_and_the_new_number():
    kept = [_ev("Under § 1 the board may ...")]
    b = Value(
        ["§ 1", "§ 2"], kept + [_ev("Section 2 defines ...")], {"§ 1": kept, "§ 2": [_ev("Section 2 defines ...")]}
    )
    a = Value(
        ["§ 1", "§ 3"], kept + [_ev("Section 3 defines ...")], {"§ 1": kept, "§ 3": [_ev("Section 3 defines ...")]}
    )
    assert change_evidence(b, a) == ([_ev("Section 2 defines ...")], [_ev("Section 3 defines ...")])


def test_each_sentence_once_and_a_sentence_both_sides_hold_is_left_out_where_others_remain():
    same, new = _ev("The state does not license medical assistants."), _ev("They must complete 8 hours of training.")
    before, after = change_evidence(Value("none", [same, same]), Value("training", [same, same, new]))
    assert before == [same]  # the only sentence of its side: kept
    assert after == [new]


def _change(before: list[dict], after: list[dict]) -> Change:
    return Change(evidence_before=before, evidence_after=after)


def test_changed_words_are_marked_only_where_words_changed():
    same = _ev("A medical assistant may give injections under supervision.")
    [row] = _evidence(_change([same], [same]))
    assert row.before is None and row.after is not None and not row.marked  # shown once, nothing marked
    [row] = _evidence(_change([_ev("at least 600 clock hours")], [_ev("at least 720 clock hours")]))
    assert row.marked and [t.text for t in row.after if t.changed] == ["720"]


def test_a_sentence_repeated_in_a_stored_change_is_shown_once():
    same, old, new = _ev("Supervision is required."), _ev("at least 600 clock hours"), _ev("at least 720 clock hours")
    rows = _evidence(_change([same, old, same, old], [same, new, same]))  # as older releases stored some changes
    shown = [
        (r.before and " ".join(t.text for t in r.before), r.after and " ".join(t.text for t in r.after)) for r in rows
    ]
    assert shown == [(None, "Supervision is required."), ("at least 600 clock hours", "at least 720 clock hours")]


PLANNED = ["CT", "IL", "NM", "SC", "UT", "WA"]  # rule changes of every kind (2026-11-01/planned-changes.json)


def test_every_change_of_a_real_run_carries_its_supporting_sentences_once(settings):
    jurisdictions = registry.select(",".join(PLANNED))
    execute_run(settings, jurisdictions, resolve_snapshot("2026-05-01"))
    newer = execute_run(settings, jurisdictions, resolve_snapshot("2026-11-01"))
    db = Database(settings.database_url)
    try:
        with db.session() as s:
            changes = [c for c in storage.list_changes(s, run_id=newer.run_id) if c.category == "requirement"]
    finally:
        db.dispose()
    assert {c.jurisdiction for c in changes} == set(PLANNED)
    for c in changes:
        for side in (c.evidence_before, c.evidence_after):
            assert len({(e["source_id"], e["excerpt"]) for e in side}) == len(side), c.summary  # each once
        assert c.evidence_after, c.summary  # a new value is never without its sentence
        if c.kind == "changed" and not isinstance(c.old_value, list):  # a list that only grew: the new items
            assert c.evidence_before, c.summary
    by = {(c.jurisdiction, c.field): c for c in changes}
    sc = by[("SC", "citations")]  # a renumbered definition: 40-47-20(56) -> (57)
    assert [e["excerpt"] for e in sc.evidence_before] == [
        e["excerpt"] for e in sc.evidence_before if "40-47-20(56)" in e["excerpt"]
    ]
    assert sc.evidence_after and all("40-47-20(57)" in e["excerpt"] for e in sc.evidence_after)
    ct = by[("CT", "credential.requirement")]  # none -> training: the training sentence first
    assert re.search(r"\btrain", ct.evidence_after[0]["excerpt"], re.I)
    wa = by[("WA", "education.min_clock_hours")]
    assert any("720" in e["excerpt"] for e in wa.evidence_after)
    assert any("600" in e["excerpt"] for e in wa.evidence_before)

    html = (settings.output_dir / "reports" / f"run-{newer.run_id}.html").read_text(encoding="utf-8")
    blocks = html.split("Evidence from ")[1:]
    marked = [b for b in blocks if b.split(":", 1)[0].endswith("(changed words marked)")]
    assert marked  # WA's 600 -> 720, SC's (56) -> (57)...
    for block in blocks:
        body = block.split("</div>", 1)[0]
        head = block.split(":", 1)[0]
        assert head.endswith("(changed words marked)") == ("<del>" in body or "<ins>" in body), block[:300]
