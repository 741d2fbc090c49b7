"""Hawaii: no MA statute, rule or board statement found; almost everything is unknown.

Sources (checked 2026-11): the Hawaii Medical Board page of the DCCA
Professional and Vocational Licensing Division (it points to HRS chapter 453
and HAR chapter 16-85, neither of which mentions medical assistants), the
chapter 453 table of sections, and HRS 325-33, which lets physicians and
"paramedical personnel" under their direction give the vaccinations that
chapter 325 requires -- the only official text near the subject.

Quirk: the record must stay unknown on credentials, injections, IV, X-rays
and supervision; the only task fact is the HRS 325-33 vaccination rule.
"""

from tracker.normalize.citation_names import names
from tracker.normalize.citations import citation, code
from tracker.registry import Jurisdiction, Regulator, Source

JURISDICTION = Jurisdiction(
    code="HI",
    name="Hawaii",
    regulators=(Regulator("Hawaii Medical Board", "https://cca.hawaii.gov/pvl/boards/medical/", "scope-of-practice"),),
    sources=(
        Source(
            "hi-hmb-board",
            "https://cca.hawaii.gov/pvl/boards/medical/",
            "guidance",
            title="Hawaii Medical Board (DCCA PVL)",
        ),
        Source(
            "hi-hrs-325-33",
            "https://www.capitol.hawaii.gov/hrscurrent/Vol06_Ch0321-0344/HRS0325/HRS_0325-0033.htm",
            "statute",
            title="HRS 325-33 Vaccinations, by whom given",
        ),
        Source(
            "hi-hrs-ch-453",
            "https://www.capitol.hawaii.gov/hrscurrent/Vol10_Ch0436-0474/HRS0453/HRS_0453-.htm",
            "statute",
            title="HRS chapter 453 Medicine and Surgery (table of sections)",
        ),
    ),
    allowed_domains=("cca.hawaii.gov", "capitol.hawaii.gov"),
    rules=(
        *names("HI"),
        code(
            "statute",
            "HRS § {0}",
            r"\d{3}[A-Z]?-\d+(?:\.\d+)?",
            r"\bHRS|\bHawaii Revised Statutes",
            bare=True,
            heading=True,
        ),
        citation("statute", r"(?:\bHRS|Hawaii Revised Statutes|§)\s*§?\s*(\d{3}[A-Z]?-\d+(?:\.\d+)?)\b", "HRS § {0}"),
        citation(
            "statute", r"\b(?:HRS|Hawaii Revised Statutes),?\s*(?:[Cc]hapter|ch\.)\s*(\d{3}[A-Z]?)\b", "HRS ch. {0}"
        ),
        citation("statute", r"\b[Cc]hapter (\d{3}[A-Z]?),? (?:HRS|Hawaii Revised Statutes)\b", "HRS ch. {0}"),
    ),
)
