"""Clause frames: what one clause says, read into explicit parts before any rule value is set.

A frame says whom the clause is about (all medical assistants, one credential type, another
profession, or nobody: a definition, heading, side remark, question or a statement about the
law), what kind of statement it is, its status (in force, proposed, pending, repealed), its
modality (may, may not, must, only if, unless, except, limited to), the tasks it governs and
the conditions it attaches (training hours, certifications, supervision level, credential types).
The task and supervision rules (rules.py) set values only from frames that state a rule in force
about medical assistants. Every function here is pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from tracker.normalize.patterns import phrase
from tracker.normalize.rules import (
    HISTORY_LEAD,
    IV_TERMS,
    Finding,
    certifications_in,
    classify,
    is_definition,
    supervision_level,
    task_mentions,
)

# --- number words -------------------------------------------------------------

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_WORD = "|".join([*_TENS, *_UNITS, "hundred", "thousand", "and"])
_NUMBER_RUN = phrase(rf"\b(?:{_WORD})(?:[\s-]+(?:{_WORD}))*\b")


def _run_value(words: list[str]) -> int | None:
    total, current = 0, 0
    for w in words:
        if w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "hundred":
            current = (current or 1) * 100
        elif w == "thousand":
            total, current = total + (current or 1) * 1000, 0
    value = total + current
    return value or None


def numbers_as_digits(text: str) -> str:
    """'twenty-four hours' -> '24 hours', 'three hundred thirty' -> '330'; other words untouched."""

    def repl(m: re.Match[str]) -> str:
        raw = m.group(0)
        words = [w for w in re.split(r"[\s-]+", raw.lower()) if w]
        lead = ""
        while words and words[0] == "and":  # "... and eight hours": keep the conjunction
            words.pop(0)
            lead = "and "
        trail = ""
        while words and words[-1] == "and":
            words.pop()
            trail = " and"
        value = _run_value(words) if words else None
        return f"{lead}{value}{trail}" if value is not None else raw

    return _NUMBER_RUN.sub(repl, text)


_HOUR = phrase(
    r"(\d{1,2},\d{3}|\d{1,4})[- ](?:total |clock[- ]|contact |classroom |clinical |didactic |additional )*hours?\b"
    r"(?: of (classroom|clinical|didactic))?",
)
_HOUR_KIND = phrase(r"(classroom|didactic|clinical)[- ]hours?$")
_FROM_TO = phrase(r"\bfrom (\d{1,4}) to (\d{1,4})\b")


def training_hours(text: str) -> int | None:
    """The training hours a clause states: classroom and clinical parts add up; 'from 600 to 330' is 330."""
    digits = numbers_as_digits(text)
    change = _FROM_TO.search(digits)
    if change and re.search(r"\bhours?\b", digits, re.I):
        return int(change.group(2))
    found = []
    for m in _HOUR.finditer(digits):
        after = re.search(r"\b(classroom|didactic|clinical)\b", digits[m.end() : m.end() + 40], re.I)
        kind = (
            m.group(2)
            or (k.group(1) if (k := _HOUR_KIND.search(m.group(0))) else None)
            or (after.group(1) if after else None)
        )
        found.append((int(m.group(1).replace(",", "")), (kind or "").lower()))
    if not found:
        return None
    parts = {kind: hours for hours, kind in found if kind}
    if len(parts) >= 2 and "clinical" in parts:
        return sum(parts.values())
    return max(hours for hours, _ in found)


# --- whom a clause is about ---------------------------------------------------

# credential types a state issues or defines, by the words pages use for them
CREDENTIAL_TYPES: dict[str, re.Pattern[str]] = {
    "MA-C": phrase(r"\bMA-Cs?\b|\bmedical assistants?[- ]certified\b"),
    "MA-R": phrase(r"\bMA-Rs?\b|\bmedical assistants?[- ]registered\b"),
    "MA III": phrase(r"\bMA III\b|\bmedication assistants? III\b|\bmedication assistant III registry\b"),
}
_MA = phrase(
    r"\bmedical assistants?\b|\b(?<!physician )(?<!surgical )(?<!podiatric )(?<!anesthesiologist )(?<!radiologist )"
    r"(?<!nursing )(?<!medication )(?<!dental )(?<!physician's )assistants?\b(?! physicians?)(?! to physician)"
    r"|\bunlicensed\b|\bnon-?licensed (?:staff|persons?|individuals?)\b|\bnot (?:be )?licensed\b|\bUAPs?\b"
    r"|\bMAs?\b|\bCMAs?\b|\bagents?\b|\bdelegatees?\b|\bauxiliary personnel\b"
    r"|\bsupervised personnel\b|\boffice employees?\b|\ban employee\b|\btrained (?:assistants?|persons?|staff)\b"
    r"|\b(?:any|a|no) ?(?:one|person|individual)\b|\banyone\b|\bpersons? (?:who|holding|not)\b|\bNCTs?\b"
    r"|\bnon-certified (?:radiologic )?technicians?\b|\bauxiliary\b",
)
_AUTHORIZED_ELSEWHERE = (
    r"\b(?:an?|any|the|each|every)? ?(?:persons?|individuals?) (?:authorized|designated|approved|permitted) "
    r"(?:under|by|pursuant to|in) (?:this |that )?(?:subdivision|subsection|section|paragraph|clause|the commissioner"
    r"|the secretary|the governor|an? (?:emergency )?order)\b"
    r"|\b(?:commissioner|secretary|governor|director)(?: of (?:public )?health)? (?:may|shall|can) authorize "
    r"(?:any|a|an|other) ?(?:persons?|individuals?|one)\b"
)
OTHER_PROFESSIONS: dict[str, re.Pattern[str]] = {
    "pharmacists": phrase(r"\bpharmacists?\b|\bpharmacy\b"),
    "physician assistants": phrase(r"\bphysician assistants?\b|\bPAs\b"),
    "assistant physicians": phrase(r"\bassistant physicians?\b"),
    "nurses": phrase(
        r"\b(?:registered|licensed|practical|vocational|professional|school|advanced practice)? ?"
        r"(?:registered )?nurses?\b"
        r"|\b(?:RN|LPN|LVN|APRN|NP)s?\b|\bnurse practitioners?\b",
    ),
    "medication aides": phrase(
        r"\bmedication (?:aides?|attendants?|technicians?)\b|\bcertified medication assistants?\b"
        # Washington's nursing-home medication assistants (not North Dakota's Medication Assistant III)
        r"|\bmedication assistants?\b(?! (?:III|3)\b)"
        r"|\bdrug administration course\b",
    ),
    "nursing assistants": phrase(r"\bnursing assistants?\b|\bnurse aides?\b|\bLNAs?\b|\bCNAs?\b"),
    "emergency medical technicians": phrase(r"\bparamedics?\b|\bemergency medical technicians?\b|\bEMTs?\b"),
    "surgical assistants": phrase(r"\bsurgical assistants?\b|\bpodiatric assistants?\b"),
    "optometrists": phrase(r"\boptometrists?\b"),
    "psychologists": phrase(r"\bpsychologists?\b"),
    "facility staff": phrase(r"\bfacility staff\b|\bstaff member\b"),
    "x-ray operators": phrase(
        r"\bbasic x-ray machine operators?\b|\b(?:limited )?(?:x-ray |radiograph\w* )?permit holders?\b"
        r"|\bradiologic technologists?\b"
    ),
    "licensees": phrase(r"^\s*(?:\([a-z0-9]+\)\s*)*an? licensee\b"),
    # a class of worker a law names without saying it is the medical assistant (Hawaii's vaccination statute)
    "paramedical personnel": phrase(r"\bparamedical personnel\b"),
    # whoever an official authorizes in an emergency, or "a person authorized under subdivision 1": a class
    # another provision defines, not the medical assistant
    "persons authorized elsewhere": phrase(_AUTHORIZED_ELSEWHERE),
}


# names that are one state's credential type but elsewhere only a subgroup ("certified medical assistant"
# is New Jersey's, South Carolina's and Tennessee's defined credential; in Massachusetts a statutory subgroup)
STATE_CREDENTIAL_TYPES: dict[str, dict[str, re.Pattern[str]]] = {
    state: {
        "CMA": phrase(
            r"\bcertified medical assistants?\b(?! ?\(AAMA\))|\bCMAs?\b(?! ?\(AAMA\))"
            r"|\bassistant is certified\b(?! (?:as|by|in))",
        )
    }
    for state in ("NJ", "SC", "TN")
}


def for_state_credential(findings: Iterable[Finding], clause: str, state: str) -> Iterator[Finding]:
    """Task values from a clause naming one of the state's own credential types are open to that type only:
    conditional, with the type as the condition, read as inferred."""
    types = STATE_CREDENTIAL_TYPES.get(state, {})
    named = [name for name, pat in types.items() if pat.search(clause)]
    for f in findings:
        if (
            len(named) != 1
            or not f.field.startswith("tasks.")
            or (f.value == "prohibited" and not _DELEGATOR_LIMIT.search(clause))
        ):
            yield f  # a bar that names the type binds everyone ("a certified medical assistant may not give IVs")
            continue
        conditions = {**f.conditions, "credential_types": named}
        certs = [c for c in conditions.get("certifications", []) if not _names_the_type_only(c, clause)]
        certs += [c for c in also_holds(clause) if c not in certs]
        if certs:
            conditions["certifications"] = certs
        else:
            conditions.pop("certifications", None)  # "certified medical assistant" named the type, not the AAMA
        hours = training_hours(clause)
        if hours:
            conditions["training_hours"] = hours
        yield Finding(f.field, "conditional", conditions, f.weight, "inferred")


# "unless the CMA is also a certified limited practice radiographer": the exception names what the holder needs
_ALSO_HOLDS = phrase(
    r"\bunless (?:the|an?|such|that) [\w -]{1,40}? is also (?:a |an )?(?:certified|licensed|registered|permitted)"
    r"(?: as)?(?: a| an)? ((?:[a-z]+[ -]){0,4}?(?:radiographers?|technologists?|technicians?|operators?|phlebotomists?"
    r"|nurses?|aides?))\b",
)


def also_holds(clause: str) -> list[str]:
    """Certifications an 'unless ... is also a certified X' exception makes the condition ('limited practice
    radiographer')."""
    return [m.group(1).lower() for m in _ALSO_HOLDS.finditer(clause)]


_AAMA_NAMED = phrase(r"\bAAMA\b|American Association of Medical Assistants")


def _names_the_type_only(cert: str, clause: str) -> bool:
    """'CMA (AAMA)' read from the words of the state's own credential type, with no AAMA named."""
    return cert == "CMA (AAMA)" and not _AAMA_NAMED.search(clause)


# a bar on what some delegators (PAs, APRNs) may hand a credential holder leaves the task open otherwise
_DELEGATOR_LIMIT = phrase(
    r"\b(?:physician assistants?|PAs?|APRNs?|nurse practitioners?)\b[^.;]{0,40}\b(?:must|may|shall) not\b"
    r"|\b(?:may|must|shall) not be delegated to an? \w+ by\b",
)


def settle_sentence(findings: list[Finding]) -> list[Finding]:
    """One sentence's task values, clause against clause: a later clause qualifies an earlier grant.

    "may authorize a medical assistant to give an injection; the assistant still needs ten hours of
    training first" is conditional, not also allowed; "Certified medical assistants may give vaccines;
    other medical assistants may not" allows one group and bars another: conditional.
    """
    values: dict[str, set[str]] = {}
    for f in findings:
        if f.field.startswith("tasks."):
            values.setdefault(f.field, set()).add(f.value)
    out: list[Finding] = []
    for f in findings:
        seen = values.get(f.field, set())
        if f.value == "allowed" and "conditional" in seen:
            continue
        if f.value in ("allowed", "prohibited") and seen >= {"allowed", "prohibited"} and "conditional" not in seen:
            if f.value == "prohibited":
                continue
            f = Finding(f.field, "conditional", {}, f.weight, "inferred")
        out.append(f)
    return out


def credential_type(text: str) -> str | None:
    """The one credential type a clause names (MA-C, MA-R, MA III), or None."""
    named = [name for name, pat in CREDENTIAL_TYPES.items() if pat.search(text)]
    return named[0] if len(named) == 1 else None


def subject(text: str) -> str:
    """Whom a rule clause speaks of: 'ma', 'credential:<type>' or 'other:<profession>'.

    A clause that names a medical assistant (or unlicensed staff, an agent, anyone) is about medical
    assistants even when another profession delegates; one naming only another profession is about it;
    an impersonal clause ('Injections may be delegated only when ...') is about the page's subject.
    """
    cred = credential_type(text)
    if cred:
        return f"credential:{cred}"
    become = _BECOME_OTHER.search(text)  # "To be certified as a basic X-ray machine operator, a person must ..."
    if become:
        return f"other:{become.group(1).lower()}"
    if _MA.search(_OTHER_MASK.sub(" ", text)):
        return "ma"
    for name in _ALWAYS_OTHER:
        if OTHER_PROFESSIONS[name].search(text):
            return f"other:{name}"
    if _ONLY_OTHER.search(text) or _LEFT_TO_OTHER.search(text):  # "only a licensed nurse may ...", "is left to
        return "ma"  # licensed nurses": a bar for medical assistants
    for name, pat in OTHER_PROFESSIONS.items():
        if pat.search(text):
            return f"other:{name}"
    return "ma"


_LEFT_TO_OTHER = phrase(
    r"\b(?:is|are) (?:left|reserved|restricted|confined) to (?:the )?(?:licensed|registered nurses?|physicians?"
    r"|nurses?|practitioners?|licensees?)\b(?![^.;]*\b(?:holders?|permits?|certificates?|persons?|those|who)\b)",
)
_BECOME_OTHER = phrase(
    r"^\W*to (?:be|become) (?:certified|licensed|registered|permitted) as an? (?!medical assistant)([a-z -]{3,40}?)s?,",
)
# groups whose every mention is someone else, even beside "only" or "a person"
_ALWAYS_OTHER = (
    "medication aides",
    "nursing assistants",
    "emergency medical technicians",
    "surgical assistants",
    "optometrists",
    "psychologists",
    "facility staff",
    "x-ray operators",
    "paramedical personnel",
    "persons authorized elsewhere",
)


# names that contain an MA word but are someone else ("physician assistant", "assistant physician")
_OTHER_MASK = phrase(
    r"\b(?:physician|surgical|podiatric|anesthesiologist|radiologist|nursing|medication|dental) assistants?\b"
    r"|\bassistant (?:physicians?|to physician)\b|\blicensed or unlicensed\b|\bcertified medication assistants?\b"
    r"|\b(?:pharmaceutical|contrast|chemotherapy|diagnostic|therapeutic|anesthetic|pharmacological) agents?\b"
    r"|\b(?:distinct|different) from (?:any |a |the )?medical assistants?\b"
    rf"|{_AUTHORIZED_ELSEWHERE}",
)


# a private condition (never in a record): the clause bars the credential type it names
BARRED = "_barred"
# a private condition: the level is stated for a few products only (contrast agents, botulinum toxin)
NARROW = "_narrow"


def scored_conditions(conditions: dict[str, Any]) -> dict[str, Any]:
    """The conditions a record (and the corpus labels) can hold: private markers left out."""
    return {k: v for k, v in conditions.items() if not k.startswith("_")}


# --- what kind of statement ---------------------------------------------------

_SECTION_HEADING = re.compile(r"^\W*(?:Sec(?:tion)?\.?|§+)\s*[\w.:-]+\.\s+[A-Z][^.;]{0,100}\.?$")
# a section caption printed as its own line: "Sec. 19a-6s. Clinical medical assistants may ...", "201 KAR
# 20:400. Delegation ...", "334.735. Definitions": a title, not a rule, though it reads like one
_CAPTION = re.compile(
    r"^\W*(?:(?:Sec(?:tion)?\.?|§+)\s*[\w.:-]+|\d+ [A-Z]{2,5} \d[\w.:-]*|\d+[.:-]\d[\w.:-]*)"
    r"\.?\s+[A-Z][^.;:]{0,120}\.?$"
)


def is_caption(passage: str) -> bool:
    """Whether a whole passage is a section's caption (read as one heading, never split into sentences)."""
    return "\n" not in passage.strip() and bool(_CAPTION.match(passage.strip()))


_HEADING = re.compile(r"^[^a-z]*$|^\W*§+\s*[\d.:-]+[A-Z-]*\.?\s+[A-Z][^.;]{0,80}\.?$")
_DEFINES = phrase(
    r"\b(?:defines?|defined as)\s+[\"'\u201c]|^\W*(?:\(\w+\)\s*)*[\"'\u201c][^\"'\u201d]{2,80}[,\u201d\"'] ?,? "
    r"(?:an?|the) (?:individual|person)\b|\bmeans\b[^.;]{0,20}$|^\W*(?:\(\w+\)\s*)*[\"'\u201c][^\"'\u201d]{2,80}"
    r"[\"'\u201d],? (?:unless [^,]+, )?(?:means|includes?|refers to|are)\b",
)
_REMARK = phrase(
    r"^\W*\((?:to become|for |see |note|this |these )[^)]*\)\W*$|^\W*I (?:am|was|have|would|want|think)\b"
    # a whole sentence printed in parentheses is an aside, whatever it opens with
    r"|^\W*\([A-Z][^()]{20,}\)\W*$"
    r"|\b(?:is|are) (?:one|an|some) examples? of\b",
)
_DEFINED_TERM = phrase(
    r"[\"\u201c][^\"\u201d]{2,80}[\"\u201d],? (?:means|includes?|refers to)\b"
    r"|,? as (?:the )?[\w ]{0,40}\bdefines(?: it)?\W*$"
    r"|\bshall (?:not )?be (?:read|construed) to (?:let|require) (?:the|an?) employer\b"
    # a named level defined without quotes: "Direct supervision means ...", "General supervision is defined as"
    # ("Supervision under this chapter means ..." states the level the chapter asks for, and is a rule)
    r"|^\W*(?:\(\w+\)\s*)*(?:general|direct|indirect|on-?site|personal|immediate|close|remote) supervision,? "
    r"(?:means|is defined as|refers to)\b"
    # "38-2906. Direct supervision, defined.": a definition's caption
    r"|^[^.;]{0,60}\w, defined\.?$",
)
_META = phrase(
    r"\bwhether\b(?! or not)"
    r"|\b(?:governs|determines|decides|describes|explains|addresses|covers|lists|sets out|specifies"
    r"|identifies)\b[^.;]{0,60}\b(?:who|whom|which|what)\b|\bis governed by\b|,? see the\b"
    r"|^\W*during (?:a|an) (?:declared )?(?:emergency|disaster)\b|\b(?:CDC|the agency) recommends\b|\bsurveyed\b",
)
_SILENCE = phrase(
    r"\bsays nothing about\b"
    r"|\b(?:no|not any) (?:\w+ )?(?:statute|rule|law)s?\b[^.;]{0,40}\b(?:lists?|address(?:es)?|specif\w*)"
    r"|\bdoes not (?:expressly |specifically )?address\b|\bis silent\b"
    # "does not expressly authorize nurses to delegate ...": an absence of authority, for one delegator
    r"|\b(?:does|do) not (?:expressly|specifically|explicitly) (?:authori[sz]e|permit|allow)\b",
)
_HISTORY = phrase(
    HISTORY_LEAD + r"|^\W*(?:previously|formerly|historically)\b"
    r"|^\W*under the \d{4} (?:text|law|rule|version)\b|^\W*in \d{4}\b|\b(?:the court|sponsor) (?:noted|said)\b"
    r"|\bhad tolerated\b|\bended the\b|\bthe (?:department|board)'s position was\b",
)
_PROPOSED = phrase(
    r"\bwould (?:not )?(?:let|allow|require|permit|authori[sz]e|create|amend|add|make|define|expand|change"
    r"|cut|give|have)\b"
    r"|\bpropos(?:ed|es|al)\b|\bif (?:enacted|passed|adopted|signed)\b|\bhas been introduced\b|\bthis bill\b"
    r"|\bthe bill\b|\bbill would\b",
)
_PENDING = phrase(r"\bpending\b|\bin committee\b|\bintroduced\b")
_REPEALED = phrase(r"\brepealed\b|\bno longer in (?:force|effect)\b|\binactive rule\b")

# what a statement is when it is no definition: the first of these that matches decides
_STATEMENT_KINDS = (
    ("remark", _REMARK),
    ("silence", _SILENCE),
    ("history", _HISTORY),
    ("meta", _META),
    ("heading", _SECTION_HEADING),
)
# a clause's status when it says so; a repeal is told first, then a proposal, then a pending bill
_STATUSES = (("repealed", _REPEALED), ("proposed", _PROPOSED), ("pending", _PENDING))


def statement(text: str) -> str:
    """rule / definition / heading / remark / question / meta (a statement about the law) / history / silence."""
    stripped = text.strip()
    if stripped.endswith("?"):
        return "question"
    if is_definition(stripped) or _DEFINES.search(stripped) or _DEFINED_TERM.search(stripped):
        return "definition"
    kind = next((kind for kind, pattern in _STATEMENT_KINDS if pattern.search(stripped)), None)
    if kind:
        return kind
    if is_caption(stripped):
        return "heading"
    if len(stripped) < 120 and _HEADING.search(stripped) and not re.search(r"\b(?:may|must|shall)\b", stripped, re.I):
        return "heading"
    return "rule"


def status(text: str) -> str:
    """in-force, or proposed / pending / repealed when the clause says so."""
    return next((name for name, pattern in _STATUSES if pattern.search(text)), "in-force")


# --- modality and polarity ----------------------------------------------------

_MODALITIES = (
    ("limited to", phrase(r"\b(?:is|are) (?:limited|restricted|confined) to\b|\bconfines\b")),
    ("unless", phrase(r"\bunless\b|\buntil\b|\bwithout\b")),
    (
        "only if",
        phrase(r"\bonly (?:if|after|when|with|under|upon|by|once|while|where|as|to|in)\b|\bas long as\b"),
    ),
    ("except", phrase(r"\bexcept\b|\bother than\b|\bexcluding\b|\bexcluded\b")),
    ("may not", phrase(r"\b(?:may|must|shall|can|should)\s+not\b|\bcannot\b|\bnever\b|\bno\b")),
    ("must", phrase(r"\b(?:must|shall|required?s?|needs?)\b")),
    ("may", phrase(r"\b(?:may|can|permit\w*|allow\w*|authori[sz]\w*|lets?)\b")),
)


def modality(text: str) -> str | None:
    """The strongest modal frame of a clause: limited to, unless, only if, except, may not, must, may."""
    for name, pat in _MODALITIES:
        if pat.search(text):
            return name
    return None


# negations that read as prohibitions although classify() sees no modal verb
_NEG_EXTRA = phrase(
    r"\bfalls? outside\b|\bnot (?:among|within)\b|\bdoes not confer\b|\bprofessional misconduct\b|\bunlawful\b"
    r"|\breserve[sd]? (?:\w+ ){0,3}to (?:a limited number of )?licensed\b|\bleft to licensed\b|\bin no case\b"
    r"|\bat no time\b"
    # "is restricted to licensed nurses and physicians, not medical assistants": reserved to others
    r"|\b(?:is|are) (?:limited|restricted|reserved|confined) to (?:the )?(?:licensed|registered nurses?|physicians?"
    r"|nurses?|practitioners?|licensees?)\b(?![^.;]*\b(?:holders?|permits?|certificates?|persons?|those|anyone|who)\b)"
    r"|,\s*not (?:to |by )?(?:medical assistants?|MAs?|unlicensed \w+)\W*$"
    r"|\bnothing in\b[^;]{0,80}\bauthori[sz]es\b|\bneither\b[^.;]{0,80}\bnor\b[^.;]{0,60}\b(?:may|permits?|allows?)\b",
)
# "shall not be read to bar", "Nothing in this article prohibits": a permission
_DOUBLE_NEGATIVE = phrase(
    r"\b(?:shall|may|is) not (?:be )?(?:read|construed|meant|interpreted)\b[^.;]{0,40}"
    r"\bto (?:bar|prohibit|stop|restrict|limit|prevent)"
    r"|\bnothing in\b[^;]{0,80}\b(?:prohibits?|prevents?|bars?"
    r"|(?:be )?(?:read|construed) to (?:prohibit|stop|bar|prevent))\b",
)
# a prohibition lifted by a condition on the actor or setting: "who is not registered ... may not", "in a hospital"
_NEG_CONDITIONED = phrase(
    r"\bwho (?:do|does|is|are|has|have) not\b(?! (?:be )?licensed\b)|\bnot (?:on|listed on) the\b"
    # "without a licence" restates that the assistant is unlicensed; it lifts nothing
    r"|\bwithout (?:an?|the|any|national|direct|first)\b(?! (?:licen[cs]e|license to practi[cs]e)\b)"
    r"|\bwhile the (?:physician|practitioner|provider|supervisor)\b[^.;]{0,30}\b(?:away|absent|out)\b"
    r"|\bin (?:a|an|the) (?:hospital|acute[- ]care)|\bacute care settings?\b|\bexcept (?:where|when|if|after)\b"
    r"|\bnot (?:by|covered)\b|\bunless\b|\buntil\b",
)
# an "only" that names ordinary delegation (an order, a direction), not a condition
_ONLY_ORDINARY = phrase(
    r"\bonly (?:as|when|upon|under|on)\b[^.;]{0,50}?"
    r"\b(?:direct(?:s|ion|ed)?|orders?|ordered|delegat\w*|authori[sz]ation)\b",
)
_ONLY_OTHER = phrase(
    r"\bonly (?:a |an |the )?(?:licensed|registered nurses?|physicians?|nurses?|practitioners?|licensees?)\b"
    r"(?! (?:may|can|must) delegate)",
)
_RESTRICTED = phrase(
    r"\b(?:is|are) (?:limited|restricted) to\b[^.;]{0,60}"
    r"\b(?:persons?|certified|registered|licensed|holders?|times|when)\b"
    r"|\bonly (?:by|to) (?:a |an )?(?:persons?|individuals?|someone|those)\b"
    r"|\bmust (?:hold|be registered|be certified)\b"
    r"|\bneeds?\b[^.;]{0,40}\b(?:training|listing|registration|certification|permit|license)\b"
    r"|\bis needed before\b|\bonce\b|\bknow(?:s|n)? to be competent\b|\bqualified (?:by|for)\b|\bcompetenc[ey]\b"
    r"|\bafter (?:personally|observing|the|obtaining|passing|completing)\b"
    r"|\bbefore (?:delegating|giving|drawing|accepting)\b",
)


def polarity(text: str) -> str | None:
    """allowed / conditional / prohibited for a rule clause, or None when it states none."""
    if _DOUBLE_NEGATIVE.search(text):
        if not _MA.search(_OTHER_MASK.sub(" ", text)):
            return None  # "Nothing in this section prohibits the use of protocols ...": no one is granted anything
        return "conditional" if _RESTRICTED.search(text) or _has_condition(text) else "allowed"
    base = classify(_NOT_REQUIRED.sub(" ", _NOT_A_CONDITION.sub(" ", text)))
    if base == "prohibited" or (base != "conditional" and (_NEG_EXTRA.search(text) or _ONLY_OTHER.search(text))):
        if _NEG_CONDITIONED.search(text) or supervision_level(text):
            return "conditional"
        return "prohibited"
    if base == "conditional":
        if _ONLY_ORDINARY.search(text) and not supervision_level(text) and not _has_condition(text, ordinary=True):
            return "allowed"
        return "conditional"
    if _RESTRICTED.search(text) or _COND_EXTRA.search(text):
        return "conditional"
    if base is None and re.search(
        r"\b(?:is|are) to be (?:given|administered|performed)\b|\bshall be (?:given|administered|performed) by\b",
        text,
        re.I,
    ):
        return "allowed"  # "The vaccine is to be given under the supervision of ...": a manner, not a bar
    if base is None and _CONFINES_TO.search(text):
        return "allowed"  # "the statute confines the assistant to nonintravenous injections": the scope it grants
    return base


_CONFINES_TO = phrase(r"\bconfine[sd]? (?:the |an? |medical )?(?:assistants?|MAs?) to\b")


_COND_EXTRA = phrase(
    r"\b(?:as|so) long as\b"
    # "and only as a certified medical assistant": one credential is the condition
    r"|\bonly as an? (?:certified|registered|licensed|credentialed|qualified)\b"
    # "the training has to include at least: 10 clock hours on giving injections"
    r"|\btraining\b[^.;]{0,30}\b(?:must|shall|has to|have to|needs? to) (?:include|cover|consist of)\b"
    # "may be delegated only as subsection (D) permits": the conditions are elsewhere in the law
    r"|\bonly (?:as|to the extent) (?:\w+ ){0,3}?(?:subsections?|sections?|paragraphs?|rules?|chapters?|statutes?"
    r"|regulations?|subdivisions?)\b"
    r"|\b(?:who|that) (?:has|have) (?:first |successfully |already )?(?:completed|finished|passed)\b"
    r"|\bonly (?:where|while|with)\b|\b(?:once|after) (?:they|the (?:assistant|medical assistant)) (?:has|have)\b"
    r"|^\W*(?:\(\w+\)\s*)*with (?:on-?site|direct|direct visual|general) supervision\b"
    r"|\b(?:while|when|whenever) (?:the |a )?(?:\w+ ){0,6}?(?:is|are|stays|remains) "
    r"(?:physically )?(?:in|on|at|present|there)\b"
    r"|\b(?:shall|must) be (?:on[- ]?site|physically present|present)\b|\brequires? on[- ]?site\b"
    r"|\bcall for\b[^.;]{0,80}\bon-?site\b"
    r"|\bexcept (?:in )?a hospital|\boutside (?:a|the) hospital|\bnever in a hospital|\bin any setting except\b"
    r"|\bnot covered by\b|\bbut not by\b|\b(?:has|have) to be (?:listed|registered|certified|licensed|on)\b"
    r"|\bmust be (?:listed|registered|on the)\b|\bonly for (?:a|an|the) \w+ who\b|\bmust be completed\b"
    r"|\bbefore an? (?:\w+ )?(?:medical )?assistant\b"
    r"|\b(?:shall|must) be (?:physically )?(?:present )?(?:in|on|at|within) the (?:same )?"
    r"(?:office|facility|premises|building|suite)"
    r"|\bwith the (?:\w+ )?(?:physician|supervisor|practitioner) "
    r"(?:at the bedside|on[- ]?site|on the premises|present|in the office)",
)


# "required vaccinations", "the vaccinations this chapter requires": what is given, not a condition
_NOT_A_CONDITION = phrase(
    r"\brequired (?:vaccinations?|immunizations?|for school)\b|\b(?:this|the) (?:chapter|section|act|law) requires\b"
    # "may not give injections without a license": the assistant has none, so nothing is lifted
    r"|\bwithout (?:an?|the|any) licen[cs]e\b",
)
_NOT_REQUIRED = phrase(r"\b(?:is|are) not required\b|\bneed not\b|\bdoes not require\b")


def _has_condition(text: str, ordinary: bool = False) -> bool:
    """A condition besides ordinary delegation: training, certification, supervision, setting."""
    rest = _ONLY_ORDINARY.sub(" ", text) if ordinary else text
    return bool(
        re.search(
            r"\bonly (?:if|after|with|while|where|once)\b|\bunless\b|\bprovided\b|\bas long as\b|\btrain|\bcertif"
            r"|\bregist|\bpermit\b|\blicensed\b",
            rest,
            re.I,
        )
    )


# --- carved-out tasks -----------------------------------------------------------

_CARVE_OUT = phrase(
    r"\b(?:other than|excluding|except(?: for)?|but not|non-?)\s*(?:an? |any )?((?:intravenous|IV)\w*(?: \w+)?)"
    r"|\(((?:intravenous|IV)\w* \w+ excluded)\)|\b((?:intravenous|IV) \w+),? (?:is|are) (?:excluded|not among)",
)


def carved_out(text: str) -> tuple[str, ...]:
    """Tasks the clause excludes from what it grants ('injections other than intravenous ones')."""
    return ("iv",) if _CARVE_OUT.search(text) else ()


# "Except for intravenous medication, which they may never give, ...": the excepted span and its remark
_EXCEPTED_SPAN = phrase(r"\b(?:except for|other than|excluding)\s+[^,;]+(?:,\s*which [^,;]+)?,?")


def excepted_tasks(text: str) -> tuple[str, ...]:
    """Tasks named only inside an exception ('any medication other than immunizations')."""
    spans = " ".join(m.group(0) for m in _EXCEPTED_SPAN.finditer(text))
    inside = set(task_mentions(spans)) if spans else set()
    outside = set(task_mentions(_EXCEPTED_SPAN.sub(" ", text)))
    return tuple(sorted(inside - outside))


# --- the frame ------------------------------------------------------------------


@dataclass(frozen=True)
class Frame:
    """One clause read into its parts."""

    text: str
    about: str  # ma / credential:<type> / other:<profession> / nobody
    statement: str  # rule / definition / heading / remark / question / meta / history / silence
    status: str  # in-force / proposed / pending / repealed
    modality: str | None
    polarity: str | None  # allowed / conditional / prohibited
    tasks: tuple[str, ...]
    excluded: tuple[str, ...] = ()  # tasks carved out of the grant: prohibited
    conditions: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    conditioned: tuple[str, ...] = ()  # tasks a side remark conditions while the grant allows the rest

    @property
    def sets_rule(self) -> bool:
        """Whether this clause may set a medical-assistant rule value."""
        return (
            self.statement == "rule" and self.status == "in-force" and not self.about.startswith(("nobody", "other:"))
        )

    @property
    def inferred(self) -> bool:
        """A value read for one credential type applies to medical assistants only through that type."""
        return self.about.startswith("credential:")


@lru_cache(maxsize=8192)  # pure and called by both the task and the supervision rule
def frame(clause: str) -> Frame:
    """Read one clause (or an FAQ question with its answer) into a Frame."""
    qa = _QA.match(clause)
    if qa:
        return _answer_frame(clause, qa.group("q"), qa.group("a"))
    kind = statement(clause)
    excepted = excepted_tasks(clause)
    main = _EXCEPTED_SPAN.sub(" ", clause) if excepted else clause
    # "(intravenous medications excluded)": the carve-out's negation is the carve-out's, not the grant's; "may give
    # medication only by mouth or by injection" names the routes of the grant, not a condition on it
    main = _ONLY_BY_ROUTE.sub(" by the routes", _CARVE_OUT_REMARK.sub(" ", main))
    pol = polarity(_quantities_as_digits(main)) if kind == "rule" else None
    tasks = _tasks(clause)
    if carved_out(clause) and "iv" not in tasks:
        tasks = (*tasks, "iv")  # "nonintravenous injections": IV is named, as what the grant leaves out
    only = _ONLY_MEDICATION.search(main) if kind == "rule" and pol in ("allowed", "conditional") else None
    if only and "medication_administration" not in tasks and task_mentions(_ONLY_MEDICATION.sub(" ", main)):
        # "The only medication an assistant may give is a vaccine": what is named is open, other medication barred
        tasks = (*tasks, "medication_administration")
    if pol == "prohibited" and excepted:  # "no medication other than immunizations": the exception is not barred
        tasks = tuple(t for t in tasks if t not in excepted)
    if pol == "prohibited" and _NARROW_PRODUCT.search(main) and not _DELEGATOR_LIMIT.search(clause):
        # "may not inject botulinum toxin or dermal fillers": a bar on a few products, not on injections
        tasks = tuple(t for t in tasks if t not in ("injections", "medication_administration"))
    if pol == "prohibited" and _OTHER_DELEGATOR_BAR.search(main):
        # "A licensed nurse may not delegate medication administration to UAP": one delegator is barred; a
        # physician's delegation is another matter, so the task depends on who delegates: conditional
        pol = "conditional"
    barred: tuple[str, ...] = ()
    if kind == "rule" and pol != "prohibited" and _CLOSED_ROUTES.search(main) and not IV_TERMS.search(main):
        # "is limited to the oral ... routes and to intramuscular injection": the routes left out are barred
        tasks, barred = tuple(dict.fromkeys((*tasks, "medication_administration", "iv"))), ("iv",)
        pol = pol or "allowed"
    if only and "medication_administration" in tasks and len(tasks) > 1:
        barred = (*barred, "medication_administration")
    built = _build(clause, kind, pol, tasks, barred=barred)
    return _side_condition(built, main) if built.polarity == "conditional" else built


_CARVE_OUT_REMARK = phrase(
    r"\((?:[^()]{0,40}\b(?:intravenous|IV)\b[^()]{0,30}\b(?:excluded|not included)"
    r"|\s*(?:excluding|except(?: for)?|other than|but not|not)\s+[^()]{0,20}\b(?:intravenous|IV)\b[^()]{0,30})\)",
)
_ONLY_MEDICATION = phrase(
    r"\b(?:is|are) the only (?:medications?|medicines?|drugs?)\b"
    r"|\bthe only (?:medications?|medicines?|drugs?)\b[^.;]{0,80}?\b(?:is|are)\b"
)


_DELEGATOR = (
    r"(?:(?:licensed|registered|practical|vocational|school|professional) )?nurses?|APRNs?|RNs?|LPNs?|LVNs?"
    r"|advanced practice (?:registered )?nurses?|nurse practitioners?|physician assistants?|PAs?"
)
# a bar on what a delegator other than the physician may hand on (nurses, APRNs, PAs)
_OTHER_DELEGATOR_BAR = phrase(
    rf"^\W*(?:\(\w+\)\s*)*(?:an? |the |no )?(?:{_DELEGATOR})\b(?:,[^,;]{{0,60}},)?\s+"
    r"(?:(?:may|must|shall|can)\s*not|cannot"
    r"|(?:is|are) not (?:permitted|allowed|authori[sz]ed|able) to|(?:is|are) (?:barred|forbidden|prohibited) from)"
    r"\s+(?:\w+ )?delegat(?:e|ing)\b"
    rf"|\b(?:may|must|shall|can)\s*not be delegated (?:[^.;]{{0,60}} )?by (?:an? |the )?(?:{_DELEGATOR})\b"
    rf"|\b(?:does|do) not (?:allow|permit|authori[sz]e|let) (?:an? |the )?(?:{_DELEGATOR})\b[^.;]{{0,80}}"
    r"\bto delegate\b",
)


def _side_condition(built: Frame, main: str) -> Frame:
    """'may give medication orally ... or by injection (injections need additional training)': the remark
    conditions the tasks it names; the grant allows the others."""
    remark = _PAREN_CONDITION.search(main)
    if not remark:
        return built
    named = [t for t in task_mentions(remark.group(1)) if t in built.tasks]
    rest = main[: remark.start()] + main[remark.end() :]
    if not named or len(named) == len(built.tasks) or polarity(_quantities_as_digits(rest)) != "allowed":
        return built
    conditions = {k: v for k, v in built.conditions.items() if k == "supervision"}
    return replace(built, polarity="allowed", conditions=conditions, conditioned=tuple(named))


_PAREN_CONDITION = phrase(
    r"\(([^()]{0,80}\b(?:needs?|requires?|must|only (?:after|with|if|once))\b[^()]{0,80})\)",
)


_NARROW_PRODUCT = phrase(
    r"\bbotulinum\b|\bbotox\b|\bneurotoxins?\b|\bneuromodulators?\b|\bdermal fillers?\b|\bchemotherap\w*"
    r"|\bcontrast (?:agents?|media|dyes?)\b|\bsclerotherap\w*|\bradiopharmaceuticals?\b",
)
_ROUTE = (
    r"(?:oral|sublingual|buccal|topical|vaginal|rectal|inhal\w*|otic|ophthalmic|(?:intra)?nasal|transdermal"
    r"|intramuscular|subcutaneous|intradermal)"
)
_CLOSED_ROUTES = phrase(
    rf"\b(?:is|are) (?:limited|restricted|confined) to (?:the )?{_ROUTE}(?:,? (?:and |or )?{_ROUTE})*\b",
)
_ONLY_BY_ROUTE = phrase(
    rf"\bonly (?=(?:(?:by|through|via) (?:the )?)?(?:{_ROUTE}|mouth|inhalation|injection|orally|topically)\b)"
    rf"(?:(?:by|through|via|the|mouth|on the skin|orally|topically"
    rf"|inhalation|{_ROUTE}|or|and|injections?|routes?)[ ,]*)+",
)


def _quantities_as_digits(text: str) -> str:
    """'at least ten clock hours' reads as 'at least 10 clock hours'; other number words stay words."""
    digits = numbers_as_digits(text)
    return digits if digits != text and _QUANTITY.search(digits) else text


_QUANTITY = phrase(
    r"\b\d+[- ](?:clock[- ]|contact )?(?:hours?|percent)\b|\bat least \d+|\bminimum (?:of )?\d+",
)


def _tasks(text: str) -> tuple[str, ...]:
    """Tasks a clause governs; 'injection training' names a condition, not a task, when another task is named."""
    tasks = tuple(task_mentions(text))
    without_training = tuple(task_mentions(_TRAINING_IN.sub(" ", text)))
    tasks = without_training or tasks
    if "medication_administration" not in tasks and _ROUTE_LIST_MEDICATION.search(text):
        tasks = (*tasks, "medication_administration")  # "give oral, topical, ... and parenteral medications"
    if "immunizations" in tasks and "injections" in tasks and _VACCINE_ROUTE.search(text):
        tasks = tuple(t for t in tasks if t != "injections")  # "a flu vaccine by intramuscular injection"
    if "injections" in tasks and "medication_administration" in tasks and _INJECTABLE.search(text):
        tasks = tuple(t for t in tasks if t != "medication_administration")  # "injectable medication"
    return tasks


_ROUTE_LIST_MEDICATION = phrase(
    rf"\b(?:administ\w*|giv(?:e|es|ing))\s+(?:(?:{_ROUTE}|inhalant|otic|optic|parenteral|and|or),?\s+){{2,}}"
    r"(?:medications?|medicines?|drugs?)\b",
)
_TRAINING_IN = phrase(
    r"\b(?:injection|vaccine|venipuncture|phlebotomy|x-ray|radiograph\w*|radiologic|medication) training\b"
    r"|\b(?:radiograph\w*|radiologic technology) (?:course|program)\b"
)
_VACCINE_ROUTE = phrase(r"\bvaccines? by (?:intramuscular |subcutaneous |intradermal )injection\b")
_INJECTABLE = phrase(
    r"\binjectable medications?\b|\bmedications? by injection\b"
    r"|\bmedications? only by (?:(?:intramuscular|subcutaneous|intradermal|or|and),? )+injections?\b"
)
_QA = re.compile(r"^(?P<q>[^?]{8,}\?)\s+(?:A[.:]\s*)?(?P<a>\S.*)$", re.S)
_PERMISSION_Q = phrase(
    r"^\W*(?:Q[.:]\s*)?(?:may|can|could|are|is)\b|\b(?:is|are) (?:that|this|it) (?:allowed|permitted|legal)\b",
)
_OBLIGATION_Q = phrase(r"^\W*(?:Q[.:]\s*)?(?:must|does|do|need|is [^?]{0,40}\brequired)\b")
_CONDITION_IN_Q = phrase(r"\b(?:while|without|unless|before|after|expired|lapsed|delinquent)\b")


def _answer_frame(text: str, question: str, answer: str) -> Frame:
    """An FAQ answer read with its question: 'May a medical assistant give X? No.' forbids X."""
    if re.match(r"^\W*(?:Q[.:]\s*)?(?:what|who) (?:is|are)\b", question, re.I):
        return _build(text, "definition", None, ())
    tasks = _tasks(question) or _tasks(answer)
    bare = re.match(r"^(yes|no)\b[\s.,;:!-]*", answer, re.I)
    rest = answer[bare.end() :] if bare else answer
    pol: str | None
    if bare and bare.group(1).lower() == "no" and not rest:
        if _OBLIGATION_Q.search(question) or not _PERMISSION_Q.search(question):
            pol = None  # "Must the physician be in the room? No." lifts a duty; it forbids nothing
        else:
            pol = "conditional" if _CONDITION_IN_Q.search(question) else "prohibited"
    elif bare and bare.group(1).lower() == "yes":
        pol = (polarity(rest) if rest else None) or "allowed"
        if pol == "allowed" and _has_condition(rest):
            pol = "conditional"
    else:
        pol = polarity(answer) if statement(answer) == "rule" else None
    kind = "rule" if pol else "question"
    return _build(text, kind, pol, tasks, about_text=f"{question} {answer}", condition_text=answer)


def _build(
    text: str,
    kind: str,
    pol: str | None,
    tasks: tuple[str, ...],
    about_text: str | None = None,
    condition_text: str | None = None,
    barred: tuple[str, ...] = (),
) -> Frame:
    about = subject(about_text or text) if kind == "rule" else "nobody"
    excluded = tuple(t for t in (*carved_out(text), *barred) if t in tasks)
    cond_text = condition_text or text
    conditions: dict[str, Any] = {}
    if about.startswith("credential:"):
        conditions["credential_types"] = [about.split(":", 1)[1]]
        if pol == "prohibited":
            # "An MA-R may not give injections": the task is closed to that type, so it is conditional on the
            # others; the record takes the type out of the types the task is open to, never adds it
            conditions[BARRED] = True
        if pol is not None:
            pol = "conditional"
    if pol == "conditional":
        hours = training_hours(cond_text)
        if hours:
            conditions["training_hours"] = hours
        certs = certifications_in(cond_text) or (["national certification"] if _NATIONAL_CERT.search(cond_text) else [])
        certs += [c for c in also_holds(cond_text) if c not in certs]
        if certs:
            conditions["certifications"] = certs
    level = supervision_level(cond_text) or (
        "onsite" if pol == "conditional" and _BARRED_WHILE_AWAY.search(cond_text) else None
    )
    if level and pol in ("allowed", "conditional"):
        conditions["supervision"] = level
        if _NARROW_PRODUCT.search(cond_text):
            conditions[NARROW] = True  # "Injecting contrast agents requires direct supervision": not all injections
        if level == "onsite" and _ONSITE_NAMED.search(cond_text):
            pol = "conditional"  # "under on-site supervision": a named level the grant depends on, not a manner
    return Frame(text, about, kind, status(text), modality(text), pol, tasks, excluded, conditions)


# "may not leave an assistant to give medications while the physician is away": presence is the condition
_BARRED_WHILE_AWAY = phrase(
    r"\b(?:may|must|shall|can)\s+not\b[^.;]{0,80}\b(?:while|when(?:ever)?) (?:the |a |his |her )?"
    r"(?:physician|practitioner|supervisor|provider|doctor)\b[^.;]{0,30}\b(?:is|are) (?:away|absent|out of|not "
    r"(?:present|on[- ]?site|in))\b",
)
_ONSITE_NAMED = phrase(r"\bon-?site supervision\b")
_NATIONAL_CERT = phrase(r"\bnational(?:ly)? (?:certif|credential)|\bbecome an? certified medical assistant\b")
