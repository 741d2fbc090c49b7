"""Credential rules: whether the state credentials medical assistants, which state
credentials and national certifications count, and the education behind them.

Each rule reads one clause (@reads("clause")) and yields Findings for the
`credential.*` and `education.*` record fields.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tracker.normalize.rules import (
    ACCREDITORS,
    Finding,
    Rule,
    _hours,
    certifications_in,
    is_definition,
    is_hypothetical,
    reads,
    task_mentions,
)

_NONE_CREDENTIAL = re.compile(
    r"\b(?:does|do|did) not (?:\w+ )?(?:license|certify|register|credential|regulate|issue)\b|"
    r"\b(?:does|do) not (?:have|offer|maintain|require) (?:a |any )?(?:state )?(?:license|licensure|certification|"
    r"registration|credential)\b|"
    r"\bno (?:state )?(?:license|licensure|certification|registration|credential)s?\b[^.]{0,60}\b(?:required|"
    r"requirements?|needed|issued|exists?)\b|"
    r"\bno (?:state )?(?:licensure|licensing|certification|registration|credentialing) requirements?\b|"
    r"\bnot (?:licensed|certified|registered|credentialed) by the (?:state|board|department)\b|"
    r"\b(?:is|are) not (?:required to be )?(?:licensed|certified|registered)\b|"
    r"\bno (?:state|board)[- ](?:issued )?(?:license|certificate|credential)\b|"
    r"\bthere is no (?:state )?(?:license|certification|registration|credential)\b",
    re.I,
)
_REQUIRED_CREDENTIAL = re.compile(
    r"\b(?:must|shall) (?:hold|obtain|have|apply for|be issued) (?:a |an |one of the following |the )?(?:[\w-]+ ){0,3}?"
    r"(license|certification|certificate|registration|credential)s?\b(?! (?:program|exam))|"
    r"\b(?:must|shall) be (licensed|certified|registered|credentialed) (?:by|with|through) the (?:state|board|"
    r"department|secretary)\b|"
    r"\brequired to (?:hold|obtain|have) (?:a |an )?(?:state |department )?(license|certification|certificate|"
    r"registration|credential)\b",
    re.I,
)
_MA_SUBJECT = re.compile(
    r"\bmedical assistants?\b|\bMAs?\b|\bunlicensed (?:assistive )?(?:persons?|personnel|staff)\b", re.I
)


@reads("clause")
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


@reads("clause")
def state_credential_rule(clause: str) -> Iterable[Finding]:
    """State-issued MA credentials written as 'Medical Assistant-Certified (MA-C)'."""
    if is_hypothetical(clause):
        return
    for name, abbr in STATE_CREDENTIAL.findall(clause):
        yield Finding("credential.state_credentials", {"name": name.replace(" -", "-"), "abbreviation": abbr})


_CERT_NEGATIVE = re.compile(
    r"\bno (?:added|additional|extra) (?:legal )?(?:authority|scope)\b|\bnot give\b[^.]{0,50}\b(?:authority|"
    r"scope)\b|\b(?:is|are) not (?:required|recognized|a substitute)\b|"
    r"\bnot required\b|\bdoes not (?:require|recognize|accept|expand|change)\b|\bno national certification\b|"
    r"\bnational certification\b[^.]{0,40}\b(?:is not|does not|doesn't|alone is not)\b|\bvoluntary\b",
    re.I,
)
_CERT_POSITIVE = re.compile(
    r"\b(?:recogni[sz]e[sd]?|accept(?:s|ed)?|approved?|qualif(?:y|ies|ied)|satisf(?:y|ies)|eligible|must (?:hold|"
    r"have|obtain|pass)|certified by|"
    r"credential(?:ed)? by|holds? (?:a |an )?(?:current )?(?:national )?certification)\b",
    re.I,
)


@reads("clause")
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


@reads("clause")
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
            r"(\d{2,4})[- ](?:clock[- ])?hours?[- ](?:clinical )?externship|"
            r"externship[^.;]{0,60}?(\d{2,4})[- ]?(?:clock[- ])?hours?",
            clause,
            re.I,
        )
        if m:
            yield Finding("education.externship_hours", int(next(g for g in m.groups() if g)))
    if program and not task_mentions(clause):
        body = re.sub(
            r"externship[^.;]{0,60}?\d{2,4}[- ]?(?:clock[- ])?hours?|"
            r"\d{2,4}[- ](?:clock[- ])?hours?[- ](?:clinical )?externship",
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


CREDENTIAL_RULES: tuple[Rule, ...] = (
    credential_rule,
    state_credential_rule,
    national_certification_rule,
    education_rule,
)
