"""The change report: what changed in a run, per jurisdiction and field, with evidence (Markdown)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from tracker import storage
from tracker.alerts import CATEGORY_LABEL, ordered
from tracker.models import Change
from tracker.textsafe import md, md_url


def _evidence(lines: list[str], title: str, evidence: list[dict]) -> None:
    for ev in evidence:
        lines.append(f"  - {title} ({md(ev.get('source_id', ''))}): \"{md(ev.get('excerpt', ''))}\"")


def change_markdown(c: Change) -> list[str]:
    lines = [f"- **{CATEGORY_LABEL.get(c.category, c.category)}**: {md(c.summary)} (change #{c.id}, {c.status})"]
    _evidence(lines, "before", c.evidence_before or [])
    _evidence(lines, "after", c.evidence_after or [])
    if c.source_url:
        digest = f", content {c.content_hash[:19]}" if c.content_hash else ""
        lines.append(f"  - source: {md_url(c.source_url)}{digest}")
    return lines


def render_markdown(title: str, changes: list[Change], intro: list[str] | None = None) -> str:
    lines = [f"# {md(title)}", ""]
    lines += intro or []
    material = [c for c in changes if c.category in ("requirement", "administrative")]
    health = [c for c in changes if c.category in ("fetch", "extraction")]
    lines += [
        f"- Requirement and administrative changes: {len(material)}",
        f"- Wording-only changes: {sum(1 for c in changes if c.category == 'text')}",
        f"- Source and extraction problems: {len(health)}",
        "",
    ]
    if not changes:
        lines.append("Nothing new: every checked jurisdiction reads as before.")
    current = None
    for c in ordered(changes):
        if c.jurisdiction != current:
            current = c.jurisdiction
            lines += ["", f"## {current}", ""]
        lines += change_markdown(c)
    return "\n".join(lines) + "\n"


def write_run_report(session: Session, run_id: int, out_dir: Path) -> Path:
    run = storage.get_run(session, run_id)
    assert run is not None
    changes = storage.list_changes(session, run_id=run_id)
    intro = [
        f"Run {run.id} ({run.trigger}) started {run.started_at:%Y-%m-%d %H:%M} UTC"
        + (f" on snapshot {md(run.snapshot)}" if run.snapshot else " on the live sites")
        + f"; jurisdictions: {', '.join(run.jurisdictions)}.",
        "",
    ]
    path = out_dir / "reports" / f"run-{run_id}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_markdown(f"Change report, run {run_id}", changes, intro), encoding="utf-8")
    return path
