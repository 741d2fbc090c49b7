"""Tennessee: no MA credential; a 2024 law sets certification terms for hospital-owned clinics.

Sources (checked 2026-11): the Board of Medical Examiners' FAQ page (tn.gov),
Public Chapter 1042 of 2024 as published by the Secretary of State (PDF; the
act that became T.C.A. § 68-11-244) and the General Assembly's bill page for
HB2044/SB2548 (2026).

Tennessee does not license, certify or register medical assistants; physicians
delegate under the practice-of-medicine statute (T.C.A. § 63-6-204), and the
nursing act exempts office staff who assist under adequate supervision
(T.C.A. § 63-7-102(2)). In ambulatory outpatient clinics owned by a hospital,
only a "certified medical assistant" (national certification, clinic-verified
competency) may administer medications, so the credential requirement reads
as `training`. HB2044/SB2548 (2026) would name the recognized certifying bodies
and let PAs delegate to certified medical assistants; it is pending, so it is
recorded as a pending citation only.

Quirk: Tennessee writes code sections as "T.C.A. § 68-11-244" or
"Tenn. Code Ann. § 63-7-102(2)"; both read as "T.C.A. § <section>" (subsections
dropped). Public chapters are not codified text, so the PDF carries no section
number of its own.
"""

from tracker.normalize.citations import citation, code
from tracker.registry import Jurisdiction, Regulator, Source

_TCA = r"(?:T\.\s?C\.\s?A\.|Tenn\.\s?Code\s?Ann\.|Tennessee Code Annotated,?)"

JURISDICTION = Jurisdiction(
    code="TN",
    name="Tennessee",
    regulators=(
        Regulator(
            "Tennessee Board of Medical Examiners",
            "https://www.tn.gov/health/health-program-areas/health-professional-boards/me-board.html",
            "scope-of-practice",
        ),
        Regulator("Tennessee Department of Health", "https://www.tn.gov/health", "other"),
    ),
    sources=(
        Source(
            "tn-bme-faqs",
            "https://www.tn.gov/health/health-program-areas/health-professional-boards/me-board/me-board/faqs.html",
            "faq",
            title="Board of Medical Examiners FAQs (medical assistants)",
        ),
        Source(
            "tn-pc-1042-2024",
            "https://publications.tnsosfiles.com/acts/113/pub/pc1042.pdf",
            "statute",
            title="Public Chapter 1042 (2024): certified medical assistants (T.C.A. 68-11-244)",
        ),
        Source(
            "tn-hb2044-2026",
            "https://wapp.capitol.tn.gov/apps/BillInfo/Default.aspx?BillNumber=HB2044&GA=114",
            "bill",
            title="HB2044 / SB2548 (2026) certified medical assistants",
        ),
    ),
    allowed_domains=("tn.gov", "tnsosfiles.com"),
    rules=(
        code("statute", "T.C.A. § {0}", r"\d{1,2}-\d{1,3}-\d{3,4}", _TCA + r"|\bTennessee Code(?: Annotated)?"),
        citation("statute", _TCA + r"\s*(?:§§?\s*|Sections?\s+)?(\d{1,2}-\d{1,3}-\d{3,4})", "T.C.A. § {0}"),
        citation("statute", r"§§?\s*(\d{1,2}-\d{1,3}-\d{3,4})", "T.C.A. § {0}"),
        citation("statute", r"\bTenn\.\s?Code\s*§\s*(\d{1,2}-\d{1,3}-\d{3,4})", "T.C.A. § {0}"),
        code("regulation", "Tenn. Comp. R. & Regs. {0}", r"\d{4}-\d{2}-\.\d{2}", loose=True),
        citation("opinion", r"\bOAG (\d{2}-\d{2,3})\b", "Tenn. Att'y Gen. Op. {0}"),
    ),
)
