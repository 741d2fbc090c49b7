"""The change report, as one self-contained HTML file and as Markdown; alert digests use the same content.

Per jurisdiction (those with requirement changes first) and per field: what
it was and what it is now (a new value the normalizer inferred rather than
read stated is flagged "inferred — check first" and listed first within its
kind of change), the evidence before and after with the changed
words marked, the source (a link only for http/https URLs) and the page's
content hash, and the review status.

Scraped text is never trusted: the HTML is rendered by Jinja2 with
autoescaping and a Content-Security-Policy that allows no script and no
external resource; the Markdown escapes every scraped string (see
`tracker.textsafe.md`), through a template environment that escapes every
`{{ ... }}` unless a value was built here as Markdown.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker import __version__, corrections, storage
from tracker.diff import evidence_pairs, is_unknown, label, read_of, show, word_diff
from tracker.models import Change, RecordVersion
from tracker.textsafe import md, md_url, safe_href
from tracker.vocabulary import CATEGORY_ORDER, HEALTH_CATEGORIES, RECOVERY_KINDS, change_label, ordered

KIND_NOTE = {
    "added": "newly stated",
    "removed": "no longer found",
    "flap": "flapping value",
    "restored": "readable again",
    "problem": "problem",
    "recovered": "recovered",
}


class MdSafe(str):
    """Markdown built here from escaped parts: the Markdown template does not escape it again."""


@dataclass
class Token:
    text: str
    changed: bool


@dataclass
class EvidenceRow:
    source_id: str
    before: list[Token] | None
    after: list[Token] | None

    @property
    def marked(self) -> bool:
        """Whether words are marked as changed (only when a sentence before and after differ)."""
        return any(t.changed for t in (self.before or []) + (self.after or []))


@dataclass
class Verified:
    """A reviewer's correction in force for a change's field: the value shown instead of the extracted one."""

    value: str
    extracted: str
    by: str
    on: datetime
    note: str | None
    citation: str | None


@dataclass
class ChangeView:
    id: int
    jurisdiction: str
    category: str
    category_label: str
    field: str
    field_label: str
    kind: str
    kind_note: str
    direction: str | None
    summary: str
    before: str
    after: str
    evidence: list[EvidenceRow]
    source_url: str | None
    href: str | None
    content_hash: str | None
    status: str
    created_at: datetime
    reviewed_by: str | None
    reviewed_at: datetime | None
    review_note: str | None
    supersedes_id: int | None
    supersedes_status: str | None
    run_id: int | None
    alerted: bool  # False for a repeat flip, recorded for the record only
    inferred: bool = False  # the new value was inferred, not stated: reviewers check it first
    verified: Verified | None = None  # a reviewer's correction of this field, in force on the current record

    @property
    def health(self) -> bool:
        return self.category in HEALTH_CATEGORIES


@dataclass
class Group:
    jurisdiction: str
    changes: list[ChangeView] = field(default_factory=list)


def _value(category: str, v: Any) -> str:
    if v is None:
        return "—"
    if category == "text" and isinstance(v, str) and v.startswith("sha256:"):
        return f"page content {v[:19]}…"
    return show(v)


def _once(evidence: list[dict[str, str]]) -> list[dict[str, str]]:
    """Each (source, sentence) once, in order: changes recorded before the diff kept them once may repeat one."""
    seen: set[tuple[str, str]] = set()
    out = []
    for e in evidence:
        key = (e.get("source_id", ""), e.get("excerpt", ""))
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


def _evidence(c: Change) -> list[EvidenceRow]:
    rows = []
    for before, after in evidence_pairs(_once(c.evidence_before or []), _once(c.evidence_after or [])):
        b_text = (before or {}).get("excerpt", "")
        a_text = (after or {}).get("excerpt", "")
        if before is not None and after is not None and b_text == a_text:
            before = None  # the same sentence before and after: shown once
        if before is not None and after is not None:
            b_tokens, a_tokens = word_diff(b_text, a_text)
        else:  # nothing to compare with: shown as is, unmarked
            b_tokens, a_tokens = [(b_text, False)], [(a_text, False)]
        rows.append(
            EvidenceRow(
                source_id=(after or before or {}).get("source_id", ""),
                before=[Token(t, ch) for t, ch in b_tokens] if before is not None else None,
                after=[Token(t, ch) for t, ch in a_tokens] if after is not None else None,
            )
        )
    return rows


def inferred(c: Change, session: Session | None, cache: dict[int, dict[str, Any] | None] | None = None) -> bool:
    """Whether a requirement change's new value was inferred (read from the record it produced)."""
    if session is None or c.to_version_id is None or c.category != "requirement" or is_unknown(c.new_value):
        return False
    cache = {} if cache is None else cache
    if c.to_version_id not in cache:
        version = session.get(RecordVersion, c.to_version_id)
        cache[c.to_version_id] = version.record if version is not None else None
    return read_of(cache[c.to_version_id], c.field) == "inferred"


def view(c: Change, superseded: Change | None = None, inferred: bool = False) -> ChangeView:
    return ChangeView(
        id=c.id,
        jurisdiction=c.jurisdiction,
        category=c.category,
        category_label=change_label(c.category, c.kind),
        field=c.field,
        field_label=label(c.field) if not c.field.startswith("sources.") else f"Source {c.field.split('.', 1)[1]}",
        kind=c.kind,
        kind_note=KIND_NOTE.get(c.kind, ""),
        direction=c.direction,
        summary=c.summary,
        before=_value(c.category, c.old_value),
        after=_value(c.category, c.new_value),
        evidence=_evidence(c),
        source_url=c.source_url,
        href=safe_href(c.source_url),
        content_hash=c.content_hash,
        status=c.status,
        created_at=c.created_at,
        reviewed_by=c.reviewed_by,
        reviewed_at=c.reviewed_at,
        review_note=c.review_note,
        supersedes_id=c.supersedes_id,
        supersedes_status=superseded.status if superseded is not None else None,
        run_id=c.run_id,
        alerted=c.audience != "none",
        inferred=inferred,
    )


def group(changes: Iterable[Change], session: Session | None = None) -> list[Group]:
    """Jurisdictions with requirement changes first; within each, requirement changes first,
    inferred new values first among them."""
    groups: dict[str, Group] = {}
    records: dict[int, dict[str, Any] | None] = {}
    fixed: dict[tuple[str, str], dict[str, Any]] = {}
    for c in ordered(list(changes)):
        superseded = session.get(Change, c.supersedes_id) if session is not None and c.supersedes_id else None
        item = view(c, superseded, inferred(c, session, records))
        item.verified = _verified(c, session, fixed)
        groups.setdefault(c.jurisdiction, Group(c.jurisdiction)).changes.append(item)
    for g in groups.values():  # stable: the order above holds within each kind
        g.changes.sort(key=lambda v: (CATEGORY_ORDER.get(v.category, 9), not v.inferred))
    return list(groups.values())


def _verified(c: Change, session: Session | None, cache: dict[tuple[str, str], dict[str, Any]]) -> Verified | None:
    """The correction in force for the change's field (looked up once per jurisdiction)."""
    if session is None or c.field not in corrections.FIELDS:
        return None
    key = (c.jurisdiction, c.profession)
    if key not in cache:
        cache[key] = corrections.current(session, *key)
    item = cache[key].get(c.field)
    if item is None:
        return None
    shown = _value(c.category, item.value), _value(c.category, item.extracted_value)
    return Verified(*shown, item.corrected_by, item.created_at, item.note, item.citation)


def counts(changes: list[Change]) -> dict[str, int]:
    return {
        "requirement": sum(1 for c in changes if c.category == "requirement"),
        "administrative": sum(1 for c in changes if c.category == "administrative"),
        "text": sum(1 for c in changes if c.category == "text"),
        "health": sum(1 for c in changes if c.category in HEALTH_CATEGORIES and c.kind not in RECOVERY_KINDS),
        "recovered": sum(1 for c in changes if c.kind in RECOVERY_KINDS),
        "flaps": sum(1 for c in changes if c.kind == "flap"),
    }


def inferred_count(groups: list[Group]) -> int:
    return sum(1 for g in groups for c in g.changes if c.inferred)


def headline(changes: list[Change]) -> str:
    """A one-line subject: what kinds of change, in which jurisdictions."""
    parts = []
    for cats, one, many in (
        (("requirement",), "requirement change", "requirement changes"),
        (("administrative",), "administrative change", "administrative changes"),
        (("text",), "wording-only change", "wording-only changes"),
        (("fetch",), "source problem", "source problems"),
        (("extraction",), "extraction problem", "extraction problems"),
    ):
        hits = [c for c in changes if c.category in cats and c.kind not in RECOVERY_KINDS]
        if hits:
            where = ", ".join(sorted({c.jurisdiction for c in hits}))
            parts.append(f"{len(hits)} {one if len(hits) == 1 else many} ({where})")
    recovered = [c for c in changes if c.kind in RECOVERY_KINDS]
    if recovered:
        parts.append(f"{len(recovered)} recovered ({', '.join(sorted({c.jurisdiction for c in recovered}))})")
    return "licensure-tracker: " + ("; ".join(parts) if parts else "nothing new")


# --- rendering ------------------------------------------------------------------------


def _md_finalize(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, MdSafe):
        return value
    return md(value)


def _md_tokens(tokens: list[Token] | None, mark: str) -> MdSafe:
    if not tokens:
        return MdSafe("")
    return MdSafe(" ".join(f"{mark}{md(t.text)}{mark}" if t.changed else md(t.text) for t in tokens))


_TEMPLATES: dict[str, Any] = {
    "loader": PackageLoader("tracker", "templates"),
    "undefined": StrictUndefined,
    "trim_blocks": True,
    "lstrip_blocks": True,
}
_HTML = Environment(
    autoescape=select_autoescape(enabled_extensions=("html", "j2"), default=True, default_for_string=True),
    **_TEMPLATES,
)
_MD = Environment(autoescape=False, finalize=_md_finalize, keep_trailing_newline=True, **_TEMPLATES)
_MD.filters["tokens"] = _md_tokens
_MD.filters["url"] = lambda u: MdSafe(md_url(u) if safe_href(u) else f"{md(u)} (not a web address; not linked)")
_MD.filters["trusted"] = MdSafe


def _context(
    title: str, changes: list[Change], intro: list[str], session: Session | None, still_open: list[str] | None = None
) -> dict[str, Any]:
    groups = group(changes, session)
    return {
        "title": title,
        "intro": intro,
        "still_open": still_open or [],
        "groups": groups,
        "inferred": inferred_count(groups),
        "counts": counts(changes),
        "total": len(changes),
        "version": __version__,
        "category_order": CATEGORY_ORDER,
        "generated_at": storage.now(),
    }


def render(
    fmt: str,
    title: str,
    changes: list[Change],
    intro: list[str] | None = None,
    session: Session | None = None,
    still_open: list[str] | None = None,
) -> str:
    """The change report as Markdown (`fmt` "md") or as one self-contained HTML document ("html": no script,
    no external resource).

    `still_open`: problems reported by earlier runs and not recovered, so the closing line never says
    every jurisdiction reads as before while a source still fails.
    """
    env, template = (_HTML, "report.html.j2") if fmt == "html" else (_MD, "report.md.j2")
    return env.get_template(template).render(**_context(title, changes, intro or [], session, still_open))


render_html = functools.partial(render, "html")
render_markdown = functools.partial(render, "md")


def still_open(session: Session, codes: list[str], exclude: set[int]) -> list[str]:
    """The source and extraction problems of these jurisdictions still open (not recovered), one line each."""
    latest: dict[tuple[str, str], Change] = {}
    query = (
        select(Change)
        .where(
            Change.jurisdiction.in_(codes),
            Change.category.in_(HEALTH_CATEGORIES),
            Change.kind.in_(("problem", "recovered")),
        )
        .order_by(Change.id)
    )
    for c in session.scalars(query):
        latest[(c.jurisdiction, c.field)] = c
    return [
        f"{c.jurisdiction}: {c.summary} (change #{c.id}, since {c.created_at:%Y-%m-%d})"
        for (_code, _field), c in sorted(latest.items())
        if c.kind == "problem" and c.id not in exclude
    ]


def write_run_report(session: Session, run_id: int, out_dir: Path) -> Path:
    """Write reports/run-N.md and reports/run-N.html; returns the Markdown path."""
    run = storage.get_run(session, run_id)
    assert run is not None
    changes = storage.list_changes(session, run_id=run_id)
    intro = [
        f"Run {run.id} ({run.trigger}) started {run.started_at:%Y-%m-%d %H:%M} UTC"
        + (f" on snapshot {run.snapshot}" if run.snapshot else " on the live sites")
        + f"; jurisdictions: {', '.join(run.jurisdictions)}."
    ]
    path = out_dir / "reports" / f"run-{run_id}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    title = f"Change report, run {run_id}"
    open_ = still_open(session, list(run.jurisdictions or []), {c.id for c in changes})
    path.write_text(render_markdown(title, changes, intro, session, open_), encoding="utf-8")
    path.with_suffix(".html").write_text(render_html(title, changes, intro, session, open_), encoding="utf-8")
    return path


def report_changes(
    session: Session, since: datetime | None = None, code: str | None = None
) -> tuple[str, list[Change], list[str]]:
    """What `licensure report` covers: everything since a date, else every change still awaiting review."""
    if since is not None:
        changes = storage.list_changes(session, code=code, since=since)
        title = f"Change report since {since:%Y-%m-%d}"
        intro = [f"Every change and source problem recorded on or after {since:%Y-%m-%d}."]
    else:
        changes = [c for c in storage.list_changes(session, code=code) if c.status in ("open", "needs-legal")]
        title = "Changes awaiting review"
        intro = ["Every change still open or waiting for legal review."]
    return title, changes, intro
