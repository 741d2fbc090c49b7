"""Montana: no MA credential; the Board of Medical Examiners sets delegation and supervision rules.

Sources (checked 2026-11): the statute MCA 37-3-104 (medical assistants,
supervision) on the Legislature's site and the Board's rule ARM 24.156.401
on the Administrative Rules of Montana site. Medical assistants are not
licensed; the delegating physician or PA must know the assistant is
competent, and no training hours are set.
Quirk: supervision is mixed. Invasive procedures, medication administration
(injections included) and allergy testing need onsite supervision; other
delegated tasks need only general supervision, which is what the record
reads as the general rule. Montana cites its code as "37-3-104, MCA" and its
rules as "ARM 24.156.401", which the shared patterns do not cover.
"""

from tracker.normalize.citations import citation, code
from tracker.registry import Jurisdiction, Regulator, Source

JURISDICTION = Jurisdiction(
    code="MT",
    name="Montana",
    regulators=(
        Regulator(
            "Montana Board of Medical Examiners (Department of Labor and Industry)",
            "https://boards.bsd.dli.mt.gov",
            "scope-of-practice",
        ),
    ),
    sources=(
        Source(
            "mt-mca-37-3-104",
            "https://leg.mt.gov/bills/mca/37/3/37-3-104.htm",
            "statute",
            title="MCA 37-3-104 Medical assistant - supervision - delegation",
        ),
        Source(
            "mt-arm-24-156-401",
            "http://www.mtrules.org/gateWay/Print_RV.Asp?RV=22138",
            "regulation",
            title="ARM 24.156.401 Medical assistants",
        ),
    ),
    allowed_domains=("leg.mt.gov", "mtrules.org"),
    rules=(
        code("statute", "MCA {0}", r"\d{1,2}-\d{1,2}-\d{3}", loose=True),
        code("regulation", "ARM {0}", r"\d{1,2}\.\d{1,3}\.\d{3,4}", r"\bARM", heading=True),
        citation("statute", r"\b(\d{1,2}-\d{1,2}-\d{3}),? MCA\b", "MCA {0}"),
        citation("statute", r"\bMCA,? (?:§ ?)?(\d{1,2}-\d{1,2}-\d{3})\b", "MCA {0}"),
        citation("regulation", r"\bARM (\d{1,2}\.\d{1,3}\.\d{3,4})\b", "ARM {0}"),
    ),
)
