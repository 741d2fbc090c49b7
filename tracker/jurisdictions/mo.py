"""Missouri: no statute, rule or board statement on medical assistants was found.

Sources (checked 2026-11): the State Board of Registration for the Healing
Arts' page (the professions it licenses; medical assistants are not among
them and are not mentioned) and RSMo 334.735 on the Revisor's site, the
physician assistant definitions section that searches for medical-assistant
law return.

Quirks: both pages are silent on medical assistants, so every field stays
unknown; the sources are watched so that a future statement is caught.
No citation rule is declared on purpose: the only section on these pages is
physician-assistant law, and citing it would suggest it governs medical
assistants.
"""

from tracker.normalize.citation_names import names
from tracker.normalize.citations import citation, code
from tracker.registry import Jurisdiction, Regulator, Source

JURISDICTION = Jurisdiction(
    code="MO",
    name="Missouri",
    regulators=(
        Regulator(
            "Missouri State Board of Registration for the Healing Arts",
            "http://pr.mo.gov/healingarts.asp",
            "scope-of-practice",
        ),
    ),
    sources=(
        Source(
            "mo-healing-arts",
            "http://pr.mo.gov/healingarts.asp",
            "guidance",
            title="State Board of Registration for the Healing Arts",
        ),
        Source(
            "mo-rsmo-334-735",
            "https://revisor.mo.gov/main/OneSection.aspx?section=334.735",
            "statute",
            title="RSMo 334.735 Physician assistants: definitions",
        ),
    ),
    allowed_domains=("pr.mo.gov", "revisor.mo.gov"),
    rules=(
        *names("MO"),
        code("statute", "RSMo {0}", r"\d{3}\.\d{3}", r"\bRSMo\.?|\bR\.S\.Mo\.", r"RSMo", heading=True),
        citation("regulation", r"\b(\d{1,2}) CSR (\d{3,4}-\d+\.\d+)\b", "{0} CSR {1}"),
    ),
)
