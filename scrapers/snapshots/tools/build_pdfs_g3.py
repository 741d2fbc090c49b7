#!/usr/bin/env python3
"""Build the PDF documents bundled for group g3 (KY, LA, MA, MD, ME, MI, MN, MO).

Two documents are generated:

- Louisiana State Board of Medical Examiners, advisory opinion "Medication
  Administration by Unlicensed Individuals", served at
  https://lsbme.la.gov/sites/default/files/documents/advisory-opinions/medication-administration-unlicensed-individuals.pdf
  The same bytes go to both snapshots (the opinion did not change).
- Massachusetts Department of Public Health guidance "Certified Medical
  Assistants and Immunization: Guidance for Primary Care Practices", served at
  https://www.mass.gov/doc/certified-medical-assistants-immunization-guidance/download
  It differs between the snapshots: the May 2026 edition accepts two national
  certifications (CMA (AAMA), RMA (AMT)); the September 2026 revision, bundled
  in 2026-11-01, also accepts NCMA (NCCT) and CCMA (NHA). Nothing else in the
  text changes apart from the revision line.

All text is written for this project from the reference facts
(/work/shared/reference/medical-assistant-rules.json, entries LA and MA); it
is not copied from any real publication. The MA certification list is the
planned difference between the two snapshots, not a researched fact.

The output is deterministic: the creation date and producer are fixed per
edition, so running the script twice gives identical bytes.

Usage:
    .venv/bin/python scrapers/snapshots/tools/build_pdfs_g3.py          # (re)write the PDFs
    .venv/bin/python scrapers/snapshots/tools/build_pdfs_g3.py --check  # exit 1 if a bundled PDF differs
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
OLDER, NEWER = "2026-05-01", "2026-11-01"

Section = tuple[str, list]  # (heading, paragraphs); a list paragraph is rendered as bullets


@dataclass(frozen=True)
class Document:
    agency: str
    footer: str
    title: str
    subtitle: str
    subject: str
    keywords: str
    created: datetime
    sections: list[Section]


# --- Louisiana: advisory opinion ---------------------------------------------

LA_FOOTER = (
    "Louisiana State Board of Medical Examiners - 630 Camp Street, New Orleans, LA 70130 - "
    "(504) 568-6820 - lsbme.la.gov"
)

LA_SECTIONS: list[Section] = [
    (
        "Question presented",
        [
            "May a physician allow a medical assistant or another unlicensed individual employed "
            "in the physician's practice to give medication to patients, and if so, on what terms?",
        ],
    ),
    (
        "Opinion of the Board",
        [
            "It is the opinion of the Board that a physician may permit an unlicensed individual to "
            "administer medication, including medication given by injection, only under the "
            "physician's direction and immediate personal supervision.",
            "Immediate personal supervision means that the physician is physically present in the "
            "office for the whole time the medication is being administered and is able to respond "
            "at once if the patient needs care.",
            "The physician who allows an unlicensed individual to perform this task is fully "
            "responsible for training that individual and for deciding that he or she is competent "
            "to do it safely. The physician is equally responsible for the outcome.",
            "Unlicensed individuals may not handle, draw up or give controlled substances.",
        ],
    ),
    (
        "Scope of this opinion",
        [
            "This opinion applies to medical assistants and other unlicensed staff in physician "
            "practices. It does not address medication attendants, whose program is established "
            "by La. R.S. 37:1022 and is administered outside this Board.",
            "The Board does not license, certify or register medical assistants. Nothing in this "
            "opinion creates a credential for unlicensed individuals.",
        ],
    ),
    (
        "Status",
        [
            "An advisory opinion states the Board's interpretation of the Medical Practice Act and "
            "the Board's rules as they apply to the question presented. It is not a rule and does "
            "not bind the Board in a disciplinary proceeding.",
        ],
    ),
]

LA_OPINION = Document(
    agency="Louisiana State Board of Medical Examiners",
    footer=LA_FOOTER,
    title="Advisory Opinion: Medication Administration by Unlicensed Individuals",
    subtitle="Adopted by the Board in open session. Reaffirmed January 2026.",
    subject="Board advisory opinion on medication administration by medical assistants and other unlicensed staff",
    keywords="advisory opinion, medical assistant, unlicensed, medication, injection, supervision",
    created=datetime(2026, 1, 22, 10, 0, 0, tzinfo=UTC),
    sections=LA_SECTIONS,
)
LA_RELPATH = Path("pages/lsbme.la.gov/medication-administration-unlicensed-individuals.pdf")


# --- Massachusetts: DPH guidance ------------------------------------------------

MA_FOOTER = (
    "Massachusetts Department of Public Health - Immunization Division - "
    "305 South Street, Jamaica Plain, MA 02130 - (617) 983-6800"
)

MA_CERTS_OLDER = [
    "CMA (AAMA): Certified Medical Assistant, American Association of Medical Assistants",
    "RMA (AMT): Registered Medical Assistant, American Medical Technologists",
]
MA_CERTS_NEWER = MA_CERTS_OLDER + [
    "NCMA (NCCT): National Certified Medical Assistant, National Center for Competency Testing",
    "CCMA (NHA): Certified Clinical Medical Assistant, National Healthcareer Association",
]


def ma_sections(certs: list[str], revision_note: str | None) -> list[Section]:
    accepted = [
        "The department accepts a current certification from any of the following national "
        "certifying bodies as evidence that a medical assistant has passed a certification "
        "examination:",
        certs,
        "The practice must keep a copy of the current certification in the medical assistant's "
        "personnel file and check that it is renewed.",
    ]
    if revision_note:
        accepted.append(revision_note)
    return [
        (
            "Background",
            [
                "Chapter 234 of the Acts of 2016 amended M.G.L. c. 94C, section 9 so that a "
                "practitioner may have immunizations administered by a certified medical assistant, "
                "as defined in M.G.L. c. 112, section 265. Before that law, Massachusetts law did not "
                "authorize medical assistants to administer medications.",
                "Massachusetts does not license, certify or register medical assistants. The phrase "
                '"certified medical assistant" refers to the statutory definition below.',
            ],
        ),
        (
            "Who is a certified medical assistant",
            [
                "Under M.G.L. c. 112, section 265, a certified medical assistant is a person who:",
                [
                    "has graduated from a post-secondary medical assisting program accredited by the "
                    "successor to the Committee on Allied Health Education and Accreditation, by the "
                    "Accrediting Bureau of Health Education Schools (ABHES), or from a certificate "
                    "program approved by the Commissioner of Public Health;",
                    "is employed in the medical practice of a licensed primary care provider; and",
                    "performs clinical duties upon the specific authorization of a licensed primary care provider.",
                ],
            ],
        ),
        ("Accepted national certifications", accepted),
        (
            "Supervision",
            [
                "A certified medical assistant works under the direct supervision of a primary care "
                "provider. The primary care provider must be present in the facility and immediately "
                "available to give assistance and direction throughout the procedure. The primary "
                "care provider does not have to be in the same room.",
            ],
        ),
        (
            "Responsibilities of the practice",
            [
                "Medical assistants who do not meet the definition of a certified medical assistant "
                "may not administer immunizations.",
                "The practice remains responsible for vaccine storage and handling, for giving each "
                "patient the current Vaccine Information Statement, and for recording every dose in "
                "the Massachusetts Immunization Information System.",
                "Adverse events after immunization are reported to the Vaccine Adverse Event Reporting System (VAERS).",
            ],
        ),
    ]


MA_OLDER = Document(
    agency="Massachusetts Department of Public Health",
    footer=MA_FOOTER,
    title="Certified Medical Assistants and Immunization: Guidance for Primary Care Practices",
    subtitle="Bureau of Infectious Disease and Laboratory Sciences, Immunization Division. Issued February 2026.",
    subject="Guidance on immunization by certified medical assistants",
    keywords="certified medical assistant, immunization, primary care, national certification",
    created=datetime(2026, 2, 20, 9, 0, 0, tzinfo=UTC),
    sections=ma_sections(MA_CERTS_OLDER, None),
)
MA_NEWER = Document(
    agency=MA_OLDER.agency,
    footer=MA_FOOTER,
    title=MA_OLDER.title,
    subtitle="Bureau of Infectious Disease and Laboratory Sciences, Immunization Division. Revised September 2026.",
    subject=MA_OLDER.subject,
    keywords=MA_OLDER.keywords,
    created=datetime(2026, 9, 15, 9, 0, 0, tzinfo=UTC),
    sections=ma_sections(
        MA_CERTS_NEWER,
        "Revised September 2026: the NCMA (NCCT) and CCMA (NHA) certifications are now accepted.",
    ),
)
MA_RELPATH = Path("pages/www.mass.gov/certified-medical-assistants-immunization-guidance.pdf")

# (snapshot, relative path, document)
OUTPUTS: list[tuple[str, Path, Document]] = [
    (OLDER, LA_RELPATH, LA_OPINION),
    (NEWER, LA_RELPATH, LA_OPINION),
    (OLDER, MA_RELPATH, MA_OLDER),
    (NEWER, MA_RELPATH, MA_NEWER),
]


# --- rendering -------------------------------------------------------------------


class LeafletPDF(FPDF):
    def __init__(self, agency: str, footer_text: str):
        super().__init__(orientation="P", unit="mm", format="Letter")
        self.agency = agency
        self.footer_text = footer_text

    def header(self) -> None:
        self.set_font("Helvetica", "B", 10)
        self.set_text_color(60, 30, 30)
        self.cell(0, 6, self.agency, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(60, 30, 30)
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
    """Start a new page if `text` would not fit, so no paragraph is split by the footer."""
    height = pdf.multi_cell(pdf.epw - indent, 5.5, text, dry_run=True, output="HEIGHT")
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()


def render(doc: Document) -> bytes:
    pdf = LeafletPDF(doc.agency, doc.footer)
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

    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 8, doc.title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", "I", 10)
    pdf.multi_cell(0, 5, doc.subtitle, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)

    for heading, paragraphs in doc.sections:
        if pdf.get_y() + 30 > pdf.page_break_trigger:
            pdf.add_page()
        pdf.set_font("Helvetica", "B", 12)
        pdf.set_text_color(60, 30, 30)
        pdf.multi_cell(0, 7, heading, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(0, 0, 0)
        pdf.set_font("Helvetica", "", 11)
        for para in paragraphs:
            if isinstance(para, list):
                for item in para:
                    _keep_together(pdf, f"- {item}", indent=4)
                    pdf.set_x(pdf.l_margin + 4)
                    pdf.multi_cell(0, 5.5, f"- {item}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
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
    for snap, relpath, doc in OUTPUTS:
        data = render(doc)
        target = SNAPSHOTS_DIR / snap / relpath
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
