"""JSON: the whole table with typed values, evidence, coverage and the changes in the period.

Valid against `schemas/export.schema.json`. `content_hash` can be checked by
anyone: it is the sha256 of the canonical JSON (sorted keys, no spaces, UTF-8)
of {profession, as_of, changed_since, columns, rows: [{cells: {column: text},
changed: [column]}]}, i.e. of `columns` and each row's `cells[*].text` and
`changed` below.
"""

from __future__ import annotations

import json
from typing import Any

from tracker import __version__
from tracker.exports.table import EXPORT_VERSION, PATHS, SCHEMA_ID, Cell, ChangeItem, Row, Table, iso


def _cell(c: Cell) -> dict[str, Any]:
    out: dict[str, Any] = {"text": c.text, "value": c.value, "changed": c.changed}
    if c.key in PATHS:
        out["read"] = "inferred" if c.inferred else "stated"
    if c.before is not None:
        out["before"] = c.before
    if c.evidence:
        out["evidence"] = [{"source_id": e.source_id, "url": e.url, "excerpt": e.excerpt} for e in c.evidence]
    return out


def _row(table: Table, row: Row) -> dict[str, Any]:
    cov = row.coverage
    out: dict[str, Any] = {
        "jurisdiction": row.code,
        "name": row.name,
        "record_version": row.version,
        "recorded_at": iso(row.recorded_at),
        "cells": {k: _cell(row.cells[k]) for k in table.fields},
        "changed": [k for k in row.changed if k in table.fields],
        "coverage": {
            "health": cov.health,
            "detail": cov.detail,
            "stale": cov.stale,
            "last_verified": iso(cov.last_verified),
            "last_changed": iso(cov.last_changed),
            "failing_sources": [{"source_id": sid, "detail": why} for sid, why in cov.failing],
        },
    }
    if table.changed_since is not None:
        out["new_since"] = row.new_since
    if row.record is not None:
        out["sources"] = [
            {
                "source_id": s["source_id"],
                "url": s["url"],
                "kind": s["kind"],
                "fetched_at": s["fetched_at"],
                "content_hash": s["content_hash"],
            }
            for s in row.record["sources"]
        ]
        out["warnings"] = list(row.record["extraction"].get("warnings", []))
    return out


def _change(c: ChangeItem) -> dict[str, Any]:
    return {
        "id": c.id,
        "jurisdiction": c.jurisdiction,
        "recorded_at": iso(c.created_at),
        "category": c.category,
        "field": c.field,
        "field_label": c.field_label,
        "kind": c.kind,
        "direction": c.direction,
        "summary": c.summary,
        "old_value": c.old_value,
        "new_value": c.new_value,
        "source_url": c.source_url,
        "review_status": c.status,
        "reviewed_by": c.reviewed_by,
        "reviewed_at": iso(c.reviewed_at),
        "review_note": c.review_note,
    }


def document(table: Table) -> dict[str, Any]:
    return {
        "$schema": SCHEMA_ID,
        "export_version": EXPORT_VERSION,
        "generator": f"licensure-tracker {__version__}",
        "profession": table.profession,
        "as_of": iso(table.as_of),
        "as_of_source": "history" if table.history else "current",
        "changed_since": iso(table.changed_since),
        "generated_at": iso(table.generated_at),
        "stale_after_hours": table.stale_after_hours,
        "content_hash": table.content_hash,
        "columns": [{"key": k, "label": label} for k, label in table.columns],
        "rows": [_row(table, r) for r in table.rows],
        "changes": [_change(c) for c in table.changes],
    }


def render(table: Table) -> bytes:
    return (json.dumps(document(table), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
