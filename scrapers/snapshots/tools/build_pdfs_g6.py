#!/usr/bin/env python3
"""Build the PDF documents bundled for group g6 (TN, VA, WY) in the agency-site snapshots.

Three documents are generated, each served at its real URL in the snapshots:

- Tennessee Public Chapter 1042 (2024), certified medical assistants in
  hospital-owned outpatient clinics (later T.C.A. 68-11-244):
  https://publications.tnsosfiles.com/acts/113/pub/pc1042.pdf
- Virginia Board of Medicine guidance on delegation to medical assistants
  (linked from the Board's guidance-documents page):
  https://www.dhp.virginia.gov/media/dhpweb/docs/med/guidelines/delegation-to-medical-assistants.pdf
- Wyoming Board of Medicine rules, Chapter 1 General Provisions (Agency 052)
  (linked from the Board's laws-and-rules page):
  https://wyomedboard.wyo.gov/assets/rules/chapter-1-general-provisions.pdf

All text below is written for this project from the reference facts
(/work/shared/reference/medical-assistant-rules.json, entries TN, VA, WY); it is
not copied from any real publication. Latin-1 characters only.

The output is deterministic: the creation date and producer are fixed and the
document id is derived from the content, so running the script twice gives
identical bytes. The same file is written to every snapshot listed in
SNAPSHOTS (none of these documents changed between them).

Usage:
    .venv/bin/python scrapers/snapshots/tools/build_pdfs_g6.py          # (re)write the PDFs
    .venv/bin/python scrapers/snapshots/tools/build_pdfs_g6.py --check  # exit 1 if a bundled PDF differs
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

SNAPSHOTS_DIR = Path(__file__).resolve().parents[1]
SNAPSHOTS = ["2026-05-01", "2026-11-01"]


@dataclass(frozen=True)
class Document:
    relpath: Path
    agency: str
    title: str
    subtitle: str
    subject: str
    keywords: str
    footer: str
    created: datetime
    # Each section: (heading, [paragraphs]); a paragraph that is a list is rendered as items.
    # Items that already start with "(a)" style labels keep them; others get "- ".
    sections: list[tuple[str, list]]


TN_PC_1042 = Document(
    relpath=Path("pages/publications.tnsosfiles.com/pc1042.pdf"),
    agency="State of Tennessee",
    title="Public Chapter No. 1042",
    subtitle="An act to amend Tennessee Code Annotated, Title 63 and Title 68, Chapter 11, Part 2, "
    "relative to certified medical assistants.",
    subject="Certified medical assistants in ambulatory outpatient hospital clinics",
    keywords="certified medical assistant, ambulatory outpatient hospital clinic, delegation",
    footer="Tennessee Secretary of State - Publications Division - Public Acts of 2024",
    created=datetime(2024, 5, 28, 10, 0, 0, tzinfo=UTC),
    sections=[
        (
            "BE IT ENACTED BY THE GENERAL ASSEMBLY OF THE STATE OF TENNESSEE:",
            [
                "SECTION 1. Tennessee Code Annotated, Title 68, Chapter 11, Part 2, is amended by "
                "adding the following as a new section:",
                [
                    "(a) As used in this section:",
                    '(1) "Ambulatory outpatient hospital clinic" means a clinic or physician office '
                    "that a hospital licensed under this title owns and operates and that treats "
                    "patients who are not admitted to the hospital as inpatients; and",
                    '(2) "Certified medical assistant" means a person who has training to work in an '
                    "assistive role to a licensed physician and who meets subsection (c).",
                    "(b) A licensed physician practicing in an ambulatory outpatient hospital clinic "
                    "may delegate the administration of medications to a certified medical assistant "
                    "only after the clinic has trained the certified medical assistant and verified "
                    "competency under subsection (d).",
                    "(c) A person may serve as a certified medical assistant under this section only "
                    "while the person is certified by a nationally recognized medical assistant "
                    "certifying body.",
                    "(d) The ambulatory outpatient hospital clinic is responsible for training each "
                    "certified medical assistant and for verifying the competency of the certified "
                    "medical assistant for each task delegated under this section. The clinic shall "
                    "keep a record of the training and of each verification.",
                    "(e) The physician who delegates a task under this section remains responsible "
                    "for the care of the patient.",
                ],
                "SECTION 2. This act takes effect July 1, 2024, the public welfare requiring it.",
            ],
        ),
    ],
)

VA_GUIDANCE = Document(
    relpath=Path("pages/www.dhp.virginia.gov/delegation-to-medical-assistants.pdf"),
    agency="Virginia Board of Medicine",
    title="Delegation to Medical Assistants and Other Unlicensed Personnel",
    subtitle="Guidance document of the Virginia Board of Medicine. Adopted June 15, 2023.",
    subject="Tasks Board licensees may delegate to medical assistants",
    keywords="medical assistant, delegation, unlicensed personnel, injections",
    footer="Virginia Department of Health Professions - Board of Medicine - "
    "9960 Mayland Drive, Suite 300, Henrico, VA 23233 - (804) 367-4600",
    created=datetime(2023, 6, 20, 14, 0, 0, tzinfo=UTC),
    sections=[
        (
            "Purpose",
            [
                "This guidance answers questions that licensees of the Board often ask about work "
                "they may assign to medical assistants. It explains existing law and does not "
                "create new requirements.",
            ],
        ),
        (
            "Credentials",
            [
                "The Board of Medicine does not license, certify or register medical assistants. "
                "Virginia law does not create a medical assistant credential.",
                "National certification for medical assistants is voluntary. An employer may "
                "prefer it, but the Board does not require it.",
            ],
        ),
        (
            "Who may delegate",
            [
                "A medical assistant works as personnel supervised by a licensee of the Board, "
                "such as a doctor of medicine, osteopathic medicine or podiatry, a physician "
                "assistant or a nurse practitioner.",
            ],
        ),
        (
            "What may be delegated",
            [
                "Under Va. Code Section 54.1-2901(A)(6), a licensee may delegate to personnel he or "
                "she supervises tasks that are nondiscretionary, that call for no professional "
                "judgment, and that practitioners customarily delegate. The licensee must authorize "
                "the task and is responsible for it.",
                "Examples of tasks that are commonly delegated:",
                [
                    "taking and recording vital signs, height and weight;",
                    "preparing patients and rooms for examination;",
                    "collecting and labeling specimens;",
                    "updating the medical record at the licensee's direction.",
                ],
            ],
        ),
        (
            "Injections",
            [
                "Va. Code Section 54.1-3408 is the section of the Drug Control Act on the professional "
                "use of drugs by practitioners. The Board reads it together with Section "
                "54.1-2901(A)(6).",
                "A licensee may delegate the administration of injections to a medical assistant "
                "he or she supervises when the licensee has ordered the injection and the task "
                "needs no professional judgment to carry out.",
                "Choosing a drug or dose is not a delegable task. A medical assistant may not "
                "decide what to give or how much to give.",
            ],
        ),
        (
            "References",
            [
                [
                    "Va. Code Section 54.1-2901(A)(6) (delegation to supervised personnel)",
                    "Va. Code Section 54.1-3408 (professional use of drugs by practitioners)",
                ],
            ],
        ),
    ],
)

WY_RULES_CH1 = Document(
    relpath=Path("pages/wyomedboard.wyo.gov/chapter-1-general-provisions.pdf"),
    agency="Wyoming Board of Medicine",
    title="Rules and Regulations, Chapter 1: General Provisions",
    subtitle="Agency 052, Board of Medicine. Sub-agency 0001.",
    subject="General provisions of the Wyoming Board of Medicine rules",
    keywords="Wyoming Board of Medicine, rules, Agency 052, general provisions",
    footer="Wyoming Board of Medicine - 130 Hobbs Avenue, Suite A, Cheyenne, WY 82002 - (307) 778-7053",
    created=datetime(2025, 8, 12, 9, 30, 0, tzinfo=UTC),
    sections=[
        (
            "Section 1. Authority",
            [
                "The Wyoming Board of Medicine adopts these rules under the Wyoming Medical Practice "
                "Act, W.S. 33-26-101 et seq., and the Wyoming Administrative Procedure Act.",
            ],
        ),
        (
            "Section 2. Purpose",
            [
                "These rules set out how the Board licenses physicians and physician assistants, "
                "how it conducts its business, and the standards of conduct for its licensees.",
            ],
        ),
        (
            "Section 3. Definitions",
            [
                "As used in these rules:",
                [
                    '(a) "Act" means the Wyoming Medical Practice Act.',
                    '(b) "Board" means the Wyoming Board of Medicine.',
                    '(c) "Executive director" means the person the Board employs to manage its office.',
                    '(d) "Licensee" means a person who holds a license issued by the Board.',
                    '(e) "Practice of medicine" has the meaning given in W.S. 33-26-102.',
                ],
            ],
        ),
        (
            "Section 4. Public records",
            [
                "Requests for Board records are handled under the Wyoming Public Records Act. The "
                "executive director answers each request in writing.",
            ],
        ),
        (
            "Section 5. Severability",
            [
                "If any provision of these rules is held invalid, the remaining provisions stay in effect.",
            ],
        ),
    ],
)

DOCUMENTS = [TN_PC_1042, VA_GUIDANCE, WY_RULES_CH1]


class AgencyPDF(FPDF):
    def __init__(self, agency: str, footer_text: str):
        super().__init__(orientation="P", unit="mm", format="Letter")
        self.agency = agency
        self.footer_text = footer_text

    def header(self) -> None:
        self.set_font("Helvetica", "B", 10)
        self.set_text_color(40, 40, 40)
        self.cell(0, 6, self.agency, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(40, 40, 40)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(4)
        self.set_text_color(0, 0, 0)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", "", 8)
        self.set_text_color(90, 90, 90)
        self.multi_cell(0, 4, f"{self.footer_text}\nPage {self.page_no()} of {{nb}}", align="C")
        self.set_text_color(0, 0, 0)


def _keep_together(pdf: FPDF, text: str, indent: float = 0) -> None:
    """Start a new page if `text` would not fit, so no paragraph is split by the running footer."""
    height = pdf.multi_cell(pdf.epw - indent, 5.5, text, dry_run=True, output="HEIGHT")
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()


def build(doc: Document) -> bytes:
    pdf = AgencyPDF(doc.agency, doc.footer)
    pdf.set_creation_date(doc.created)
    pdf.set_title(doc.title)
    pdf.set_author(doc.agency)
    pdf.set_subject(doc.subject)
    pdf.set_keywords(doc.keywords)
    pdf.set_creator(doc.agency)
    pdf.set_producer("fpdf2")
    pdf.alias_nb_pages()
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(auto=True, margin=22)
    pdf.add_page()

    pdf.set_font("Helvetica", "B", 17)
    pdf.multi_cell(0, 8, doc.title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", "I", 10)
    pdf.multi_cell(0, 5, doc.subtitle, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)

    for heading, paragraphs in doc.sections:
        if pdf.get_y() + 30 > pdf.page_break_trigger:
            pdf.add_page()
        pdf.set_font("Helvetica", "B", 12)
        pdf.multi_cell(0, 7, heading, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font("Helvetica", "", 11)
        for para in paragraphs:
            if isinstance(para, list):
                for item in para:
                    text = item if item.startswith("(") else f"- {item}"
                    _keep_together(pdf, text, indent=4)
                    pdf.set_x(pdf.l_margin + 4)
                    pdf.multi_cell(0, 5.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
                pdf.ln(1.5)
            else:
                _keep_together(pdf, para)
                pdf.multi_cell(0, 5.5, para, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
                pdf.ln(2)
        pdf.ln(1)

    return bytes(pdf.output())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args(argv)

    status = 0
    for doc in DOCUMENTS:
        data = build(doc)
        for snap in SNAPSHOTS:
            target = SNAPSHOTS_DIR / snap / doc.relpath
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
