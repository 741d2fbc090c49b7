"""What the desk's pages and the API read: the queue with its filters and counts, one change with its context.

Plain functions over a SQLAlchemy session; the routes render what they return.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker import storage
from tracker.models import Change
from tracker.review import STATUSES
from tracker.vocabulary import HEALTH_CATEGORIES

COMPLIANCE_CATEGORIES = ("requirement", "administrative", "text")
TABS = {"compliance": COMPLIANCE_CATEGORIES, "problems": HEALTH_CATEGORIES}
DIRECTIONS = ("tightened", "loosened", "neutral")
PAGE_SIZE = 50
MAX_PAGE_TEXT = 200_000  # characters of a stored page shown on a change page


class FilterError(ValueError):
    """A filter value the queue does not know; the message says which values it takes."""


@dataclass
class Filters:
    """The queue's filters, as the query string gives them (empty means any)."""

    tab: str = "compliance"
    state: str = ""
    category: str = ""
    direction: str = ""
    status: str = "open"
    since: str = ""
    until: str = ""
    page: int = 1

    def check(self) -> Filters:
        self.state = self.state.strip().upper()
        if self.tab not in TABS:
            raise FilterError(f"Unknown tab {self.tab!r}; use compliance or problems.")
        if self.category and self.category not in TABS[self.tab]:
            raise FilterError(f"Unknown category {self.category!r} here; use one of {', '.join(TABS[self.tab])}.")
        if self.direction and self.direction not in DIRECTIONS:
            raise FilterError(f"Unknown direction {self.direction!r}; use one of {', '.join(DIRECTIONS)}.")
        if self.status and self.status not in (*STATUSES, "any"):
            raise FilterError(f"Unknown status {self.status!r}; use one of {', '.join(STATUSES)} or any.")
        if self.state and not re.fullmatch(r"[A-Z]{2}", self.state):
            raise FilterError(f"Unknown state {self.state!r}; use a two-letter code such as WA.")
        day(self.since, "since")
        day(self.until, "until")
        self.page = max(1, min(int(self.page or 1), 100_000))
        return self

    def query(self, **changes: Any) -> dict[str, Any]:
        """The query-string parameters of these filters with some changed (empty ones left out)."""
        values = {**self.__dict__, **changes}
        return {k: v for k, v in values.items() if v not in ("", None) and not (k == "page" and v == 1)}


def day(text: str, name: str, end: bool = False) -> datetime | None:
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text.strip())
    except ValueError:
        raise FilterError(f"{name} {text!r} is not a date; use YYYY-MM-DD.") from None
    if len(text.strip()) <= 10:
        parsed = datetime.combine(parsed.date(), time.max if end else time.min)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _conditions(f: Filters, with_state: bool = True) -> list[Any]:
    """The WHERE conditions of these filters (each on a column of the queue's covering index)."""
    where: list[Any] = [Change.category.in_(TABS[f.tab])]
    if f.category:
        where.append(Change.category == f.category)
    if f.direction == "neutral":
        where.append(Change.direction.is_(None) | (Change.direction == "neutral"))
    elif f.direction:
        where.append(Change.direction == f.direction)
    if f.status and f.status != "any":
        where.append(Change.status == f.status)
    since, until = day(f.since, "since"), day(f.until, "until", end=True)
    if since:
        where.append(Change.created_at >= since)
    if until:
        where.append(Change.created_at <= until)
    if with_state and f.state:
        where.append(Change.jurisdiction == f.state)
    return where


@dataclass
class Queue:
    changes: list[Change]
    total: int
    per_state: list[tuple[str, int]]
    tab_counts: dict[str, int]
    pages: int
    filters: Filters = field(default_factory=Filters)


def queue(session: Session, f: Filters) -> Queue:
    """One page of changes, newest first, with the count per state and per tab under the same filters.

    The counts read only indexed columns (`ix_changes_queue` covers them), never the changes' wide rows.
    """
    where = _conditions(f)
    rows = session.scalars(
        select(Change)
        .where(*where)
        .order_by(Change.created_at.desc(), Change.id.desc())
        .limit(PAGE_SIZE)
        .offset((f.page - 1) * PAGE_SIZE)
    ).all()
    per_state = [
        (code, n)
        for code, n in session.execute(
            select(Change.jurisdiction, func.count())
            .where(*_conditions(f, with_state=False))
            .group_by(Change.jurisdiction)
            .order_by(Change.jurisdiction)
        ).all()
    ]
    total = dict(per_state).get(f.state, 0) if f.state else sum(n for _, n in per_state)
    tab_counts = {}
    for tab, categories in TABS.items():
        q = select(func.count()).select_from(Change).where(Change.category.in_(categories))
        if f.status and f.status != "any":
            q = q.where(Change.status == f.status)
        tab_counts[tab] = session.scalar(q) or 0
    pages = max(1, -(-total // PAGE_SIZE))
    return Queue(list(rows), total, per_state, tab_counts, pages, f)


def version_at(session: Session, code: str, profession: str, when: datetime | None) -> Any:
    """The record version current at `when` (None: now), or None when there was none."""
    if when is None:
        return storage.current_version(session, code, profession)
    return storage.version_as_of(session, code, profession, when)


# --- a change's page --------------------------------------------------------------------------------------------

_WORD = re.compile(r"\s+|[^\s]+")


def mark_words(before: str, after: str) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
    """Both texts as segments (text, changed): the words that differ between them are marked."""
    a, b = _WORD.findall(before or ""), _WORD.findall(after or "")
    left: list[tuple[str, bool]] = []
    right: list[tuple[str, bool]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        changed = op != "equal"
        if i2 > i1:
            left.append(("".join(a[i1:i2]), changed and not "".join(a[i1:i2]).isspace()))
        if j2 > j1:
            right.append(("".join(b[j1:j2]), changed and not "".join(b[j1:j2]).isspace()))
    return left, right


@dataclass
class EvidencePair:
    source_id: str
    before: list[tuple[str, bool]]
    after: list[tuple[str, bool]]


def evidence_pairs(change: Change) -> list[EvidencePair]:
    """The evidence before and after, paired by source, with the changed words marked."""

    def by_source(items: list[Any]) -> dict[str, str]:
        out: dict[str, list[str]] = {}
        for e in items or []:
            if isinstance(e, dict) and e.get("excerpt"):
                out.setdefault(str(e.get("source_id") or "source"), []).append(str(e["excerpt"]))
        return {k: "\n".join(v) for k, v in out.items()}

    old, new = by_source(change.evidence_before), by_source(change.evidence_after)
    pairs = []
    for source in dict.fromkeys([*old, *new]):
        left, right = mark_words(old.get(source, ""), new.get(source, ""))
        pairs.append(EvidencePair(source, left, right))
    return pairs


def page_text(session: Session, content_hash: str | None) -> str | None:
    """The stored copy of a page as plain text (never its markup), or None when none is stored."""
    if not content_hash or not content_hash.startswith("sha256:"):
        return None
    try:
        body = storage.load_body(session, content_hash)
    except Exception:
        return None
    from tracker.normalize.text import html_passages, pdf_passages

    try:
        passages = pdf_passages(body) if body[:5] == b"%PDF-" else html_passages(body)
        text = "\n\n".join(p.text for p in passages)
    except Exception:
        text = body.decode("utf-8", "replace")
    return text[:MAX_PAGE_TEXT]


def later_changes(session: Session, change: Change) -> list[Change]:
    """Changes that followed this one on the same field (the change reopened)."""
    return list(session.scalars(select(Change).where(Change.supersedes_id == change.id).order_by(Change.id)).all())
