#!/usr/bin/env python3
"""Build the PDF documents bundled in the agency-site snapshots.

Currently one document is generated: the Medical Board of California leaflet
"Medical Assistants: Scope and Training", served in the snapshots at
https://www.mbc.ca.gov/Download/Publications/medical-assistants.pdf

The leaflet text below is written for this project from the reference facts
(/work/shared/reference/medical-assistant-rules.json, entry CA); it is not
copied from any real publication.

The output is deterministic: the creation date and producer are fixed and the
document id is derived from the content, so running the script twice gives identical bytes. The same file is
written to every snapshot listed in SNAPSHOTS (the leaflet did not change
between them).

Usage:
    .venv/bin/python scrapers/snapshots/tools/build_pdfs.py          # (re)write the PDFs
    .venv/bin/python scrapers/snapshots/tools/build_pdfs.py --check  # exit 1 if a bundled PDF differs
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

SNAPSHOTS_DIR = Path(__file__).resolve().parents[1]
SNAPSHOTS = ["2026-05-01", "2026-11-01"]
CA_PDF_RELPATH = Path("pages/www.mbc.ca.gov/medical-assistants.pdf")

CREATION_DATE = datetime(2026, 3, 2, 9, 0, 0, tzinfo=UTC)

CA_TITLE = "Medical Assistants: Scope and Training"

# Each section: (heading, [paragraphs]); a paragraph that is a list is rendered as bullets.
CA_SECTIONS: list[tuple[str, list]] = [
    (
        "Who is a medical assistant?",
        [
            "A medical assistant is an unlicensed person who performs basic administrative, "
            "clerical and technical supportive services for a licensed physician or podiatrist. "
            "California does not license, certify or register medical assistants. "
            "The Medical Board of California does not issue any credential to medical assistants. "
            "A medical assistant must be at least 18 years old.",
            "California does not require medical assistants to hold a national certification. "
            "A national certification does not replace the minimum training described in this leaflet.",
        ],
    ),
    (
        "Supervision",
        [
            "A medical assistant may perform technical supportive services only under supervision. "
            "The supervising physician or podiatrist must be physically present in the treatment "
            "facility when the medical assistant performs these services. A physician assistant, "
            "nurse practitioner or certified nurse-midwife who supervises a medical assistant must "
            "also be physically present in the facility.",
        ],
    ),
    (
        "Minimum training",
        [
            "A medical assistant must complete minimum training before performing the tasks below.",
            [
                "Injections and skin tests: at least 10 clock hours of training. The training must "
                "include at least 10 intramuscular, 10 subcutaneous and 10 intradermal injections, "
                "and at least 10 skin tests.",
                "Venipuncture and skin puncture: at least 10 clock hours of training. The training "
                "must include at least 10 venipunctures and 10 skin punctures.",
                "Medication by inhalation: at least 10 clock hours of training.",
            ],
            "A medical assistant may administer intramuscular, subcutaneous and intradermal "
            "injections only after completing at least 10 clock hours of training. A medical "
            "assistant may perform venipuncture or skin puncture only after completing at least "
            "10 clock hours of training in those procedures.",
            "Training may be given by a licensed physician or podiatrist, or by a registered nurse, "
            "licensed vocational nurse, physician assistant or qualified medical assistant acting "
            "under the direction of a licensed physician or podiatrist. An approved secondary, "
            "postsecondary or adult education program may also provide the training.",
            "The training institution or instructor issues a certificate of training. "
            "The employer must keep the certificate on file.",
        ],
    ),
    (
        "Permitted routes of medication",
        [
            "After completing the required training, and only while supervised, a medical assistant "
            "may administer medication by the oral, "
            "sublingual, topical, vaginal or rectal route, or by intramuscular, subcutaneous or "
            "intradermal injection.",
            "A medical assistant may also administer medication by inhalation after completing the "
            "required training. Intravenous administration is not among the permitted routes.",
            "Before a medical assistant administers any medication, the supervising physician or "
            "podiatrist, or another appropriate licensed person, must verify the correct medication "
            "and dosage.",
        ],
    ),
    (
        "Tasks a medical assistant may not perform",
        [
            "Medical assistants may not start or administer intravenous medications. "
            "Medical assistants may not administer anesthesia.",
            "A medical assistant may take X-rays only if he or she holds a separate limited permit "
            "issued by the California Department of Public Health, Radiologic Health Branch.",
        ],
    ),
    (
        "Legal references",
        [
            [
                "Business and Professions Code sections 2069, 2070 and 2071",
                "Title 16, California Code of Regulations, sections 1366, 1366.1 and 1366.3",
                "Health and Safety Code section 114870",
            ],
        ],
    ),
]

CA_FOOTER = (
    "Medical Board of California - 2005 Evergreen Street, Suite 1200, Sacramento, CA 95815 - "
    "(916) 263-2382 - www.mbc.ca.gov"
)


class LeafletPDF(FPDF):
    def __init__(self, agency: str, footer_text: str):
        super().__init__(orientation="P", unit="mm", format="Letter")
        self.agency = agency
        self.footer_text = footer_text

    def header(self) -> None:
        self.set_font("Helvetica", "B", 10)
        self.set_text_color(0, 45, 98)
        self.cell(0, 6, self.agency, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(0, 45, 98)
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
    """Start a new page if `text` would not fit on the current one.

    Keeps every paragraph on one page, so text extraction never finds the
    running footer in the middle of a sentence.
    """
    height = pdf.multi_cell(pdf.epw - indent, 5.5, text, dry_run=True, output="HEIGHT")
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()


def build_ca_leaflet() -> bytes:
    pdf = LeafletPDF("Medical Board of California", CA_FOOTER)
    pdf.set_creation_date(CREATION_DATE)
    pdf.set_title(CA_TITLE)
    pdf.set_author("Medical Board of California")
    pdf.set_subject("Scope of practice and training requirements for medical assistants")
    pdf.set_keywords("medical assistant, training, injections, venipuncture, supervision")
    pdf.set_creator("Medical Board of California")
    pdf.set_producer("fpdf2")
    pdf.alias_nb_pages()
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(auto=True, margin=22)
    pdf.add_page()

    pdf.set_font("Helvetica", "B", 18)
    pdf.multi_cell(0, 9, CA_TITLE, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", "I", 10)
    pdf.multi_cell(
        0,
        5,
        "Information for physicians, podiatrists and the medical assistants they employ. Revised March 2026.",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.ln(3)

    for heading, paragraphs in CA_SECTIONS:
        if pdf.get_y() + 30 > pdf.page_break_trigger:
            pdf.add_page()
        pdf.set_font("Helvetica", "B", 13)
        pdf.set_text_color(0, 45, 98)
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

    data = build_ca_leaflet()
    status = 0
    for snap in SNAPSHOTS:
        target = SNAPSHOTS_DIR / snap / CA_PDF_RELPATH
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
