"""Normalize a jurisdiction's fetched pages into one requirement record.

    pages -> documents (text.py) -> findings per clause (rules.py + the
    state's own rules) -> one value per field, by source precedence -> record

When sources disagree, the most authoritative kind wins (statute and
regulation over official guidance over FAQs; bills never set a rule) and the
disagreement is kept as a warning on the record. A field no source speaks
to stays `unknown` / `unaddressed`; it is never guessed and never `none`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from tracker.normalize import frames as F
from tracker.normalize import rules as R
from tracker.normalize.citations import STATUS_RANK, citation_rule, settle_citations
from tracker.normalize.credential import CREDENTIAL_RULES
from tracker.normalize.task_rules import supervision_rule, task_rule
from tracker.normalize.text import Document, UnreadablePage, document, sentences
from tracker.vocabulary import PRECEDENCE

if TYPE_CHECKING:
    from tracker.registry import Jurisdiction

ENGINE_VERSION = "1.5.0"
SCHEMA_VERSION = "1.1.0"  # 1.1.0: every value says how it was read ("read")
MAX_EXCERPT = 600
MAX_EVIDENCE = 3


class ExtractionError(Exception):
    """The pages could not be read into a record; the message says which and why."""


@dataclass(frozen=True)
class Page:
    """One fetched page, as storage hands it to the normalizer."""

    source_id: str
    url: str
    kind: str
    body: bytes
    content_type: str | None
    fetched_at: datetime
    http_status: int
    content_hash: str


@dataclass(frozen=True)
class Candidate:
    field: str
    value: Any
    conditions: dict[str, Any]
    weight: int
    source_id: str
    kind: str
    excerpt: str
    order: int
    read: str = "stated"  # or "inferred": see rules.Finding.read

    @property
    def rank(self) -> int:
        return PRECEDENCE.get(self.kind, 3)

    def evidence(self) -> dict[str, str]:
        return {"source_id": self.source_id, "excerpt": self.excerpt}


@dataclass
class Result:
    record: dict[str, Any]
    warnings: list[str] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)


# every shared rule, in the order its findings are listed; each declares what it reads (R.reads)
SHARED_RULES: tuple[R.Rule, ...] = (citation_rule, task_rule, *CREDENTIAL_RULES, supervision_rule)


def _by_unit(rules: Sequence[R.Rule]) -> tuple[tuple[R.Rule, ...], tuple[R.Rule, ...]]:
    """(sentence rules, clause rules), each in the given order."""
    units = {rule: R.reads_of(rule) for rule in rules}
    undeclared = [getattr(rule, "__name__", repr(rule)) for rule, unit in units.items() if unit is None]
    if undeclared:
        raise TypeError(f"rules must declare what they read (@reads): {', '.join(undeclared)}")
    return (
        tuple(r for r in rules if units[r] == "sentence"),
        tuple(r for r in rules if units[r] == "clause"),
    )


def _excerpt(text: str) -> str:
    return text if len(text) <= MAX_EXCERPT else text[: MAX_EXCERPT - 1].rstrip() + "\u2026"


def _read_sentence(
    text: str, sentence_rules: tuple[R.Rule, ...], clause_rules: tuple[R.Rule, ...], state: str
) -> tuple[R.Finding, ...]:
    """One sentence's findings: the sentence rules' in order, then its clauses' settled against each other.

    Depends only on its arguments (every rule is a pure function of its text), so the findings of a
    sentence a site repeats on many pages (a disclaimer, a footer, the same rule restated) are kept
    in `_sentence_findings` and not searched for again; test_sentence_cache.py reads every corpus
    passage and bundled page with and without that cache and finds the same.
    """
    found = [f for rule in sentence_rules for f in rule(text)]
    clause_findings: list[R.Finding] = []
    for clause in R.clauses(text):
        for rule in clause_rules:
            clause_findings.extend(F.for_state_credential(rule(clause), clause, state))
    found.extend(F.settle_sentence(clause_findings))
    return tuple(found)


# findings are frozen and read only (a Candidate copies their conditions), so one tuple may serve every page
_sentence_findings = lru_cache(maxsize=8192)(_read_sentence)


def read_candidates(
    doc: Document, kind: str, extra_rules: Sequence[R.Rule] = (), start: int = 0, state: str = ""
) -> list[Candidate]:
    """Every finding in one document, with the exact excerpt it came from (`state`: whose credential names apply)."""
    found: list[Candidate] = []
    order = start
    sentence_rules, clause_rules = _by_unit((*SHARED_RULES, *extra_rules))
    staged: list[tuple[int, str, R.Finding]] = []  # (passage index, sentence, finding)
    for pi, passage in enumerate(doc.passages):
        if passage.link_only:
            continue
        units = [passage.text] if F.is_caption(passage.text) else sentences(passage.text)
        for i, sentence in enumerate(units):
            text = f"{passage.context} {sentence}" if (passage.context and i == 0) else sentence
            staged.extend((pi, text, f) for f in _sentence_findings(text, sentence_rules, clause_rules, state))
    # a bill's status and a proposed rule are read from the lines around them
    for _pi, text, f in settle_citations([p.text for p in doc.passages], staged):
        # a bill's text proposes: it sets no task or supervision rule, creates no state credential and
        # recognises no national certification; only its citations count
        if kind == "bill" and (
            R.is_rule_field(f.field)
            or f.field in ("credential.state_credentials", "credential.national_certifications")
        ):
            continue
        order += 1
        found.append(
            Candidate(
                f.field, f.value, dict(f.conditions), f.weight, doc.source_id, kind, _excerpt(text), order, f.read
            )
        )
    return found


def _top(cands: list[Candidate]) -> list[Candidate]:
    best = min(c.rank for c in cands)
    return [c for c in cands if c.rank == best]


def _conflict(field_name: str, chosen: Any, cands: list[Candidate], top: list[Candidate]) -> str | None:
    """A warning when a less authoritative source states another value."""
    best = min(c.rank for c in top)
    losers = [c for c in cands if c.rank > best and c.value != chosen]
    if not losers:
        return None
    loser = losers[0]
    winner = top[0]
    return (
        f"{field_name}: {loser.kind} source {loser.source_id} says {loser.value!r} but "
        f"{winner.kind} source {winner.source_id} says {chosen!r}; kept {chosen!r} "
        "(statute and regulation take precedence over guidance)."
    )


def _scalar(
    field_name: str, cands: list[Candidate], warnings: list[str], prefer_max: bool = False
) -> tuple[Any, list[dict]] | None:
    if not cands:
        return None
    weighted = [c for c in cands if c.weight > 0] or cands
    top = _top(weighted)
    counts = Counter(c.value for c in top)
    if prefer_max:
        numeric = [v for v in counts if isinstance(v, int)]
        chosen = max(numeric) if numeric else counts.most_common(1)[0][0]
    else:
        chosen = max(counts, key=lambda v: (counts[v], -min(c.order for c in top if c.value == v)))
    others = sorted({repr(v) for v in counts if v != chosen})
    if others:
        warnings.append(f"{field_name}: sources of equal standing also say {', '.join(others)}; kept {chosen!r}.")
    note = _conflict(field_name, chosen, weighted, top)
    if note:
        warnings.append(note)
    return chosen, [c.evidence() for c in top if c.value == chosen][:MAX_EVIDENCE]


def _task(name: str, cands: list[Candidate], warnings: list[str]) -> dict[str, Any]:
    if not cands:
        return {"status": "unaddressed", "conditions": {}, "evidence": []}
    top = _top(cands)
    statuses = {c.value for c in top}
    if len(statuses) == 1:
        status = statuses.pop()
    elif "conditional" in statuses:
        status = "conditional"
    else:
        status = "conditional"
        warnings.append(
            f"tasks.{name}: the sources allow it in some statements and forbid it in others "
            "(often by credential type or setting); recorded as conditional."
        )
    note = _conflict(f"tasks.{name}", status, cands, top)
    if note:
        warnings.append(note)
    backing = [c for c in top if c.value == status] or top
    mixed = len({c.value for c in top}) > 1 and "conditional" not in {c.value for c in top}
    conditions: dict[str, Any] = {}
    hours = [c.conditions["training_hours"] for c in backing if "training_hours" in c.conditions]
    if hours and status == "conditional":
        conditions["training_hours"] = max(hours)
    certs = [cert for c in backing for cert in c.conditions.get("certifications", [])]
    if certs and status == "conditional":
        conditions["certifications"] = list(dict.fromkeys(certs))
    # open to named credential types only when every backing statement is about such a type; a type a
    # statement bars ("an MA-R may not ...") is taken out of those the others open it to, never added
    if status == "conditional" and all(c.conditions.get("credential_types") for c in backing):
        barred = {t for c in backing if c.conditions.get(F.BARRED) for t in c.conditions["credential_types"]}
        opened = {t for c in backing if not c.conditions.get(F.BARRED) for t in c.conditions["credential_types"]}
        if opened - barred:
            conditions["credential_types"] = sorted(opened - barred)
    # a task with two supervision levels (on-site to start an IV line, direct to inject IV drugs) keeps the stricter
    # (a level stated for a few products only counts when no other level is stated)
    leveled = [c for c in backing if "supervision" in c.conditions]
    levels = {c.conditions["supervision"] for c in leveled if not c.conditions.get(F.NARROW)} or {
        c.conditions["supervision"] for c in leveled
    }
    if levels and status != "prohibited":
        conditions["supervision"] = max(levels, key=lambda level: SUPERVISION_STRICTNESS[level])
    fact = {"status": status, "conditions": conditions, "evidence": [c.evidence() for c in backing][:MAX_EVIDENCE]}
    if mixed:  # resolved here from statements that disagree, not stated by any of them
        fact["read"] = "inferred"
    return fact


def _union(cands: list[Candidate]) -> tuple[list[Any], list[dict]]:
    values: list[Any] = []
    evidence: list[dict] = []
    for c in cands:
        if c.value not in values:
            values.append(c.value)
            evidence.append(c.evidence())
    return values, evidence[: MAX_EVIDENCE * 2]


def _list_fact(cands: list[Candidate]) -> dict[str, Any]:
    if not cands:
        return {"value": "unknown", "evidence": []}
    values, evidence = _union(cands)
    return {"value": values, "evidence": evidence}


def _national(cands: list[Candidate], warnings: list[str]) -> dict[str, Any]:
    if not cands:
        return {"value": "unknown", "evidence": []}
    top = _top(cands)
    positive = [c for c in top if isinstance(c.value, str) and c.value in R.CERTIFICATIONS]
    if positive:
        values, evidence = _union(positive)
        return {"value": sorted(values), "evidence": evidence}
    generic = [c for c in top if isinstance(c.value, str)]
    if generic:  # "current national certification" recognised, none named: which ones is not stated
        warnings.append(
            "credential.national_certifications: the sources recognise a national certification without "
            "naming which; recorded as unknown."
        )
        return {"value": "unknown", "evidence": [c.evidence() for c in generic][:MAX_EVIDENCE]}
    return {"value": [], "evidence": [c.evidence() for c in top][:MAX_EVIDENCE]}


def _credentials(jur: Jurisdiction, cands: list[Candidate]) -> dict[str, Any]:
    if not cands:
        return {"value": "unknown", "evidence": []}
    items: dict[str, dict[str, Any]] = {}
    # one credential per name: "medical assistant-phlebotomist" and "Medical Assistant-Phlebotomist (MA-P)"
    # are the same, and the abbreviation the page prints wins over one made up from the name
    for c in sorted(cands, key=lambda c: f"({c.value['abbreviation']})" not in c.excerpt):
        key = re.sub(r"[\s\u2010\u2013-]+", " ", c.value["name"]).lower() or c.value["abbreviation"]
        if key not in items:
            items[key] = {**c.value, "issuer": jur.credentialing_regulator.name, "evidence": [c.evidence()]}
    ordered = sorted(items.values(), key=lambda i: i["abbreviation"] or i["name"])
    return {"value": ordered, "evidence": [i["evidence"][0] for i in ordered]}


# the same order as tracker.diff's: direct (the practitioner in the room) is stricter than on-site
SUPERVISION_STRICTNESS = {"general": 0, "onsite": 1, "direct": 2}
_TIGHTNESS = {"none": 0, "training": 1, "registration": 2, "certification": 3, "license": 4}


def _requirement(cands: list[Candidate], creds: dict, tasks: dict, warnings: list[str]) -> dict[str, Any]:
    stated = [c for c in cands if c.value != "none"]
    if stated:
        # 'credential' (must hold a state credential) takes its level from the credential names
        levels = []
        guessed: set[int] = set()
        for c in _top(stated):
            level = c.value
            if level == "credential":
                names = " ".join(i["name"] for i in creds["value"]) if isinstance(creds["value"], list) else ""
                level = (
                    "certification"
                    if "Certified" in names
                    else "registration"
                    if "Registered" in names
                    else "license"
                    if "Licensed" in names
                    else "certification"
                )
                if not any(word in names for word in ("Certified", "Registered", "Licensed")):
                    guessed.add(c.order)  # no credential name says which kind: the level is a guess
            levels.append((level, c))
        level = max(levels, key=lambda lc: _TIGHTNESS[lc[0]])[0]
        none_said = [c for c in cands if c.value == "none"]
        if none_said:
            warnings.append(
                f"credential.requirement: {none_said[0].source_id} says the state issues no credential, "
                f"but {levels[0][1].source_id} requires one; kept {level!r}."
            )
        fact = {"value": level, "evidence": [c.evidence() for lv, c in levels if lv == level][:MAX_EVIDENCE]}
        if all(c.order in guessed for lv, c in levels if lv == level):
            fact["read"] = "inferred"
        return fact
    if cands:
        evidence = [c.evidence() for c in cands][:MAX_EVIDENCE]
        trained = [
            t
            for t in tasks.values()
            if t["status"] == "conditional"
            and any(k in t["conditions"] for k in ("training_hours", "certifications", "credential_types"))
        ]
        if trained:
            return {
                "value": "training",
                "evidence": evidence + [e for t in trained for e in t["evidence"][:1]][:MAX_EVIDENCE],
                "read": "inferred",  # from the tasks' training conditions, not stated as a requirement
            }
        return {"value": "none", "evidence": evidence}
    return {"value": "unknown", "evidence": []}


def _citations(cands: list[Candidate], page_kinds: dict[str, str]) -> list[dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for c in cands:
        ident = c.value["identifier"]
        if ident not in out:
            entry = {
                "kind": c.value["kind"],
                "identifier": ident,
                "status": c.value["status"],
                "evidence": [c.evidence()],
            }
            out[ident] = entry
        elif STATUS_RANK[c.value["status"]] > STATUS_RANK[out[ident]["status"]]:
            out[ident]["status"] = c.value["status"]
    return sorted(
        out.values(),
        key=lambda e: (["statute", "regulation", "policy", "opinion", "bill"].index(e["kind"]), e["identifier"]),
    )


def _hours_fact(field_name: str, cands: list[Candidate], warnings: list[str]) -> dict[str, Any]:
    got = _scalar(field_name, cands, warnings, prefer_max=True)
    if got is None:
        return {"value": "unknown", "evidence": []}
    return {"value": got[0], "evidence": got[1]}


# --- how each value was read -----------------------------------------------------------------

AUTHORITATIVE_RANK = PRECEDENCE["policy"]  # statute, regulation, opinion, policy: the sources that set rules
_ANY = object()


def _read(fact: dict[str, Any], cands: list[Candidate], best_rank: int, value: Any = _ANY) -> str:
    """How a resolved value was read: "stated" if a candidate behind it at the winning rank states it.

    The candidates behind a value are those whose excerpt is the value's
    evidence (and, when given, whose value it is). A value the resolution
    itself inferred (fact["read"] already "inferred") stays inferred; so does
    one backed only by guidance or FAQs when a statute, regulation, opinion or
    policy source of the state speaks to the same field and does not back it
    (an agency page that says "we do not license medical assistants" states
    that; no statute ever says so). A value nothing backs (unknown) was
    inferred from nothing: "stated".
    """
    if fact.get("read") == "inferred":
        return "inferred"
    keys = {(e["source_id"], e["excerpt"]) for e in fact.get("evidence", [])}
    backing = [c for c in cands if (c.source_id, c.excerpt) in keys]
    if value is not _ANY:
        backing = [c for c in backing if c.value == value] or backing
    if not backing:
        return "stated"
    top = _top(backing)
    stronger_elsewhere = any(c.rank <= AUTHORITATIVE_RANK for c in cands if c not in backing)
    if top[0].rank > AUTHORITATIVE_RANK >= best_rank and stronger_elsewhere:
        return "inferred"
    return "stated" if any(c.read == "stated" for c in top) else "inferred"


def mark_reads(record: dict[str, Any], by_field: dict[str, list[Candidate]], page_kinds: Iterable[str]) -> None:
    """Put `read` ("stated" or "inferred") on every value object of the record, in place."""
    best_rank = min((PRECEDENCE.get(k, 3) for k in page_kinds if k != "bill"), default=3)
    for key, fact in record["credential"].items():
        fact["read"] = _read(fact, by_field.get(f"credential.{key}", []), best_rank)
    for key, fact in record["education"].items():
        fact["read"] = _read(fact, by_field.get(f"education.{key}", []), best_rank)
    sup = record["supervision"]
    sup["read"] = _read(sup, by_field.get("supervision", []), best_rank, sup["value"])
    for task, fact in record["tasks"].items():
        fact["read"] = _read(fact, by_field.get(f"tasks.{task}", []), best_rank, fact["status"])
    for cit in record["citations"]:
        cands = [c for c in by_field.get("citations", []) if c.value["identifier"] == cit["identifier"]]
        cit["read"] = "stated" if not cands or any(c.read == "stated" for c in cands) else "inferred"


def _education(by_field: dict[str, list[Candidate]], warnings: list[str]) -> dict[str, Any]:
    exam = _scalar("education.exam", by_field.get("education.exam", []), warnings)
    return {
        "accreditors": _list_fact(by_field.get("education.accreditors", [])),
        "min_clock_hours": _hours_fact(
            "education.min_clock_hours", by_field.get("education.min_clock_hours", []), warnings
        ),
        "externship_hours": _hours_fact(
            "education.externship_hours", by_field.get("education.externship_hours", []), warnings
        ),
        "exam": {"value": exam[0], "evidence": exam[1]} if exam else {"value": "unknown", "evidence": []},
        "alternatives": _list_fact(by_field.get("education.alternatives", [])),
    }


def _sources(pages: Sequence[Page]) -> list[dict[str, Any]]:
    return [
        {
            "source_id": p.source_id,
            "url": p.url,
            "kind": p.kind,
            "fetched_at": p.fetched_at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
            "http_status": p.http_status,
            "content_hash": p.content_hash,
            **({"content_type": p.content_type} if p.content_type else {}),
        }
        for p in sorted(pages, key=lambda p: p.source_id)
    ]


def build_record(
    jur: Jurisdiction, pages: Sequence[Page], candidates: Iterable[Candidate], now: datetime | None = None
) -> Result:
    """Resolve candidates into one record (pure: no I/O)."""
    cands = list(candidates)
    warnings: list[str] = []
    by_field: dict[str, list[Candidate]] = {}
    for c in cands:
        by_field.setdefault(c.field, []).append(c)

    tasks = {t: _task(t, by_field.get(f"tasks.{t}", []), warnings) for t in R.TASKS}
    creds = _credentials(jur, by_field.get("credential.state_credentials", []))
    requirement = _requirement(by_field.get("credential.requirement", []), creds, tasks, warnings)
    supervision = _scalar("supervision", by_field.get("supervision", []), warnings)
    record: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "jurisdiction": {"code": jur.code, "name": jur.name},
        "profession": jur.profession,
        "regulators": [{"name": r.name, "url": r.url, "role": r.role} for r in jur.regulators],
        "credential": {
            "requirement": requirement,
            "state_credentials": creds,
            "national_certifications": _national(by_field.get("credential.national_certifications", []), warnings),
        },
        "education": _education(by_field, warnings),
        "supervision": (
            {"value": supervision[0], "evidence": supervision[1]}
            if supervision
            else {"value": "unspecified", "evidence": []}
        ),
        "tasks": tasks,
        "citations": _citations(by_field.get("citations", []), {p.source_id: p.kind for p in pages}),
        "sources": _sources(pages),
        "extraction": {
            "normalizer": f"{jur.slug} (engine {ENGINE_VERSION})",
            "normalizer_version": jur.normalizer_version,
            "extracted_at": (now or datetime.now(UTC)).astimezone(UTC).isoformat().replace("+00:00", "Z"),
            "warnings": list(dict.fromkeys(warnings)),
        },
    }
    if supervision:
        record["supervision"]["detail"] = supervision[1][0]["excerpt"] if supervision[1] else ""
    mark_reads(record, by_field, (p.kind for p in pages))
    return Result(record=record, warnings=record["extraction"]["warnings"], candidates=cands)


@dataclass(frozen=True)
class PageReading:
    """What one page says, independent of the other pages: its findings, its passages, whether it speaks of MAs.

    Depends only on the page's bytes, content type and URL, its kind and
    source id, and the jurisdiction's normalizer (engine_signature); so it can
    be kept per content hash (tracker.readings) and an unchanged page is never
    read again.
    """

    candidates: tuple[Candidate, ...]  # `order` counts from 1 within this page
    passages: tuple[str, ...]  # every passage's text, in reading order (for wording diffs)
    about_profession: bool
    warnings: tuple[str, ...] = ()  # about the page itself (a wrong declared charset, repaired)


def read_page(jur: Jurisdiction, page: Page) -> PageReading:
    """Read one page (raises ExtractionError if it cannot be read)."""
    try:
        doc = document(page.source_id, page.url, page.body, page.content_type)
    except UnreadablePage as exc:
        raise ExtractionError(f"{jur.code}: source {page.source_id} ({page.url}) could not be read: {exc}.") from None
    return PageReading(
        tuple(read_candidates(doc, page.kind, jur.rules, state=jur.code)),
        tuple(p.text for p in doc.passages),
        _about_the_profession([doc]),
        tuple(doc.warnings),
    )


def assemble(
    jur: Jurisdiction, pages: Sequence[Page], readings: Sequence[PageReading], now: datetime | None = None
) -> Result:
    """Build the record from each page's reading (pages and readings in the same order).

    Raises ExtractionError if no page states any fact.
    """
    if not pages:
        raise ExtractionError(f"{jur.code}: no pages to normalize.")
    cands: list[Candidate] = []
    for reading in readings:
        start = len(cands)
        cands.extend(
            c if c.order == start + i + 1 else _renumber(c, start + i + 1) for i, c in enumerate(reading.candidates)
        )
    facts = [c for c in cands if c.field != "citations"]
    if not facts and not any(c.field == "citations" for c in cands) and not any(r.about_profession for r in readings):
        raise ExtractionError(
            f"{jur.code}: no requirement facts found in any source; the pages may be error pages, "
            "a login wall or a redesign the normalizer cannot read."
        )
    result = build_record(jur, pages, cands, now)
    result.record["extraction"]["warnings"] += [
        f"source {page.source_id}: {note}"
        for page, reading in zip(pages, readings, strict=True)
        for note in reading.warnings
    ]
    if not facts:
        # a real page that is silent on every point: a valid record of unknowns, flagged for reviewers
        result.record["extraction"]["warnings"].append(
            "The sources state no requirement facts; every field is unknown or unaddressed."
        )
    return result


def _renumber(c: Candidate, order: int) -> Candidate:
    return Candidate(c.field, c.value, c.conditions, c.weight, c.source_id, c.kind, c.excerpt, order, c.read)


def normalize(jur: Jurisdiction, pages: Sequence[Page], now: datetime | None = None) -> Result:
    """Read every page and build the jurisdiction's record.

    Raises ExtractionError if a page cannot be read or no page states any fact.
    """
    if not pages:
        raise ExtractionError(f"{jur.code}: no pages to normalize.")
    return assemble(jur, pages, [read_page(jur, page) for page in pages], now)


_PROFESSION = re.compile(r"\bmedical assistants?\b|\bunlicensed (?:assistive )?(?:persons?|personnel)\b", re.I)


def _about_the_profession(docs: list[Document]) -> bool:
    return any(_PROFESSION.search(p.text) for d in docs for p in d.passages if not p.link_only)


def engine_signature(jur: Jurisdiction) -> tuple[str, str]:
    """What identifies the code that produced a record; a change means re-normalize."""
    return (f"{jur.slug} (engine {ENGINE_VERSION})", jur.normalizer_version)
