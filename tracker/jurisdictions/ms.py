"""Mississippi: no rule written for medical assistants has been found.

Sources (checked 2026-11): the State Board of Medical Licensure's home page,
whose news column carries the Board's 2026 legislative-session summary. The
Board has adopted no regulation on medical assistants, and no official page
says whether the state credentials them, what they may do or how they must
be supervised, so every one of those fields stays unknown/unaddressed.
Quirk: the only current-law statement is about nurse delegation: HB 1057
(2026), which would have let nurses delegate medication administration to
unlicensed assistive personnel in outpatient clinics, died in committee; the
summary notes that nursing law gives no express authority for that today.
"""

from tracker.normalize.citation_names import names
from tracker.normalize.citations import code
from tracker.registry import Jurisdiction, Regulator, Source

JURISDICTION = Jurisdiction(
    code="MS",
    name="Mississippi",
    regulators=(
        Regulator("Mississippi State Board of Medical Licensure", "https://www.msbml.ms.gov", "scope-of-practice"),
    ),
    sources=(
        Source(
            "ms-sbml-home",
            "https://www.msbml.ms.gov/",
            "guidance",
            title="Mississippi State Board of Medical Licensure: home page and news",
        ),
    ),
    allowed_domains=("msbml.ms.gov",),
    rules=(
        *names("MS"),
        code(
            "statute", "Miss. Code Ann. § {0}", r"\d+-\d+-\d+", r"\bMiss\. Code Ann\.", r"(?i:Mississippi Code of 1972)"
        ),
    ),
)
