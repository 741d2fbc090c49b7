"""Whether one changed page of a jurisdiction went bad, or its text really changed (pure functions).

Each source remembers what it yielded the last time it read well: the current
record's entry for it names that version of the page (its content hash and
when it was fetched), and that version's reading (tracker.readings) gives its
findings and the fields they speak to. A page that now yields none of them, or
fewer, while it looks like an error, login or maintenance page, a truncated
page or a layout the normalizer cannot read, has *degraded*: a source problem
for engineers, and the settlement carries its last good findings into the
record until it reads well again, so no requirement change comes from it.

A page that yields less but otherwise reads as before lost a rule sentence:
that is a requirement change for compliance staff (see `deleted_sentence`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tracker.normalize import PageReading

# a page yielding fewer than this share of its last good version's findings yields "far fewer"
FAR_FEWER = 0.5
# share of the last good version's distinct words a page must keep to "read as before"
READS_AS_BEFORE = 0.5
# a page whose text is the start of its last good version, cut off before this share, is truncated
TRUNCATED_BELOW = 0.75
# a page this short (characters) that says one of these things is that kind of page, whatever else it holds
SHORT_PAGE = 3000

_LOOKS = (
    (
        "an error page served with status 200 (it says the page was not found)",
        re.compile(
            r"\b(?:page|document|content|file)s?\s+(?:you (?:requested|are looking for)\s+)?(?:was |were |is |"
            r"could not be |cannot be |can ?not be )?not (?:be )?found\b|\b404\b|\bno longer (?:available|exists)\b|"
            r"\bdoes not exist\b|\bhas been (?:moved or )?(?:deleted|removed)\b|\ban error (?:has )?occurred\b",
            re.I,
        ),
    ),
    (
        "a login wall (it asks to sign in)",
        re.compile(r"\bsign(?:ed)? in\b|\blog ?in\b|\bpassword\b|\bportal account\b|\bauthenticat", re.I),
    ),
    (
        "a maintenance page",
        re.compile(
            r"\b(?:scheduled |under )?maintenance\b|\btemporarily (?:unavailable|down)\b|"
            r"\bcurrently unavailable\b|\bwill be back\b",
            re.I,
        ),
    ),
)


@dataclass(frozen=True)
class Yield:
    """What a page yields: how many findings, about which fields."""

    facts: int
    fields: frozenset[str]

    @classmethod
    def of(cls, reading: PageReading) -> Yield:
        return cls(len(reading.candidates), frozenset(c.field for c in reading.candidates))

    def describe(self) -> str:
        return f"{self.facts} finding(s) ({', '.join(sorted(self.fields)) or 'no field'})"


_WORD = re.compile(r"[a-z0-9][a-z0-9'.-]{2,}")


def _words(passages: Sequence[str]) -> set[str]:
    return set(_WORD.findall(" ".join(passages).lower()))


def retained(before: Sequence[str], after: Sequence[str]) -> float:
    """The share of the old version's distinct words still found in the new one (rewording keeps most)."""
    old = _words(before)
    return len(old & _words(after)) / len(old) if old else 1.0


def _truncated(before: Sequence[str], after: Sequence[str]) -> bool:
    """The new page is the start of the old one, cut off well before its end."""
    if not after or len(after) >= len(before):
        return False
    head = list(after)
    if list(before[: len(head) - 1]) != head[:-1]:
        return False
    last, counterpart = head[-1], before[len(head) - 1]
    if last != counterpart and not counterpart.startswith(last[: max(len(last) - 40, 1)]):
        return False
    return retained(before, after) < TRUNCATED_BELOW


def looks_broken(before: PageReading, after: PageReading) -> str | None:
    """What the new page looks like when it does not read as its last good version did, or None."""
    text = " ".join(after.passages)
    lead = " ".join(after.passages[:4])
    for label, words in _LOOKS:
        if words.search(lead) or (len(text) <= SHORT_PAGE and words.search(text)):
            return label
    if _truncated(before.passages, after.passages):
        return "a truncated page (it stops part-way through its last good version's text)"
    kept = retained(before.passages, after.passages)
    if kept < READS_AS_BEFORE:
        return (
            f"a page that no longer reads as before (only {kept:.0%} of its last good version's text is left): "
            "a page that did not finish loading or a layout the normalizer cannot read"
        )
    return None


def shrank(before: Yield, after: Yield) -> bool:
    """None of its findings, far fewer (under FAR_FEWER of them), or fewer and none about a field it spoke to."""
    if before.facts == 0:
        return False
    lost_a_field = not before.fields <= after.fields
    return after.facts == 0 or after.facts < FAR_FEWER * before.facts or (lost_a_field and after.facts < before.facts)


@dataclass(frozen=True)
class Degraded:
    """A source whose page went bad in this run: its last good version is carried in the record."""

    source_id: str
    url: str
    since: str  # when the carried version was fetched (ISO 8601, as in the record)
    reason: str


def judge(
    source_id: str,
    url: str,
    since: str,
    before: PageReading,
    after: PageReading | None,
    unreadable: str | None = None,
) -> Degraded | None:
    """Whether a changed page degraded, given its last good reading and its new one (None: it could not be read)."""
    was = Yield.of(before)
    if after is None:
        if was.facts == 0:
            return None
        looks = f"a page the normalizer cannot read ({unreadable or 'unreadable'})"
        now = "nothing"
    else:
        if not shrank(was, Yield.of(after)):
            return None
        found = looks_broken(before, after)
        if found is None:
            return None
        looks, now = found, Yield.of(after).describe()
    day = since[:10]
    return Degraded(
        source_id,
        url,
        since,
        f"source {source_id} ({url}) now yields {now}, down from {was.describe()} when it last read well "
        f"({day}); it looks like {looks}. It may be an error page served with status 200, a login wall or a "
        f"page that did not finish loading: its facts as read on {day} are carried until it reads well again",
    )


def deleted_sentence(excerpt: str, before: Sequence[str], after: Sequence[str]) -> bool:
    """Whether the sentence `excerpt` is gone from a page that otherwise reads as before."""
    tail = excerpt.rstrip("\u2026").strip()[-80:]  # the sentence's end (an excerpt may open with a lead-in)
    if len(tail) < 12 or retained(before, after) < READS_AS_BEFORE:
        return False
    return tail in " ".join(before) and tail not in " ".join(after)
