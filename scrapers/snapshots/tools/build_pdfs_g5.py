#!/usr/bin/env python3
"""Build the PDF documents bundled in the agency-site snapshots for group g5.

Two documents are generated:

- the State Medical Board of Ohio guidance "Delegation of Drug Administration
  to Unlicensed Persons", served at
  https://med.ohio.gov/Portals/0/Resources/Delegation-Drug-Administration-Unlicensed-Persons.pdf
  (linked from https://med.ohio.gov/laws-rules/delegation and followed by the OH spider);
- the South Carolina Board of Medical Examiners advisory opinion "Delegation of
  Tasks to Certified Medical Assistants", served at
  https://llr.sc.gov/med/pdf/Advisory-Opinion-Certified-Medical-Assistants.pdf
  (a declared SC source).

The text below is written for this project from the reference facts
(/work/shared/reference/medical-assistant-rules.json, entries OH and SC); it is
not copied from any real publication. Only latin-1 characters are used.

The output is deterministic: the creation date and producer are fixed and the
document id is derived from the content, so running the script twice gives
identical bytes. Each document is written to every snapshot listed in
SNAPSHOTS (neither changed between them).

Usage:
    .venv/bin/python scrapers/snapshots/tools/build_pdfs_g5.py          # (re)write the PDFs
    .venv/bin/python scrapers/snapshots/tools/build_pdfs_g5.py --check  # exit 1 if a bundled PDF differs
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
class Leaflet:
    relpath: Path
    agency: str
    title: str
    subtitle: str
    subject: str
    keywords: str
    footer: str
    created: datetime
    # Each section: (heading, [paragraphs]); a paragraph that is a list is rendered as bullets.
    sections: list


OH = Leaflet(
    relpath=Path("pages/med.ohio.gov/delegation-drug-administration.pdf"),
    agency="State Medical Board of Ohio",
    title="Delegation of Drug Administration to Unlicensed Persons",
    subtitle="Guidance for physicians who work with medical assistants and other unlicensed staff. Revised January 2026.",
    subject="Delegation of drug administration by physicians to medical assistants and other unlicensed persons",
    keywords="medical assistant, delegation, drug administration, on-site supervision, Ohio",
    footer="State Medical Board of Ohio - 30 E. Broad Street, 3rd Floor, Columbus, Ohio 43215 - (614) 466-3934 - med.ohio.gov",
    created=datetime(2026, 1, 27, 9, 0, 0, tzinfo=UTC),
    sections=[
        (
            "Purpose",
            [
                "This guidance explains how a physician may delegate the administration of drugs to a "
                "medical assistant or another unlicensed person under R.C. 4731.053 and Chapter 4731-23 "
                "of the Administrative Code.",
                "Ohio does not license, certify or register medical assistants. The law sets no fixed "
                "number of training hours for them. The delegating physician decides, case by case, "
                "whether the person is competent to perform the task.",
            ],
        ),
        (
            "Before delegating",
            [
                "Before delegating the administration of a drug, the physician must confirm that:",
                [
                    "the task is within the physician's own practice and is appropriate for the patient;",
                    "the unlicensed person has been trained in the task and has shown that he or she can do it safely;",
                    "the drug, the dose and the route have been verified; and",
                    "the delegation is recorded in the patient's medical record.",
                ],
            ],
        ),
        (
            "On-site supervision",
            [
                "The delegating physician must be physically present at the location where the drug is "
                "administered, for example in the same office suite, for as long as the task takes. The "
                "physician does not need to be in the same room.",
                "On-site supervision is not needed for topical drugs, or when the care of a patient is "
                "handed from one physician to another physician who accepts the supervision.",
            ],
        ),
        (
            "Injections",
            [
                "A medical assistant may give an injection of a drug that is not a controlled substance "
                "only after the physician has confirmed the assistant's competence, and only while the "
                "physician provides on-site supervision.",
            ],
        ),
        (
            "What may not be delegated",
            [
                "A physician may not delegate to an unlicensed person:",
                [
                    "the administration of anesthesia;",
                    "the administration of controlled substances; or",
                    "the administration of drugs by the intravenous route.",
                ],
                "The narrow exceptions listed in R.C. 4731.053 still apply.",
            ],
        ),
        (
            "Physician assistants",
            [
                "R.C. 4730.203 governs delegation by a physician assistant. A physician assistant may not "
                "delegate a controlled substance or a drug given intravenously. For other drugs, the "
                "physician assistant must be physically present at the location where the drug is given.",
            ],
        ),
        (
            "X-ray equipment",
            [
                "Taking x-rays is regulated by the Ohio Department of Health under R.C. 4773.02 and "
                "Ohio Adm. Code Chapter 3701-72. A medical assistant may operate diagnostic x-ray "
                "equipment only if he or she holds a general x-ray machine operator license from the "
                "Department.",
            ],
        ),
    ],
)

SC = Leaflet(
    relpath=Path("pages/llr.sc.gov/advisory-opinion-cma.pdf"),
    agency="South Carolina Board of Medical Examiners",
    title="Advisory Opinion: Delegation of Tasks to Certified Medical Assistants",
    subtitle="Adopted by the Board of Medical Examiners. Reviewed September 2024.",
    subject="Tasks that may be delegated to certified medical assistants in South Carolina",
    keywords="certified medical assistant, CMA, delegation, South Carolina",
    footer="South Carolina Board of Medical Examiners - 110 Centerview Drive, Columbia, SC 29210 - (803) 896-4500 - llr.sc.gov/med",
    created=datetime(2024, 9, 12, 9, 0, 0, tzinfo=UTC),
    sections=[
        (
            "Background",
            [
                "Act 171 of 2022 (S. 613) created the statutory role of the certified medical assistant "
                "(CMA) and added Section 40-47-196 to the Medical Practice Act. Act 209 of 2024 "
                "(H. 5183) amended the law. The Board issues this opinion to answer questions from "
                "physicians, physician assistants and advanced practice registered nurses.",
            ],
        ),
        (
            "Who is a certified medical assistant",
            [
                "South Carolina does not license or register medical assistants. A CMA is a person who "
                "graduated from an accredited postsecondary medical assisting program and who holds a "
                "current certification from the American Association of Medical Assistants, the National "
                "Center for Competency Testing, American Medical Technologists, the National "
                "Certification Medical Association or another certifying body approved by the Board.",
                "The accredited program must include anatomy and physiology, medical terminology, "
                "pharmacology, medical laboratory techniques and clinical experience.",
            ],
        ),
        (
            "Medications and injections",
            [
                "A physician may delegate the administration of medications, including injections, only "
                "to a certified medical assistant (CMA).",
                "Unlicensed assistive personnel who are not CMAs may not administer medications, including injections.",
            ],
        ),
        (
            "Limits on delegation by physician assistants and APRNs",
            [
                "A physician assistant or advanced practice registered nurse may not delegate any of the "
                "following to a CMA:",
                [
                    "administering controlled medications, contrast agents or chemotherapy agents;",
                    "administering neurotoxins, neuromodulators or dermal fillers;",
                    "using lasers or other instruments that destroy tissue;",
                    "suturing;",
                    "taking radiographs, unless the CMA is also a certified limited practice radiographer;",
                    "interpreting test results or making a diagnosis;",
                    "triage; or",
                    "making clinical decisions during a telemedicine visit.",
                ],
            ],
        ),
        (
            "How delegation must be made",
            [
                "The physician, physician assistant or advanced practice registered nurse must delegate "
                "the task to the CMA personally. A task may not reach a CMA through another licensed "
                "person.",
                "Individuals who were already working in the role had until July 15, 2026 to earn their certification.",
            ],
        ),
    ],
)

LEAFLETS = [OH, SC]


class LeafletPDF(FPDF):
    def __init__(self, agency: str, footer_text: str):
        super().__init__(orientation="P", unit="mm", format="Letter")
        self.agency = agency
        self.footer_text = footer_text

    def header(self) -> None:
        self.set_font("Helvetica", "B", 10)
        self.set_text_color(40, 40, 90)
        self.cell(0, 6, self.agency, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(40, 40, 90)
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


def build(leaflet: Leaflet) -> bytes:
    pdf = LeafletPDF(leaflet.agency, leaflet.footer)
    pdf.set_creation_date(leaflet.created)
    pdf.set_title(leaflet.title)
    pdf.set_author(leaflet.agency)
    pdf.set_subject(leaflet.subject)
    pdf.set_keywords(leaflet.keywords)
    pdf.set_creator(leaflet.agency)
    pdf.set_producer("fpdf2")
    pdf.alias_nb_pages()
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(auto=True, margin=22)
    pdf.add_page()

    pdf.set_font("Helvetica", "B", 17)
    pdf.multi_cell(0, 8.5, leaflet.title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", "I", 10)
    pdf.multi_cell(0, 5, leaflet.subtitle, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)

    for heading, paragraphs in leaflet.sections:
        if pdf.get_y() + 30 > pdf.page_break_trigger:
            pdf.add_page()
        pdf.set_font("Helvetica", "B", 13)
        pdf.set_text_color(40, 40, 90)
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
    for leaflet in LEAFLETS:
        data = build(leaflet)
        for snap in SNAPSHOTS:
            target = SNAPSHOTS_DIR / snap / leaflet.relpath
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
