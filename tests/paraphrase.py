"""Rewordings of a rule sentence that keep its meaning (pure functions, for tests/test_paraphrase.py).

Each rewriter takes one sentence and returns it reworded one way, or None when
the sentence has no shape that rewriter can reword safely: a rewriter that is
unsure says nothing rather than change the meaning. They read the shapes rule
sentences take on agency pages:

    [prefix] SUBJECT may|must|shall|can [not] VERB[, or VERB] OBJECT [CONDITION].
    [prefix] SUBJECT does not VERB[, VERB or VERB] OBJECT[, more].

where the prefix is a list number, an FAQ's "No."/"Yes," or a lead-in such as
"Under the new law,"; the condition starts at "only", "if", "when", "while",
"under", "after", "unless", "provided", "as long as", "once", "upon" or "to".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

Rewriter = Callable[[str], str | None]

PARTICIPLES = {
    "administer": "administered",
    "perform": "performed",
    "give": "given",
    "take": "taken",
    "start": "started",
    "draw": "drawn",
    "delegate": "delegated",
    "provide": "provided",
    "operate": "operated",
    "inject": "injected",
    "issue": "issued",
    "license": "licensed",
    "certify": "certified",
    "register": "registered",
    "require": "required",
    "complete": "completed",
    "hold": "held",
    "assign": "assigned",
    "allow": "allowed",
    "undertake": "undertaken",
    "push": "pushed",
    "insert": "inserted",
    "collect": "collected",
    "keep": "kept",
    "pass": "passed",
    "verify": "verified",
    "accept": "accepted",
    "recognize": "recognized",
}
GERUNDS = {
    "administer": "administering",
    "perform": "performing",
    "give": "giving",
    "take": "taking",
    "start": "starting",
    "draw": "drawing",
    "delegate": "delegating",
    "provide": "providing",
    "operate": "operating",
    "inject": "injecting",
    "push": "pushing",
    "insert": "inserting",
    "collect": "collecting",
    "assign": "assigning",
}
# "only after completing X" -> "unless he or she has completed X"
PERFECTS = {
    "completing": "completed",
    "passing": "passed",
    "meeting": "met",
    "receiving": "received",
    "finishing": "finished",
    "obtaining": "obtained",
    "having": "had",
}
COMMON_FIRST_WORDS = {
    "a",
    "an",
    "the",
    "any",
    "each",
    "every",
    "medical",
    "unlicensed",
    "clinical",
    "physicians",
    "nurses",
    "licensed",
    "supervising",
    "delegating",
    "registered",
    "certified",
}
_VERB = "|".join(sorted(PARTICIPLES, key=len, reverse=True))
_VGROUP = rf"(?:{_VERB})(?:(?:, or |, and |, | or | and )(?:{_VERB}))*"
_PREFIX = r"(?P<prefix>(?:(?:No|Yes)[.,] |\(\w{1,4}\) ?|[A-Z]\. |(?:Under|In|Since) [^,]{3,80}, )*)"
_HEADS = (
    r"[\w-]*assistants?(?:-certified|-registered)?|MAs?|CMAs?|physicians?|podiatrists?|personnel|persons?|person"
    r"|individuals?|[Bb]oard|[Dd]epartment|nurses?|provider|practitioners?|licensee|APRN|employees?|doctor"
)
_NOT_IN_SUBJECT = r"(?!(?:that|which|who|whom|stated|states|said|says|is|are|was)\b)"
_SUBJECT = rf"(?P<subj>(?:(?:an?|the|any|each|every) )?(?:{_NOT_IN_SUBJECT}[\w'-]+ ){{0,4}}?(?:{_HEADS}))"
_CONDITION = (
    r"(?P<rest>(?: only\b| if\b| when\b| while\b| under\b| after\b| unless\b| provided\b| as long as\b| once\b"
    r"| upon\b| to\b|,)[^:;]*?)?"
)
_END = r"(?P<end>[.;]?)$"
MODAL = re.compile(
    rf"^{_PREFIX}(?i:{_SUBJECT}) (?P<modal>may|must|shall|can)(?P<neg> not)? (?P<verb>{_VGROUP}) "
    rf"(?P<obj>[^,:;]+?){_CONDITION}{_END}"
)
CANNOT = re.compile(r"\bcannot\b")
_CREDENTIALING = "|".join(("license", "certify", "register", "issue"))
_CGROUP = rf"(?:{_CREDENTIALING})(?:(?:, or |, and |, | or | and )(?:{_CREDENTIALING}))*"
DOES_NOT = re.compile(
    rf"^{_PREFIX}(?P<subj>[A-Z][\w.' -]{{1,60}}?) (?:does|do) not (?P<verb>{_CGROUP}) (?P<obj>[^,:;]+?)"
    rf"{_CONDITION}{_END}"
)
_NUMBER_BEFORE_UNIT = re.compile(
    r"(?<![\w.§/-])(?P<n>\d{1,4})(?![\w.,/-]?\d)(?=(?: (?:clock|classroom|clinical|contact|credit|training|total))*"
    r" (?:hours?|days?|weeks?|months?|years?|modules?|percent|injections?)\b)"
)
ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


@dataclass(frozen=True)
class Clause:
    """One parsed rule sentence (see the module docstring)."""

    prefix: str
    subj: str
    modal: str
    neg: bool
    verb: str
    obj: str
    rest: str
    end: str


def parse(sentence: str) -> Clause | None:
    """The sentence's parts if it has the modal shape, else None."""
    m = MODAL.match(CANNOT.sub("can not", sentence.strip()))
    if not m:
        return None
    return Clause(
        m["prefix"], m["subj"], m["modal"], bool(m["neg"]), m["verb"], m["obj"], m["rest"] or "", m["end"] or "."
    )


def number_words(n: int) -> str:
    """An integer below 10,000 in words, as agencies write them ("seven hundred twenty")."""
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else "-" + ONES[n % 10])
    if n < 1000:
        return ONES[n // 100] + " hundred" + ("" if n % 100 == 0 else " " + number_words(n % 100))
    return number_words(n // 1000) + " thousand" + ("" if n % 1000 == 0 else " " + number_words(n % 1000))


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _front(prefix: str, text: str) -> str:
    """Text moved to the front of the sentence: capitalised, unless a lead-in ("Under X, ") comes first."""
    return _low(text) if prefix.endswith(", ") else _cap(text)


def _low(text: str) -> str:
    """The text lower-cased at its start when it starts with a common word (not a name)."""
    first = text.split(" ", 1)[0]
    return text[:1].lower() + text[1:] if first.lower() in COMMON_FIRST_WORDS else text


def _verbs(group: str, table: dict[str, str]) -> str | None:
    words = re.split(r"(, or |, and |, | or | and )", group)
    if any(w not in table for w in words[::2]):
        return None
    return "".join(table.get(w, w) for w in words)


def _plural(noun_phrase: str) -> bool:
    last = noun_phrase.rstrip().split(" ")[-1]
    return last.endswith("s") and not last.endswith(("ss", "us", "is")) or " and " in noun_phrase


def _bare(subj: str) -> str | None:
    """'A medical assistant' / 'Medical assistants' -> 'medical assistant' (for 'No ...', 'Only ...')."""
    words = subj.split(" ")
    if words[0].lower() in ("a", "an", "the", "any", "each", "every"):
        words = words[1:]
    if not words:
        return None
    if words[-1].endswith("s") and not words[-1].endswith(("ss", "ps")) and words[-1] != "personnel":
        words[-1] = words[-1][:-1]
    return _low(" ".join(words))


_ASSISTANTS = re.compile(r"assistants?\b|\bMAs?$|\bCMAs?$|unlicensed|personnel$", re.I)


GENERIC = {"medical assistant", "unlicensed person", "unlicensed personnel", "unlicensed assistive personnel", "MA"}


def _generic(subj: str) -> bool:
    """Whether the subject is every assistant (not one credential type, such as an MA-R)."""
    return _bare(subj) in GENERIC


def _about_assistants(subj: str) -> bool:
    """Whether the subject is the assistants themselves (not the physician who delegates)."""
    return bool(_ASSISTANTS.search(subj)) and not re.search(r"physician assistant", subj, re.I)


# --- the rewriters -----------------------------------------------------------------------


def passive(sentence: str) -> str | None:
    """'A medical assistant may administer injections only if ...' ->
    'Injections may be administered by a medical assistant only if ...';
    'Alaska does not license or register medical assistants.' ->
    'Medical assistants are not licensed or registered by Alaska.'"""
    c = parse(sentence)
    if c is not None:
        part = _verbs(c.verb, PARTICIPLES)
        if part is None or c.rest.startswith(",") or c.obj.split(" ")[0] in ("to", "that", "it", "them", "this"):
            return None
        neg = " not" if c.neg else ""
        return f"{c.prefix}{_front(c.prefix, c.obj)} {c.modal}{neg} be {part} by {_low(c.subj)}{c.rest}{c.end}"
    m = DOES_NOT.match(sentence.strip())
    if not m or m["obj"].split(" ")[0] in ("to", "that", "it", "them", "a", "an", "any"):
        return None
    if (m["rest"] or "").startswith(",") and not m["rest"].startswith(", and "):
        return None
    part = _verbs(m["verb"], PARTICIPLES)
    if part is None:
        return None
    be = "are" if _plural(m["obj"]) else "is"
    front = _front(m["prefix"], m["obj"])
    return f"{m['prefix']}{front} {be} not {part} by {_low(m['subj'])}{m['rest'] or ''}{m['end'] or '.'}"


def number_words_for_numbers(sentence: str) -> str | None:
    """'at least 10 clock hours' -> 'at least ten clock hours' (never inside a citation)."""
    out = _NUMBER_BEFORE_UNIT.sub(lambda m: number_words(int(m["n"])), sentence)
    return out if out != sentence else None


def only_may(sentence: str) -> str | None:
    """'MAs may not start IVs.' -> 'Only a licensed nurse or physician, not medical assistants, may start IVs.';
    'An MA may give injections only after completing training.' ->
    'Only after completing training may an MA give injections.'"""
    c = parse(sentence)
    if c is None or c.modal != "may":
        return None
    if c.neg and not c.rest.strip(" ,") and _generic(c.subj):
        return f"{c.prefix}Only a licensed nurse or physician, not {_low(c.subj)}, may {c.verb} {c.obj}{c.end}"
    m = re.match(r"^ only (if|after|when|while|under|upon|once)\b(.*)$", c.rest)
    if c.neg or not m or "," in m[2]:
        return None
    return f"{c.prefix}Only {m[1]}{m[2]} may {_low(c.subj)} {c.verb} {c.obj}{c.end}"


def no_unless(sentence: str) -> str | None:
    """'An MA may give injections only after completing 10 hours.' ->
    'No medical assistant may give injections unless he or she has completed 10 hours.';
    'MAs may not start IVs.' -> 'No MA may start IVs.'"""
    c = parse(sentence)
    if c is None or c.modal != "may":
        return None
    bare = _bare(c.subj)
    if bare is None:
        return None
    no = "no" if c.prefix.endswith(", ") else "No"
    if c.neg:
        return None if c.rest.strip(" ,") else f"{c.prefix}{no} {bare} may {c.verb} {c.obj}{c.end}"
    m = re.match(r"^ only (if|after|under|when|while) (\w+)\b(.*)$", c.rest)
    if not m or "," in m[3]:
        return None
    if m[1] == "if":
        cond = f"{m[2]}{m[3]}"
    elif m[1] == "after" and m[2] in PERFECTS:
        cond = f"he or she has {PERFECTS[m[2]]}{m[3]}"
    elif m[1] == "under":
        cond = f"under {m[2]}{m[3]}"
    else:
        return None
    return f"{c.prefix}{no} {bare} may {c.verb} {c.obj} unless {cond}{c.end}"


def limited_to(sentence: str) -> str | None:
    """'An MA may give injections only after completing 10 hours.' ->
    'Giving injections is limited to medical assistants who have completed 10 hours.';
    'MAs may not start IVs.' ->
    'Starting IVs is restricted to licensed nurses and physicians, not medical assistants.'"""
    c = parse(sentence)
    if c is None or c.modal != "may":
        return None
    gerund = _verbs(c.verb, GERUNDS)
    bare = _bare(c.subj)
    if gerund is None or bare is None or c.prefix.endswith(", ") or not _about_assistants(c.subj):
        return None
    plural = bare if bare.endswith("s") or bare == "personnel" else bare + "s"
    if c.neg:
        if c.rest.strip(" ,") or not _generic(c.subj):  # "restricted to nurses" would also exclude the others
            return None
        return f"{c.prefix}{_cap(gerund)} {c.obj} is restricted to licensed nurses and physicians, not {plural}{c.end}"
    m = re.match(r"^ only (?:after|upon) (\w+)\b(.*)$", c.rest)
    if not m or m[1] not in PERFECTS or "," in m[2]:
        return None
    return f"{c.prefix}{_cap(gerund)} {c.obj} is limited to {plural} who have {PERFECTS[m[1]]}{m[2]}{c.end}"


def reordered(sentence: str) -> str | None:
    """'The physician must be present when the MA gives injections.' ->
    'When the MA gives injections, the physician must be present.' (the condition first)."""
    c = parse(sentence)
    if c is None:
        return None
    m = re.match(r"^ ((?:only )?(?:if|when|while|under|after|provided|as long as|once|upon)\b[^,]*)$", c.rest)
    if not m:
        return None
    neg = " not" if c.neg else ""
    condition = m[1] if c.prefix.endswith(", ") else _cap(m[1])
    return f"{c.prefix}{condition}, {_low(c.subj)} {c.modal}{neg} {c.verb} {c.obj}{c.end}"


def permitted_to(sentence: str) -> str | None:
    """'Medical assistants may not start IVs.' -> 'Medical assistants are not permitted to start IVs.'"""
    c = parse(sentence)
    if c is None or c.modal != "may":
        return None
    be = "are" if _plural(c.subj) else "is"
    neg = " not" if c.neg else ""
    return f"{c.prefix}{c.subj} {be}{neg} permitted to {c.verb} {c.obj}{c.rest}{c.end}"


REWRITERS: dict[str, Rewriter] = {
    "passive": passive,
    "number_words": number_words_for_numbers,
    "only_may": only_may,
    "no_unless": no_unless,
    "limited_to": limited_to,
    "reordered": reordered,
    "permitted_to": permitted_to,
}
