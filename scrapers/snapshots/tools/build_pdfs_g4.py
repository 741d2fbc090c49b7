#!/usr/bin/env python3
"""Build the PDF documents bundled in the snapshots for group g4 (MS, MT, NC, ND, NE, NH, NJ, NM).

Two documents are generated, both served in every bundled snapshot:

- North Dakota Administrative Code chapter 54-07-05, "Medication
  Administration by Medication Assistants", at
  https://www.ndlegis.gov/information/acdata/pdf/54-07-05.pdf
- New Jersey Administrative Code chapter 13:35, Board of Medical Examiners
  (excerpt with section 13:35-6.4 on certified medical assistants), at
  https://njconsumeraffairs.gov/regulations/Chapter-35-State-Board-of-Medical-Examiners.pdf

The text below is written for this project from the reference facts
(/work/shared/reference/medical-assistant-rules.json, entries ND and NJ); it
is not copied from any real publication. Only latin-1 characters are used.

The output is deterministic: the creation date and producer are fixed, so
running the script twice gives identical bytes. Neither document changed
between the snapshots, so the same bytes are written to each.

Usage:
    .venv/bin/python scrapers/snapshots/tools/build_pdfs_g4.py          # (re)write the PDFs
    .venv/bin/python scrapers/snapshots/tools/build_pdfs_g4.py --check  # exit 1 if a bundled PDF differs
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
    # (heading, [paragraphs]); a paragraph that is a list is rendered as numbered items
    sections: list


ND_SECTIONS: list = [
    (
        "54-07-05-01. Definitions.",
        [
            "In this chapter, unless the context requires otherwise:",
            [
                '"Ambulatory setting" means a clinic, physician office or other outpatient setting in which '
                "clients receive care and return home the same day.",
                '"Medication assistant III" means a medical assistant whom the board has registered under this '
                "chapter to administer medications in an ambulatory setting.",
                '"Stable and predictable" describes a client whose health condition and response to medication '
                "are known and not expected to change quickly.",
            ],
            "History: Effective August 1, 2005; amended effective April 1, 2024.",
            "General Authority: NDCC 43-12.1-08",
            "Law Implemented: NDCC 43-12.1-08",
        ],
    ),
    (
        "54-07-05-02. Registration as a medication assistant III.",
        [
            "The board shall register as a medication assistant III an applicant who:",
            [
                "is listed on the unlicensed assistive person registry as a medical assistant technician;",
                "holds a current CMA (AAMA), RMA (AMT), NCMA (NCCT) or CCMA (NHA) certification;",
                "submits an official transcript showing completion of a medical assistant program that included "
                "pharmacology and medication administration with an in-person clinical component; and",
                "completes the criminal history record check required by chapter 54-07-02.1.",
            ],
            "A program delivered entirely online does not meet the requirement for an in-person clinical "
            "component. The registration must be renewed every two years.",
            "History: Effective August 1, 2005; amended effective April 1, 2024.",
            "General Authority: NDCC 43-12.1-08",
            "Law Implemented: NDCC 43-12.1-08, 43-12.1-20",
        ],
    ),
    (
        "54-07-05-03. Authorized medication administration.",
        [
            "A medication assistant III may administer medications by the oral, topical, inhaled, rectal, vaginal, "
            "ophthalmic and otic routes, and by subcutaneous, intramuscular and intradermal injection, only when a "
            "licensed nurse or other licensed practitioner has delegated the task and the client's condition is "
            "stable and predictable.",
            "A licensed nurse must be available to monitor the client's response to the medication.",
            "History: Effective August 1, 2005; amended effective April 1, 2024.",
            "General Authority: NDCC 43-12.1-08",
            "Law Implemented: NDCC 43-12.1-08",
        ],
    ),
    (
        "54-07-05-04. Limitations.",
        [
            "A licensed nurse may not delegate medication administration to a medication assistant III in an acute "
            "care setting. A licensed nurse may not delegate medication administration to a medication assistant III "
            "for a client whose condition is unstable or unpredictable.",
            "History: Effective August 1, 2005.",
            "General Authority: NDCC 43-12.1-08",
            "Law Implemented: NDCC 43-12.1-08",
        ],
    ),
    (
        "54-07-05-05. Employer responsibilities.",
        [
            "An employer shall verify with the board that a medical assistant holds a current registration as a "
            "medication assistant III before assigning the medical assistant to administer medications, and shall "
            "keep a record of the verification.",
            "History: Effective August 1, 2005.",
            "General Authority: NDCC 43-12.1-08",
            "Law Implemented: NDCC 43-12.1-08",
        ],
    ),
]

NJ_SECTIONS: list = [
    (
        "SUBCHAPTER 6. GENERAL RULES OF PRACTICE",
        [
            "This excerpt reproduces section 13:35-6.4 of the Board's rules. The complete chapter is available "
            "from the Division of Consumer Affairs.",
        ],
    ),
    (
        "13:35-6.4 Certified medical assistants",
        [
            "The Board's requirements for a physician who directs a certified medical assistant are as follows:",
            '(a) For the purposes of this section, a "certified medical assistant" is a person who has graduated '
            "from a post-secondary medical assisting program that includes at least 600 clock hours of education, "
            "and who holds a current certification from a national medical assistant certifying organization "
            "recognized by the Board.",
            "(b) A physician may direct a medical assistant to administer a subcutaneous or intramuscular injection "
            "only if the medical assistant is a certified medical assistant who has completed at least 600 clock "
            "hours of education as set out in (a) above.",
            "(c) A physician shall not direct a certified medical assistant to give an intravenous injection.",
            "(d) A physician shall not direct a certified medical assistant to administer allergenic extracts, "
            "local anesthetics, controlled dangerous substances, experimental drugs or antineoplastic agents.",
            "(e) A physician who directs a certified medical assistant to administer an injection remains "
            "professionally responsible for it and shall confirm the correct medication and dosage beforehand.",
            "(f) The physician shall keep on file proof that each certified medical assistant meets the "
            "requirements of (a) above.",
        ],
    ),
    (
        "Source and history",
        [
            "Authority: N.J.S.A. 45:9-2.",
            "History: New rule effective 1993; amended 2003 and 2011. Administrative correction 2014.",
        ],
    ),
]

DOCUMENTS = [
    Document(
        relpath=Path("pages/www.ndlegis.gov/54-07-05.pdf"),
        agency="North Dakota Administrative Code - Board of Nursing",
        title="CHAPTER 54-07-05 MEDICATION ADMINISTRATION BY MEDICATION ASSISTANTS",
        subtitle="Article 54-07, Unlicensed Assistive Person Registry and Medication Assistants. Supplement 393, April 2024.",
        subject="Registration and authorized functions of the medication assistant III",
        keywords="North Dakota, Board of Nursing, medication assistant III, medical assistant, injections",
        footer="North Dakota Legislative Branch - Administrative Code - www.ndlegis.gov",
        created=datetime(2024, 4, 1, 8, 0, 0, tzinfo=UTC),
        sections=ND_SECTIONS,
    ),
    Document(
        relpath=Path("pages/njconsumeraffairs.gov/Chapter-35-State-Board-of-Medical-Examiners.pdf"),
        agency="New Jersey Division of Consumer Affairs - State Board of Medical Examiners",
        title="N.J.A.C. Title 13, Chapter 35: Board of Medical Examiners",
        subtitle="Rules of the State Board of Medical Examiners (excerpt). Current through the New Jersey Register of February 2, 2026.",
        subject="Certified medical assistants and the administration of injections",
        keywords="New Jersey, Board of Medical Examiners, certified medical assistant, injections",
        footer="State Board of Medical Examiners - PO Box 183, Trenton, NJ 08625-0183 - www.njconsumeraffairs.gov/bme",
        created=datetime(2026, 2, 2, 12, 0, 0, tzinfo=UTC),
        sections=NJ_SECTIONS,
    ),
]


class RulePDF(FPDF):
    def __init__(self, agency: str, footer_text: str):
        super().__init__(orientation="P", unit="mm", format="Letter")
        self.agency = agency
        self.footer_text = footer_text

    def header(self) -> None:
        self.set_font("Times", "I", 9)
        self.set_text_color(60, 60, 60)
        self.cell(0, 5, self.agency, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="C")
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(4)
        self.set_text_color(0, 0, 0)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Times", "", 8)
        self.set_text_color(90, 90, 90)
        self.multi_cell(0, 4, f"{self.footer_text}\nPage {self.page_no()} of {{nb}}", align="C")
        self.set_text_color(0, 0, 0)


def _keep_together(pdf: FPDF, text: str, indent: float = 0) -> None:
    """Start a new page if `text` would not fit, so no paragraph is split by the running footer."""
    height = pdf.multi_cell(pdf.epw - indent, 5.2, text, dry_run=True, output="HEIGHT")
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()


def build(doc: Document) -> bytes:
    pdf = RulePDF(doc.agency, doc.footer)
    pdf.set_creation_date(doc.created)
    pdf.set_title(doc.title)
    pdf.set_author(doc.agency)
    pdf.set_subject(doc.subject)
    pdf.set_keywords(doc.keywords)
    pdf.set_creator(doc.agency)
    pdf.set_producer("fpdf2")
    pdf.alias_nb_pages()
    pdf.set_margins(22, 18, 22)
    pdf.set_auto_page_break(auto=True, margin=22)
    pdf.add_page()

    pdf.set_font("Times", "B", 15)
    pdf.multi_cell(0, 7, doc.title, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="C")
    pdf.set_font("Times", "I", 10)
    pdf.multi_cell(0, 5, doc.subtitle, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="C")
    pdf.ln(4)

    for heading, paragraphs in doc.sections:
        if pdf.get_y() + 30 > pdf.page_break_trigger:
            pdf.add_page()
        pdf.set_font("Times", "B", 12)
        pdf.multi_cell(0, 6, heading, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font("Times", "", 11)
        for para in paragraphs:
            if isinstance(para, list):
                for number, item in enumerate(para, start=1):
                    text = f"{number}. {item}"
                    _keep_together(pdf, text, indent=6)
                    pdf.set_x(pdf.l_margin + 6)
                    pdf.multi_cell(0, 5.2, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
                pdf.ln(1.5)
            else:
                _keep_together(pdf, para)
                pdf.multi_cell(0, 5.2, para, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
                pdf.ln(2)
        pdf.ln(1.5)

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
