"""The HTML dashboard: one self-contained file that opens without a network.

A US tile-grid map (51 tiles) coloured by credential requirement and
switchable to each task's status, source health or "changed since"; the table,
sortable and filterable; per-jurisdiction detail with the evidence and
citations (a panel opened by `#st-XX`, which works even without script); a
coverage panel (health, last verified, stale and failing sources); and the
changes in the period with their review status.

Safety: the template is rendered by Jinja2 with autoescaping, so scraped text
is always text; links are made only for http(s) addresses; the page's
Content-Security-Policy allows no network access at all and runs only the
bundled script and style, pinned by their sha256 hashes, so even markup that
slipped through could not run.

The script (templates/dashboard.js) writes what it rendered on <body>
(`data-rendered`, `data-tiles-painted`, `data-rows-laid-out`,
`data-visible-rows`, `data-layer`, `data-sort`) and reads deep links:
`?layer=task_iv&q=text&cred=license&value=prohibited&changed=1&sort=KEY&dir=desc`.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from tracker import __version__, registry
from tracker.exports.table import (
    CREDENTIAL_LEVELS,
    FACT_COLUMNS,
    INFERRED_NOTE,
    LABELS,
    TASK_LABELS,
    TASK_STATUSES,
    Row,
    Table,
    condition_text,
    iso,
    when,
)
from tracker.normalize.rules import TASKS
from tracker.textsafe import safe_href

# a tile-grid map of the 50 states and DC: (row, column) in a 8 x 12 grid
TILES = {
    "AK": (0, 0),
    "ME": (0, 11),
    "VT": (1, 10),
    "NH": (1, 11),
    "WA": (2, 1),
    "ID": (2, 2),
    "MT": (2, 3),
    "ND": (2, 4),
    "MN": (2, 5),
    "IL": (2, 6),
    "WI": (2, 7),
    "MI": (2, 8),
    "NY": (2, 9),
    "RI": (2, 10),
    "MA": (2, 11),
    "OR": (3, 1),
    "NV": (3, 2),
    "WY": (3, 3),
    "SD": (3, 4),
    "IA": (3, 5),
    "IN": (3, 6),
    "OH": (3, 7),
    "PA": (3, 8),
    "NJ": (3, 9),
    "CT": (3, 10),
    "CA": (4, 1),
    "UT": (4, 2),
    "CO": (4, 3),
    "NE": (4, 4),
    "MO": (4, 5),
    "KY": (4, 6),
    "WV": (4, 7),
    "VA": (4, 8),
    "MD": (4, 9),
    "DE": (4, 10),
    "AZ": (5, 2),
    "NM": (5, 3),
    "KS": (5, 4),
    "AR": (5, 5),
    "TN": (5, 6),
    "NC": (5, 7),
    "SC": (5, 8),
    "DC": (5, 9),
    "OK": (6, 4),
    "LA": (6, 5),
    "MS": (6, 6),
    "AL": (6, 7),
    "GA": (6, 8),
    "HI": (7, 0),
    "TX": (7, 4),
    "FL": (7, 9),
}

HEALTH_VALUES = ("ok", "stale", "fetch-problem", "extraction-problem", "unknown", "never checked")
CHANGED_VALUES = ("changed", "unchanged", "unknown")
SHORT = {
    "license": "LIC",
    "certification": "CERT",
    "registration": "REG",
    "training": "TRN",
    "none": "none",
    "unknown": "?",
    "allowed": "\u2713",
    "conditional": "\u25d0",
    "prohibited": "\u2715",
    "unaddressed": "\u2013",
}
CRED_RANK = {"none": 0, "training": 1, "registration": 2, "certification": 3, "license": 4}
TASK_RANK = {"allowed": 0, "conditional": 1, "prohibited": 2, "unaddressed": 3}
VALUE_LABELS = {
    "never checked": "never checked",
    "fetch-problem": "fetch problem",
    "extraction-problem": "extraction problem",
}
WIDE = {"state_credentials", "national_certifications", "citations", "regulators"}
UNKNOWN = ("unknown", "never", "never checked")


@cache
def _static(name: str) -> str:
    return (resources.files("tracker.exports") / "templates" / name).read_text(encoding="utf-8")


@cache
def _env() -> Environment:
    return Environment(
        loader=PackageLoader("tracker.exports", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def _short_url(url: str) -> str:
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    path = parts.path.rstrip("/")
    return parts.netloc + (("/…" + path[path.rfind("/") :]) if path.count("/") > 1 else path)


def _layer_values(row: Row | None) -> dict[str, str]:
    if row is None:
        return {}
    out = {"credential_requirement": row.text("credential_requirement")}
    for task in TASKS:
        value = row.cells[f"task_{task}"].value
        out[f"task_{task}"] = value["status"] if isinstance(value, dict) else "unknown"
    out["health"] = row.coverage.health
    out["changed"] = "unknown" if row.record is None else ("changed" if row.changed else "unchanged")
    return out


def _layers(table: Table, rows: list[Row]) -> list[dict[str, Any]]:
    Layer = tuple[str, str, tuple[str, ...]]  # key, label, its values in order
    spec: list[Layer] = [("credential_requirement", "Credential requirement", CREDENTIAL_LEVELS)]
    spec += [(f"task_{t}", TASK_LABELS[t], (*TASK_STATUSES, "unknown")) for t in TASKS]
    spec += [("health", "Source health", HEALTH_VALUES)]
    if table.changed_since:
        spec += [("changed", f"Changed since {table.changed_since:%Y-%m-%d}", CHANGED_VALUES)]
    values = [_layer_values(r) for r in rows]
    layers = []
    for key, label, order in spec:
        counts = {v: sum(1 for lv in values if lv[key] == v) for v in order}
        shown = [
            {"value": v, "label": VALUE_LABELS.get(v, v), "count": counts[v]}
            for v in order
            if counts[v] or v not in ("unknown", "never checked", "extraction-problem")
        ]
        layers.append({"key": key, "label": label, "values": shown})
    return layers


def _sort_value(row: Row, key: str) -> str:
    c = row.cells[key]
    if c.text in ("unknown", "never", "never checked"):
        return "~"
    if key == "credential_requirement":
        return str(CRED_RANK.get(c.text, c.text))
    if key.startswith("task_"):
        return str(TASK_RANK.get(c.text, c.text))
    if key in ("min_clock_hours", "externship_hours"):
        return "0" if c.text == "none" else c.text
    if key in ("last_verified", "last_changed"):
        return c.value or "~"
    return c.text.lower()


def _cells(table: Table, row: Row) -> list[dict[str, Any]]:
    out = []
    for key in table.fields:
        c = row.cells[key]
        links: list[tuple[str | None, str]] = []
        if key == "source_urls" and isinstance(c.value, list):
            links = [(safe_href(u), _short_url(u)) for u in c.value]
        elif key == "regulators" and isinstance(c.value, list):
            links = [(safe_href(g.get("url")), g["name"]) for g in c.value]
        classes = []
        if key in WIDE:
            classes.append("wide")
        if key == "source_urls":
            classes.append("urls")
        if c.changed:
            classes.append("changed")
        if c.inferred:
            classes.append("inferred")
        tip = ""
        if key.startswith("task_") and isinstance(c.value, dict) and c.value.get("conditions"):
            tip = condition_text(c.value["conditions"])
        if c.before is not None:
            tip = (tip + "; " if tip else "") + f"was {c.before} before {when(table.changed_since)}"
        out.append(
            {
                "key": key,
                "text": c.text,
                "sort": _sort_value(row, key),
                "links": links,
                "title": tip,
                "chip": key in ("credential_requirement", "health") or key.startswith("task_"),
                "value": c.text,
                "unknown": c.text in UNKNOWN,
                "cls": " ".join(classes),
                "inferred": c.inferred,
            }
        )
    return out


def _evidence(items: list[Any]) -> list[dict[str, Any]]:
    return [{"source_id": e.source_id, "href": safe_href(e.url), "excerpt": e.excerpt} for e in items]


def _fact(row: Row, key: str) -> dict[str, Any]:
    c = row.cells[key]
    value = c.text
    if key.startswith("task_") and isinstance(c.value, dict) and c.value.get("conditions"):
        value = f"{c.text}: {condition_text(c.value['conditions'])}"
    if key == "supervision" and isinstance(c.value, dict) and c.value.get("detail"):
        value = f"{c.text} ({c.value['detail']})"
    return {
        "label": LABELS[key],
        "value": value,
        "unknown": c.text in UNKNOWN,
        "evidence": _evidence(c.evidence),
        "changed": c.changed,
        "before": c.before,
        "inferred": c.inferred,
    }


def _record_evidence(items: list[dict[str, Any]], urls: dict[str, str]) -> list[dict[str, Any]]:
    """A record's evidence items with safe links to their sources, each (source, excerpt) once."""
    seen: set[tuple[str, str]] = set()
    evidence = []
    for e in items:
        if (e["source_id"], e["excerpt"]) not in seen:
            seen.add((e["source_id"], e["excerpt"]))
            evidence.append(
                {"source_id": e["source_id"], "href": safe_href(urls.get(e["source_id"])), "excerpt": e["excerpt"]}
            )
    return evidence


EDUCATION_FACTS = (("exam", "Exam"), ("accreditors", "Program accreditors"), ("alternatives", "Alternative pathways"))


def _education_facts(record: dict[str, Any], urls: dict[str, str]) -> list[dict[str, Any]]:
    facts = []
    for key, label in EDUCATION_FACTS:
        fact = record["education"][key]
        val = fact["value"]
        text = ("; ".join(val) or "none") if isinstance(val, list) else str(val)
        evidence = _record_evidence(fact["evidence"], urls)
        facts.append(
            {
                "label": label,
                "value": text,
                "unknown": text == "unknown",
                "evidence": evidence,
                "changed": False,
                "before": None,
                "inferred": fact.get("read") == "inferred" and text != "unknown",
            }
        )
    return facts


def _record_lists(record: dict[str, Any]) -> dict[str, list[Any]]:
    """A record's citations, regulators, sources and extraction warnings, as the detail panel lists them."""
    urls = {s["source_id"]: s["url"] for s in record["sources"]}
    citations = [
        {
            "identifier": c["identifier"],
            "kind": c["kind"],
            "status": c.get("status"),
            "evidence": _record_evidence(c["evidence"][:1], urls),
        }
        for c in record["citations"]
    ]
    regulators = [{"name": g["name"], "href": safe_href(g.get("url")), "role": g["role"]} for g in record["regulators"]]
    sources = [
        {
            "source_id": s["source_id"],
            "kind": s["kind"],
            "url": s["url"],
            "href": safe_href(s["url"]),
            "fetched": s["fetched_at"].replace("T", " ")[:16] + " UTC" if s.get("fetched_at") else "unknown",
            "content_hash": s["content_hash"],
        }
        for s in record["sources"]
    ]
    warnings = list(record["extraction"].get("warnings", []))
    return {"citations": citations, "regulators": regulators, "sources": sources, "warnings": warnings}


def _detail(table: Table, row: Row) -> dict[str, Any]:
    cov = row.coverage
    record = row.record or {}
    facts = [_fact(row, key) for key in FACT_COLUMNS]
    if record:
        facts += _education_facts(record, {s["source_id"]: s["url"] for s in record["sources"]})
        lists = _record_lists(record)
    else:
        lists = {"citations": [], "regulators": [], "sources": [], "warnings": []}
    return {
        "code": row.code,
        "name": row.name,
        "version": row.version,
        "recorded": when(row.recorded_at),
        "health": cov.health,
        "last_verified": when(cov.last_verified),
        "last_changed": when(cov.last_changed),
        "failing": cov.failing,
        "facts": facts,
        **lists,
    }


def _coverage(table: Table) -> dict[str, Any]:
    rows = table.rows
    count = {h: sum(1 for r in rows if r.coverage.health == h) for h in HEALTH_VALUES}
    stale = sum(1 for r in rows if r.coverage.stale)
    counts = [
        {"label": "verified, healthy", "count": count["ok"], "cls": "good"},
        {"label": "stale", "count": stale, "cls": "warn" if stale else ""},
        {"label": "fetch problems", "count": count["fetch-problem"], "cls": "bad" if count["fetch-problem"] else ""},
        {
            "label": "extraction problems",
            "count": count["extraction-problem"],
            "cls": "bad" if count["extraction-problem"] else "",
        },
    ]
    if count["never checked"] or count["unknown"]:
        counts.append({"label": "never checked", "count": count["never checked"] + count["unknown"], "cls": "warn"})
    verified = [r.coverage.last_verified for r in rows if r.coverage.last_verified]
    problems = [
        {
            "code": r.code,
            "name": r.name,
            "health": r.coverage.health,
            "stale": r.coverage.stale,
            "last_verified": when(r.coverage.last_verified),
            "failing": r.coverage.failing,
            "detail": r.coverage.detail,
        }
        for r in rows
        if r.coverage.health != "ok" or r.coverage.stale
    ]
    return {
        "counts": counts,
        "problems": problems,
        "oldest": when(min(verified)) if verified else "never",
        "newest": when(max(verified)) if verified else "never",
    }


def _tiles(table: Table) -> list[dict[str, Any]]:
    """The map's tiles: one a state, present or not in this export."""
    by_code = {r.code: r for r in table.rows}
    names = {code: j.name for code, j in registry.all_jurisdictions().items()}
    tiles = []
    for code, (r, c) in sorted(TILES.items(), key=lambda kv: kv[1]):
        row = by_code.get(code)
        values = _layer_values(row)
        value = values.get("credential_requirement", "absent")
        tiles.append(
            {
                "code": code,
                "name": names.get(code, code),
                "row": r,
                "col": c,
                "present": row is not None,
                "attrs": sorted(values.items()),
                "value": value,
                "short": SHORT.get(value, "") if row else "",
                "title": value if row else "not in this export",
                "changed": bool(row and row.changed),
            }
        )
    return tiles


def _changes(table: Table) -> list[dict[str, Any]]:
    return [
        {
            "id": c.id,
            "jurisdiction": c.jurisdiction,
            "when": when(c.created_at),
            "category": c.category,
            "summary": c.summary,
            "href": safe_href(c.source_url),
            "status": c.status,
            "reviewed_by": c.reviewed_by,
        }
        for c in table.changes
    ]


def context(table: Table) -> dict[str, Any]:
    counts = {v: sum(1 for r in table.rows if r.text("credential_requirement") == v) for v in CREDENTIAL_LEVELS}
    summary = [{"value": v, "label": v, "count": counts[v]} for v in CREDENTIAL_LEVELS if counts[v]]
    period = (
        f"since {when(table.changed_since)}" if table.changed_since else "recorded"
    ) + f" up to {when(table.as_of)}"
    return {
        "title": "Medical assistant requirements by state",
        "version": __version__,
        "as_of_text": when(table.as_of),
        "as_of_iso": iso(table.as_of),
        "as_of_note": "records current at that moment, from stored history" if table.history else "current records",
        "history": table.history,
        "changed_since_text": when(table.changed_since) if table.changed_since else "",
        "changed_count": sum(1 for r in table.rows if r.changed),
        "inferred_count": sum(1 for r in table.rows for k in table.fields if r.cells[k].inferred),
        "inferred_note": INFERRED_NOTE,
        "generated_text": when(table.generated_at),
        "content_hash": table.content_hash,
        "stale_hours": f"{table.stale_after_hours:g}",
        "summary": summary,
        "layers": _layers(table, table.rows),
        "default_layer": "credential_requirement",
        "tiles": _tiles(table),
        "columns": [{"key": k, "label": label} for k, label in table.columns],
        "rows": [
            {
                "code": r.code,
                "changed": bool(r.changed),
                "attrs": sorted(_layer_values(r).items()),
                "cells": _cells(table, r),
            }
            for r in table.rows
        ],
        "details": [_detail(table, r) for r in table.rows],
        "coverage": _coverage(table),
        "changes": _changes(table),
        "changes_period": period,
    }


def render(table: Table) -> bytes:
    css, js = _static("dashboard.css"), _static("dashboard.js")
    csp = (
        f"default-src 'none'; script-src {_csp_hash(js)}; style-src {_csp_hash(css)}; img-src 'none'; "
        "connect-src 'none'; base-uri 'none'; form-action 'none'"
    )
    html = _env().get_template("dashboard.html.j2").render(css=Markup(css), js=Markup(js), csp=csp, **context(table))
    return html.encode("utf-8")
