"""Gates: a rule skips a text that cannot hold what its patterns match, shown from the patterns themselves.

rules.needs_digit reads a compiled pattern's parsed form and says whether every string it matches
holds a digit; the citation layouts use it to skip sentences without one. These tests pin what it
may and may not conclude, and that the gate is on for the shared layouts (a layout added without a
digit turns it off: slower, never different).
"""

from __future__ import annotations

import re

import pytest

from tracker.normalize import citations
from tracker.normalize.rules import has_digit, needs_digit

NEEDS = [r"\d", r"(?:x\d+|y[0-9])", r"(?i)\bHB\s?-?\d{2,5}\b", r"(?<!§)\b(\d+)\s*NYCRR", r"a(?>\d)", r"7", r"[3-5]{2}"]
MAY_NOT = [
    r"a|\d",
    r"\d?",
    r"\d{0,3}",
    r"[^a]",
    r"[0-9a]",
    r"(?=\d)",
    r".",
    r"(\d)?x",
    r"Medical Practice Act",
    r"[0-z]",
]


@pytest.mark.parametrize("pattern", NEEDS)
def test_a_pattern_every_match_of_which_holds_a_digit_is_gated(pattern):
    compiled = re.compile(pattern)
    assert needs_digit(compiled)
    assert not compiled.search("no numbers in this sentence at all, HB or NYCRR")


@pytest.mark.parametrize("pattern", MAY_NOT)
def test_a_pattern_that_may_match_without_a_digit_is_not(pattern):
    assert not needs_digit(re.compile(pattern))


def test_the_shared_citation_layouts_are_gated():
    assert citations._LAYOUTS_NEED_DIGIT
    assert has_digit("RCW 18.360.050") and has_digit("\u0663") and not has_digit("the Medical Practice Act")


def test_a_sentence_without_a_digit_reads_the_same_citations_through_the_gate():
    # a state's code name printed without any number cites nothing, gate or not; with one it cites
    rule = citations.citation("statute", r"Medical Practice Act(?: § (\d+))?", "MPA {0}")
    assert not needs_digit(re.compile(r"Medical Practice Act(?: § (\d+))?"))
    assert [f.value["identifier"] for f in rule("Under the Medical Practice Act, assistants may help.")] == ["MPA None"]
    gated = citations.citation("statute", r"Medical Practice Act § (\d+)", "MPA {0}")
    assert [f.value["identifier"] for f in gated("Under the Medical Practice Act § 12, assistants may help.")] == [
        "MPA 12"
    ]
    assert list(gated("Under the Medical Practice Act, assistants may help.")) == []
