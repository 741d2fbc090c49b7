"""Florida: no MA credential; the Medical Practice Act lists MA duties under direct supervision.

Sources (checked 2026-11): section 458.3485, Florida Statutes (the medical
assistant section, amended in 2017 by SB 496), section 468.304 (the
radiologic technology certification rule in part IV of chapter 468, which
covers the Basic X-Ray Machine Operator certificate) and the Board of
Medicine's help-center FAQ on medical assistants.

Quirks: the statute allows "nonintravenous" injections only, so IV is
recorded as prohibited; an optional "certified medical assistant" title
exists (NCCA-accredited certifier, medical association or Board-approved
entity) but it is not a state credential. Florida statutes are cited as
"s. 458.3485, F.S." or "section 458.3485, Florida Statutes"; both read as
"F.S. 458.3485". A bill cited with its session year ("CS/SB 496 (2017)")
also reads as "2017 SB 496", because Florida reuses bill numbers each session.
"""

from tracker.normalize.citation_names import names
from tracker.normalize.citations import citation, code
from tracker.registry import Jurisdiction, Regulator, Source

JURISDICTION = Jurisdiction(
    code="FL",
    name="Florida",
    regulators=(
        Regulator("Florida Board of Medicine", "https://flboardofmedicine.gov", "scope-of-practice"),
        Regulator(
            "Florida Department of Health, Bureau of Radiation Control",
            "https://www.floridahealth.gov",
            "radiology",
        ),
    ),
    sources=(
        Source(
            "fl-fs-458-3485",
            "https://www.flsenate.gov/Laws/Statutes/2025/458.3485",
            "statute",
            title="Section 458.3485, F.S. Medical assistant",
        ),
        Source(
            "fl-fs-468-304",
            "https://www.flsenate.gov/Laws/Statutes/2025/468.304",
            "statute",
            title="Section 468.304, F.S. Certification (radiologic personnel)",
        ),
        Source(
            "fl-bom-ma-faq",
            "https://flboardofmedicine.gov/help-center/medical-assistants/",
            "faq",
            title="Board of Medicine FAQ: medical assistants",
        ),
    ),
    allowed_domains=("flsenate.gov", "flboardofmedicine.gov"),
    rules=(
        *names("FL"),
        code("statute", "F.S. {0}", r"\d{3}\.\d{3,4}", r"\bF\.S\.\s*§?", r"F\.S\.", bare=True, heading=True),
        citation("bill", r"\b(20\d\d) (?:CS/)*SB (\d+)\b", "{0} SB {1}"),
        citation("statute", r"\b(?:[Ss]ections?|[Ss]s?\.|§)\s*(\d{3}\.\d{3,4})(?!\d)", "F.S. {0}"),
        citation("statute", r"\bF\.S\.\s*§?\s*(\d{3}\.\d{3,4})(?!\d)", "F.S. {0}"),
        citation("statute", r"\b[Pp]art IV of chapter 468\b|\bchapter 468,? [Pp]art IV\b", "F.S. ch. 468 Part IV"),
        # Florida reuses bill numbers every session; keep the year when the page gives it
        citation("bill", r"\b(?:CS/)*([SH]B) (\d+) \((20\d\d)\)", "{2} {0} {1}"),
    ),
)
