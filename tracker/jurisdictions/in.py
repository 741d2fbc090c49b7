"""Indiana: no MA credential; only the exclusions in the medical and PA practice acts apply.

Sources (checked 2026-11): the Medical Licensing Board of Indiana FAQ on the
Indiana Professional Licensing Agency site, and Indiana Code title 25 on the
General Assembly's site (IC 25-22.5-1-2, exclusions from the unauthorized
practice of medicine, and IC 25-27.5-1-1, which keeps a physician's office
staff doing delegated tasks outside the physician assistant article).

Quirk: nothing official lists MA tasks or a supervision level, so those stay
unaddressed. Indiana "qualified medication aides" (IC 16-28-1-11.5) are a
separate facility credential and are not medical assistants.
"""

from tracker.normalize.citation_names import names
from tracker.normalize.citations import citation, code
from tracker.registry import Jurisdiction, Regulator, Source

JURISDICTION = Jurisdiction(
    code="IN",
    name="Indiana",
    regulators=(
        Regulator(
            "Medical Licensing Board of Indiana (Indiana Professional Licensing Agency)",
            "https://www.in.gov/pla/professions/medical-licensing-board-home/",
            "scope-of-practice",
        ),
    ),
    sources=(
        Source(
            "in-mlb-faq",
            "https://www.in.gov/pla/professions/medical-licensing-board-home/medical-licensing-board-faqs/",
            "faq",
            title="Medical Licensing Board of Indiana FAQs",
        ),
        Source(
            "in-ic-title-25",
            "https://iga.in.gov/laws/2025/ic/titles/25",
            "statute",
            title="Indiana Code title 25 (IC 25-22.5-1-2; IC 25-27.5-1-1)",
        ),
    ),
    allowed_domains=("in.gov",),
    rules=(
        *names("IN"),
        code(
            "statute",
            "IC {0}",
            r"\d+-\d+(?:\.\d+)?-\d+(?:\.\d+)?(?:-\d+(?:\.\d+)?)?",
            r"\b(?:IC|Ind\. Code)\s*(?:§\s*)?",
            subsections=True,
            heading=True,
        ),
        code("regulation", "844 IAC {0}", r"\d+(?:\.\d+)?-\d+(?:\.\d+)?-\d+(?:\.\d+)?", r"\b844 IAC"),
        citation(
            "statute", r"\b(?:IC|Ind\. Code)\s*(?:§\s*)?(\d+-\d+(?:\.\d+)?-\d+-\d+(?:\.\d+)?)\((\d+)\)", "IC {0}({1})"
        ),
        citation(
            "statute",
            r"\b(?:IC|Ind\. Code)\s*(?:§\s*)?(\d+-\d+(?:\.\d+)?-\d+-\d+(?:\.\d+)?)(?![\d(-])(?!\.\d)",
            "IC {0}",
        ),
    ),
)
