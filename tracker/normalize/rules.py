"""Shared phrase rules: how agencies *say* things about medical assistants.

Every rule is a pure function from one clause of text to zero or more
`Finding`s. They look for meaning (a task word plus a permission,
prohibition or condition), not for markup, so the same sentence in a table
cell, a list item, an FAQ answer or a PDF paragraph reads the same.

A state module adds only what its own sources need (a citation style, a
credential name the shared patterns miss) by passing extra rules to the
engine; the shared vocabulary lives here and only here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

# --- vocabulary -------------------------------------------------------------

TASKS = ("injections", "iv", "venipuncture", "medication_administration", "immunizations", "xray")

_ROMAN_CONTEXT = r"(?<!Part )(?<!Title )(?<!Article )(?<!Chapter )(?<!Appendix )(?<!Schedule )(?<!Section )(?<!Level )"
IV_TERMS = re.compile(
    r"(?i:\bintravenous(?:ly)?(?: (?:injections?|infusions?|medications?|fluids?|lines?|therapy|catheters?|solutions?|push))?)"
    rf"|{_ROMAN_CONTEXT}\bI\.?V\.?s?\b(?i: (?:injections?|infusions?|medications?|fluids?|lines?|therapy|catheters?|push))?",
)
IMMUNIZATION_TERMS = re.compile(
    r"\bimmuni[sz](?:ations?|e|ing)\b|\bvaccin(?:es?|ations?|ate|ating)\b|\bflu shots?\b|\binfluenza shots?\b",
    re.I,
)
INJECTION_TERMS = re.compile(
    r"\binject(?:ions?|ables?|ing|ed)?\b|\bintramuscular(?:ly)?\b|\bsubcutaneous(?:ly)?\b|\bintradermal(?:ly)?\b"
    r"|\bshots?\b|\b(?:IM|SC|ID|SQ)(?:, (?:IM|SC|ID|SQ))*,? (?:and|or) (?:IM|SC|ID|SQ)\b",
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
    r"|\bmedications?\b[^.;:]{0,30}?\badminist\w*|\bmedication administration\b|\badministration of (?:a |any )?(?:medications?|drugs?)\b"
    r"|\badminist\w* (?:oral|topical|inhaled|sublingual)\b|\b(?:administ\w*|giv(?:e|es|ing)) (?:drugs|medicines?)\b",
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
        r"\bCMA\b(?: ?\(AAMA\))?|\bCertified Medical Assistant\b(?! ?\(MA-C\))|\bAAMA\b|American Association of Medical Assistants"
    ),
    "RMA (AMT)": re.compile(
        r"\bRMA\b(?: ?\(AMT\))?|\bRegistered Medical Assistant\b|\bAmerican Medical Technologists\b|\bAMT\b"
    ),
    "NCMA (NCCT)": re.compile(
        r"\bNCMA\b(?: ?\(NCCT\))?|\bNational Certified Medical Assistant\b|\bNCCT\b|National Center for Competency Testing"
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
    r"|\b(?:is|are)\s+not\s+(?:\w+\s+){0,2}?(?:allowed|permitted|authori[sz]ed|able|within|among|part|included|delegable|eligible|legal|lawful)\b|\bcan't\b|\bmay no longer\b"
    r"|\bnot\s+(?:be\s+)?(?:permitted|allowed|authori[sz]ed|able|within|among|part of|included|delegable)\b"
    r"|\bprohibit(?:ed|s|ion)?\b|\bbarred\b|\bforbidden\b|\bnot one of\b|\boutside (?:the|their|an?) (?:\w+ )?scope\b"
    r"|\bno (?:unlicensed|medical assistant)\b|\bnever\b|\bnot to\b|\bexclud(?:ed|es)\b"
    r"|\bonly (?:a |an )?(?:licensed|registered nurses?|physicians?|nurses?|practitioners?)\b(?! (?:may|can|must) delegate)"
    r"|^no\b|\?\s*no\b",
    re.I,
)
_NEG_LIFTED = re.compile(
    r"\b(?:unless|until (?:[\w-]+ ){0,4}?(?:has |have )?(?:complet\w*|receiv\w*|obtain\w*|pass\w*|is trained|meets|holds?)|without (?:first )?(?:completing|having|holding|the|a|an|proper|documented|training|certification)|"
    r"except (?:after|when|if|under|with))\b",
    re.I,
)
_COND = re.compile(
    r"\bonly (?:if|after|when|with|under|upon|by|once|following)\b|\bprovided (?:that|the|they|he|she)\b|"
    r"\bafter (?:completing|completion|successfully|receiving|having)\b|\bupon (?:completion|completing)\b|"
    r"\b(?:must|shall) (?:first )?(?:complete|have|hold|be (?:certified|trained|credentialed|registered)|receive|pass|document)\b|"
    r"\bunless\b|\brequir(?:es?|ed|ing)\b|\bif (?:the (?:medical assistant|ma)|they|he or she|she|he) (?:has|have|is|are|holds?)\b|"
    r"\bwith (?:appropriate |documented |adequate |proper |specific |additional )?training\b|"
    r"\b(?:who|that) (?:has|have|hold|holds) (?:completed|a|an|current)\b|\b(?:has|have) (?:successfully )?completed\b|\bminimum (?:of )?\d+|\bat least \d+|"
    r"\bbefore (?:a|the|any) (?:medical assistant|ma)\b|\bsubject to\b|"
    r"\bonly to (?:a |an |the )?(?:certified |qualified |trained |credentialed |competent )?(?:medical assistants?|MAs?|CMAs?|persons?|individuals?|staff)\b",
    re.I,
)
_POS = re.compile(
    r"\b(?:may|can|could)\b(?!\s+not)|\b(?:is|are) (?:permitted|allowed|authori[sz]ed|able|eligible)\b|\bpermits (?:a|an|the|medical)\b|\bpermitted\b|"
    r"\bauthori[sz]es\b|\ballow(?:s|ed)?\b|\byes\b|\bwithin (?:the|their) scope\b|\bdelegat(?:e|ed|able)\b",
    re.I,
)
_HYPOTHETICAL = re.compile(
    r"\bwould\b|\bpropos(?:ed|es|al)\b|\bpending\b|\bif (?:enacted|passed|adopted|signed)\b|\bhas been introduced\b"
    # history, not the rule now: "Before that law, ...", "Prior to 2016, ...", "Previously, ..."
    r"|^\W*(?:before|prior to|until) (?:that|this|the|its|\d{4})\b[^,]{0,60},|^\W*(?:previously|formerly|historically)\b",
    re.I,
)
_CLAUSE_SPLIT = re.compile(
    r";|\s+but\s+(?!only\b)|,\s*however,?\s+|\.\s*However,?\s+|\s+whereas\s+|\s+while\s+(?=[a-z]+ (?:may|must|can))",
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
    return [c.strip() for c in _CLAUSE_SPLIT.split(sentence) if c and c.strip()]


@lru_cache(maxsize=8192)  # pure and called by several rules on the same clause
def is_hypothetical(text: str) -> bool:
    return bool(_HYPOTHETICAL.search(text))


# --- findings ----------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """One value read from one clause. `field` is a dotted record path."""

    field: str
    value: Any
    conditions: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    weight: int = 1


Rule = Callable[[str], Iterable[Finding]]

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


@lru_cache(maxsize=8192)  # pure and called by several rules on the same clause
def supervision_level(text: str) -> str | None:
    if re.search(
        r"\bgeneral supervision\b|\bneed not be (?:physically )?present\b|\bavailable (?:[\w-]+ ){0,6}?by (?:tele)?(?:phone|communication|radio)",
        text,
        re.I,
    ):
        return "general"
    if re.search(r"\bdirect (?:visual )?supervision\b|\bdirectly supervis", text, re.I):
        return "direct"
    if re.search(
        r"\bphysically present\b|\bon[- ]?site\b"
        r"|\b(?:be|remain|is|are) (?:physically )?(?:present )?(?:in|on|at|within) the (?:same )?(?:facility|office|building|suite|clinic|premises)\b"
        r"|\bimmediately available\b|\bpersonal supervision\b|\bimmediate supervision\b",
        text,
        re.I,
    ):
        return "onsite"
    return None


def certifications_in(text: str) -> list[str]:
    return list(_certifications_in(text))


@lru_cache(maxsize=8192)  # pure and called by several rules on the same clause
def _certifications_in(text: str) -> tuple[str, ...]:
    return tuple(name for name, pat in CERTIFICATIONS.items() if pat.search(text))


# statements about a law or a question, not a rule: "Section 54.1-3408 governs who may administer drugs"
_META = re.compile(
    r"\bwhether\b|\b(?:governs|determines|decides|describes|defines|explains|addresses|covers|lists|sets out|specifies|identifies)\b"
    r"[^.;]{0,60}\b(?:who|whom|which)\b",
    re.I,
)
_NATIONAL_CERT = re.compile(r"\bnational(?:ly)? (?:certif|credential)|\bcertified medical assistant\b", re.I)


def task_rule(clause: str) -> Iterable[Finding]:
    """Permission, prohibition or conditions for each task the clause names."""
    if is_hypothetical(clause) or is_definition(clause) or clause.rstrip().endswith("?") or _META.search(clause):
        return
    tasks = task_mentions(clause)
    if not tasks:
        return
    status = classify(clause)
    if status is None:
        return
    if "iv" in tasks:  # "inject medication into an IV line" is about IV therapy only
        tasks = [t for t in tasks if t not in ("injections", "medication_administration")] or ["iv"]
    conditions: dict[str, Any] = {}
    if status == "conditional":
        hours = _hours(clause)
        if hours:
            conditions["training_hours"] = max(hours)
        certs = certifications_in(clause) or (["national certification"] if _NATIONAL_CERT.search(clause) else [])
        if certs:
            conditions["certifications"] = certs
    level = supervision_level(clause)
    if level and status != "prohibited":
        conditions["supervision"] = level
    for task in tasks:
        yield Finding(f"tasks.{task}", status, conditions)


_NONE_CREDENTIAL = re.compile(
    r"\b(?:does|do|did) not (?:\w+ )?(?:license|certify|register|credential|regulate|issue)\b|"
    r"\b(?:does|do) not (?:have|offer|maintain|require) (?:a |any )?(?:state )?(?:license|licensure|certification|registration|credential)\b|"
    r"\bno (?:state )?(?:license|licensure|certification|registration|credential)s?\b[^.]{0,60}\b(?:required|requirements?|needed|issued|exists?)\b|"
    r"\bno (?:state )?(?:licensure|licensing|certification|registration|credentialing) requirements?\b|"
    r"\bnot (?:licensed|certified|registered|credentialed) by the (?:state|board|department)\b|"
    r"\b(?:is|are) not (?:required to be )?(?:licensed|certified|registered)\b|"
    r"\bno (?:state|board)[- ](?:issued )?(?:license|certificate|credential)\b|\bthere is no (?:state )?(?:license|certification|registration|credential)\b",
    re.I,
)
_REQUIRED_CREDENTIAL = re.compile(
    r"\b(?:must|shall) (?:hold|obtain|have|apply for|be issued) (?:a |an |one of the following |the )?(?:[\w-]+ ){0,3}?"
    r"(license|certification|certificate|registration|credential)s?\b(?! (?:program|exam))|"
    r"\b(?:must|shall) be (licensed|certified|registered|credentialed) (?:by|with|through) the (?:state|board|department|secretary)\b|"
    r"\brequired to (?:hold|obtain|have) (?:a |an )?(?:state |department )?(license|certification|certificate|registration|credential)\b",
    re.I,
)
_MA_SUBJECT = re.compile(
    r"\bmedical assistants?\b|\bMAs?\b|\bunlicensed (?:assistive )?(?:persons?|personnel|staff)\b", re.I
)


def credential_rule(clause: str) -> Iterable[Finding]:
    """Whether the state itself credentials medical assistants."""
    if is_hypothetical(clause) or is_definition(clause) or not _MA_SUBJECT.search(clause):
        return
    if _NONE_CREDENTIAL.search(clause) and not re.search(r"\bnational\b", clause, re.I):
        yield Finding("credential.requirement", "none")
        return
    m = _REQUIRED_CREDENTIAL.search(clause)
    if m:
        word = next(g for g in m.groups() if g).lower()
        level = {
            "license": "license",
            "licensed": "license",
            "registration": "registration",
            "registered": "registration",
            "certification": "certification",
            "certificate": "certification",
            "certified": "certification",
        }.get(word, "credential")
        yield Finding("credential.requirement", level)


STATE_CREDENTIAL = re.compile(r"\b(Medical Assistant[- ][A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)*) \((MA-[A-Z]{1,3})\)")


def state_credential_rule(clause: str) -> Iterable[Finding]:
    """State-issued MA credentials written as 'Medical Assistant-Certified (MA-C)'."""
    if is_hypothetical(clause):
        return
    for name, abbr in STATE_CREDENTIAL.findall(clause):
        yield Finding("credential.state_credentials", {"name": name.replace(" -", "-"), "abbreviation": abbr})


_CERT_NEGATIVE = re.compile(
    r"\bno (?:added|additional|extra) (?:legal )?(?:authority|scope)\b|\bnot give\b[^.]{0,50}\b(?:authority|scope)\b|\b(?:is|are) not (?:required|recognized|a substitute)\b|"
    r"\bnot required\b|\bdoes not (?:require|recognize|accept|expand|change)\b|\bno national certification\b|"
    r"\bnational certification\b[^.]{0,40}\b(?:is not|does not|doesn't|alone is not)\b|\bvoluntary\b",
    re.I,
)
_CERT_POSITIVE = re.compile(
    r"\b(?:recogni[sz]e[sd]?|accept(?:s|ed)?|approved?|qualif(?:y|ies|ied)|satisf(?:y|ies)|eligible|must (?:hold|have|obtain|pass)|certified by|"
    r"credential(?:ed)? by|holds? (?:a |an )?(?:current )?(?:national )?certification)\b",
    re.I,
)


def national_certification_rule(clause: str) -> Iterable[Finding]:
    """National certifications the state recognises, or a statement that none counts."""
    if is_hypothetical(clause):
        return
    certs = certifications_in(clause)
    mentions_national = re.search(r"\bnational(?:ly)? (?:certif|credential|exam)", clause, re.I)
    if (certs or mentions_national) and _CERT_NEGATIVE.search(clause):
        yield Finding("credential.national_certifications", [])
        return
    if certs and _CERT_POSITIVE.search(clause):
        for cert in certs:
            yield Finding("credential.national_certifications", cert)


def education_rule(clause: str) -> Iterable[Finding]:
    """Program accreditation, minimum clock hours, externship, exam and alternative pathways."""
    if is_hypothetical(clause):
        return
    for name, pat in ACCREDITORS.items():
        if pat.search(clause):
            yield Finding("education.accreditors", name)
    program = re.search(r"\b(?:program|curriculum|course|school|training|postsecondary|education)\b", clause, re.I)
    externship = re.search(r"\bexternship|\bclinical (?:practicum|experience)", clause, re.I)
    if externship:
        m = re.search(
            r"(\d{2,4})[- ](?:clock[- ])?hours?[- ](?:clinical )?externship|externship[^.;]{0,60}?(\d{2,4})[- ]?(?:clock[- ])?hours?",
            clause,
            re.I,
        )
        if m:
            yield Finding("education.externship_hours", int(next(g for g in m.groups() if g)))
    if program and not task_mentions(clause):
        body = re.sub(
            r"externship[^.;]{0,60}?\d{2,4}[- ]?(?:clock[- ])?hours?|\d{2,4}[- ](?:clock[- ])?hours?[- ](?:clinical )?externship",
            " ",
            clause,
            flags=re.I,
        )
        hours = [h for h in _hours(body) if h >= 100]
        if hours:
            yield Finding("education.min_clock_hours", max(hours))
    if re.search(r"\bexam(?:ination)?s?\b", clause, re.I):
        if re.search(
            r"\bno (?:state )?exam|\bnot (?:required to )?(?:take|pass) an? exam|\bexam(?:ination)? is not required",
            clause,
            re.I,
        ):
            yield Finding("education.exam", "not required")
        elif re.search(
            r"\b(?:must|shall) (?:\w+ )?pass|\brequired? (?:to pass|examination)|\bpassed\b|\bpassing\b", clause, re.I
        ):
            yield Finding("education.exam", "required")
    if re.search(r"\bno (?:minimum|specific|set) (?:number of )?(?:training |clock )?hours\b", clause, re.I):
        yield Finding("education.min_clock_hours", "none")
    if re.search(r"\bapprenticeship\b", clause, re.I):
        yield Finding("education.alternatives", "registered apprenticeship")
    if re.search(r"\bmilitary\b", clause, re.I) and program:
        yield Finding("education.alternatives", "military training")
    if re.search(r"\bon[- ]the[- ]job training\b", clause, re.I):
        yield Finding("education.alternatives", "on-the-job training")


def supervision_rule(clause: str) -> Iterable[Finding]:
    """The supervision level the delegating practitioner must give."""
    if is_hypothetical(clause) or not re.search(r"\bsupervis|\bpresent\b|\bavailable\b|\bon[- ]?site\b", clause, re.I):
        return
    level = supervision_level(clause)
    if level:
        # a level stated for one task is weaker evidence of the general rule
        yield Finding("supervision", level, weight=0 if task_mentions(clause) else 1)


# --- citations ----------------------------------------------------------------


def _numbers(text: str) -> list[str]:
    return re.findall(r"\d+(?:\.\d+)*(?:\([a-z0-9]+\))*", text)


CITATION_PATTERNS: list[tuple[str, re.Pattern[str], Callable[[re.Match[str]], list[str]]]] = [
    ("statute", re.compile(r"\bRCW\s+(\d+[A-Z]?\.\d+(?:\.\d+)?)"), lambda m: [f"RCW {m.group(1)}"]),
    ("regulation", re.compile(r"\bWAC\s+(\d+-\d+(?:-\d+)?)"), lambda m: [f"WAC {m.group(1)}"]),
    (
        "statute",
        re.compile(
            r"\b(?:Business and Professions|Bus\.? ?& ?Prof\.?|B ?& ?P) Code,?\s*(?:sections?|§§?|sec\.)?\s*((?:\d+(?:\.\d+)?(?:,\s*|\s*(?:and|through|to)\s*)?)+)",
            re.I,
        ),
        lambda m: [f"Cal. Bus. & Prof. Code § {n}" for n in _numbers(m.group(1))],
    ),
    (
        "statute",
        re.compile(
            r"\b(?:Health and Safety|Health ?& ?Safety|H ?& ?S) Code,?\s*(?:sections?|§§?)?\s*((?:\d+(?:\.\d+)?(?:,\s*|\s*(?:and|through)\s*)?)+)",
            re.I,
        ),
        lambda m: [f"Cal. Health & Safety Code § {n}" for n in _numbers(m.group(1))],
    ),
    (
        "regulation",
        re.compile(
            r"\bTitle 16,?\s*(?:of the )?(?:California Code of Regulations|CCR|Cal\.? Code Regs\.?),?\s*(?:sections?|§§?)?\s*((?:\d+(?:\.\d+)?(?:,\s*|\s*(?:and|through)\s*)?)+)",
            re.I,
        ),
        lambda m: [f"16 CCR § {n}" for n in _numbers(m.group(1))],
    ),
    (
        "regulation",
        re.compile(
            r"\b16 (?:CCR|Cal\.? Code Regs\.?),?\s*(?:sections?|§§?)?\s*((?:\d+(?:\.\d+)?(?:,\s*|\s*(?:and|through)\s*)?)+)",
            re.I,
        ),
        lambda m: [f"16 CCR § {n}" for n in _numbers(m.group(1))],
    ),
    (
        "statute",
        re.compile(
            r"\b(?:N\.?Y\.? )?(?:Education|Educ\.) Law,?\s*(?:sections?|§§?)?\s*((?:\d+(?:\(\d+\))?(?:,\s*|\s*(?:and)\s*)?)+)",
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
    return rule


SHARED_RULES: tuple[Rule, ...] = (
    task_rule,
    credential_rule,
    state_credential_rule,
    national_certification_rule,
    education_rule,
    supervision_rule,
)
SENTENCE_RULES: tuple[Rule, ...] = (citation_rule,)
