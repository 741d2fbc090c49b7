"""Paraphrase invariance: every rule sentence of the newest bundled snapshot, reworded (same meaning,
other words), must leave the state's record where it was, or, where the rewording cannot be read,
drop the field to unknown (an extraction problem for engineers), never move it to another value.

Rule sentences are the sentences behind the record's evidence (every value but citations). Each is
reworded by every rewriter in tests/paraphrase.py that fits its shape (passive voice, number words,
"only X may", "no ... may ... unless", "is limited to", the condition first, "is permitted to"),
one sentence at a time, and the record is rebuilt with the project's own reading code.

Not every rewording is read yet (issue 12): tests/paraphrase_floor.json holds, per kind, how many
reworded sentences must stay invariant (a floor that may only rise) and the exact reworded
sentences known to move a value today (a list that may only shrink). Any other move fails.
`python -m tests.test_paraphrase --write-floor` raises the floors to what is measured and drops
the known moves that no longer happen; it never lowers a floor or adds a move.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import pytest

from tests import paraphrase as P
from tests.test_expected import NOW, newest_pages
from tracker import registry
from tracker.diff import diff
from tracker.normalize import _excerpt, assemble, read_candidates, read_page
from tracker.normalize.text import document, sentences

FLOOR = Path(__file__).parent / "paraphrase_floor.json"
OUTCOMES = ("invariant", "unread", "moved")


@dataclass(frozen=True)
class Case:
    code: str
    source_id: str
    kind: str
    sentence: str
    rewrite: str
    outcome: str  # the record: invariant | unread (a value went to unknown) | moved (a value changed)
    reading: str  # the sentence itself: same (the same findings) | lost (some missing) | different (another)
    changes: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        digest = hashlib.sha1(self.sentence.encode("utf-8")).hexdigest()[:10]
        return f"{self.code}|{self.source_id}|{self.kind}|{digest}"


def rule_excerpts(record: dict) -> set[tuple[str, str]]:
    """(source, excerpt) of every value's evidence but the citations' (identifiers, not rules)."""
    facts = [*record["credential"].values(), *record["education"].values(), record["supervision"]]
    facts += list(record["tasks"].values())
    return {(e["source_id"], e["excerpt"]) for f in facts for e in f["evidence"]}


def findings(cands, excerpt: str) -> Counter:
    """What one sentence yields: (field, value, conditions) of its weighted findings, citations aside."""
    return Counter(
        (c.field, json.dumps(c.value, sort_keys=True), json.dumps(c.conditions, sort_keys=True))
        for c in cands
        if c.excerpt == excerpt and c.weight > 0 and c.field != "citations"
    )


def reading(before: Counter, after: Counter) -> str:
    if before == after:
        return "same"
    return "lost" if not (after - before) else "different"


def outcome(changes: list) -> str:
    if not changes:
        return "invariant"
    if all(c.category == "extraction" and c.kind == "removed" for c in changes):
        return "unread"
    return "moved"


RULE_SENTENCES: set[tuple[str, str, str]] = set()  # (state, source, sentence) of every rule sentence found


def _cases_for(code: str) -> list[Case]:
    jur = registry.get(code)
    pages = newest_pages(code)
    readings = [read_page(jur, p) for p in pages]
    base = assemble(jur, pages, readings, now=NOW).record
    wanted = rule_excerpts(base)
    seen: set[tuple[str, str, str]] = set()
    out = []
    for i, page in enumerate(pages):
        doc = document(page.source_id, page.url, page.body, page.content_type)
        for pi, passage in enumerate(doc.passages):
            if passage.link_only:
                continue
            for si, sentence in enumerate(sentences(passage.text)):
                text = f"{passage.context} {sentence}" if (passage.context and si == 0) else sentence
                if (page.source_id, _excerpt(text)) not in wanted or sentence not in passage.text:
                    continue
                RULE_SENTENCES.add((code, page.source_id, sentence))
                for kind, rewriter in P.REWRITERS.items():
                    new = rewriter(sentence)
                    if not new or new == sentence or (page.source_id, sentence, kind) in seen:
                        continue
                    seen.add((page.source_id, sentence, kind))
                    passages = list(doc.passages)
                    passages[pi] = replace(passage, text=passage.text.replace(sentence, new, 1))
                    reread = read_candidates(replace(doc, passages=passages), page.kind, jur.rules, state=code)
                    now_read = [*readings[:i], replace(readings[i], candidates=tuple(reread)), *readings[i + 1 :]]
                    found = diff(base, assemble(jur, pages, now_read, now=NOW).record)
                    new_text = f"{passage.context} {new}" if (passage.context and si == 0) else new
                    read = reading(
                        findings(readings[i].candidates, _excerpt(text)), findings(reread, _excerpt(new_text))
                    )
                    summaries = tuple(c.summary for c in found)
                    out.append(Case(code, page.source_id, kind, sentence, new, outcome(found), read, summaries))
    return out


@cache
def measure() -> tuple[Case, ...]:
    return tuple(c for code in sorted(registry.all_jurisdictions()) for c in _cases_for(code))


def tally(cases: tuple[Case, ...]) -> dict[str, Counter]:
    """Per kind: how many reworded sentences, and of those each record outcome and sentence reading."""
    out: dict[str, Counter] = {kind: Counter() for kind in P.REWRITERS}
    for c in cases:
        out[c.kind].update(("reworded", c.outcome, c.reading))
    return out


def report(cases: tuple[Case, ...], floor: dict) -> str:
    inv, same = floor.get("invariant", {}), floor.get("sentence_same", {})
    reworded = {(c.code, c.source_id, c.sentence) for c in cases}
    lines = [
        f"{len(RULE_SENTENCES)} rule sentences in the newest snapshot's records; {len(reworded)} reworded by "
        f"at least one kind (the others have no shape a rewriter rewords safely)",
        "per rewording kind: reworded rule sentences; the record: invariant (floor), unknown + extraction "
        "problem, moved; the sentence itself: reads the same (floor), loses a finding, reads another value",
    ]
    for kind, n in tally(cases).items():
        lines.append(
            f"  {kind:13} {n['reworded']:4}  record: invariant {n['invariant']:3} (floor {inv.get(kind, 0):3})"
            f" unread {n['unread']:2} moved {n['moved']:2}  sentence: same {n['same']:3} (floor {same.get(kind, 0):3})"
            f" lost {n['lost']:3} different {n['different']:2}"
        )
    return "\n".join(lines)


def load_floor() -> dict:
    if not FLOOR.exists():
        return {"invariant": {}, "sentence_same": {}, "known_moved": []}
    return json.loads(FLOOR.read_text(encoding="utf-8"))


# --- the rewriters, on their own ------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "before", "after"),
    [
        (
            "passive",
            "Medical assistants may not start or administer intravenous medications.",
            "Intravenous medications may not be started or administered by medical assistants.",
        ),
        (
            "passive",
            "(B) A physician may delegate the administration of injections to an assistant only if he agrees.",
            "(B) The administration of injections may be delegated by a physician to an assistant only if he agrees.",
        ),
        (
            "passive",
            "No. Ohio does not license, certify or register medical assistants, and the Board keeps no list.",
            "No. Medical assistants are not licensed, certified or registered by Ohio, and the Board keeps no list.",
        ),
        (
            "number_words",
            "An MA may give injections after 10 clock hours of training and 720 hours in all (RCW 18.360.050).",
            "An MA may give injections after ten clock hours of training and seven hundred twenty hours in all "
            "(RCW 18.360.050).",
        ),
        (
            "only_may",
            "Medical assistants may not administer intravenous medications.",
            "Only a licensed nurse or physician, not medical assistants, may administer intravenous medications.",
        ),
        (
            "only_may",
            "A medical assistant may take X-rays only if he or she holds a permit.",
            "Only if he or she holds a permit may a medical assistant take X-rays.",
        ),
        (
            "no_unless",
            "A medical assistant may give injections only after completing 10 hours of training.",
            "No medical assistant may give injections unless he or she has completed 10 hours of training.",
        ),
        ("no_unless", "Medical assistants may not start IV lines.", "No medical assistant may start IV lines."),
        (
            "limited_to",
            "A medical assistant may perform venipuncture only after completing 10 hours of training.",
            "Performing venipuncture is limited to medical assistants who have completed 10 hours of training.",
        ),
        (
            "limited_to",
            "Medical assistants may not start IV lines.",
            "Starting IV lines is restricted to licensed nurses and physicians, not medical assistants.",
        ),
        (
            "reordered",
            "The delegating physician shall provide on-site supervision while the drug is administered.",
            "While the drug is administered, the delegating physician shall provide on-site supervision.",
        ),
        (
            "permitted_to",
            "Medical assistants may not start IV lines.",
            "Medical assistants are not permitted to start IV lines.",
        ),
    ],
)
def test_a_rewriter_keeps_the_meaning(kind, before, after):
    assert P.REWRITERS[kind](before) == after


@pytest.mark.parametrize(
    "sentence",
    [
        "Medical assistants may: administer medication by inhalation.",  # a list's lead-in: no object to move
        "The Board stated that a physician may permit an unlicensed individual to administer medication.",
        "Authority: AS 08.64.100; AS 08.64.101.",
        "Under 12 AAC 40.920, a physician may delegate duties.",  # numbers in citations are not quantities
    ],
)
def test_a_rewriter_that_is_unsure_says_nothing(sentence):
    assert P.passive(sentence) is None or "by the board stated" not in P.passive(sentence).lower()
    assert P.number_words_for_numbers(sentence) is None
    assert P.limited_to(sentence) is None and P.only_may(sentence) is None


def test_a_physician_assistant_or_one_credential_type_is_not_every_assistant():
    assert P.only_may("A physician assistant may not delegate IV drugs.") is None
    assert P.limited_to("A physician assistant may not delegate IV drugs.") is None
    # "restricted to nurses" would say the MA-C may not either
    assert P.limited_to("A medical assistant-registered may not perform venipuncture.") is None
    assert P.only_may("A medical assistant-registered may not perform venipuncture.") is None


def test_number_words():
    assert [P.number_words(n) for n in (0, 8, 10, 24, 160, 600, 720, 1000, 1500)] == [
        "zero",
        "eight",
        "ten",
        "twenty-four",
        "one hundred sixty",
        "six hundred",
        "seven hundred twenty",
        "one thousand",
        "one thousand five hundred",
    ]


# --- the bundled snapshot, reworded ------------------------------------------------------------


def test_every_kind_rewords_some_rule_sentences():
    counts = tally(measure())
    assert len(counts) >= 5
    assert all(sum(n.values()) >= 5 for n in counts.values()), report(measure(), load_floor())


def test_reworded_rule_sentences_keep_the_record_or_drop_to_unknown():
    cases, floor = measure(), load_floor()
    message = [report(cases, floor)]
    low = [k for k, n in tally(cases).items() if n["invariant"] < floor["invariant"].get(k, 0)]
    low += [f"{k} (sentence)" for k, n in tally(cases).items() if n["same"] < floor["sentence_same"].get(k, 0)]
    if low:
        message.append(f"fewer reworded sentences stay invariant than the floor for: {', '.join(low)}")
    known = set(floor["known_moved"])
    new_moves = [c for c in cases if c.outcome == "moved" and c.key not in known]
    for c in new_moves:
        message.append(f"MOVED {c.key}\n    was: {c.sentence}\n    now: {c.rewrite}\n    -> {'; '.join(c.changes)}")
    assert not low and not new_moves, "\n".join(message)


def write_floor() -> None:
    """Raise the floors to what is measured; keep only the known moves that still happen."""
    cases, old = measure(), load_floor()
    moved = {c.key for c in cases if c.outcome == "moved"}
    known = moved if not FLOOR.exists() else moved & set(old["known_moved"])
    refused = sorted(moved - known)
    counts = tally(cases)
    new = {
        "invariant": {k: max(n["invariant"], old["invariant"].get(k, 0)) for k, n in counts.items()},
        "sentence_same": {k: max(n["same"], old.get("sentence_same", {}).get(k, 0)) for k, n in counts.items()},
        "known_moved": sorted(known),
    }
    FLOOR.write_text(json.dumps(new, indent=2) + "\n", encoding="utf-8")
    print(report(cases, new))
    if refused:
        print("not added (new moves must be fixed, not listed):", *refused, sep="\n  ")


if __name__ == "__main__":
    if sys.argv[1:] == ["--write-floor"]:
        write_floor()
    else:
        print(report(measure(), load_floor()))
