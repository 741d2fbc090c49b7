"""Citation rules: statute, regulation and bill identifiers in canonical form.

Citations read whole sentences (@reads("sentence")): a list of sections
separated by semicolons must not be cut into clauses. The shared layouts are
CITATION_PATTERNS; a state module adds its own style with citation(...).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from tracker.normalize.rules import Finding, Rule, is_hypothetical, reads


def _numbers(text: str) -> list[str]:
    return re.findall(r"\d+(?:\.\d+)*(?:\([a-z0-9]+\))*", text)


CITATION_PATTERNS: list[tuple[str, re.Pattern[str], Callable[[re.Match[str]], list[str]]]] = [
    ("statute", re.compile(r"\bRCW\s+(\d+[A-Z]?\.\d+(?:\.\d+)?)"), lambda m: [f"RCW {m.group(1)}"]),
    ("regulation", re.compile(r"\bWAC\s+(\d+-\d+(?:-\d+)?)"), lambda m: [f"WAC {m.group(1)}"]),
    (
        "statute",
        re.compile(
            r"\b(?:Business and Professions|Bus\.? ?& ?Prof\.?|B ?& ?P) Code,?\s*(?:sections?|§§?|sec\.)?\s*"
            r"((?:\d+(?:\.\d+)?(?:,\s*|\s*(?:and|through|to)\s*)?)+)",
            re.I,
        ),
        lambda m: [f"Cal. Bus. & Prof. Code § {n}" for n in _numbers(m.group(1))],
    ),
    (
        "statute",
        re.compile(
            r"\b(?:Health and Safety|Health ?& ?Safety|H ?& ?S) Code,?\s*(?:sections?|§§?)?\s*"
            r"((?:\d+(?:\.\d+)?(?:,\s*|\s*(?:and|through)\s*)?)+)",
            re.I,
        ),
        lambda m: [f"Cal. Health & Safety Code § {n}" for n in _numbers(m.group(1))],
    ),
    (
        "regulation",
        re.compile(
            r"\bTitle 16,?\s*(?:of the )?(?:California Code of Regulations|CCR|Cal\.? Code Regs\.?)"
            r",?\s*(?:sections?|§§?)?\s*((?:\d+(?:\.\d+)?(?:,\s*|\s*(?:and|through)\s*)?)+)",
            re.I,
        ),
        lambda m: [f"16 CCR § {n}" for n in _numbers(m.group(1))],
    ),
    (
        "regulation",
        re.compile(
            r"\b16 (?:CCR|Cal\.? Code Regs\.?),?\s*(?:sections?|§§?)?\s*((?:\d+(?:\.\d+)?(?:,\s*|\s*(?:and|"
            r"through)\s*)?)+)",
            re.I,
        ),
        lambda m: [f"16 CCR § {n}" for n in _numbers(m.group(1))],
    ),
    (
        "statute",
        re.compile(
            r"\b(?:N\.?Y\.? )?(?:Education|Educ\.) Law,?\s*(?:sections?|§§?)?\s*((?:\d+(?:\(\d+\))?(?:,\s*|"
            r"\s*(?:and)\s*)?)+)",
            re.I,
        ),
        lambda m: [f"N.Y. Educ. Law § {n}" for n in _numbers(m.group(1))],
    ),
    (
        "regulation",
        re.compile(r"\b(\d+)\s*NYCRR\s*(?:Part |section |§ ?)?(\d+(?:\.\d+)?(?:\([a-z0-9]+\))*)", re.I),
        lambda m: [f"{m.group(1)} NYCRR {m.group(2)}"],
    ),
    (
        "regulation",
        re.compile(r"\b(\d+)\s*AAC\s*(\d+\.\d+)"),
        lambda m: [f"{m.group(1)} AAC {m.group(2)}"],
    ),
    (
        "bill",
        re.compile(
            r"(?<!§)(?<!§ )\b((?:E?2?S?S?HB|E?2?S?SB|AB|SB|HB|HF|SF|LD)\s?-?\d{2,5}[A-Z]?|(?:S|A|H)\d{3,5}[A-Z]?)\b"
            r"|\b(Senate|House|Assembly) Bill(?: No\.)?\s*(\d{2,5}[A-Z]?)\b"
        ),
        lambda m: (
            [re.sub(r"^([A-Z]{2,})\s?-?(?=\d)", r"\1 ", m.group(1))]
            if m.group(1)
            else [f"{m.group(2)[0]}B {m.group(3)}"]
        ),
    ),
]


@reads("sentence")
def citation_rule(clause: str) -> Iterable[Finding]:
    """Statute, regulation and bill identifiers in canonical form."""
    pending = is_hypothetical(clause)
    for kind, pattern, canon in CITATION_PATTERNS:
        for m in pattern.finditer(clause):
            for ident in canon(m):
                if kind == "bill" and not re.search(r"\d{2,}", ident):
                    continue
                status = "pending" if (kind == "bill" and pending) else ("unknown" if kind == "bill" else "in-force")
                yield Finding("citations", {"kind": kind, "identifier": ident, "status": status})


def citation(kind: str, pattern: str, template: str, flags: int = 0) -> Rule:
    """A state's own citation style, e.g. citation("statute", r"A\\.R\\.S\\. § ?(\\d+-\\d+)", "A.R.S. § {0}").

    `template` is formatted with the pattern's groups; the result is the
    canonical identifier, so differently worded references to one section match.
    """
    compiled = re.compile(pattern, flags)

    def rule(clause: str) -> Iterable[Finding]:
        pending = kind == "bill" and is_hypothetical(clause)
        for m in compiled.finditer(clause):
            status = "pending" if pending else ("unknown" if kind == "bill" else "in-force")
            yield Finding("citations", {"kind": kind, "identifier": template.format(*m.groups()), "status": status})

    rule.__name__ = f"citation_{kind}"
    return reads("sentence")(rule)
