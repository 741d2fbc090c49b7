"""District of Columbia: medical assistants are not a regulated health occupation.

Sources (checked 2026-11): DC Health's Board of Medicine page and two
sections of the D.C. Official Code on the Council's code site: § 3-1201.02
(definitions of the health occupations the Health Occupations Revision Act
covers) and § 3-1202.03 (the Board of Medicine and what it regulates).
Medical assisting is not among the regulated occupations and the District
issues no MA credential. No delegation rule for medical assistants was found,
so tasks and supervision stay unknown on purpose.

Quirk: DC cites "D.C. Code § 3-1202.03" and the code site writes section
numbers with an en dash ("§ 3–1202.03"); both read as "D.C. Code 3-1202.03".
"""

from tracker.normalize.citation_names import names
from tracker.normalize.citations import citation, code
from tracker.registry import Jurisdiction, Regulator, Source

JURISDICTION = Jurisdiction(
    code="DC",
    name="District of Columbia",
    regulators=(Regulator("DC Board of Medicine (DC Health)", "https://dchealth.dc.gov/bomed", "scope-of-practice"),),
    sources=(
        Source(
            "dc-bomed",
            "https://dchealth.dc.gov/bomed",
            "guidance",
            title="DC Board of Medicine",
        ),
        Source(
            "dc-code-3-1201-02",
            "https://code.dccouncil.gov/us/dc/council/code/sections/3-1201.02",
            "statute",
            title="D.C. Code § 3-1201.02 Definitions of health occupations",
        ),
        Source(
            "dc-code-3-1202-03",
            "https://code.dccouncil.gov/us/dc/council/code/sections/3-1202.03",
            "statute",
            title="D.C. Code § 3-1202.03 Board of Medicine",
        ),
    ),
    allowed_domains=("dc.gov", "dccouncil.gov"),
    rules=(
        *names("DC"),
        code("statute", "D.C. Code {0}", r"\d{1,2}-\d{3,4}\.\d{2}[a-z]?", r"\bD\.C\. (?:Official )?Code,?"),
        code("regulation", "{1} DCMR § {0}", r"\d{3,4}(?:\.\d+)?", r"\b(\d{1,2})\s*DCMR"),
        citation("statute", r"(?:\bD\.C\. (?:Official )?Code,?\s*)?§§?\s*(3-12\d\d\.\d\d[a-z]?)\b", "D.C. Code {0}"),
    ),
)
