"""Markdown: a heading with the as-of date and content hash, the table, coverage and the changes in the period.

Every scraped string goes through `tracker.textsafe.md` (Markdown and inline
HTML escaped, pipes escaped so a value cannot split a table cell); addresses
become autolinks only when they are http(s). Cells changed since
--changed-since are bold and marked with a trailing "▲"; inferred values end
in "(inferred)", explained under the table's legend.
"""

from __future__ import annotations

from tracker import __version__
from tracker.exports.table import INFERRED_NOTE, Table, when
from tracker.textsafe import md, md_url, safe_href


def _cell(table: Table, row, key: str) -> str:
    c = row.cells[key]
    if key == "source_urls" and c.links and isinstance(c.value, list) and len(c.links) == len(c.value):
        text = ", ".join(md_url(u) for u in c.links)  # autolinks only when every address is http(s)
    else:
        text = md(c.marked)
    return f"**{text}** ▲" if c.changed else text


def render(table: Table) -> bytes:
    lines = [f"# Medical assistant requirements by state, as of {when(table.as_of)}", ""]
    basis = "records current at that moment, from stored history" if table.history else "current records"
    lines.append(f"- As of: {when(table.as_of)} ({basis})")
    if table.changed_since:
        lines.append(f"- Changed since: {when(table.changed_since)} (changed cells are **bold** and marked ▲)")
    lines.append(f"- Jurisdictions: {len(table.rows)}")
    lines.append(f"- Content hash: `{table.content_hash}`")
    lines.append(f"- Generated: {when(table.generated_at)} by licensure-tracker {__version__}")
    lines.append(
        "- `unknown`: the sources are silent or could not be read; `none`: the sources say there is none;"
        " `unaddressed`: the sources do not speak to the task."
    )
    if any(r.cells[k].inferred for r in table.rows for k in table.fields):
        lines.append(f"- `(inferred)`: {INFERRED_NOTE}")
    lines += [
        "",
        "| " + " | ".join(md(label) for _, label in table.columns) + " |",
        "|" + "|".join("---" for _ in table.columns) + "|",
    ]
    for row in table.rows:
        lines.append("| " + " | ".join(_cell(table, row, k) for k in table.fields) + " |")
    if not table.rows:
        lines += ["", "No jurisdiction matches these options."]

    problems = [r for r in table.rows if r.coverage.health not in ("ok",) or r.coverage.stale]
    lines += ["", "## Coverage", ""]
    if not problems:
        lines.append("Every jurisdiction in this table was verified and its sources were healthy.")
    for r in problems:
        cov = r.coverage
        what = cov.health + (" (stale)" if cov.stale and cov.health != "stale" else "")
        lines.append(f"- **{r.code}** {md(r.name)}: {md(what)}; last verified {when(cov.last_verified)}")
        for sid, why in cov.failing:
            lines.append(f"  - {md(sid)}: {md(why)}")
        if cov.detail and not cov.failing:
            lines.append(f"  - {md(cov.detail)}")

    lines += ["", "## Changes in the period", ""]
    if not table.changes:
        lines.append("No changes recorded in this period.")
    for c in table.changes:
        src = safe_href(c.source_url)
        link = f" ({md_url(src)})" if src else ""
        lines.append(
            f"- #{c.id} **{c.jurisdiction}** {c.created_at:%Y-%m-%d} [{md(c.category)}] {md(c.summary)}"
            f" · review: **{md(c.status)}**{link}"
        )
    return ("\n".join(lines) + "\n").encode("utf-8")
