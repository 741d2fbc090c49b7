"""Michigan: no MA credential; licensees delegate to qualified unlicensed staff under supervision.

Sources (checked 2026-11): two sections of the Public Health Code on the
Legislature's site, MCL 333.16215 (delegation to licensed or unlicensed
individuals qualified by education, training or experience) and MCL
333.16109 (subsection (2) defines "supervision"), and the Board of
Medicine's page at LARA, whose FAQ answers the delegation questions
(injections, including flu vaccine; physical presence).

Quirks: "supervision" in Michigan means continuous availability for direct
communication (in person or by telecommunication), periodic review and
predetermined procedures, so the level reads as `general`. IV therapy and
X-rays are not addressed. Michigan cites "MCL 333.16215"; the Legislature's
pages head sections "Section 333.16215" (canonical "MCL 333.16215",
subsections dropped).
"""

from tracker.normalize.citation_names import names
from tracker.normalize.citations import code
from tracker.registry import Jurisdiction, Regulator, Source

LARA = "Michigan Department of Licensing and Regulatory Affairs, Board of Medicine"

JURISDICTION = Jurisdiction(
    code="MI",
    name="Michigan",
    regulators=(
        Regulator(
            LARA,
            "https://www.michigan.gov/lara/bureau-list/bpl/health/hp-lic-health-prof/medicine",
            "scope-of-practice",
        ),
        Regulator("Michigan Legislature", "https://legislature.mi.gov", "rulemaking"),
    ),
    sources=(
        Source(
            "mi-mcl-333-16215",
            "https://legislature.mi.gov/Laws/MCL?objectName=MCL-333-16215",
            "statute",
            title="MCL 333.16215 Delegation of acts, tasks or functions",
        ),
        Source(
            "mi-mcl-333-16109",
            "https://legislature.mi.gov/Laws/MCL?objectName=MCL-333-16109",
            "statute",
            title="MCL 333.16109 Definitions (supervision)",
        ),
        Source(
            "mi-lara-board-of-medicine",
            "https://www.michigan.gov/lara/bureau-list/bpl/health/hp-lic-health-prof/medicine",
            "guidance",
            title="Board of Medicine (LARA), delegation FAQ",
        ),
    ),
    allowed_domains=("legislature.mi.gov", "michigan.gov"),
    rules=(
        *names("MI"),
        code(
            "statute",
            "MCL {0}",
            r"\d{3}\.\d{3,5}[a-z]?",
            r"\b(?:MCL|M\.C\.L\.|[Ss]ection)\s*(?:§\s*)?",
            heading=True,
        ),
    ),
)
