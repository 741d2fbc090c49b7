"""Credential rules: whether the state credentials medical assistants, which state
credentials and national certifications count, and the education behind them.

The requirement rule reads a whole sentence (@reads("sentence")): who a clause is
about often shows only in another clause of the same sentence ("Medical assistants
are unlicensed persons; the State issues no license to them"), and a sentence that
states a requirement outranks its own "the state does not license them" clause.
The other rules read one clause. All of them yield Findings for the `credential.*`
and `education.*` record fields.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from tracker.normalize.frames import numbers_as_digits
from tracker.normalize.patterns import phrase
from tracker.normalize.rules import (
    ACCREDITORS,
    Finding,
    Rule,
    _hours,
    certifications_in,
    clauses,
    is_definition,
    is_hypothetical,
    reads,
    task_mentions,
)

# --- who a sentence is about ---------------------------------------------------------------

_MA = re.compile(
    r"(?i:\bmedical assistants?\b|\bmedical assisting\b"
    r"|\bunlicensed (?:assistive )?(?:persons?|personnel|staff|individuals?|assistants?)\b"
    r"|\bunregulated (?:health ?care )?personnel\b|\btechnicians and other assistants\b"
    r"|(?<!physician )(?<!dental )(?<!nursing )(?<!medication )(?<!anesthesiologist )(?<!anesthesia )\bassistants\b)"
    r"|\bMAs\b|\bMA\b(?![-\u2010\u2013]?[A-Z]|\s?III)|\bUAPs?\b"
)
# a subject that is anyone at all: on an MA page, "you must hold a credential the Department issues"
_ANYONE = phrase(r"\b(?:you|a person|any ?one|any person|applicants?|an individual)\b")
_OTHER_PROFESSION = phrase(
    r"\b(?:physician assistants?|(?:registered |practical |vocational |licensed )?nurses?"
    r"|nursing (?:assistants?|students?)"
    r"|pharmacists?|pharmacy technicians?|radiologic technologists?|radiographers?|x-ray (?:machine )?operators?"
    r"|LXMOs?|dental (?:assistants?|hygienists?)|paramedics?|EMTs?|medication (?:aides?|assistants?)"
    r"|certified nursing assistants?|CNAs?|LPNs?|RNs?|APRNs?|assistant physicians?)\b"
)
_FIRST_PERSON = re.compile(r"^\W*I\b|\bI (?:am|work|have|hold)\b")
_PRONOUN = phrase(r"\b(?:they|them|their|the assistants?|the role|he or she)\b")
_STATE_BODY = phrase(
    r"\b(?:state|board|department|secretary|commission|DOH|DPH|the [A-Z][A-Za-z]+ State)\b|\bissued by\b|\bissues\b"
)

# a definition: '"Unlicensed assistive personnel" or "UAP" are ...', 'CMA: means ...', '(7) "X", a person who ...'
_DEFINES = phrase(
    r"^\W*(?:\([a-z0-9]{1,4}\)\s*)*(?:(?:as used |in )(?:in )?this [^,]{1,40}, )?"
    r"(?:[\"'\u201c][^\"'\u201d]{2,80}[\"'\u201d](?:\s+or\s+[\"'\u201c][^\"'\u201d]{1,40}[\"'\u201d])?,?"
    r"\s+(?:means|includes|refers to|is defined|has the meaning|are|is|, a person)\b"
    r"|[\"'\u201c][^\"'\u201d]{2,80}[\"'\u201d], (?:a|an|any) (?:person|individual)\b"
    r"|[A-Z][A-Za-z ]{1,40}: means\b)"
)


def defines(text: str) -> bool:
    """A definition of a term: it names who a word covers and states no rule."""
    return is_definition(text) or bool(_DEFINES.search(text))


_CONTRACTION = phrase(r"\b(can|won|is|are|was|were|do|does|did|has|have|need|must|should)n['\u2019]t\b")


def uncontracted(text: str) -> str:
    """ "isn't", "doesn't", "can't" written out, so one negation pattern reads both spellings."""
    return _CONTRACTION.sub(
        lambda m: {"can": "cannot", "won": "will not"}.get(m.group(1).lower(), f"{m.group(1)} not"), text
    )


_PART_SPLIT = re.compile(
    r";\s*|,\s+(?:and|but|while|whereas)\s+"
    r"(?=(?:the |a |an |its |their |national |no |[A-Z])?[\w-]+(?: [\w-]+){0,4}? "
    r"(?:is|are|was|were|would|does|do|did|has|have|must|may|shall|can|need|needs|keeps|sets|issues|requires)\b)"
    r"|,\s+(?:though|although|however,?)\s+(?=[a-z]+ (?:must|shall|should|may|is|are|need)\b)"
)


@lru_cache(maxsize=4096)  # pure; the requirement, certification and exam rules split the same sentence
def _parts(sentence: str) -> tuple[str, ...]:
    """Sub-clauses whose claims stand apart: '; ', ', and X does', ', but', ', though it'."""
    return tuple(p.strip() for p in _PART_SPLIT.split(sentence) if p and p.strip())


@lru_cache(maxsize=8192)  # pure, and asked by each credential rule of the same clause
def _about_ma(part: str, sentence: str) -> str | None:
    """Whom a sub-clause speaks about: "ma" (itself, or by pronoun after the sentence names them),
    "anyone" (you, a person: on an MA page, possibly MAs), or None (another profession, the speaker)."""
    if _FIRST_PERSON.search(part):
        return None
    if _MA.search(part):
        return "ma"
    if _OTHER_PROFESSION.search(part):
        return None
    if _MA.search(sentence) and (_PRONOUN.search(part) or not _OTHER_PROFESSION.search(sentence)):
        return "ma"
    return "anyone" if _ANYONE.search(part) and not _OTHER_PROFESSION.search(sentence) else None


# --- the credential requirement ---------------------------------------------------------------

_CRED_NOUN = r"(?:licen[cs]e|licensure|licensing|certificates?|certification|registration|credential(?:ing)?)s?"
_NONE_CREDENTIAL = phrase(
    r"\b(?:does|do|did) not (?:\w+ )?(?:license|certify|register|credential|regulate|issue)\b"
    r"|\bneither (?:licen[cs]es|certifies|registers|licensed|certified|registered)\b"
    r"|\bno longer (?:licen[cs]es|certifies|registers|regulates)\b"
    r"|\b(?:does|do) not (?:\w+ )?(?:have|offer|maintain|issue|require|mandate|create|establish) (?:a |any )?"
    r"(?:state |separate )?" + _CRED_NOUN + r"\b"
    r"|\b(?:is|are) not (?:a |an )?(?:licensed|regulated|credentialed|registered)"
    r"(?: or (?:licensed|regulated|credentialed|registered))? (?:health ?care )?"
    r"(?:professions?|occupations?)\b"
    r"|\b(?:do|does) not need (?:to be (?:licensed|registered)|(?:a |any )?(?:state )?(?:licen[cs]e|registration))\b"
    r"|\bneed not be (?:licensed|registered)\b|\b(?:is|are) unlicensed\b"
    r"|\bneed not (?:hold|have|obtain) (?:a |an |any )?(?:state[- ]issued |state )?"
    r"(?:licen[cs]e|registration|credential)"
    r"|^\W*(?:a |an |state |any )?(?:licen[cs]e|licensure|registration|credential)s? (?:is|are) not "
    r"(?:required|needed|necessary)\b"
    r"|\b(?:licen[cs]es|certifies|registers)\b[^.;]{0,80}\bbut not (?:medical assistants|MAs)\b"
    r"|\b(?:issues?|has|have|holds?|needs?|requires?|there is|there are|with) no (?:[\w'-]+ ){0,3}?"
    + _CRED_NOUN
    + r"\b"
    r"|\bno (?:state )?(?:license|licensure|certification|registration|credential)s?\b[^.]{0,60}\b(?:required|"
    r"requirements?|needed|issued|exists?)\b"
    r"|\bno (?:state )?(?:licensure|licensing|certification|registration|credentialing) requirements?\b"
    r"|\bno (?:state |\w+ ){0,2}(?:agency|board|body|department) (?:licen[cs]es|registers|regulates|credentials)\b"
    r"|\b(?:is|are) not required to (?:hold|have|obtain) (?:a |an |any )?(?:state )?"
    r"(?:licen[cs]e|registration|credential)"
    r"|\bnot (?:licensed|certified|registered|credentialed|regulated)(?: or (?:licensed|certified|registered))? by\b"
    r"|\b(?:is|are) (?:not|neither) (?:required to be )?(?:licensed|registered|regulated)\b"
    r"|\bno (?:state|board)[- ](?:issued )?(?:license|certificate|credential)\b"
    r"|\bnot among the (?:occupations|professions|persons)\b[^.;]{0,80}\b(?:licen[cs]e|certify|register)"
    r"|\b(?:may|shall|must) not be (?:read|construed|interpreted|deemed)\b[^.;]{0,40}\b(?:licens|certif|regist)\w*"
    r"|\b(?:is|are) (?:(?:treated|considered|classified|regarded) as )?(?:an? )?unlicensed (?:assistive )?"
    r"(?:persons?|individuals?|personnel)\b"
    r"|\bexempts? (?:\w+ ){0,3}from licensure\b|\bunregulated (?:health ?care )?personnel\b"
    r"|\b(?:does|do|did) not (?:require|mandate) (?:that )?(?:\w+ ){1,4}(?:to )?(?:hold|have|obtain|be) "
    r"(?:any |a |an )?"
    r"(?:state )?"
    r"(?:licen[cs]e|licensed|registration|registered)\b"
)
# "may do so without being licensed under this chapter" (an exemption), not "may not practise ... without"
_EXEMPT = phrase(r"\bmay\b[^.;]{0,60}\bwithout (?:being licensed|a license|licensure)\b")
_NEGATED_MODAL = phrase(r"\b(?:may|shall|must|can) ?not\b|\bcannot\b|\bno (?:person|one|medical assistant)\b")
# "certification is not required" speaks of national certification unless a state body or a licence is in it
_ONLY_CERTIFIED = phrase(r"^(?!.*\b(?:licen|regist|state\b|board\b|department\b)).*\bcertif")


def _level(word: str) -> str:
    w = word.lower()
    if w.startswith("licensure") or w.startswith("licen"):
        return "license"
    if w.startswith("certif"):
        return "certification"
    if w.startswith("regist"):
        return "registration"
    return "credential"


_REQ_WORD = (
    r"(?:licen[cs]e|licensed|licensure|certification|certificate|certified|registration|registered|credential(?:ed)?)"
)
# the credential words of a requirement, a list included: "must hold a license or registration"
_KINDS = rf"(?P<kinds>{_REQ_WORD}s?(?:,? (?:or|and|nor) (?:a |an |be )?(?:state )?{_REQ_WORD}s?)*)"
_NOT_MA_CREDENTIAL = phrase(r"\b(?:radiograph\w*|radiolog\w*|x-?ray|limited|permit|device|nursing|pharmacy|driver)\b")
_REQUIRED = tuple(
    phrase(p)
    for p in (
        r"\b(?:must|shall)\b[^.;]{0,60}?\b(?:hold|obtain|have|apply for|be issued|be granted),? (?:a |an |one of the "
        rf"following |the )?(?:[\w'-]+ ){{0,5}}?{_KINDS}\b(?! (?:program|exam|course))",
        rf"\b(?:must|shall) be {_KINDS} (?:by|with|through|in|on) (?:the )?(?:[\w.]+ ){{0,5}}?"
        r"(?:state|board|department|secretary|DOH|registry)\b",
        rf"\brequired to (?:hold|obtain|have|be) (?:a |an )?(?:state |department )?{_KINDS}",
        rf"\brequires? (?:[\w,-]+ ){{1,12}}?to (?:hold|obtain|have|be) (?:a |an )?(?:[\w-]+ ){{0,2}}?{_KINDS}",
        r"\b(?:may not|shall not|cannot|can not|no (?:one|person|medical assistant) (?:may|shall)) "
        r"(?:practi[cs]e|work|act|be employed|serve)\b[^.;]{0,80}?\b(?:without|unless) "
        r"(?:a |an |first |being |holding )?(?:[\w'-]+ ){0,2}?" + _KINDS,
        rf"^\W*(?:a |state |current )?{_KINDS} (?:(?:with|by|from) (?:the )?[\w.' ]{{1,40}}? )?(?:is )?required "
        r"(?:to|before|for|in order to)\b[^.;]{0,40}?\b(?:practi[cs]|work|be employed|employment)",
        r"\b(?:must|shall)\b[^.;]{0,140}?\bto be (?P<kinds>licensed|certified|registered)\b",
        r"\b(?:must|shall|has to|have to|needs? to) (?:first )?(?P<kinds>register) (?:with|on|in) (?:the )?"
        r"(?:[\w.]+ ){0,5}?"
        r"(?:state|boards?|department|secretary|DOH|registry)\b",
        # "Certification ... is required for registration as a medical assistant": the credential it leads to
        r"\b(?:is|are) required (?:for|before) (?P<kinds>registration|licensure|certification) as (?:a |an )?"
        r"medical assistant\b",
        # "To be registered, a medical assistant must ...": the credential the duty leads to
        r"^\W*(?:in order )?to be (?P<kinds>registered|licensed),?\s+[^.;]{0,100}?\b(?:must|shall)\b",
    )
)
# "The physician who delegates to a medical assistant must hold a license": the delegator's licence
# a subject narrowed to the assistants in one role: trainers and supervisors of other assistants
_ONE_ROLE = phrase(
    r"\bwho (?:also )?(?:teach|train|instruct|supervis|precept|oversee|serves? as (?:an? )?(?:instructor|trainer))\w*"
)
_DELEGATOR = phrase(
    r"^\W*(?:the |a |an |each |every |any )?(?:supervising |delegating |employing |licensed |responsible )?"
    r"(?:physicians?|practitioners?|licensees?|doctors?|employers?|facilit(?:y|ies)|podiatrists?|dentists?|providers?"
    r"|clinics?|offices?)\b"
)
_NEGATED_REQUIREMENT = phrase(
    r"\b(?:does|do|did) not require\b|\b(?:is|are) not required\b|\bneed not\b|\bnot be required\b"
)
_MODAL = phrase(r"\b(?:must|shall|may|is required|are required|needs?|requires?)\b")
_PAST = phrase(
    r"\b(?:had to|was required|were required|used to)\b"
    r"|\b(?:board|department|state|law|rules?|statute|legislature|agency|commission|secretary) once \w+ed\b"
)


_NOT_NOW = phrase(
    r"\bwould\b|\bpropos(?:ed|es|al)\b|\bpending\b|\bif (?:enacted|passed|adopted|signed)\b|\bhas been introduced\b"
    r"|^\W*(?:before|prior to|until) (?:that|this|its|the (?:law|rule|act|amendment|change)|\d{4})\b[^,]{0,60},"
    r"|^\W*(?:previously|formerly|historically)\b"
)


# a side remark about the voluntary national certification: "(To become certified, an MA must pass an exam)"
_VOLUNTARY = phrase(
    r"\b(?:to become|wants? to be(?:come)?|wishing to be(?:come)?|seeking to be(?:come)?|choos\w* to be(?:come)?)"
    r" (?:nationally )?certified\b|\bto earn (?:the |a )?(?:CMA|RMA|CCMA|NCMA|credential|certification)\b"
    r"|\bemployers? (?:may|often|can|usually|generally)? ?(?:require|prefer|accept|look for)\b"
)


def _not_now(text: str) -> bool:
    """A proposal, a pending bill, history or a side remark about voluntary certification.

    "Before the MA uses a device, ..." is a rule, not history."""
    return bool(_NOT_NOW.search(text) or _VOLUNTARY.search(text))


def _subject(part: str) -> str:
    """The words before a clause's first modal ("Initial X applicants" in "Initial X applicants must ...")."""
    m = _MODAL.search(part)
    return part[: m.start()] if m and m.start() > 0 else part


def _national_only(kinds: str, part: str) -> bool:
    """'must hold a current certification from the AAMA ...' names a national certification, not a state one."""
    return bool(re.fullmatch(r"certifi\w*", kinds.strip(), re.I)) and bool(
        certifications_in(part) or _NATIONAL.search(part)
    )


def _stated_level(part: str) -> tuple[str, str] | None:
    if _NEGATED_REQUIREMENT.search(part):
        return None
    for pattern in _REQUIRED:
        m = pattern.search(part)
        if not m or _NOT_MA_CREDENTIAL.search(m.group(0)) or _national_only(m.group("kinds"), part):
            continue
        subject = _subject(part)
        if subject == part or subject.strip() == "" or "requires" in m.group(0).lower():
            subject = part
        head = re.split(r"\b(?:who|that|which|whom)\b|,", subject)[0]
        if task_mentions(subject) or _DELEGATOR.search(subject) or _OTHER_PROFESSION.search(head):
            continue  # one task's condition ("anyone performing radiologic procedures"), or another's own licence
        if _ONE_ROLE.search(subject):
            continue  # "a medical assistant who teaches other assistants must ...": those in one role only
        anyone = _ANYONE.search(subject) and (_STATE_BODY.search(part) or _MA.search(m.group(0)))
        own = _MA.search(m.group(0)) and not _OTHER_PROFESSION.search(part)  # "... practise as a medical assistant"
        if _MA.search(subject) or anyone or own:
            kinds = {_level(w) for w in re.findall(r"licen[cs]|certif|regist|credential", m.group("kinds"), re.I)}
            return (kinds.pop(), "stated") if len(kinds) == 1 else ("credential", "stated")
    return None


_REGISTRY = phrase(
    r"\b(?:must|shall|required to) (?:also |already |first )?be (?:listed|placed|entered|included|enrolled|registered)?"
    r" ?(?:on|in) (?:the|a) (?:[\w']+ ){0,6}?registry\b"
    r"|\b(?:medical assistants|they) are (?:listed|registered|entered) (?:as [\w ]{1,30} )?"
    r"on the (?:\w+ ){0,3}registry\b"
)
_APPLICANT = phrase(
    r"\bapplicants? for (?:a |an |the )?(?:initial )?(?:medical assistant[- \u2010\u2013]?)?([\w-]+ )?"
    r"(registration|certification|licensure|license|credential)\b[^.]{0,200}\b(?:must|shall)\b"
)
# a credential named by its level: "medical assistant-certified" -> certification
_NAMED_LEVEL = phrase(r"\bmedical assistant[- \u2010\u2013]{1,3}(certified|registered|licensed)\b")
_GRANT = phrase(r"\bshall (?:certify|register|license|issue (?:a |an )?\w+) as (?:a |an )?medical assistant[- ]")
_TRAINING = phrase(
    r"\b(?:must|shall|required to|requirements? (?:include|is|are)|unless|verify(?:ing)?|ensure|make sure|expects?"
    r"|confirm(?:s|ing)?|only after)\b"
    r"[^.;]{0,90}?\b(?:complet(?:e|ed|ing|ion of)|finish(?:ed|ing)?|graduat(?:e|ed) from|be trained"
    r"|trained (?:by|in|on)|be (?:a )?graduates? of|(?:is|are|has been|have been) (?:properly |adequately )?trained"
    r"|receive (?:\w+ ){0,2}training|received (?:\w+ ){0,2}training"
    r"|have (?:\w+ ){0,2}training|certificate of training)"
    r"\b(?:[^.;]{0,80}?\b(?:program|course|curriculum|training|instruction)\b|[^.;]{0,3})"
)
_TASK_ONLY = phrase(
    r"\bfor (?:any|each|every|a|the|particular|specific) (?:delegated )?(?:tasks?|duty|duties|procedures?)\b"
    r"|\bapplies only to\b|\bonly (?:to|for) (?:assistants|medical assistants|those) who\b"
)


def _required_level(part: str, sentence: str) -> tuple[str, str] | None:
    """(level, read) when a sub-clause says medical assistants must hold a state credential."""
    named = _NAMED_LEVEL.search(part)
    if _GRANT.search(part) and named:
        return _level(named.group(1)), "inferred"
    m = _APPLICANT.search(part)
    if m and not _NOT_MA_CREDENTIAL.search(m.group(0)) and (_MA.search(sentence) or named):
        word = m.group(2)
        if word.lower() == "credential":
            return (_level(named.group(1)), "inferred") if named else ("credential", "stated")
        return _level(word), "stated"
    stated = _stated_level(part)
    if stated:
        return stated
    m = _REGISTRY.search(part)
    if m and _MA.search(_subject(part)) and not _NEGATED_REQUIREMENT.search(part):
        return "registration", "stated"
    return None


_CLASSED_UNLICENSED = phrase(
    r"\b(?:is|are) (?:(?:treated|considered|classified|regarded) as )?(?:an? )?unlicensed\b|\bunregulated\b"
)


def _says_none(part: str) -> bool:
    if _NONE_CREDENTIAL.search(part):
        m = _NONE_CREDENTIAL.search(part)
        said = m.group(0) if m else ""
        # "does not require MAs to be certified": national certification, not a state credential
        return not (_ONLY_CERTIFIED.search(said) and not re.search(r"\bno (?:state )?certif", said, re.I))
    m = _EXEMPT.search(part)
    # "may engage in the acts ... without a license: (6) a medical assistant:" exempts the listed acts
    acts_follow = part.rstrip().endswith(":")
    return bool(m and not acts_follow and not task_mentions(part) and not _NEGATED_MODAL.search(part[: m.start()]))


_NO_TRAINING = phrase(r"\brequires? no\b|\bno (?:particular |specific )?(?:education|training)\b")


def _says_training(part: str) -> bool:
    if not _TRAINING.search(part) or _TASK_ONLY.search(part) or task_mentions(part):
        return False
    return not _NO_TRAINING.search(part)


def requirement_in(sentence: str) -> tuple[str, str] | None:
    """The credential requirement one sentence states, as (value, read), or None.

    A stated state credential outranks a training requirement, which outranks "none":
    "Arizona does not license them; they must complete an approved program" is `training`.
    """
    sentence = uncontracted(sentence)
    if sentence.rstrip().endswith("?") or defines(sentence):
        return None
    found: list[tuple[int, str, str]] = []
    for part in _parts(sentence):
        who = _about_ma(part, sentence)
        if who is None or _not_now(part) or _PAST.search(part):
            continue
        level = _required_level(part, sentence)
        if who == "anyone":
            if level:
                found.append((3 if level[0] != "credential" else 2, *level))
        elif level:
            found.append((3 if level[0] != "credential" else 2, *level))
        elif _says_training(part):
            found.append((1, "training", "stated"))
        elif _says_none(part):
            # "MAs are unlicensed persons": no credential, inferred from how the law classes them
            found.append((0, "none", "inferred" if _CLASSED_UNLICENSED.search(part) else "stated"))
    if not found:
        return None
    _, value, read = max(found, key=lambda f: f[0])
    return value, read


@reads("sentence")
def credential_rule(sentence: str) -> Iterable[Finding]:
    """Whether the state itself credentials medical assistants (none, training, or a credential level)."""
    got = requirement_in(sentence)
    if got:
        yield Finding("credential.requirement", got[0], read=got[1])


# --- state credentials -------------------------------------------------------------------------

STATE_CREDENTIAL = re.compile(r"\b(Medical Assistant[- ][A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)*) \((MA-[A-Z]{1,3})\)")
_KNOWN_ABBREVIATIONS = {"certified": "MA-C", "registered": "MA-R"}
_TYPE = r"medical assistant[- \u2010\u2013]{1,3}(certified|registered|phlebotomist|hemodialysis technician|emt)\b"
# a credential type named as a credential, not as the subject of a task statement
_NAMED_TYPE = phrase(
    r"\b(?:credential (?:types?|categories)|types of credential\w*)\b[^.]*|"
    r"\b(?:issues?|grants?|offers?) (?:\w+ ){0,3}?(?:credentials?|certifications?)\b[^.:]{0,40}:[^.]*|"
    r"\bscope of practice of (?:a |an )?" + _TYPE + r"|"
    r"\b(?:certification|registration|credential|license) as (?:a |an )?" + _TYPE + r"|"
    r"\b(?:certify|register|license|licence|practi[cs]e|work|act) as (?:a |an )?" + _TYPE + r"|"
    r"\b(?:a |an |the )" + _TYPE + r" (?:credential|certification|registration|license)\b"
)
_TYPE_NAMES = phrase(_TYPE)


def _type_credential(suffix: str) -> dict[str, str]:
    key = suffix.lower()
    title = " ".join(w.capitalize() if w != "emt" else "EMT" for w in key.split())
    return {"name": f"Medical Assistant-{title}", "abbreviation": _KNOWN_ABBREVIATIONS.get(key, f"MA-{title}")}


@reads("sentence")  # a list of credential types runs over semicolons
def state_credential_rule(clause: str) -> Iterable[Finding]:
    """State-issued MA credentials: 'Medical Assistant-Certified (MA-C)', or a credential type named as such."""
    if is_hypothetical(clause):
        return
    for name, abbr in STATE_CREDENTIAL.findall(clause):
        yield Finding("credential.state_credentials", {"name": name.replace(" -", "-"), "abbreviation": abbr})
    if STATE_CREDENTIAL.search(clause):
        return
    for m in _NAMED_TYPE.finditer(clause):
        for suffix in _TYPE_NAMES.findall(m.group(0)):
            yield Finding("credential.state_credentials", _type_credential(suffix))


# --- national certifications -------------------------------------------------------------------

_CERT_NEGATIVE = phrase(
    r"\bno (?:added|additional|extra) (?:legal )?(?:authority|scope)\b|\bnot give\b[^.]{0,50}\b(?:authority|"
    r"scope)\b|\b(?:is|are) not (?:required|recognized|a substitute)\b|\bnot required\b"
    r"|\b(?:does|do) not (?:by itself |alone |in itself )?(?:require|recognize|accept|expand|change|qualify|widen"
    r"|broaden|enlarge|add to)\b|\bnot a (?:condition|prerequisite) (?:of|for|to)\b|\bmakes? no difference\b"
    r"|\bno national certification\b|\bnational certification\b[^.]{0,40}\b(?:is not|does not|doesn't|alone is not)\b"
    r"|\bvoluntary\b|\boptional\b|\b(?:strongly )?encouraged\b|\bwhether or not\b|\bnot (?:mandatory|mandated)\b"
    r"|\bdoes not mandate\b|\bno requirement (?:for|of|that) (?:\w+ ){0,5}certif"
    r"|\bnot (?:required|needed) to (?:be|become) certified\b|\b(?:does|do) not require (?:\w+ ){1,4}to be certified\b"
    r"|\bneed not be (?:nationally )?certified\b"
)
_CERT_POSITIVE = phrase(
    r"\b(?:recogni[sz]e[sd]?|accept(?:s|ed|able)?|approved?|certifications? (?:include|are)|"
    r"qualif(?:y|ies|ied)|satisf(?:y|ies)|eligible|must (?:also |first )?(?:hold|"
    r"have|obtain|pass)|certified (?:by|through)|certification (?:from|by|through|with)|credential(?:ed)? by"
    r"|holds? (?:a |an )?(?:current )?(?:national )?certification|pass(?:ed|es|ing)?\b[^.;]{0,90}\bexam"
    r"|exam(?:ination)? (?:given|offered|administered) by|meets? the (?:\w+ )?requirement|as evidence of"
    r"|rel(?:y|ies) on|proof of|on file)\b"
)
_NATIONAL = phrase(r"\bnational(?:ly)? (?:certif|credential|exam)|\bnational (?:body|certifying|organi[sz]ation)")
_SOME_CERTIFICATION = phrase(r"\bcertif(?:ication|ied)\b")
_GENERIC_NATIONAL = phrase(
    r"\b(?:current |a )?national certification\b"
    r"|\bcertification from a national (?:certifying )?(?:body|organi[sz]ation|agency)\b"
    r"|\bnational certifying exam"
)
_GENERIC_DUTY = phrase(r"\b(?:must|shall|send|submit|provide|proof|show|recogni[sz]\w*|approved?|required)\b")
_STATE_CERT = phrase(
    r"\b(?:licen[cs]\w*|regist\w*)\b[^.;]{0,20}\bor (?:\w+ )?certif|\bcertif\w* by the (?:state|board|department)"
)


def _national_in(clause: str) -> Iterable[Finding]:
    clause = uncontracted(clause)
    certs = certifications_in(clause)
    national = _NATIONAL.search(clause)
    some = _SOME_CERTIFICATION.search(clause) and not _STATE_CERT.search(clause)
    if not (certs or national or some or _GENERIC_NATIONAL.search(clause)):
        return  # no certification named (the cheap test first)
    if is_hypothetical(clause) or _PAST.search(clause) or (_OTHER_PROFESSION.search(clause) and not _MA.search(clause)):
        return
    if _VOLUNTARY.search(clause) and not _CERT_NEGATIVE.search(clause):
        return  # what an employer prefers, or how one becomes certified: not what the state recognises
    if (certs or national or some) and _CERT_NEGATIVE.search(clause):
        if certs or national or not re.search(r"\blicen[cs]|\bregist", clause, re.I):
            yield Finding("credential.national_certifications", [])
        return
    if task_mentions(clause):
        return
    if certs and _CERT_POSITIVE.search(clause):
        for cert in certs:
            yield Finding("credential.national_certifications", cert)
    elif _GENERIC_NATIONAL.search(clause) and _GENERIC_DUTY.search(clause):
        yield Finding("credential.national_certifications", "national certification")


@reads("sentence")
def national_certification_rule(sentence: str) -> Iterable[Finding]:
    """National certifications the state recognises, or a statement that none counts.

    Certifications named as a condition for one task ("may give vaccines only if certified by
    the AAMA") are that task's condition, not the state's list; definitions name no rule.
    """
    if defines(sentence):
        return
    items = _listed_items(sentence)
    if items:
        for lead, item in items:
            yield from _national_in(f"{lead} {item}")
        return
    for part in _parts(sentence):
        for clause in clauses(part):
            yield from _national_in(clause)


# "Any of these meets the requirement: CMA (AAMA); RMA (AMT)": a list of short items after a lead-in
_LEAD_IN = re.compile(r"^(?P<lead>[^:]{10,200}:)\s*(?P<items>[^:]+)$")
_VERB = phrase(r"\b(?:is|are|was|were|may|must|shall|can|will|does|do|has|have|needs?)\b")


def _listed_items(sentence: str) -> list[tuple[str, str]]:
    """(lead-in, item) for each item of a list the sentence prints after its lead-in, or [] for no such list;
    each item is read with the lead-in, whose verb (accepts, meets, must hold) says what the list is."""
    m = _LEAD_IN.match(sentence)
    if not m or ";" not in m.group("items"):
        return []
    items = [i.strip(" ;,.") for i in m.group("items").split(";") if i.strip(" ;,.")]
    if any(len(i) > 80 or _VERB.search(i) for i in items):
        return []
    return [(m.group("lead"), i) for i in items]


# --- education ---------------------------------------------------------------------------------

_EXTERNSHIP_HOURS = phrase(
    r"(\d{2,4})[- ](?:clock[- ])?hours?[- ](?:clinical )?externship|"
    r"externship[^.;]{0,60}?(\d{2,4})[- ]?(?:clock[- ])?hours?"
)
_NO_MINIMUM = phrase(
    r"\bno (?:minimum |specific |set |particular )?(?:number of )?(?:training |clock[- ]|contact |program )?"
    r"(?:hours?|hour (?:minimum|requirement)s?)\b"
    r"|\bno (?:minimum |set |specific )(?:program )?(?:length|duration)\b"
    r"|\b(?:sets?|specif\w+|requires?|establish\w*) no (?:minimum )?(?:number of )?(?:training |clock[- ])?"
    r"(?:hours?|hour minimum|minimum)\b"
)


_EXAM_WORD = phrase(r"\bexam(?:ination)?s?\b")
_ONE_ROUTE = phrase(r"\beither\b|\bat least one of\b")


def _exam(clause: str, sentence_has_ma: bool) -> str | None:
    """'required' / 'not required' when a clause says whether MAs must pass an exam."""
    if not _EXAM_WORD.search(clause):
        return None
    if re.search(
        r"\bno (?:state )?exam|\bnot (?:required to )?(?:take|pass) an? exam"
        r"|\bexam(?:ination)?s? (?:is|are) not (?:required|a (?:condition|prerequisite))"
        r"|\b(?:does|do) not require (?:\w+ ){1,4}to (?:take|pass) (?:an? |any )?exam"
        r"|\b(?:does|do) not (?:have|need) to (?:take|pass) (?:an? |any )?exam"
        r"|\bneed not (?:take|pass) (?:an? |any )?exam",
        clause,
        re.I,
    ):
        # whose: not another profession's, nor one credential type's ("the MA-R takes no exam" is that type's)
        if (_OTHER_PROFESSION.search(clause) and not _MA.search(clause)) or _TYPE_NAMES.search(clause):
            return None
        return "not required"
    if not sentence_has_ma or task_mentions(clause) or _OTHER_PROFESSION.search(clause):
        return None
    if re.search(
        r"\beither\b|\bor (?:has |have )?(?:passed|a passing)\b|\bat least one of\b|\bjurisprudence\b", clause, re.I
    ):
        return None  # one route among others, or an exam about another law
    if re.search(
        r"\b(?:must|shall) (?:\w+ )?pass\b|\brequired? (?:to pass|examination)|\bproof of (?:having )?pass"
        r"|\bwho (?:has|have) (?:completed [^.;]{0,80}, )?passed\b|\bpass (?:an |the )?(?:approved )?exam",
        clause,
        re.I,
    ):
        return "required"
    return None


_APPRENTICESHIP = phrase(r"\bapprenticeship\b")
_MILITARY = phrase(r"\bmilitary\b|\barmed[- ]forces\b|\barmed services\b")
_OJT = phrase(r"\bon[- ]the[- ]job training\b")
_OJT_NOT = phrase(r"\bon[- ]the[- ]job training (?:does|do|is|are|will) not\b")
_PROGRAM = phrase(r"\b(?:program|curriculum|course|school|training|postsecondary|education)\b")
_EXTERNSHIP = phrase(r"\bexternship|\bclinical (?:practicum|experience)")


def _alternatives(clause: str, program: bool) -> Iterable[str]:
    if _APPRENTICESHIP.search(clause):
        yield "registered apprenticeship"
    if _MILITARY.search(clause) and program:
        yield "military training"
    if _OJT.search(clause) and not _OJT_NOT.search(clause):
        yield "on-the-job training"


@reads("clause")
def education_rule(clause: str) -> Iterable[Finding]:
    """Program accreditation, minimum clock hours, externship and alternative pathways (not another profession's)."""
    if is_hypothetical(clause) or defines(clause) or (_OTHER_PROFESSION.search(clause) and not _MA.search(clause)):
        return
    clause = numbers_as_digits(clause)
    for name, pat in ACCREDITORS.items():
        if pat.search(clause):
            yield Finding("education.accreditors", name)
    program = _PROGRAM.search(clause)
    m = _EXTERNSHIP_HOURS.search(clause) if _EXTERNSHIP.search(clause) else None
    if m:
        yield Finding("education.externship_hours", int(next(g for g in m.groups() if g)))
    if program and not task_mentions(clause):
        hours = [h for h in _hours(_EXTERNSHIP_HOURS.sub(" ", clause)) if h >= 100]
        if hours:
            yield Finding("education.min_clock_hours", max(hours))
    if _NO_MINIMUM.search(clause):
        yield Finding("education.min_clock_hours", "none")
    for alternative in _alternatives(clause, bool(program)):
        yield Finding("education.alternatives", alternative)


_APPLICANT_OF_MA = phrase(r"\bapplicants? for (?:a |an )?(?:medical assistant|registration|certification)\b")


@reads("sentence")
def exam_rule(sentence: str) -> Iterable[Finding]:
    """Whether medical assistants must pass an exam; read per sentence, since a list of requirements
    ("must meet these: (1) complete a program; (2) pass an exam") names the subject once."""
    if is_hypothetical(sentence) or _not_now(sentence) or defines(sentence) or sentence.rstrip().endswith("?"):
        return
    if not _EXAM_WORD.search(sentence) or _ONE_ROUTE.search(sentence):
        return  # no exam named, or the exam is one route among others
    sentence = uncontracted(sentence)
    has_ma = bool(_MA.search(sentence) or _APPLICANT_OF_MA.search(sentence))
    for part in _parts(sentence):
        exam = _exam(part, has_ma and not (_OTHER_PROFESSION.search(sentence) and not _MA.search(sentence)))
        if exam:
            yield Finding("education.exam", exam)
            return


CREDENTIAL_RULES: tuple[Rule, ...] = (
    credential_rule,
    state_credential_rule,
    national_certification_rule,
    education_rule,
    exam_rule,
)
