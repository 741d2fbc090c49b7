"""The task and supervision rules: each reads a clause's frame (frames.py) and states what it finds.

They live apart from rules.py because frames.py reads rules.py's vocabulary: rules.py -> frames.py ->
task_rules.py is the one direction imports go.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tracker.normalize.frames import frame
from tracker.normalize.rules import Finding, reads, supervision_level, task_mentions


@reads("clause")
def task_rule(clause: str) -> Iterable[Finding]:
    """Permission, prohibition or conditions for each task the clause names, read from its frame."""
    if not task_mentions(clause):
        return  # no task named: the frame would name none either (cheap test first; most clauses name none)
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


@reads("clause")
def supervision_rule(clause: str) -> Iterable[Finding]:
    """The supervision level the delegating practitioner must give."""
    level = supervision_level(clause)
    if not level or clause.rstrip().endswith(":"):
        return  # a list's lead-in states the level for the items it introduces
    f = frame(clause)
    if not f.sets_rule:
        return
    # a level stated for one task (or for an untracked procedure: devices, surgery) is weaker evidence
    specific = bool(f.tasks) or bool(_UNTRACKED_PROCEDURE.search(clause) or _SCOPED_LEVEL.search(clause))
    yield Finding("supervision", level, weight=0 if specific else 1)


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
