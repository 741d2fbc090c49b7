#!/usr/bin/env python3
"""Build the PDF documents bundled for Alaska and Arizona (helper group g1).

Two documents are generated:

- Alaska State Medical Board, "Statutes and Regulations: Medicine" (an excerpt
  carrying the delegation rule 12 AAC 40.920), served at
  https://www.commerce.alaska.gov/web/portals/5/pub/MedicalStatutes.pdf
- Arizona Administrative Code, Title 4, Chapter 16 (Arizona Medical Board),
  excerpt with R4-16-101, R4-16-401 and R4-16-402, served at
  https://apps.azsos.gov/public_services/Title_04/4-16.pdf

The text is written for this project from the reference facts
(/work/shared/reference/medical-assistant-rules.json, entries AK and AZ); it is
not copied from any real publication. Latin-1 characters only.

Sections run on as paragraphs ("R4-16-401. Medical Assistant Training
Requirements. A. Before ..."), so that no subsection label starts a line: the
text reader treats a line starting with "(a)" or "A." as a list item and cuts
a wrapped subsection in two. Alaska's lowercase labels ("(b) A delegating
...") do not end a sentence for the shared splitter, so each Alaska subsection
carries a short catchline ("(b) Injections. A delegating provider ..."), which
keeps a permission in (b) and a prohibition in (c) in separate sentences.
`check_text()` verifies the line starts and that the sentences extract intact.

The output is deterministic: fixed creation date and producer, and fpdf2
derives the document id from the content, so running the script twice gives
identical bytes. Neither document changed between the snapshots, so the same
bytes are written to every snapshot in SNAPSHOTS.

Usage:
    .venv/bin/python scrapers/snapshots/tools/build_pdfs_g1.py          # (re)write the PDFs
    .venv/bin/python scrapers/snapshots/tools/build_pdfs_g1.py --check  # exit 1 if a bundled PDF differs
"""

from __future__ import annotations

import argparse
import io
import re
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

SNAPSHOTS_DIR = Path(__file__).resolve().parents[1]
SNAPSHOTS = ["2026-05-01", "2026-11-01"]


@dataclass(frozen=True)
class Doc:
    relpath: Path
    agency: str
    title: str
    subtitle: str
    subject: str
    keywords: str
    created: datetime
    footer: str
    # (heading or None, [paragraphs]); a paragraph starting with "**...**" has a bold run-in heading
    sections: list[tuple[str | None, list[str]]]


AK = Doc(
    relpath=Path("pages/www.commerce.alaska.gov/MedicalStatutes.pdf"),
    agency="Alaska Department of Commerce, Community, and Economic Development",
    title="Statutes and Regulations: Medicine",
    subtitle=(
        "Division of Corporations, Business and Professional Licensing - State Medical Board. "
        "Excerpt edition, revised January 2026."
    ),
    subject="Delegation of routine medical duties to unlicensed assistive personnel",
    keywords="12 AAC 40.920, delegation, medical assistant, injections",
    created=datetime(2026, 1, 15, 10, 0, 0, tzinfo=UTC),
    footer=(
        "Division of Corporations, Business and Professional Licensing - P.O. Box 110806, Juneau, AK 99811-0806 - "
        "(907) 465-2550"
    ),
    sections=[
        (
            "About this booklet",
            [
                "The division publishes this booklet for the convenience of licensees of the State Medical "
                "Board. It reproduces the statutes in AS 08.64 and the board's regulations in Title 12, "
                "Chapter 40 of the Alaska Administrative Code. The official text is found in the Alaska "
                "Statutes and the Alaska Administrative Code, and the official text controls wherever this "
                "booklet differs from it.",
                "This excerpt edition carries the board's standards for delegating routine medical duties "
                "to unlicensed assistive personnel, such as medical assistants, and lists related provisions "
                "at the end. The board does not issue a license, certificate or registration to an "
                "unlicensed assistive person.",
            ],
        ),
        (
            "Title 12, Chapter 40, Article 6. Miscellaneous Provisions",
            [
                "**12 AAC 40.920. Standards for delegation of routine medical duties.** (a) Authority to "
                "delegate. A physician, osteopathic physician, podiatrist or physician assistant licensed "
                "under AS 08.64 (the delegating provider) may delegate a routine medical duty to an "
                "unlicensed assistive person, including a medical assistant, only if (1) the delegating "
                "provider has assessed the patient and has determined that the patient's condition is stable "
                "and that the outcome of the duty is predictable; (2) the unlicensed assistive person has "
                "been trained to perform the duty, and that training is documented; (3) the delegating "
                "provider has determined that the unlicensed assistive person is competent to perform the "
                "duty; and (4) written instructions for performing the duty are kept on file at the practice. "
                "(b) Injections. A delegating provider may delegate the administration of an intramuscular, "
                "subcutaneous or intradermal injection only if all of the requirements of (a) of this section "
                "are met for that patient and that unlicensed assistive person. (c) Limits. A delegating "
                "provider may not delegate a duty that calls for the exercise of independent medical "
                "judgment, and may not delegate a duty to a person who has not been trained and found "
                "competent to perform it. (d) Records. The delegating provider remains responsible for each "
                "delegated duty and shall keep a record of the training and competency determination for "
                "each unlicensed assistive person to whom a duty is delegated. (e) Definition. In this "
                'section, "routine medical duty" means a task that is commonly performed in the delegating '
                "provider's practice, that does not call for independent medical judgment, and that a "
                "trained person can perform safely by following written instructions.",
                "History: Eff. 12/25/2019. Authority: AS 08.64.100; AS 08.64.101.",
            ],
        ),
        (
            "Related provisions",
            [
                "Board regulations: 12 AAC 40.480(b).",
                "Board of Nursing regulations on delegation by nurses: 12 AAC 44.966, on delegating the "
                "administration of injectable medication to unlicensed assistive personnel; and "
                "12 AAC 44.970(a)(13), the earlier nursing provision on injectable medication.",
            ],
        ),
    ],
)

AZ = Doc(
    relpath=Path("pages/apps.azsos.gov/4-16.pdf"),
    agency="Arizona Administrative Code - Arizona Secretary of State, Administrative Rules Division",
    title="Title 4. Professions and Occupations - Chapter 16. Arizona Medical Board",
    subtitle=(
        "Excerpt: Article 1, R4-16-101, and Article 4, Medical Assistants. "
        "Current through the Administrative Register of March 2026."
    ),
    subject="Arizona Medical Board rules on medical assistants",
    keywords="R4-16-401, R4-16-402, medical assistant, training, direct supervision",
    created=datetime(2026, 3, 31, 12, 0, 0, tzinfo=UTC),
    footer="Arizona Administrative Code - Title 4, Ch. 16 - Supp. 26-1 - apps.azsos.gov",
    sections=[
        (
            None,
            [
                "Authority: A.R.S. § 32-1401 et seq. The Sections of Article 4 were adopted effective "
                "February 2, 2000, and amended by final rulemaking effective March 9, 2019. The rules "
                "are published here for information; the Arizona Administrative Register is the official "
                "record of rulemaking.",
            ],
        ),
        (
            "Article 1. General Provisions",
            [
                "**R4-16-101. Definitions.** In addition to the definitions in A.R.S. § 32-1401, in this "
                'Chapter: "Approved training program" means a medical assistant training program that is '
                "accredited by the Commission on Accreditation of Allied Health Education Programs "
                "(CAAHEP), by the Accrediting Bureau of Health Education Schools (ABHES) or by another "
                "accrediting agency recognized by the United States Department of Education, or a training "
                "program designed and offered by a licensed physician that meets the standards of a program "
                'accredited by one of those agencies. "Direct supervision" means that a physician or '
                "physician assistant is within the same room or office suite as the medical assistant and "
                "is available for consultation about the procedures the medical assistant performs. "
                '"Unapproved training program" means a medical assistant training program that is not an '
                "approved training program.",
            ],
        ),
        (
            "Article 4. Medical Assistants",
            [
                "**R4-16-401. Medical Assistant Training Requirements.** A. Before a medical assistant is "
                "employed, the supervising physician or physician assistant shall ensure that the medical "
                "assistant has completed either an approved training program, or an unapproved training "
                "program followed by a passing score on the medical assistant examination of the American "
                "Association of Medical Assistants (AAMA), of American Medical Technologists (AMT) or of "
                "another certifying organization whose certification program is accredited by the National "
                "Commission for Certifying Agencies. B. A graduate of an unapproved training program may not "
                "administer injections or perform any other procedure under R4-16-402 unless the graduate "
                "has passed the examination of the AAMA or of American Medical Technologists or another "
                "examination accepted under subsection (A). C. The supervising physician or physician "
                "assistant shall verify and document the medical assistant's training and competency before "
                "delegating a procedure to the medical assistant.",
                "Historical Note: Adopted effective February 2, 2000. Amended by final rulemaking effective "
                "March 9, 2019.",
                "**R4-16-402. Medical Assistants; Authorized Procedures.** A. A medical assistant may "
                "administer intramuscular, subcutaneous and intradermal injections and take body fluid "
                "specimens only under the direct supervision of a physician or physician assistant and only "
                "after meeting the training requirement in R4-16-401. B. Under the direct supervision of a "
                "physician or physician assistant, a medical assistant who meets the training requirement in "
                "R4-16-401 may also perform the following procedures: massage therapy; ultrasound therapy; "
                "transcutaneous electrical nerve stimulation; hot and cold pack treatments; traction; "
                "whirlpool treatments; diathermy; electronic galvanic stimulation; and small-volume "
                "nebulizer treatments. C. A medical assistant shall perform a procedure only if the "
                "supervising physician or physician assistant has confirmed that the medical assistant is "
                "competent to perform it.",
                "Historical Note: Adopted effective February 2, 2000. Amended by final rulemaking effective "
                "March 9, 2019.",
            ],
        ),
    ],
)

DOCS = [AK, AZ]


class CodePDF(FPDF):
    def __init__(self, doc: Doc):
        super().__init__(orientation="P", unit="mm", format="Letter")
        self.doc = doc

    def header(self) -> None:
        self.set_font("Helvetica", "B", 9)
        self.set_text_color(40, 40, 40)
        self.cell(0, 5, self.doc.agency, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(120, 120, 120)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(4)
        self.set_text_color(0, 0, 0)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", "", 8)
        self.set_text_color(90, 90, 90)
        self.multi_cell(0, 4, f"{self.doc.footer}\nPage {self.page_no()} of {{nb}}", align="C")
        self.set_text_color(0, 0, 0)


def _keep_together(pdf: FPDF, text: str) -> None:
    """Start a new page if a paragraph would not fit, so no footer lands mid-sentence."""
    height = pdf.multi_cell(pdf.epw, 5.2, text, dry_run=True, output="HEIGHT", markdown=True)
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()


def build(doc: Doc) -> bytes:
    pdf = CodePDF(doc)
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

    pdf.set_font("Helvetica", "B", 15)
    pdf.multi_cell(0, 7.5, doc.title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", "I", 9.5)
    pdf.multi_cell(0, 5, doc.subtitle, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)

    for heading, paragraphs in doc.sections:
        if heading:
            if pdf.get_y() + 30 > pdf.page_break_trigger:
                pdf.add_page()
            pdf.set_font("Helvetica", "B", 12)
            pdf.multi_cell(0, 6.5, heading, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font("Helvetica", "", 10.5)
        for para in paragraphs:
            _keep_together(pdf, para)
            pdf.multi_cell(0, 5.2, para, new_x=XPos.LMARGIN, new_y=YPos.NEXT, markdown=True)
            pdf.ln(2)
        pdf.ln(1)
    return bytes(pdf.output())


_LABEL_AT_LINE_START = re.compile(r"^\s*(?:[-*]|\(?[0-9a-z]{1,3}[.)])\s+", re.I)


def check_text(doc: Doc, data: bytes) -> list[str]:
    """Problems with the extracted text: a subsection label at a line start, or missing sentences."""
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    problems = [
        f"line starts with a list label: {line!r}" for line in text.splitlines() if _LABEL_AT_LINE_START.match(line)
    ]
    flat = re.sub(r"\s+", " ", text)
    for _heading, paragraphs in doc.sections:
        for para in paragraphs:
            plain = para.replace("**", "")
            probe = plain[-60:]
            if probe not in flat:
                problems.append(f"sentence not extracted intact: ...{probe!r}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args(argv)

    status = 0
    for doc in DOCS:
        data = build(doc)
        for problem in check_text(doc, data):
            print(f"{doc.relpath}: {problem}")
            status = 1
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
