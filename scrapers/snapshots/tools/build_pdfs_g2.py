#!/usr/bin/env python3
"""Build the PDF documents bundled for the group-2 states (GA, IA).

Two documents are generated:

- Georgia Composite Medical Board, "Medical Assistants: Board Guidance",
  served at https://medicalboard.georgia.gov/document/document/medical-assistants-board-guidance/download
  (file name medical-assistants-board-guidance.pdf). The Board re-issued it
  between the snapshots under the same URL and file name: the 2026-05-01
  snapshot has the March 2025 edition (numbered sections), the 2026-11-01
  snapshot the September 2026 edition (question-and-answer layout, new
  masthead, reworded). The rules stated are the same in both editions.
- Iowa Administrative Code chapter 655-6 (Board of Nursing), served at
  https://www.legis.iowa.gov/docs/iac/chapter/655.6.pdf, identical in both
  snapshots.

All text is written for this project from the reference facts
(/work/shared/reference/medical-assistant-rules.json, entries GA and IA); it
is not copied from any real publication. Only latin-1 characters are used
(the core PDF fonts), so the IAC's em dash in rule numbers is printed as a
hyphen ("655-6.1(152)").

The output is deterministic: creation dates and producer are fixed, so
running the script twice gives identical bytes.

Usage:
    .venv/bin/python scrapers/snapshots/tools/build_pdfs_g2.py          # (re)write the PDFs
    .venv/bin/python scrapers/snapshots/tools/build_pdfs_g2.py --check  # exit 1 if a bundled PDF differs
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

SNAPSHOTS_DIR = Path(__file__).resolve().parents[1]
OLDER, NEWER = "2026-05-01", "2026-11-01"
GA_PDF = Path("pages/medicalboard.georgia.gov/medical-assistants-board-guidance.pdf")
IA_PDF = Path("pages/www.legis.iowa.gov/655.6.pdf")

GA_TITLE = "Medical Assistants: Board Guidance"
GA_AGENCY = "Georgia Composite Medical Board"
GA_FOOTER = "Georgia Composite Medical Board - 2 Peachtree Street NW, 6th Floor, Atlanta, GA 30303 - 404-656-3913"

# --- Georgia, March 2025 edition: numbered sections -------------------------------------------

GA_2025_SECTIONS: list[tuple[str, list]] = [
    (
        "1. Purpose",
        [
            "The Board often receives questions from physicians, practice managers and members of the "
            "public about the role of medical assistants in a physician practice. This guidance "
            "summarizes the law and the answers the Board has given to those questions.",
        ],
    ),
    (
        "2. Credentials",
        [
            "Georgia does not license, certify or register medical assistants. The Board issues no "
            "credential to medical assistants.",
            "Georgia law does not require a medical assistant to hold a national certification.",
        ],
    ),
    (
        "3. Tasks a physician may delegate",
        [
            "Under O.C.G.A. Section 43-34-44, medical assistants may perform medical tasks that a "
            "physician delegates, including subcutaneous and intramuscular injections, obtaining vital "
            "signs, administering nebulizer treatments, and other tasks the Board approves by rule. "
            "The tasks are performed under the supervision of a physician in the physician's office.",
            "Medical assistants may also carry out medical tasks ordered by a physician assistant or an "
            "advanced practice registered nurse to whom a physician has delegated the authority to "
            "issue such orders.",
        ],
    ),
    (
        "4. Supervision",
        [
            "The supervising physician need not be physically present in the office at all times. "
            "The physician remains responsible for the care the medical assistant provides and should "
            "delegate only tasks the medical assistant is competent to perform.",
        ],
    ),
    (
        "5. Tuberculin skin tests",
        [
            "In answer to a question from the public, the Board has advised that a medical assistant "
            "may administer a tuberculin skin test by intradermal injection when the task is properly "
            "delegated and supervised. A medical assistant may not read or interpret the test result.",
        ],
    ),
    (
        "6. Legal references",
        [
            [
                "O.C.G.A. Section 43-34-44 (role of medical assistants)",
                "Ga. Comp. R. & Regs. r. 360-3-.05",
            ],
        ],
    ),
]

# --- Georgia, September 2026 edition: questions and answers ------------------------------------

GA_2026_QA: list[tuple[str, list[str]]] = [
    (
        "Does the Board license medical assistants?",
        [
            "No. Georgia does not issue a license, certificate or registration to medical assistants.",
            "State law does not require a national certification either.",
        ],
    ),
    (
        "Which tasks may a medical assistant perform?",
        [
            "A physician may delegate medical tasks to a medical assistant, such as intramuscular and "
            "subcutaneous injections, taking vital signs and giving nebulizer treatments, along with "
            "other tasks the Board approves by rule (Code Section 43-34-44).",
            "The medical assistant performs these tasks under the physician's supervision in the "
            "physician's office. A medical assistant may also carry out tasks ordered by a physician "
            "assistant or an advanced practice registered nurse who holds delegated authority to "
            "order them.",
        ],
    ),
    (
        "Must the physician be in the office the whole time?",
        [
            "No. The supervising physician need not be physically present at all times, but stays "
            "responsible for the work of the medical assistant.",
        ],
    ),
    (
        "May a medical assistant give a TB skin test?",
        [
            "Yes, by intradermal injection, if the physician properly delegates and supervises the task.",
            "Reading or interpreting the result is not part of the medical assistant's role.",
        ],
    ),
    (
        "Which law and rule apply?",
        [
            "O.C.G.A. Section 43-34-44 and Board Rule 360-3-.05.",
        ],
    ),
]

# --- Iowa Administrative Code chapter 655-6 ---------------------------------------------------

IA_RUNNING_HEAD = "IAC 7/2/25   Nursing Board[655]   Ch 6, p."
IA_BLOCKS: list[tuple[str, str]] = [
    ("center", "CHAPTER 6"),
    ("center", "NURSING PRACTICE FOR REGISTERED NURSES/LICENSED PRACTICAL NURSES"),
    ("text", "655-6.1(152) Definitions. For the purposes of this chapter, the following definitions apply:"),
    (
        "item",
        '"Delegation" means handing over to a competent individual the authority to perform a '
        "selected nursing task in a selected situation, while the nurse keeps accountability for "
        "the outcome.",
    ),
    ("item", '"Licensee" means a person licensed by the board as a registered nurse or a licensed practical nurse.'),
    (
        "item",
        '"Unlicensed assistive personnel" means individuals who are not licensed to practice '
        "nursing and who are trained to work in an assistive role to a licensee by performing "
        "patient care activities that the licensee delegates.",
    ),
    (
        "text",
        "655-6.2(152) Registered nurse practice. The registered nurse shall practice within the "
        "scope of the license and shall be accountable for the nursing care the nurse gives and "
        "the nursing care the nurse delegates.",
    ),
    (
        "text",
        "6.2(1) The registered nurse shall use the nursing process in assessing, planning, carrying "
        "out and evaluating the care of each patient.",
    ),
    ("text", "6.2(5) When delegating nursing interventions, the registered nurse:"),
    (
        "item",
        "a. Shall consider the condition of the patient, the complexity of the intervention and "
        "the competence of the person who receives the delegation.",
    ),
    ("item", "b. Shall remain accountable for the nursing interventions delegated."),
    (
        "item",
        "c. Shall not delegate to unlicensed assistive personnel any nursing intervention that "
        "is beyond the scope of practice of a licensed practical nurse under rule 655-6.3(152).",
    ),
    (
        "text",
        "655-6.3(152) Licensed practical nurse. The licensed practical nurse shall practice under "
        "the direction of a registered nurse or a physician within the limits set by this rule.",
    ),
    ("text", "These rules are intended to implement Iowa Code chapter 152."),
]


def _fixed(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, 9, 0, 0, tzinfo=UTC)


class _Doc(FPDF):
    def __init__(self, header_fn, footer_fn):
        super().__init__(orientation="P", unit="mm", format="Letter")
        self._header_fn = header_fn
        self._footer_fn = footer_fn

    def header(self) -> None:
        self._header_fn(self)

    def footer(self) -> None:
        self._footer_fn(self)


def _keep_together(pdf: FPDF, text: str, width: float, line_h: float) -> None:
    """Start a new page if `text` would not fit, so no paragraph is split by a running footer."""
    height = pdf.multi_cell(width, line_h, text, dry_run=True, output="HEIGHT")
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()


def _meta(pdf: FPDF, title: str, author: str, subject: str, created: datetime) -> None:
    pdf.set_creation_date(created)
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_creator(author)
    pdf.set_subject(subject)
    pdf.set_producer("fpdf2")


def build_ga_2025() -> bytes:
    def header(pdf: FPDF) -> None:
        pdf.set_font("Helvetica", "B", 10)
        pdf.set_text_color(27, 62, 111)
        pdf.cell(0, 6, GA_AGENCY, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_draw_color(27, 62, 111)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
        pdf.ln(4)
        pdf.set_text_color(0, 0, 0)

    def footer(pdf: FPDF) -> None:
        pdf.set_y(-15)
        pdf.set_font("Helvetica", "", 8)
        pdf.set_text_color(90, 90, 90)
        pdf.multi_cell(0, 4, f"{GA_FOOTER}\nPage {pdf.page_no()} of {{nb}}", align="C")
        pdf.set_text_color(0, 0, 0)

    pdf = _Doc(header, footer)
    _meta(pdf, GA_TITLE, GA_AGENCY, "Role of medical assistants in physician practices", _fixed(2025, 3, 14))
    pdf.alias_nb_pages()
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(auto=True, margin=22)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    pdf.multi_cell(0, 9, GA_TITLE, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", "I", 10)
    pdf.multi_cell(
        0, 5, "Guidance for physicians and practice managers. Revised March 2025.", new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )
    pdf.ln(3)
    for heading, paragraphs in GA_2025_SECTIONS:
        if pdf.get_y() + 30 > pdf.page_break_trigger:
            pdf.add_page()
        pdf.set_font("Helvetica", "B", 13)
        pdf.set_text_color(27, 62, 111)
        pdf.multi_cell(0, 7, heading, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(0, 0, 0)
        pdf.set_font("Helvetica", "", 11)
        for para in paragraphs:
            if isinstance(para, list):
                for item in para:
                    _keep_together(pdf, f"- {item}", pdf.epw - 4, 5.5)
                    pdf.set_x(pdf.l_margin + 4)
                    pdf.multi_cell(0, 5.5, f"- {item}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
                pdf.ln(1.5)
            else:
                _keep_together(pdf, para, pdf.epw, 5.5)
                pdf.multi_cell(0, 5.5, para, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
                pdf.ln(2)
        pdf.ln(1)
    return bytes(pdf.output())


def build_ga_2026() -> bytes:
    def header(pdf: FPDF) -> None:
        pdf.set_fill_color(27, 62, 111)
        pdf.rect(0, 0, pdf.w, 16, style="F")
        pdf.set_xy(pdf.l_margin, 4)
        pdf.set_font("Times", "B", 13)
        pdf.set_text_color(255, 255, 255)
        pdf.cell(0, 8, f"{GA_AGENCY.upper()}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(0, 0, 0)
        pdf.set_y(24)

    def footer(pdf: FPDF) -> None:
        pdf.set_y(-14)
        pdf.set_font("Times", "I", 8)
        pdf.set_text_color(80, 80, 80)
        pdf.cell(0, 4, f"Medical Assistants: Board Guidance (rev. 09/2026) | page {pdf.page_no()}", align="R")
        pdf.set_text_color(0, 0, 0)

    pdf = _Doc(header, footer)
    _meta(pdf, GA_TITLE, GA_AGENCY, "Questions and answers on medical assistants", _fixed(2026, 9, 18))
    pdf.set_margins(24, 24, 24)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    pdf.set_font("Times", "B", 20)
    pdf.multi_cell(0, 10, GA_TITLE, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Times", "", 11)
    pdf.multi_cell(
        0,
        5.5,
        "Questions and answers for physicians, practice managers and the public. "
        "Revised September 2026; replaces the March 2025 edition.",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.ln(5)
    for question, answers in GA_2026_QA:
        _keep_together(pdf, question + "\n" + answers[0], pdf.epw, 6)
        pdf.set_font("Times", "B", 12.5)
        pdf.set_text_color(27, 62, 111)
        pdf.multi_cell(0, 6.5, question, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(0, 0, 0)
        pdf.set_font("Times", "", 12)
        for answer in answers:
            _keep_together(pdf, answer, pdf.epw - 6, 6)
            pdf.set_x(pdf.l_margin + 6)
            pdf.multi_cell(pdf.epw - 6, 6, answer, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(1.5)
        pdf.ln(3)
    return bytes(pdf.output())


def build_ia_655_6() -> bytes:
    def header(pdf: FPDF) -> None:
        pdf.set_font("Times", "", 9)
        pdf.cell(0, 5, f"{IA_RUNNING_HEAD}{pdf.page_no()}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(4)

    def footer(pdf: FPDF) -> None:
        pass

    pdf = _Doc(header, footer)
    _meta(
        pdf,
        "Iowa Administrative Code 655 Chapter 6",
        "Iowa Legislative Services Agency",
        "Nursing practice for registered nurses and licensed practical nurses",
        _fixed(2025, 7, 2),
    )
    pdf.set_margins(22, 15, 22)
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    for style, text in IA_BLOCKS:
        if style == "center":
            pdf.set_font("Times", "B", 11)
            pdf.multi_cell(0, 5.5, text, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(2)
        elif style == "item":
            pdf.set_font("Times", "", 11)
            _keep_together(pdf, text, pdf.epw - 6, 5.2)
            pdf.set_x(pdf.l_margin + 6)
            pdf.multi_cell(pdf.epw - 6, 5.2, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(1)
        else:
            pdf.set_font("Times", "", 11)
            _keep_together(pdf, text, pdf.epw, 5.2)
            pdf.multi_cell(0, 5.2, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(2.5)
    return bytes(pdf.output())


def targets() -> list[tuple[Path, bytes]]:
    ga_old, ga_new, ia = build_ga_2025(), build_ga_2026(), build_ia_655_6()
    return [
        (SNAPSHOTS_DIR / OLDER / GA_PDF, ga_old),
        (SNAPSHOTS_DIR / NEWER / GA_PDF, ga_new),
        (SNAPSHOTS_DIR / OLDER / IA_PDF, ia),
        (SNAPSHOTS_DIR / NEWER / IA_PDF, ia),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args(argv)
    status = 0
    for target, data in targets():
        if args.check:
            if not target.exists() or target.read_bytes() != data:
                print(f"DIFFERS: {target}")
                status = 1
            else:
                print(f"ok: {target}")
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            print(f"wrote {target} ({len(data)} bytes)")
    return status


if __name__ == "__main__":
    sys.exit(main())
