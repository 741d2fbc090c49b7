"""Send the pending changes: one digest per channel, retried, recorded, never lost, never sent twice."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from tracker import channels as registry
from tracker import reports, shutdown, storage
from tracker.channels import Channel, Digest
from tracker.db import Database
from tracker.models import AlertDelivery, AlertDeliveryItem, Change
from tracker.redact import redact_text
from tracker.vocabulary import ordered

if TYPE_CHECKING:
    from tracker.config import Settings

RETRY_DELAY = 0.5  # seconds before the 2nd try; doubles, at most 5 s


@dataclass
class Delivery:
    sent: int  # changes that went out on at least one channel in this call
    json_path: Path | None
    failures: list[str] = field(default_factory=list)  # one redacted sentence per failed channel
    wording_summarized: int = 0  # wording-only changes sent as one summary item (see wording_summary)


def _summarized(digest: Digest) -> int:
    return sum(int(c.get("count", 0)) for c in digest.changes if c.get("kind") == "summary")


def change_dict(c: Change) -> dict[str, Any]:
    def iso(value: Any) -> str | None:
        return value.isoformat().replace("+00:00", "Z") if value is not None else None

    return {
        "id": c.id,
        "run_id": c.run_id,
        "jurisdiction": c.jurisdiction,
        "profession": c.profession,
        "category": c.category,
        "field": c.field,
        "kind": c.kind,
        "direction": c.direction,
        "old": c.old_value,
        "new": c.new_value,
        "summary": c.summary,
        "evidence_before": c.evidence_before,
        "evidence_after": c.evidence_after,
        "source_url": c.source_url,
        "content_hash": c.content_hash,
        "status": c.status,
        "created_at": iso(c.created_at),
        "audience": c.audience,
        "supersedes_id": c.supersedes_id,
        "reviewed_by": c.reviewed_by,
        "reviewed_at": iso(c.reviewed_at),
        "review_note": c.review_note,
    }


def channels_for(settings: Settings, kinds: Sequence[str] | None = None) -> list[Channel]:
    """The configured channels in delivery order; with `kinds` (a job's `channels`), only those kinds."""
    every = registry.configured(settings)
    return every if kinds is None else [ch for ch in every if ch.kind in kinds]


def _delivered(session: Any, keys: list[str], ids: list[int]) -> dict[str, set[int]]:
    """Per channel key, which of these changes it already took."""
    out: dict[str, set[int]] = {k: set() for k in keys}
    if not ids:
        return out
    rows = session.execute(
        select(AlertDelivery.channel_key, AlertDeliveryItem.change_id)
        .join(AlertDeliveryItem, AlertDeliveryItem.delivery_id == AlertDelivery.id)
        .where(
            AlertDelivery.status == "sent", AlertDelivery.channel_key.in_(keys), AlertDeliveryItem.change_id.in_(ids)
        )
    ).all()
    for key, change_id in rows:
        out[key].add(change_id)
    return out


def _digest(session: Any, changes: list[Change], html: bool, run_id: int | None, limit: int = 0) -> Digest:
    """One channel's digest; more than `limit` wording-only changes (0: no limit) become one summary item."""
    items = ordered(changes)
    wording = [c for c in items if c.category == "text"]
    summary = None
    if limit and len(wording) > limit:
        items = [c for c in items if c.category != "text"]
        summary = wording_summary(wording, limit, run_id)
    title = reports.headline(items) if items or summary is None else summary["summary"]
    held = [c for c in items if run_id is not None and c.run_id is not None and c.run_id != run_id]
    intro = [f"{len(items)} new item(s), grouped by jurisdiction, requirement changes first."]
    if summary is not None:
        intro.append(summary["summary"])
    if held:
        intro.append(
            f"{len(held)} item(s) were recorded by earlier runs and are sent now because a delivery failed then."
        )
    return Digest(
        title=title,
        changes=[change_dict(c) for c in items] + ([summary] if summary is not None else []),
        markdown=reports.render_markdown(title, items, intro, session),
        html=reports.render_html(title, items, intro, session) if html else "",
    )


def wording_summary(wording: list[Change], limit: int, run_id: int | None = None) -> dict[str, Any]:
    """The one item that stands for more wording-only changes than a digest may carry (the alert-storm guard)."""
    codes = sorted({c.jurisdiction for c in wording})
    shown = ", ".join(codes[:20]) + (f" and {len(codes) - 20} more" if len(codes) > 20 else "")
    text = (
        f"{len(wording)} wording-only changes in {len(codes)} jurisdiction(s) ({shown}), more than the "
        f"wording_alert_limit of {limit}: sent as this one summary instead of one by one (no requirement field "
        "changed in any of them; a site-wide redesign does this). Each is kept in the change history: "
        "`licensure changes --status open` lists them."
    )
    return {
        "id": None,
        "run_id": run_id,
        "jurisdiction": "ALL",
        "category": "text",
        "kind": "summary",
        "field": "wording",
        "summary": text,
        "count": len(wording),
        "jurisdictions": codes,
        "change_ids": [c.id for c in wording],
    }


def dispatch(
    db: Database,
    settings: Settings,
    sinks: list[Channel] | None = None,
    run_id: int | None = None,
    sleep: Any = time.sleep,
    only: Sequence[str] | None = None,
) -> Delivery:
    """Send every not-yet-alerted change as one digest per channel that should have it.

    `only` (a scheduled job's `channels`: kinds from tracker.channels) limits this
    dispatch to some channels; `sinks` replaces the configured channels altogether.
    A change is marked alerted only once every configured channel that should have
    it took it, so a job that sends to one channel never keeps the change from the others.
    """
    every_channel = sinks if sinks is not None else channels_for(settings)
    channels = every_channel if only is None else [ch for ch in every_channel if ch.kind in only]
    secrets = [url for cls in registry.kinds().values() for url in cls.urls(settings)]
    json_path = next((ch.writes_file for ch in channels if ch.writes_file is not None), None)
    has_engineers = any(ch.for_engineers for ch in channels)
    keys = [ch.key for ch in channels]
    with db.session() as session:
        pending = [c for c in storage.unalerted_changes(session) if c.audience != "none"]
        if not pending:
            return Delivery(0, None, [])
        ids = [c.id for c in pending]
        delivered = _delivered(session, list(dict.fromkeys(keys + [ch.key for ch in every_channel])), ids)
        audiences = {c.id: c.audience for c in pending}
        work = []
        summarized = 0
        for ch in channels:
            items = [c for c in pending if ch.accepts(c.audience, has_engineers) and c.id not in delivered[ch.key]]
            if items:
                digest = _digest(session, items, ch.wants_html, run_id, settings.wording_alert_limit)
                work.append((ch, [c.id for c in items], digest))
                summarized = max(summarized, _summarized(digest))

    failures = []
    went_out: set[int] = set()
    for ch, item_ids, digest in work:
        error, attempts = _send(ch, digest, settings.alert_attempts, sleep, secrets)
        _record(db, run_id, ch, item_ids, error, attempts)
        shutdown.kill_point("alerts", ch.kind)  # test hook
        if error:
            failures.append(
                f"{ch.label}: {error} (after {attempts} attempt(s); the {len(item_ids)} item(s) "
                "will be sent again with the next run)"
            )
        else:
            delivered[ch.key].update(item_ids)
            went_out.update(item_ids)
    _mark_alerted(db, audiences, every_channel, delivered, has_engineers)
    # alerts sent: changes that went out on at least one channel in this dispatch
    return Delivery(len(went_out), json_path, failures, summarized)


def _send(ch: Channel, digest: Digest, tries: int, sleep: Any, secrets: list[str]) -> tuple[str | None, int]:
    """Send one digest, retrying with a growing pause: (the redacted error or None, the attempts made)."""
    error, attempts = None, 0
    for attempt in range(1, tries + 1):
        attempts = attempt
        try:
            ch.send(digest)
            return None, attempts
        except Exception as exc:  # a channel failing must not lose the alert or stop the others
            error = redact_text(f"{exc.__class__.__name__}: {exc}", secrets)[:500]
            if attempt < tries:
                sleep(min(RETRY_DELAY * 2 ** (attempt - 1), 5.0))
    return error, attempts


def _record(
    db: Database, run_id: int | None, ch: Channel, item_ids: list[int], error: str | None, attempts: int
) -> None:
    """The delivery and its items, recorded at once: a crash later must not make us send it again."""
    with db.session() as session:
        row = AlertDelivery(
            run_id=run_id,
            channel=ch.label,
            channel_key=ch.key,
            status="failed" if error else "sent",
            attempts=attempts,
            error=error,
            change_count=len(item_ids),
            created_at=storage.now(),
        )
        session.add(row)
        session.flush()
        session.add_all(AlertDeliveryItem(delivery_id=row.id, change_id=i) for i in item_ids)


def _mark_alerted(
    db: Database,
    audiences: dict[int, str],
    every_channel: list[Channel],
    delivered: dict[str, set[int]],
    has_engineers: bool,
) -> None:
    """A change is alerted once every channel that should have it took it."""
    with db.session() as session:
        stamp = storage.now()
        for change_id, audience in audiences.items():
            targets = [ch for ch in every_channel if ch.accepts(audience, has_engineers)]
            if all(change_id in delivered[ch.key] for ch in targets):
                change = session.get(Change, change_id)
                if change is not None and change.alerted_at is None:
                    change.alerted_at = stamp
