"""The state-by-state table, exported as CSV, XLSX, JSON, Markdown or a self-contained HTML dashboard.

One `Table` (tracker.exports.table) is built from the database and every
format renders it, so all files made with the same options agree and carry
the same content hash. Formats are registered by kind in `FORMATS`:

    table = build_table(session, Options(as_of=..., changed_since=...))
    data = render("xlsx", table)          # bytes, identical for the same database and options

`write_table_csv` is what `licensure run` calls after every run
(`<output_dir>/requirements.csv`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from tracker.exports.table import COLUMNS, LABELS, ExportError, Options, Table, build_table
from tracker.textsafe import cell


@dataclass(frozen=True)
class ExportFormat:
    kind: str
    suffix: str
    description: str
    render: Callable[[Table], bytes]


def _lazy(module: str) -> Callable[[Table], bytes]:
    def render(table: Table) -> bytes:
        import importlib

        return importlib.import_module(f"tracker.exports.{module}").render(table)

    return render


FORMATS: dict[str, ExportFormat] = {
    "csv": ExportFormat("csv", ".csv", "comma-separated table (UTF-8)", _lazy("csv_export")),
    "xlsx": ExportFormat("xlsx", ".xlsx", "Excel workbook: table, evidence, changes", _lazy("xlsx_export")),
    "json": ExportFormat("json", ".json", "JSON, valid against schemas/export.schema.json", _lazy("json_export")),
    "md": ExportFormat("md", ".md", "Markdown table", _lazy("md_export")),
    "html": ExportFormat("html", ".html", "self-contained HTML dashboard with a state map", _lazy("html_export")),
}
SUFFIXES = {
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".json": "json",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
}


def format_for(kind: str | None, path: Path | None = None) -> ExportFormat:
    """The format by kind, or guessed from the output file's suffix."""
    if kind is None and path is not None:
        kind = SUFFIXES.get(path.suffix.lower())
        if kind is None:
            raise ExportError(f"Cannot tell the format from {path.name!r}; pass --format {'|'.join(FORMATS)}.")
    if kind not in FORMATS:
        raise ExportError(f"Unknown format {kind!r}; use one of {', '.join(FORMATS)}.")
    return FORMATS[kind]


def render(kind: str, table: Table) -> bytes:
    return format_for(kind).render(table)


def write(kind: str, table: Table, path: Path) -> Path:
    """Render and write atomically (a reader never sees half a file)."""
    data = render(kind, table)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return path


def table_rows(session: Session) -> list[dict[str, str]]:
    """The current table as CSV-safe strings keyed by `COLUMNS` (formulas neutralised)."""
    table = build_table(session)
    return [{k: cell(r.cells[k].marked) for k in COLUMNS} for r in table.rows]


def write_table_csv(session: Session, path: Path) -> Path:
    """The current state table as CSV (what every run writes)."""
    return write("csv", build_table(session), path)


__all__ = [
    "COLUMNS",
    "FORMATS",
    "LABELS",
    "ExportError",
    "ExportFormat",
    "Options",
    "Table",
    "build_table",
    "format_for",
    "render",
    "table_rows",
    "write",
    "write_table_csv",
]
