#!/usr/bin/env python3
"""Build the PDF documents bundled in the agency-site snapshots, one data file per document.

Each document is described by `documents/<name>.json` next to this script: the
snapshot and file it is written to, a layout (below) with optional style
overrides, its metadata, title and subtitle, and its sections (a heading, or
null, and paragraphs; a paragraph that is a list is rendered as list items).
A document that did not change between snapshots is written once, to the
oldest snapshot that has it; newer snapshots inherit it through their `base`.

The text is written for this project from the reference facts
(/work/shared/reference/medical-assistant-rules.json); it is not copied from any
real publication. Only latin-1 characters are used (the core PDF fonts).

Every paragraph is kept on one page, so text extraction never finds a running
footer in the middle of a sentence. The output is deterministic: the creation
date and producer are fixed and fpdf2 derives the document id from the content,
so building twice gives identical bytes. tests/test_snapshots.py checks that
rebuilding every document gives the text (as pypdf extracts it) of the
committed PDF.

Usage:
    .venv/bin/python scrapers/snapshots/tools/build_pdfs.py            # (re)write every PDF
    .venv/bin/python scrapers/snapshots/tools/build_pdfs.py --check    # exit 1 if a bundled PDF differs
    .venv/bin/python scrapers/snapshots/tools/build_pdfs.py ga-board-guidance-2026   # only these documents
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.enums import XPos, YPos

TOOLS_DIR = Path(__file__).resolve().parent
DOCUMENTS_DIR = TOOLS_DIR / "documents"
LAYOUTS_FILE = TOOLS_DIR / "layouts.json"
SNAPSHOTS_DIR = TOOLS_DIR.parent

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class Layout:
    """How a document looks. layouts.json names presets of it; a document's data file names one and may override
    any field in "style"."""

    font: str = "Helvetica"
    margins: tuple[float, float, float] = (20, 18, 20)  # left, top, right (mm)
    bottom: float = 22  # automatic page break this far from the bottom edge
    accent: RGB = (0, 0, 0)
    header: str = "rule"  # rule: agency name over a line; banner: a coloured band; running: running head + page
    header_style: str = "B"
    header_size: float = 10
    header_height: float = 6
    header_align: str = "L"
    header_color: RGB | None = None  # None: the accent
    header_line: RGB | str | None = "accent"  # colour of the rule under the header; None: the default (black)
    footer: str = "pages"  # pages: centred text and "Page n of N"; right: text and "page n" on the right; none
    title_style: str = "B"
    title_size: float = 18
    title_line: float = 9
    title_gap: float = 0  # space between the title and the subtitle
    subtitle_style: str = "I"
    subtitle_size: float = 10
    subtitle_line: float = 5
    align: str = "J"  # of the title and the subtitle (fpdf2 justifies by default)
    intro_gap: float = 3  # space after the subtitle
    heading_keep: str = "space"  # space: a new page when under 30 mm remain; first: keep with the first paragraph
    heading_size: float = 13
    heading_line: float = 7
    heading_color: RGB | str | None = "accent"
    body_size: float = 11
    body_line: float = 5.5
    markdown: bool = False  # **bold** runs in paragraphs
    indent: float = 0  # of every paragraph
    paragraph_gap: float = 2
    list_marker: str = "bullet"  # bullet: "- "; number: "1. "; label: keep a leading "(a)", else "- "; none
    list_indent: float = 4
    item_gap: float = 0
    list_gap: float = 1.5
    section_gap: float = 1

    def color(self, value: RGB | str | None) -> RGB | None:
        return self.accent if value == "accent" else value  # type: ignore[return-value]


def _styled(base: Layout, style: dict[str, Any], where: Path | str) -> Layout:
    """base with the fields named in style changed (JSON lists become the tuples Layout holds)."""
    unknown = set(style) - {f.name for f in fields(Layout)}
    if unknown:
        raise ValueError(f"{where}: unknown style field(s) {', '.join(sorted(unknown))}")
    changed: dict[str, Any] = {key: tuple(value) if isinstance(value, list) else value for key, value in style.items()}
    return replace(base, **changed)


def load_layouts(path: Path = LAYOUTS_FILE) -> dict[str, Layout]:
    """The named layouts of layouts.json: each the defaults with the fields it lists changed ("note" says what
    it is for)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        name: _styled(Layout(), {k: v for k, v in preset.items() if k != "note"}, f"{path}: {name}")
        for name, preset in data.items()
        if not name.startswith("_")
    }


LAYOUTS: dict[str, Layout] = load_layouts()


@dataclass(frozen=True)
class Document:
    """One PDF as its data file describes it."""

    name: str
    snapshot: str
    file: str
    layout: Layout
    agency: str
    title: str
    subject: str
    created: datetime
    sections: list[dict[str, Any]]
    subtitle: str = ""
    printed_title: str | None = None  # the title on the page, when it differs from the metadata title
    keywords: str | None = None
    footer: str = ""
    running_head: str = ""
    note: str = ""  # for maintainers: what the document is and why it looks as it does; not printed

    @property
    def target(self) -> Path:
        return SNAPSHOTS_DIR / self.snapshot / self.file


def load_document(path: Path) -> Document:
    """Read `documents/<name>.json`; the layout is a named preset with the "style" overrides applied."""
    data = json.loads(path.read_text(encoding="utf-8"))
    layout = _styled(LAYOUTS[data.pop("layout")], data.pop("style", {}), path)
    created = datetime.fromisoformat(data.pop("created"))
    return Document(name=path.stem, layout=layout, created=created, **data)


def load_documents(names: list[str] | None = None) -> list[Document]:
    """Every document under documents/ (or only the named ones), in name order."""
    paths = sorted(DOCUMENTS_DIR.glob("*.json"))
    if names:
        paths = [DOCUMENTS_DIR / f"{name}.json" for name in names]
    return [load_document(path) for path in paths]


class _PDF(FPDF):
    """An FPDF whose running header and footer are drawn by the document's layout."""

    def __init__(self, header: Callable[[FPDF], None], footer: Callable[[FPDF], None]) -> None:
        super().__init__(orientation="P", unit="mm", format="Letter")
        self._draw_header, self._draw_footer = header, footer

    def header(self) -> None:
        self._draw_header(self)

    def footer(self) -> None:
        self._draw_footer(self)


def _header(doc: Document) -> Callable[[FPDF], None]:
    look = doc.layout

    def rule(pdf: FPDF) -> None:
        pdf.set_font(look.font, look.header_style, look.header_size)
        pdf.set_text_color(*(look.header_color or look.accent))
        pdf.cell(0, look.header_height, doc.agency, align=look.header_align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        line = look.color(look.header_line)
        if line is not None:
            pdf.set_draw_color(*line)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
        pdf.ln(4)
        pdf.set_text_color(0, 0, 0)

    def banner(pdf: FPDF) -> None:
        pdf.set_fill_color(*look.accent)
        pdf.rect(0, 0, pdf.w, 16, style="F")
        pdf.set_xy(pdf.l_margin, 4)
        pdf.set_font(look.font, "B", 13)
        pdf.set_text_color(255, 255, 255)
        pdf.cell(0, 8, doc.agency.upper(), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(0, 0, 0)
        pdf.set_y(24)

    def running(pdf: FPDF) -> None:
        pdf.set_font(look.font, "", 9)
        pdf.cell(0, 5, f"{doc.running_head}{pdf.page_no()}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(4)

    return {"rule": rule, "banner": banner, "running": running}[look.header]


def _footer(doc: Document) -> Callable[[FPDF], None]:
    font = doc.layout.font

    def pages(pdf: FPDF) -> None:
        pdf.set_y(-15)
        pdf.set_font(font, "", 8)
        pdf.set_text_color(90, 90, 90)
        pdf.multi_cell(0, 4, f"{doc.footer}\nPage {pdf.page_no()} of {{nb}}", align="C")
        pdf.set_text_color(0, 0, 0)

    def right(pdf: FPDF) -> None:
        pdf.set_y(-14)
        pdf.set_font(font, "I", 8)
        pdf.set_text_color(80, 80, 80)
        pdf.cell(0, 4, f"{doc.footer} | page {pdf.page_no()}", align="R")
        pdf.set_text_color(0, 0, 0)

    def none(pdf: FPDF) -> None:
        pass

    return {"pages": pages, "right": right, "none": none}[doc.layout.footer]


def _lines(pdf: FPDF, height: float, text: str, align: str = "J", markdown: bool = False) -> None:
    """Write wrapped text across the page and move to the start of the next line."""
    pdf.multi_cell(0, height, text, align=align, markdown=markdown, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _keep_together(pdf: FPDF, text: str, indent: float, look: Layout) -> None:
    """Start a new page if `text` would not fit on this one."""
    height = pdf.multi_cell(
        pdf.epw - indent, look.body_line, text, dry_run=True, output="HEIGHT", markdown=look.markdown
    )
    assert isinstance(height, float | int)  # output="HEIGHT" returns the height alone
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()


def _block(pdf: FPDF, text: str, indent: float, look: Layout) -> None:
    """One paragraph or list item, kept on one page."""
    _keep_together(pdf, text, indent, look)
    if indent:
        pdf.set_x(pdf.l_margin + indent)
    _lines(pdf, look.body_line, text, markdown=look.markdown)


def _item_text(marker: str, number: int, item: str) -> str:
    if marker == "number":
        return f"{number}. {item}"
    if marker == "none" or (marker == "label" and item.startswith("(")):
        return item
    return f"- {item}"


def _heading(pdf: FPDF, heading: str, paragraphs: list[Any], look: Layout) -> None:
    if look.heading_keep == "first":
        _keep_together(pdf, f"{heading}\n{paragraphs[0]}", 0, look)
    elif pdf.get_y() + 30 > pdf.page_break_trigger:
        pdf.add_page()
    color = look.color(look.heading_color)
    pdf.set_font(look.font, "B", look.heading_size)
    if color is not None:
        pdf.set_text_color(*color)
    _lines(pdf, look.heading_line, heading)
    if color is not None:
        pdf.set_text_color(0, 0, 0)


def build(doc: Document) -> bytes:
    """Render one document to PDF bytes."""
    look = doc.layout
    pdf = _PDF(_header(doc), _footer(doc))
    pdf.set_creation_date(doc.created)
    pdf.set_title(doc.title)
    pdf.set_author(doc.agency)
    pdf.set_subject(doc.subject)
    if doc.keywords is not None:
        pdf.set_keywords(doc.keywords)
    pdf.set_creator(doc.agency)
    pdf.set_producer("fpdf2")
    if look.footer == "pages":
        pdf.alias_nb_pages()
    left, top, right = look.margins
    pdf.set_margins(left, top, right)
    pdf.set_auto_page_break(auto=True, margin=look.bottom)
    pdf.add_page()

    pdf.set_font(look.font, look.title_style, look.title_size)
    _lines(pdf, look.title_line, doc.printed_title or doc.title, align=look.align)
    if look.title_gap:
        pdf.ln(look.title_gap)
    pdf.set_font(look.font, look.subtitle_style, look.subtitle_size)
    _lines(pdf, look.subtitle_line, doc.subtitle, align=look.align)
    pdf.ln(look.intro_gap)

    for section in doc.sections:
        paragraphs = section["paragraphs"]
        if section["heading"]:
            _heading(pdf, section["heading"], paragraphs, look)
        pdf.set_font(look.font, "", look.body_size)
        for paragraph in paragraphs:
            if isinstance(paragraph, list):
                for number, item in enumerate(paragraph, start=1):
                    _block(pdf, _item_text(look.list_marker, number, item), look.list_indent, look)
                    if look.item_gap:
                        pdf.ln(look.item_gap)
                if look.list_gap:
                    pdf.ln(look.list_gap)
            else:
                _block(pdf, paragraph, look.indent, look)
                pdf.ln(look.paragraph_gap)
        pdf.ln(look.section_gap)
    return bytes(pdf.output())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    parser.add_argument("documents", nargs="*", metavar="NAME", help="document names (default: all)")
    args = parser.parse_args(argv)

    status = 0
    for doc in load_documents(args.documents):
        data, target = build(doc), doc.target
        if args.check:
            same = target.exists() and target.read_bytes() == data
            print(f"{'ok' if same else 'DIFFERS'}: {target}")
            status |= not same
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            print(f"wrote {target} ({len(data)} bytes)")
    return status


if __name__ == "__main__":
    sys.exit(main())
