"""XLSX for compliance staff (openpyxl).

Sheets:

1. "Requirements": row 1 states the as-of date and the content hash; row 2 is
   the header, frozen together with the state columns, with auto-filter. The
   credential requirement is coloured by level, task cells by status, unknown
   values are grey italics, cells changed since --changed-since are amber,
   bold and framed. Source and regulator cells link to the first address.
2. "Evidence": one line per cell and excerpt: the value, the source (linked)
   and the exact sentence it was read from.
3. "Changes": the changes recorded in the period, with their review status.
4. "About": options, content hash and the colour legend.

Every text goes through `tracker.textsafe.cell` (no formula can run) and
characters XML cannot carry are dropped. The file is byte-identical for the
same table: document properties carry the generation time and every zip entry
the same fixed timestamp.
"""

from __future__ import annotations

import io
import math
import zipfile
from copy import copy
from datetime import UTC
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from tracker import __version__
from tracker.exports.csv_export import changed_text
from tracker.exports.table import (
    INFERRED_NOTE,
    LABELS,
    RECORD_COLUMNS,
    Evidence,
    Row,
    Table,
    condition_text,
    when,
)
from tracker.textsafe import cell as neutral
from tracker.textsafe import safe_href

# requirement level (light = less required) and task status colours; shared with the HTML dashboard
LEVEL_FILL = {
    "none": "E8EEF4",
    "training": "CFE3F7",
    "registration": "9CC6EE",
    "certification": "4A90D9",
    "license": "1F4E8C",
    "unknown": "F1F1F1",
}
LEVEL_FONT = {"certification": "FFFFFF", "license": "FFFFFF"}
TASK_FILL = {
    "allowed": "CDEFD6",
    "conditional": "FFE9A8",
    "prohibited": "F8CBC8",
    "unaddressed": "EDEDED",
    "unknown": "F1F1F1",
}
HEALTH_FILL = {"ok": "CDEFD6", "stale": "FFE9A8", "fetch-problem": "F8CBC8", "extraction-problem": "F8CBC8"}
STATUS_FILL = {"open": "FFE9A8", "needs-legal": "F8CBC8", "accepted": "CDEFD6", "dismissed": "EDEDED"}
CHANGED_FILL = "FFC857"
HEADER_FILL = "27364A"
WRAP = {"state_credentials", "national_certifications", "citations", "regulators", "source_urls"}
UNKNOWN = ("unknown", "never checked", "never")

_thin = Side(style="thin", color="D0D6DE")
_changed_side = Side(style="medium", color="B45309")
GRID = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
CHANGED_BORDER = Border(left=_changed_side, right=_changed_side, top=_changed_side, bottom=_changed_side)


def _fill(rgb: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color=rgb, end_color=rgb)


def _text(value: Any) -> str:
    return neutral(ILLEGAL_CHARACTERS_RE.sub("", "" if value is None else str(value)))


def _style(
    c: Any,
    *,
    bold: bool = False,
    italic: bool = False,
    color: str | None = None,
    underline: bool = False,
    fill: str | None = None,
    wrap: bool = False,
    changed: bool = False,
) -> None:
    """Style a cell; each distinct style is built once per workbook and copied (openpyxl styling is slow)."""
    cache = c.parent.parent.__dict__.setdefault("_licensure_styles", {})
    key = (bold, italic, color, underline, fill, wrap, changed)
    if key in cache:
        c._style = copy(cache[key])
        return
    c.font = Font(bold=bold, italic=italic, color=color, underline="single" if underline else None)
    c.alignment = Alignment(wrap_text=wrap, vertical="top")
    c.border = CHANGED_BORDER if changed else GRID
    if fill:
        c.fill = _fill(fill)
    cache[key] = copy(c._style)


def _put(
    ws: Worksheet,
    row: int,
    col: int,
    value: Any,
    *,
    link: str | None = None,
    wrap: bool = False,
    bold: bool = False,
    fill: str | None = None,
    font_color: str | None = None,
    italic: bool = False,
    changed: bool = False,
):
    c = ws.cell(row=row, column=col)
    if isinstance(value, int) and not isinstance(value, bool):
        c.value = value
    else:
        c.value = _text(value)
        c.data_type = "s"
    href = safe_href(link)
    if href:
        c.hyperlink = href
        font_color = font_color or "1155CC"
    _style(c, bold=bold, italic=italic, color=font_color, underline=bool(href), fill=fill, wrap=wrap, changed=changed)
    return c


def _title(ws: Worksheet, text: str) -> None:
    c = ws.cell(row=1, column=1, value=_text(text))
    c.font = Font(bold=True, size=12, color="27364A")


def _header(ws: Worksheet, row: int, labels: list[str]) -> None:
    for i, text in enumerate(labels, start=1):
        c = ws.cell(row=row, column=i, value=_text(text))
        c.font = Font(bold=True, color="FFFFFF")
        c.fill = _fill(HEADER_FILL)
        c.alignment = Alignment(wrap_text=True, vertical="center")
        c.border = GRID
    ws.row_dimensions[row].height = 32


def _print_setup(ws: Worksheet, table: Table, landscape: bool = True) -> None:
    """One page wide, the header repeated on every page, the as-of date and hash in the footer."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_LETTER
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if landscape:
        ws.print_title_rows = "2:2"
    ws.oddFooter.left.text = _text(f"As of {when(table.as_of)} · {table.content_hash}")
    ws.oddFooter.left.size = 7
    ws.oddFooter.right.text = "Page &P of &N"
    ws.oddFooter.right.size = 7


def _fit_rows(ws: Worksheet, first: int) -> None:
    """Row heights for wrapped text (viewers do not grow rows by themselves), estimated from the column widths."""
    widths = {letter: dim.width for letter, dim in ws.column_dimensions.items()}
    for row in ws.iter_rows(min_row=first):
        lines = 1
        for c in row:
            if c.value is None or not c.alignment.wrap_text:
                continue
            per_line = max(4.0, (widths.get(c.column_letter) or 10) - 2)
            lines = max(lines, sum(max(1, math.ceil(len(part) / per_line)) for part in str(c.value).split("\n")))
        if lines > 1:
            ws.row_dimensions[row[0].row].height = min(409, 15 * lines)


def _widths(ws: Worksheet, widths: list[float]) -> None:
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w


def _width(texts: list[str], low: float = 8, high: float = 48) -> float:
    longest = max((max((len(line) for line in t.split("\n")), default=0) for t in texts), default=0)
    return float(min(high, max(low, longest + 2)))


def _headline(table: Table, what: str) -> str:
    parts = [f"{what} · as of {when(table.as_of)}"]
    if table.changed_since:
        parts.append(f"changed since {when(table.changed_since)} (amber cells)")
    parts.append(f"content {table.content_hash}")
    return " · ".join(parts)


def _requirements(ws: Worksheet, table: Table) -> None:
    ws.title = "Requirements"
    _title(ws, _headline(table, "Medical assistant requirements by state"))
    keys = list(table.fields)
    labels = [LABELS[k] for k in keys]
    if table.changed_since:
        labels.append(f"Changed since {table.changed_since:%Y-%m-%d}")
    _header(ws, 2, labels)
    for r, row in enumerate(table.rows, start=3):
        for col, key in enumerate(keys, start=1):
            c = row.cells[key]
            fill = font = None
            if key == "credential_requirement":
                fill, font = LEVEL_FILL.get(c.text), LEVEL_FONT.get(c.text)
            elif key.startswith("task_"):
                fill = TASK_FILL.get(c.text)
            elif key == "health":
                fill = HEALTH_FILL.get(c.text)
            value: Any = c.value if isinstance(c.value, int) and not isinstance(c.value, bool) else c.text
            if c.inferred:
                value = c.marked  # a trailing " (inferred)": reviewers check these first
            link = c.links[0] if c.links else None
            if c.text in UNKNOWN and not fill:
                font = "6B7280"
            if c.changed:
                fill, font = CHANGED_FILL, "1F2937"
            _put(
                ws,
                r,
                col,
                value,
                link=link,
                wrap=key in WRAP,
                fill=fill,
                font_color=font,
                bold=key == "jurisdiction" or c.changed,
                italic=c.text in UNKNOWN,
                changed=c.changed,
            )
        if table.changed_since:
            text = changed_text(table, row)
            labels_changed = "; ".join(LABELS[k] for k in row.changed if k in table.fields)
            _put(
                ws,
                r,
                len(keys) + 1,
                "new record" if row.new_since else (labels_changed or text),
                wrap=True,
                fill=CHANGED_FILL if row.changed else None,
            )
    last_col = get_column_letter(len(labels))
    ws.freeze_panes = "C3" if len(keys) > 1 else "B3"
    ws.auto_filter.ref = f"A2:{last_col}{max(2, len(table.rows) + 2)}"
    widths = []
    for key in keys:
        texts = [LABELS[key]] + [r.cells[key].marked for r in table.rows]
        widths.append(_width(texts, high=40 if key in WRAP else 30) if key != "source_urls" else 48)
    if table.changed_since:
        widths.append(30)
    _widths(ws, widths)


def _value_text(row: Row, key: str) -> str:
    c = row.cells[key]
    if key.startswith("task_") and isinstance(c.value, dict) and c.value.get("conditions"):
        return f"{c.marked} ({condition_text(c.value['conditions'])})"
    if key == "supervision" and isinstance(c.value, dict) and c.value.get("detail"):
        return f"{c.marked} ({c.value['detail']})"
    return c.marked


def _evidence(ws: Worksheet, table: Table) -> None:
    _title(ws, _headline(table, "Evidence: the source and exact sentence behind each value"))
    _header(ws, 2, ["State", "Field", "Value", "Changed", "Source", "Source URL", "Excerpt"])
    r = 3
    keys = [k for k in table.fields if k in RECORD_COLUMNS and k != "source_urls"]
    for row in table.rows:
        for key in keys:
            c = row.cells[key]
            items: list[tuple[str, Any]] = [(_value_text(row, key), e) for e in c.evidence] or [
                (_value_text(row, key), None)
            ]
            if key == "citations" and row.record and row.record["citations"]:  # one line per citation
                urls = {src["source_id"]: src["url"] for src in row.record["sources"]}
                items = [
                    (
                        f"{cit['identifier']} ({cit['kind']}{', ' + cit['status'] if cit.get('status') else ''})",
                        Evidence(
                            cit["evidence"][0]["source_id"],
                            urls.get(cit["evidence"][0]["source_id"]),
                            cit["evidence"][0]["excerpt"],
                        )
                        if cit["evidence"]
                        else None,
                    )
                    for cit in row.record["citations"]
                ]
            for value, e in items:
                _put(ws, r, 1, row.code, bold=True)
                _put(ws, r, 2, LABELS[key])
                _put(ws, r, 3, value, wrap=True, italic=c.text in UNKNOWN, fill=CHANGED_FILL if c.changed else None)
                _put(
                    ws,
                    r,
                    4,
                    (f"was {c.before}" if c.before is not None else "new record") if c.changed else "",
                    wrap=True,
                )
                if e is None:
                    _put(ws, r, 5, "(no source states this)", italic=True, font_color="6B7280")
                    _put(ws, r, 6, "")
                    _put(ws, r, 7, "")
                else:
                    _put(ws, r, 5, e.source_id)
                    _put(ws, r, 6, e.url or "", link=e.url)
                    _put(ws, r, 7, e.excerpt, wrap=True)
                r += 1
    ws.freeze_panes = "C3"
    ws.auto_filter.ref = f"A2:G{max(2, r - 1)}"
    _widths(ws, [8, 26, 30, 18, 30, 48, 100])


CHANGE_HEADERS = [
    "ID",
    "State",
    "Recorded",
    "Category",
    "Field",
    "Change",
    "Before",
    "After",
    "Direction",
    "Review status",
    "Reviewed by",
    "Reviewed at",
    "Review note",
    "Source",
]


def _plain(value: str) -> str:
    """A change's before/after for readers: page content hashes (wording changes) say nothing to them."""
    return "" if value.startswith("sha256:") else value


def _changes(ws: Worksheet, table: Table) -> None:
    period = (
        f"since {when(table.changed_since)}" if table.changed_since else "all recorded"
    ) + f", up to {when(table.as_of)}"
    _title(ws, f"Changes recorded {period}, with their review status · content {table.content_hash}")
    _header(ws, 2, CHANGE_HEADERS)
    r = 3
    for ch in table.changes:
        values = [
            ch.id,
            ch.jurisdiction,
            when(ch.created_at),
            ch.category,
            ch.field_label,
            ch.summary,
            _plain(ch.before),
            _plain(ch.after),
            ch.direction or "",
            ch.status,
            ch.reviewed_by or "",
            when(ch.reviewed_at) if ch.reviewed_at else "",
            ch.review_note or "",
            ch.source_url or "",
        ]
        for col, value in enumerate(values, start=1):
            _put(
                ws,
                r,
                col,
                value,
                wrap=col in (6, 7, 8, 13),
                link=ch.source_url if col == 14 else None,
                fill=STATUS_FILL.get(ch.status) if col == 10 else None,
                bold=col == 2,
            )
        r += 1
    if not table.changes:
        _put(ws, r, 1, "No changes recorded in this period.", italic=True)
        r += 1
    ws.freeze_panes = "C3"
    ws.auto_filter.ref = f"A2:{get_column_letter(len(CHANGE_HEADERS))}{max(2, r - 1)}"
    _widths(ws, [7, 7, 20, 14, 26, 60, 24, 24, 11, 13, 16, 20, 30, 48])


def _about(ws: Worksheet, table: Table) -> None:
    _title(ws, "About this export")
    facts = [
        (
            "As of",
            f"{when(table.as_of)} ("
            + ("records current at that moment, from stored history" if table.history else "current records")
            + ")",
        ),
        ("Changed since", when(table.changed_since) if table.changed_since else "(not asked)"),
        ("Generated", when(table.generated_at)),
        ("Content hash", table.content_hash),
        (
            "Hash covers",
            "sha256 of the canonical JSON of the columns and every row's texts (see the README, Exports); "
            "the same for every format made with the same options",
        ),
        ("Jurisdictions", str(len(table.rows))),
        ("Profession", table.profession),
        ("Stale after", f"{table.stale_after_hours:g} hours without a successful verification"),
        ("Generator", f"licensure-tracker {__version__}"),
        ("unknown", "the sources are silent or could not be read (never the same as none)"),
        ("none", "the sources say there is none"),
        ("unaddressed", "the sources do not speak to the task"),
        ("(inferred)", INFERRED_NOTE),
    ]
    r = 3
    for key, value in facts:
        _put(ws, r, 1, key, bold=True)
        _put(ws, r, 2, value, wrap=True)
        r += 1
    r += 1
    _put(ws, r, 1, "Colour legend", bold=True)
    r += 1
    legend = [(f"Credential: {k}", LEVEL_FILL[k], LEVEL_FONT.get(k)) for k in LEVEL_FILL]
    legend += [(f"Task: {k}", v, None) for k, v in TASK_FILL.items() if k != "unknown"]
    legend += [("Changed since the --changed-since date", CHANGED_FILL, None)]
    for text, fill, font in legend:
        _put(ws, r, 1, "", fill=fill, font_color=font, changed=fill == CHANGED_FILL)
        _put(ws, r, 2, text)
        r += 1
    _widths(ws, [16, 100])


def render(table: Table) -> bytes:
    wb = Workbook()
    _requirements(wb.active, table)
    _evidence(wb.create_sheet("Evidence"), table)
    _changes(wb.create_sheet("Changes"), table)
    _about(wb.create_sheet("About"), table)
    for ws in wb.worksheets[:3]:
        _print_setup(ws, table)
        _fit_rows(ws, 3)
    _print_setup(wb["About"], table, landscape=False)
    _fit_rows(wb["About"], 3)
    stamp = table.generated_at.astimezone(UTC).replace(tzinfo=None)
    props = wb.properties
    props.creator = f"licensure-tracker {__version__}"
    props.lastModifiedBy = props.creator
    props.title = f"Medical assistant requirements by state, as of {when(table.as_of)}"
    props.subject = "State-by-state requirements table"
    props.identifier = table.content_hash
    props.description = f"As of {when(table.as_of)}; content {table.content_hash}"
    props.created = props.modified = stamp

    raw = io.BytesIO()
    ExcelWriter(wb, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED)).save()
    return _fixed_zip(raw.getvalue(), table)


def _fixed_zip(data: bytes, table: Table) -> bytes:
    """The same archive with every entry stamped at the generation time: byte-identical output."""
    g = table.generated_at.astimezone(UTC)
    stamp = (max(1980, g.year), g.month, g.day, g.hour, g.minute, g.second - g.second % 2)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()
