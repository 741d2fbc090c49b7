"""South Dakota: MA registration repealed in 2021; nurse delegation rule since 2022.

Sources (checked 2026-11): the Board of Nursing's medical assistant page on
doh.sd.gov, ARSD chapter 20:48:04.01 (nurse delegation, amended November
2022) and SDCL chapter 36-9B (Medical Assistants), now listed as repealed,
both on sdlegislature.gov. South Dakota no longer registers MAs (former
ARSD 20:84 ended with the chapter). A nurse may delegate medication
administration, injections included, only to a formally educated, nationally
credentialed MA: `conditional`. IV, X-rays and supervision level are not
addressed.

Quirk: ARSD cites colon-separated numbers ("ARSD 20:48:04.01"); SDCL chapters
look like "36-9B".
"""

from tracker.normalize.citation_names import names
from tracker.normalize.citations import citation, code
from tracker.registry import Jurisdiction, Regulator, Source

JURISDICTION = Jurisdiction(
    code="SD",
    name="South Dakota",
    regulators=(
        Regulator("South Dakota Board of Nursing", "https://doh.sd.gov/boards/nursing/", "nursing"),
        Regulator(
            "South Dakota Board of Medical and Osteopathic Examiners",
            "https://doh.sd.gov/boards/medicine/",
            "scope-of-practice",
        ),
    ),
    sources=(
        Source(
            "sd-bon-medical-assistants",
            "https://doh.sd.gov/boards/nursing/medasst.aspx",
            "guidance",
            title="Medical assistants (South Dakota Board of Nursing)",
        ),
        Source(
            "sd-arsd-20-48-04-01",
            "https://sdlegislature.gov/Rules?Rule=20:48:04.01",
            "regulation",
            title="ARSD 20:48:04.01 Delegation of nursing tasks",
        ),
        Source(
            "sd-sdcl-36-9b",
            "https://sdlegislature.gov/Statutes?Statute=36-9B",
            "statute",
            title="SDCL chapter 36-9B Medical Assistants (repealed)",
        ),
    ),
    allowed_domains=("doh.sd.gov", "sdlegislature.gov"),
    rules=(
        *names("SD"),
        code(
            "statute",
            "SDCL {0}",
            r"\d+-\d+[A-Z]?-\d+(?:\.\d+)?",
            r"\bSDCL|\bSouth Dakota Codified Laws|\bS\.D\.C\.L\.|\bSouth Dakota laws?\b[^:.]{0,40}:",
            bare=True,
            heading=True,
        ),
        code("statute", "SDCL ch. {0}", r"\d+-\d+[A-Z]", r"\b(?:SDCL,? )?(?:[Cc]hapter|ch\.)"),
        code(
            "regulation",
            "ARSD {0}",
            r"\d{1,2}:\d{2}(?::\d{2}(?:\.\d{2})?){1,2}",
            r"\bARSD|\b[Cc]hapters?",
            heading=True,
        ),
        citation("statute", r"\bSDCL,? (?:[Cc]h\.|[Cc]hapter) ?(\d+-\d+[A-Z]?)\b(?!-)", "SDCL ch. {0}"),
        citation("regulation", r"\bARSD (\d{1,2}:\d{2}(?::\d{2}(?:\.\d{2})?)?)\b(?!:)", "ARSD {0}"),
    ),
)
