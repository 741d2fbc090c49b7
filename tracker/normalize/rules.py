"""Shared phrase rules: how agencies *say* things about medical assistants.

Every rule is a pure function from one clause of text to zero or more
`Finding`s. They look for meaning (a task word plus a permission,
prohibition or condition), not for markup, so the same sentence in a table
cell, a list item, an FAQ answer or a PDF paragraph reads the same.

A state module adds only what its own sources need (a citation style, a
credential name the shared patterns miss) by passing extra rules to the
engine; the shared vocabulary lives here and only here. The credential,
national-certification and education rules are in credential.py; citations
in citations.py. Every rule declares what it reads (@reads).
"""

from __future__ import annotations

import dataclasses
import importlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

# --- vocabulary -------------------------------------------------------------

TASKS = ("injections", "iv", "venipuncture", "medication_administration", "immunizations", "xray")

_ROMAN_CONTEXT = r"(?<!Part )(?<!Title )(?<!Article )(?<!Chapter )(?<!Appendix )(?<!Schedule )(?<!Section )(?<!Level )"
IV_TERMS = re.compile(
    r"(?i:\bintravenous(?:ly)?"
    r"(?: (?:injections?|infusions?|medications?|fluids?|lines?|therapy|catheters?|solutions?|push))?)"
    rf"|{_ROMAN_CONTEXT}\bI\.?V\.?s?\b"
    r"(?i: (?:injections?|infusions?|medications?|fluids?|lines?|therapy|catheters?|push))?",
)
IMMUNIZATION_TERMS = re.compile(
    r"\bimmuni[sz](?:ations?|e|ing)\b|\bvaccin(?:es?|ations?|ate|ating)\b|\bflu shots?\b|\binfluenza shots?\b",
    re.I,
)
INJECTION_TERMS = re.compile(
    r"\binject(?:ions?|ables?|ing|ed)?\b|\bintramuscular(?:ly)?\b|\bsubcutaneous(?:ly)?\b|\bintradermal(?:ly)?\b"
    r"|\bshots?\b|\b(?:IM|SC|ID|SQ)(?:, (?:IM|SC|ID|SQ))*,? (?:and|or) (?:IM|SC|ID|SQ)\b"
    r"|\bplac\w* (?:an? |the )?(?:intradermal )?(?:tuberculin|TB) (?:skin )?tests?\b|\bparenteral\b",
    re.I,
)
VENIPUNCTURE_TERMS = re.compile(
    r"\bveni?puncture|\bvenepuncture|\bphlebotomy\b|\bdraw(?:s|ing)? blood\b|\bblood draw(?:s|ing)?\b"
    r"|\bdraw(?:s|ing)? (?:a )?(?:patient'?s? )?blood|\bskin punctures?\b|\bcapillary (?:punctures?|sticks?)\b"
    r"|\bfinger ?sticks?\b|\bblood (?:specimens?|samples?) (?:by|through) (?:venipuncture|puncture)",
    re.I,
)
MEDICATION_TERMS = re.compile(
    r"\b(?:administ\w*|giv(?:e|es|ing)|provid\w*)\b[^.;:]{0,50}?\bmedications?\b"
    r"|\bmedications?\b[^.;:]{0,30}?\badminist\w*|\bmedication administration\b"
    r"|\badministration of (?:a |any )?(?:medications?|drugs?)\b"
    r"|\badminist\w* (?:oral|topical|inhaled|sublingual)\b|\b(?:administ\w*|giv(?:e|es|ing)) (?:drugs|medicines?)\b"
    r"|\bmedications?\b[^.;:]{0,40}?\bgiven\b|\bdrug administration\b|\bgiving of drugs\b"
    r"|\badminist\w* (?:a |the )?(?:delegated )?drugs?\b",
    re.I,
)
XRAY_TERMS = re.compile(
    r"\bx-?rays?\b|\bradiograph(?:s|y|ic)?\b|\bradiolog(?:ic|ical|y)\b|\bradiation[- ]producing\b"
    r"|\bionizing radiation\b|\blimited[- ](?:scope )?(?:x-?ray|radiograph\w*) (?:permit|license|machine operator)",
    re.I,
)
TASK_PATTERNS: dict[str, re.Pattern[str]] = {
    "iv": IV_TERMS,
    "immunizations": IMMUNIZATION_TERMS,
    "injections": INJECTION_TERMS,
    "venipuncture": VENIPUNCTURE_TERMS,
    "medication_administration": MEDICATION_TERMS,
    "xray": XRAY_TERMS,
}

CERTIFICATIONS = {
    "CMA (AAMA)": re.compile(
        r"\bCMA\b(?: ?\(AAMA\))?|\bCertified Medical Assistant\b(?! ?\(MA-C\))|\bAAMA\b"
        r"|American Association of Medical Assistants"
    ),
    "RMA (AMT)": re.compile(
        r"\bRMA\b(?: ?\(AMT\))?|\bRegistered Medical Assistant\b|\bAmerican Medical Technologists\b|\bAMT\b"
    ),
    "NCMA (NCCT)": re.compile(
        r"\bNCMA\b(?: ?\(NCCT\))?|\bNational Certified Medical Assistant\b|\bNCCT\b"
        r"|National Center for Competency Testing"
    ),
    "CCMA (NHA)": re.compile(
        r"\bCCMA\b(?: ?\(NHA\))?|\bCertified Clinical Medical Assistant\b|\bNHA\b|National Healthcareer Association"
    ),
}
ACCREDITORS = {
    "CAAHEP": re.compile(r"\bCAAHEP\b|Commission on Accreditation of Allied Health Education Programs"),
    "ABHES": re.compile(r"\bABHES\b|Accrediting Bureau of Health Education Schools"),
}

# --- polarity ---------------------------------------------------------------

_NEG = re.compile(
    r"\b(?:may|must|shall|can|could|should|will)\s+(?:not|never)\b|\bcannot\b"
    r"|\b(?:does|do|did)\s+not\s+(?:\w+\s+){0,2}?(?:allow|permit|authori[sz]e|include|extend|let|cover|delegate)\b"
    r"|\b(?:is|are)\s+not\s+(?:\w+\s+){0,2}?"
    r"(?:allowed|permitted|authori[sz]ed|able|within|among|part|included|delegable|eligible|legal|lawful)\b"
    r"|\bcan't\b|\bmay no longer\b"
    r"|\bnot\s+(?:be\s+)?(?:permitted|allowed|authori[sz]ed|able|within|among|part of|included|delegable)\b"
    r"|\bprohibit(?:ed|s|ion)?\b|\bbarred\b|\bforbidden\b|\bnot one of\b|\boutside (?:the|their|an?) (?:\w+ )?scope\b"
    r"|\bno (?:unlicensed|medical assistant)\b|\bnever\b|\bnot to\b|\bexclud(?:ed|es)\b"
    r"|\bonly (?:a |an )?(?:licensed|registered nurses?|physicians?|nurses?|practitioners?)\b"
    r"(?! (?:may|can|must) delegate)"
    r"|^no\b|\?\s*no\b",
    re.I,
)
_NEG_LIFTED = re.compile(
    r"\b(?:unless|until (?:[\w-]+ ){0,4}?(?:has |have )?"
    r"(?:complet\w*|receiv\w*|obtain\w*|pass\w*|is trained|meets|holds?)"
    r"|without (?:first )?(?:completing|having|holding|the|a|an|proper|documented|training|certification)|"
    r"except (?:after|when|if|under|with))\b",
    re.I,
)
_COND = re.compile(
    r"\bonly (?:if|after|when|with|under|upon|by|once|following)\b|\bprovided (?:that|the|they|he|she)\b|"
    r"\bafter (?:completing|completion|successfully|receiving|having)\b|\bupon (?:completion|completing)\b|"
    r"\b(?:must|shall) (?:first )?"
    r"(?:complete|have|hold|be (?:certified|trained|credentialed|registered)|receive|pass|document)\b|"
    r"\bunless\b|\brequir(?:es?|ed|ing)\b"
    r"|\bif (?:the (?:medical assistant|ma)|they|he or she|she|he) (?:has|have|is|are|holds?)\b|"
    r"\bwith (?:appropriate |documented |adequate |proper |specific |additional )?training\b|"
    r"\b(?:who|that) (?:has|have|hold|holds) (?:completed|a|an|current)\b"
    r"|\b(?:has|have) (?:successfully )?completed\b|\bminimum (?:of )?\d+|\bat least \d+|"
    r"\bbefore (?:a|the|any) (?:medical assistant|ma)\b|\bsubject to\b|"
    r"\bonly to (?:a |an |the )?(?:certified |qualified |trained |credentialed |competent )?"
    r"(?:medical assistants?|MAs?|CMAs?|persons?|individuals?|staff)\b",
    re.I,
)
_POS = re.compile(
    r"\b(?:may|can|could)\b(?!\s+not)|\b(?:is|are) (?:permitted|allowed|authori[sz]ed|able|eligible)\b"
    r"|\bpermits (?:a|an|the|medical)\b|\bpermitted\b|"
    r"\bauthori[sz]es\b|\ballow(?:s|ed)?\b|\byes\b|\bwithin (?:the|their) scope\b|\bdelegat(?:e|ed|able)\b",
    re.I,
)
# history, not the rule now: "Before that law, ...", "Prior to 2016, ...", "Previously, ..."; a lead-in with a
# present-tense verb sets a time within the rule: "Before the medical assistant uses a device, ..."
HISTORY_LEAD = (
    r"^\W*(?:before|prior to|until) (?:that|this|the|its|\d{4})\b"
    r"(?![^,]{0,60}\b(?:uses?|gives?|performs?|administers?|begins?|starts?|is|are|has|have|may|can|must|shall|does"
    r"|do|takes?|receives?|accepts?)\b|[^,]{0,60}\b(?:assistants?|MAs?|physicians?|he|she|they|persons?|individuals?)"
    r" (?:\w+ly )?\w+s\b)[^,]{0,60},"
)
_HYPOTHETICAL = re.compile(
    r"\bwould\b|\bpropos(?:ed|es|al)\b|\bpending\b|\bif (?:enacted|passed|adopted|signed)\b|\bhas been introduced\b"
    r"|" + HISTORY_LEAD + r"|^\W*(?:previously|formerly|historically)\b",
    re.I,
)
_CLAUSE_SPLIT = re.compile(
    r";|\s+but\s+(?!only\b|not by\b)|,\s*however,?\s+|\.\s*However,?\s+|\s+whereas\s+"
    r"|\s+while\s+(?=[a-z]+ (?:may|must|can))"
    # ", while intravenous therapy is left to nurses": a new subject; "while the physician is present" conditions
    r"|,\s+while\s+(?=(?:[\w'-]+ ){1,6}?(?:is|are|remains?) "
    r"(?!(?:[\w-]+ ){0,2}?(?:present|on[- ]?site|in|at|available|away|absent|out|there)\b))"
    r"|,?\s+except that\s+",
    re.I,
)


@lru_cache(maxsize=8192)  # pure and called by several rules on the same clause
def classify(clause: str) -> str | None:
    """Polarity of one clause: prohibited / conditional / allowed, or None."""
    if _NEG.search(clause):
        return "conditional" if _NEG_LIFTED.search(clause) else "prohibited"
    if _COND.search(clause):
        return "conditional"
    if _POS.search(clause):
        return "allowed"
    return None


def clauses(sentence: str) -> list[str]:
    """A sentence's clauses; one that opens with a modal verb ("..., but may give medication") takes the
    subject of the clause before it ("Unlicensed assistive personnel may not assess patients")."""
    out: list[str] = []
    for part in (c.strip() for c in _CLAUSE_SPLIT.split(sentence) if c and c.strip()):
        if out and _BARE_MODAL.match(part):
            subject = _SUBJECT.match(out[-1])
            if subject:
                part = f"{subject.group(1)} {part}"
        elif out:
            part = _with_predicate(part, out[-1])
        out.append(part)
    return out


def _with_predicate(part: str, before: str) -> str:
    """'..., but medical assistants may not': the elided verb phrase is the clause before's ("Nurses may start
    IVs once certified" -> "medical assistants may not start IVs"), without that clause's conditions."""
    elided = _ELIDED.match(part)
    pred = _PREDICATE.search(before) if elided else None
    if not elided or not pred:
        return part
    verb_phrase = _PRED_CONDITION.split(pred.group("pred"), maxsplit=1)[0].strip(" ,")
    if not verb_phrase:
        return part
    return f"{elided.group('subj')} {elided.group('modal')} {verb_phrase}{elided.group('tail')}"


_ELIDED = re.compile(
    r"^(?P<subj>(?:[\w'-]+ ){0,6}?[\w'-]+) (?P<modal>(?:may|can|must|shall|should|could|will)(?: not)?|cannot)"
    r"(?: do so)?(?P<tail>\s*(?:[,.;:].*)?)$",
    re.I | re.S,
)
_PREDICATE = re.compile(r"\b(?:may|can|must|shall|should|could|will)\s+(?:not\s+)?(?:also\s+)?(?P<pred>[^,;]+)", re.I)
_PRED_CONDITION = re.compile(
    r"\b(?:once|only|if|after|under|when|unless|provided|with|upon|as long as|in|at|on)\b", re.I
)


_BARE_MODAL = re.compile(r"(?:may|must|shall|can|cannot|should)\b", re.I)
_SUBJECT = re.compile(r"^(.{3,80}?)\s+(?:may|must|shall|can|cannot|should|are|is)\b", re.I)


@lru_cache(maxsize=8192)  # pure and called by several rules on the same clause
def is_hypothetical(text: str) -> bool:
    return bool(_HYPOTHETICAL.search(text))


# --- findings ----------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """One value read from one clause. `field` is a dotted record path."""

    field: str
    value: Any
    conditions: dict[str, Any] = dataclasses.field(default_factory=dict, hash=False, compare=False)
    weight: int = 1
    # how it was read: "stated" by the clause itself, or "inferred" (from a condition, a subgroup,
    # a weaker source); reviewers check inferred values first
    read: str = "stated"


def is_rule_field(name: str) -> bool:
    """Task and supervision fields: the values a clause frame must state as a rule in force."""
    return name.startswith("tasks.") or name == "supervision"


Rule = Callable[[str], Iterable[Finding]]
ReadUnit = Literal["sentence", "clause"]
READ_UNITS: tuple[ReadUnit, ...] = ("sentence", "clause")


def reads(unit: ReadUnit) -> Callable[[Rule], Rule]:
    """Declare what a rule reads: a whole `sentence` (citations: a list of sections
    must not be cut at its semicolons) or one `clause` (everything else).

    read_candidates hands each rule the unit it declares; a rule without a
    declaration is refused when its jurisdiction is declared.
    """
    if unit not in READ_UNITS:
        raise ValueError(f"a rule reads one of {READ_UNITS}, not {unit!r}")

    def declare(rule: Rule) -> Rule:
        setattr(rule, "reads", unit)  # noqa: B010 (a function attribute mypy cannot type)
        return rule

    return declare


def reads_of(rule: Rule) -> ReadUnit | None:
    """The unit a rule declared with @reads, or None if it declared none."""
    unit = getattr(rule, "reads", None)
    return unit if unit in READ_UNITS else None


_HOURS = re.compile(r"(\d{1,2},\d{3}|\d{1,4})[- ](?:total )?(?:clock[- ])?(?:contact[- ])?hours?\b", re.I)


def _hours(text: str) -> list[int]:
    return [int(h.replace(",", "")) for h in _HOURS.findall(text)]


_DIVISION_NUMERAL = re.compile(
    r"\b(?:part|title|article|chapter|appendix|schedule|section|subpart|level|tier|class|phase|stage|division|volume)\s+[IVXL]+\b",
    re.I,
)
_DEFINITION = re.compile(
    r"^\W*(?:as used in [^,]+, )?[\"'\u201c][^\"'\u201d]{2,80}[\"'\u201d] (?:means|includes|refers to)\b", re.I
)


@lru_cache(maxsize=8192)  # pure and called by several rules on the same clause
def is_definition(clause: str) -> bool:
    """'"Unlicensed assistive personnel" means ...' defines a term; it states no rule."""
    return bool(_DEFINITION.search(clause))


def task_mentions(clause: str) -> list[str]:
    """Tasks a clause speaks about; an IV or vaccine mention is not also an 'injection'."""
    return list(_task_mentions(clause))


@lru_cache(maxsize=8192)  # pure and called by several rules on the same clause
def _task_mentions(clause: str) -> tuple[str, ...]:
    found = []
    rest = _DIVISION_NUMERAL.sub(" ", clause)  # "part IV of chapter 468" is not IV therapy
    for task in ("iv", "immunizations"):
        if TASK_PATTERNS[task].search(rest):
            found.append(task)
            rest = TASK_PATTERNS[task].sub(" ", rest)
    for task in ("injections", "venipuncture", "medication_administration", "xray"):
        if TASK_PATTERNS[task].search(rest):
            found.append(task)
    return tuple(found)


_DIRECT = re.compile(r"\bdirect (?:visual )?supervision\b|\bdirectly supervis", re.I)
_REACHABLE = re.compile(r"\bor (?:reachable|available|by (?:tele)?phone|electronically)\b", re.I)


@lru_cache(maxsize=8192)  # pure and called by several rules on the same clause
def supervision_level(text: str) -> str | None:
    """The supervision level a clause states: general, direct or onsite (direct defined as presence is onsite)."""
    if _GENERAL.search(text):
        return "general"
    onsite = _ONSITE.search(text)
    if _DIRECT.search(text):
        # "direct supervision, meaning the physician is in the same office suite": presence, so onsite
        reachable = _REACHABLE.search(text)
        return "onsite" if onsite and _PRESENCE_DEFINED.search(text) and not reachable else "direct"
    return "onsite" if onsite else None


_GENERAL = re.compile(
    r"\bgeneral(?:ly)? supervis|\bsupervises generally\b"
    r"|\bneed not (?:be|remain) (?:physically )?(?:present|on[- ]?site)\b"
    r"|\bavailable (?:[\w-]+ ){0,6}?by (?:tele)?(?:phone|communication|radio)"
    r"|\bcontinuous availability of communication\b"
    r"|\bon[- ]?site supervision is not required\b|\bnot required at all times\b"
    r"|\bneed not be in the office (?:every moment|at all times)\b"
    r"|\bdoes not (?:require|call for) (?:the )?(?:(?:physician|supervisor|podiatrist)(?:'s)? )?(?:to be )?(?:the )?"
    r"physical(?:ly)? presen"
    r"|\bdoes not (?:require|call for) the (?:physician|supervisor) to be (?:at|in|on)\b(?! the (?:same |exam )?room)"
    r"|\bneed not (?:mean|require) that the (?:physician|supervisor) (?:is|be) physically\b",
    re.I,
)
_ONSITE = re.compile(
    r"\bphysically (?:present|there|on site)\b|\bon[- ]?site\b|\bat the bedside\b|\blocated (?:with)?in the office\b"
    r"|\b(?:be|remain|is|are|stays) (?:physically )?(?:present )?(?:in|on|at|within) the (?:same )?"
    r"(?:facility|office|building|suite|clinic|premises|office suite)\b"
    r"|\bimmediately available\b|\bpersonal supervision\b|\bimmediate supervision\b",
    re.I,
)
_PRESENCE_DEFINED = re.compile(
    r"\bmeaning\b|\bwho must be\b|\bi\.e\.|\bthat is\b|\bimmediately available\b"
    r"|\bin the (?:same )?(?:office|facility)",
    re.I,
)


def certifications_in(text: str) -> list[str]:
    return list(_certifications_in(text))


@lru_cache(maxsize=8192)  # pure and called by several rules on the same clause
def _certifications_in(text: str) -> tuple[str, ...]:
    return tuple(name for name, pat in CERTIFICATIONS.items() if pat.search(text))


# --- gates: what every text a pattern matches must contain ----------------------------------------

_DIGIT = re.compile(r"\d")
# the standard library's own parser of patterns (what re.compile reads), untyped
_parser: Any = importlib.import_module("re._parser")
_c: Any = importlib.import_module("re._constants")


def needs_digit(pattern: re.Pattern[str]) -> bool:
    """True when every string the pattern can match holds a digit (a `\\d` character), read from the
    pattern's own parsed form: so a text without one can skip it. False when that cannot be shown."""
    return _seq_needs_digit(_parser.parse(pattern.pattern, pattern.flags))


def _seq_needs_digit(items: Any) -> bool:
    return any(_item_needs_digit(op, av) for op, av in items)


def _item_needs_digit(op: Any, av: Any) -> bool:
    if op is _c.LITERAL:
        return bool(_DIGIT.fullmatch(chr(av)))
    if op is _c.IN:
        return bool(av) and all(_member_is_digit(o, a) for o, a in av)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        low, _high, sub = av
        return low >= 1 and _seq_needs_digit(sub)
    if op is _c.SUBPATTERN:
        return _seq_needs_digit(av[-1])
    if op is _c.ATOMIC_GROUP:
        return _seq_needs_digit(av)
    if op is _c.BRANCH:
        return all(_seq_needs_digit(alt) for alt in av[1])
    return False  # lookarounds, anchors, back-references, any character: nothing consumed is known


def _member_is_digit(op: Any, av: Any) -> bool:
    if op is _c.LITERAL:
        return bool(_DIGIT.fullmatch(chr(av)))
    if op is _c.RANGE:
        return all(_DIGIT.fullmatch(chr(c)) for c in range(av[0], av[1] + 1))
    return op is _c.CATEGORY and av is _c.CATEGORY_DIGIT


def has_digit(text: str) -> bool:
    return bool(_DIGIT.search(text))
