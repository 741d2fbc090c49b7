"""The task and supervision rules: each reads a clause's frame (frames.py) and states what it finds.

They live apart from rules.py because frames.py reads rules.py's vocabulary: rules.py -> frames.py ->
task_rules.py is the one direction imports go.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tracker.normalize.frames import frame
from tracker.normalize.patterns import phrase
from tracker.normalize.rules import _DIRECT, _ONSITE, Finding, clauses, reads, supervision_level, task_mentions


@reads("clause")
def task_rule(clause: str) -> Iterable[Finding]:
    """Permission, prohibition or conditions for each task the clause names, read from its frame."""
    if not task_mentions(clause):
        return  # no task named: the frame would name none either (cheap test first; most clauses name none)
    if _SUBJECTLESS.match(clause) and "?" not in clause:
        return  # "..., but shall not give any medication by IV": the elided subject was not recovered, so whom the
        # bar is about is not known (it may be another profession's)
    f = frame(clause)
    if not f.sets_rule or not f.tasks or f.polarity is None or clause.rstrip().endswith(":"):
        return  # a list's lead-in ("... the following:") sets nothing until its items are read
    tasks = list(f.tasks)
    if "iv" in tasks and "iv" not in f.excluded:  # "inject medication into an IV line" is about IV therapy only
        tasks = [t for t in tasks if t not in ("injections", "medication_administration")] or ["iv"]
    read = "inferred" if f.inferred else "stated"
    for task in tasks:
        if task in f.excluded and f.polarity != "prohibited":
            yield Finding(f"tasks.{task}", "prohibited", {}, read=read)
        elif task in f.conditioned:
            yield Finding(f"tasks.{task}", "conditional", dict(f.conditions), read=read)
        else:
            yield Finding(f"tasks.{task}", f.polarity, dict(f.conditions), read=read)


@reads("sentence")
def supervision_rule(sentence: str) -> Iterable[Finding]:
    """The supervision level the delegating practitioner must give, read clause by clause.

    A level is the level for all of a medical assistant's work (weight 1) only when nothing in the sentence
    scopes it: a level stated for one task, an untracked procedure, a setting, or in a clause that refers back
    ("while it is done", "each requires") to a clause about one task is weaker evidence (weight 0).
    """
    parts = clauses(sentence)
    scoped = [_scoped(part) for part in parts]
    for i, part in enumerate(parts):
        level = supervision_level(part)
        if not level or part.rstrip().endswith(":"):
            continue  # a list's lead-in states the level for the items it introduces
        f = frame(part)
        if not _PREDICATE.search(part) or not f.sets_rule or (level != "general" and _level_negated(part)):
            continue  # "direct supervision is not required" states what is not needed, not the level
        refers_back = i > 0 and any(scoped[:i]) and bool(_BACK_REFERENCE.search(part))
        specific = scoped[i] or refers_back or _answers_a_narrow_question(part) or bool(_NO_SUBJECT.match(part))
        yield Finding("supervision", level, weight=0 if specific else 1)


def _scoped(clause: str) -> bool:
    """Whether what a clause says holds for some of the work only (one task, a procedure, a setting)."""
    f = frame(clause)
    # one credential type's level is not every assistant's
    return bool(f.tasks) or f.about.startswith("credential:") or any(p.search(clause) for p in _SCOPES)


def _answers_a_narrow_question(clause: str) -> bool:
    """'Must the provider be in the exam room? No. The provider must be in the facility ...': an FAQ answer
    gives the level for all of the work only when its question asks about medical assistants' work."""
    qa = _QA.match(clause)
    return qa is not None and not _MA_WORK.search(qa.group("q"))


# "on site whenever an assistant performs a laser procedure", "For therapeutic radiation, ... on the premises": a
# level for some of the work; "whenever the assistant sees patients" or "... works" is the level for all of it
_SCOPED_LEVEL = re.compile(
    r"\b(?:when|whenever|while)\s+(?:an? |the )?(?:[\w-]+ ){0,2}?(?:assistants?|non-?physicians?|MAs?|personnel)\b"
    r"(?!\s+(?:is |are )?(?:giving |providing |engaged in |involved in )?(?:direct |any )?patient care\b"
    r"|\s+(?:sees?|works?|is working|treats?|is on duty)\b"
    r"|\s+(?:is |are )?(?:performs?|performing|carr(?:y|ies|ying) out|does|doing|provides?|providing)\s+"
    r"(?:(?:any|the|those|these|such|an?|delegated|clinical|technical|supportive)\s+)*"
    r"(?:procedures?|tasks?|services|duties|functions|work)\b)"
    r"|^\W*(?:\(\w+\)\s*)*for (?!(?:the )?purposes?\b|all\b|every\b|any\b)[\w -]{3,40},",
    re.I,
)
_UNTRACKED_PROCEDURE = re.compile(r"\bdevices?\b|\bsurgical\b|\binvasive procedures?\b|\blasers?\b", re.I)
# what makes a level hold for some of the work only
_SCOPES = (
    _SCOPED_LEVEL,
    _UNTRACKED_PROCEDURE,
    # "(B) Where the main purpose of the setting ... is health care, ... on-site", "in a hospital": one kind of setting
    phrase(
        r"^\W*(?:\(\w+\)\s*)*(?:where|if|when)\b[^,;]{0,120}\bsettings?\b"
        r"|\bin (?:a|an|the) (?:hospital|nursing home|long-term care|acute[- ]care|school|home)\b"
    ),
    # someone else's level: a trainee's ("160 hours of training under the direct personal supervision of ..."),
    # a physician assistant's ("a PA who works under a physician's general supervision")
    phrase(
        r"\b(?:training|trainees?|students?|externs?|externships?|practicum|physician assistants?|PAs?|nurse "
        r"practitioners?|APRNs?|residents?)\b[^.;]{0,40}\bunder (?:the )?(?:[\w'-]+ ){0,3}supervision\b"
    ),
)
# a clause that points back at what the clause before it named: "while it is done", "each requires"
_BACK_REFERENCE = phrase(
    r"\b(?:it|they|each|these|those|such)\b(?! (?:is|are) (?:not )?(?:required|necessary)\b)"
    r"|\bthe (?:procedures?|tasks?|services?|examinations?|injections?)\b",
)
_QA = re.compile(r"^(?P<q>[^?]{8,}\?)\s", re.S)
_MA_WORK = phrase(
    r"\bmedical assistants?\b|\bassistants?\b|\bMAs?\b|\bunlicensed\b|\bstaff\b|\bpersonnel\b|\bdelegat\w*"
    r"|\btasks?\b|\bduties\b",
)
# "need not be under direct supervision", "does not have to be in the office", "direct supervision is not
# required": the level phrase stands inside a negation, so it is lifted, not stated ("On-site supervision does not
# require the physician to be in the same room" states the level: the negation comes after it)
_NEGATOR = phrase(
    r"\b(?:need not|does not (?:require|need|call for|have to|mean)|do not (?:require|need|have to)"
    r"|is not required to|not necessarily)\b",
)
_LEVEL_WORDS = phrase(rf"(?:{_DIRECT.pattern})|(?:{_ONSITE.pattern})")
_NOT_REQUIRED_AFTER = phrase(r"^[^.;,]{0,30}?\b(?:is|are) not (?:required|necessary|needed)\b")


def _level_negated(clause: str) -> bool:
    level = _LEVEL_WORDS.search(clause)
    if not level:
        return False
    before = clause[max(0, level.start() - 50) : level.start()]
    return bool(_NEGATOR.search(before) and not re.search(r"\bbut\b|\bhowever\b", before[-30:])) or bool(
        _NOT_REQUIRED_AFTER.search(clause[level.end() :])
    )


# "(iii) performs ... under the direct supervision of ...": a list item read without its lead-in names no one
_NO_SUBJECT = re.compile(r"^\W*(?:\((?:[ivx]+|\d+|[a-z])\)\s*)+[a-z]+s\b")
# a level needs a predicate: "On-site supervision" printed as a heading states nothing
_PREDICATE = phrase(
    r"\b(?:must|shall|may|can|is|are|be|means?|requires?|required|need\w*|works?|perform\w*|does|do|has|have"
    r"|remains?|stays?|gives?|provides?|supervises?|satisf\w*|calls? for)\b",
)
_SUBJECTLESS = re.compile(r"^\W*(?:may|must|shall|can|cannot|should)\b", re.I)
