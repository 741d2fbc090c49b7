"""Nebraska: no MA credential; physicians assign tasks; X-rays need a limited radiographer license.

Sources (checked 2026-11): DHHS Licensure Unit's Medical Radiography page
(limited radiographer licenses), the Legislature's Unicameral Update
report on LB 838 (2020), which settled that physicians may assign tasks to
persons not credentialed under the Uniform Credentialing Act, and the
radiography examination statute Neb. Rev. Stat. 38-1918 on the
Legislature's site. Medical assistants are not credentialed; injections are
delegable only within the assistant's skill and training; a medical
assistant takes X-rays only as a licensed limited radiographer.
Quirks: no source states a supervision level or anything about IV therapy.
Nebraska cites statutes as "Neb. Rev. Stat. 38-2025" or "section 38-2025",
bills as "LB 838" and DHHS rules as "172 NAC 99", none of which the shared
patterns read.
"""

from tracker.normalize.citation_names import names
from tracker.normalize.citations import citation, code
from tracker.registry import Jurisdiction, Regulator, Source

DHHS = "Nebraska Department of Health and Human Services, Licensure Unit"

JURISDICTION = Jurisdiction(
    code="NE",
    name="Nebraska",
    regulators=(
        Regulator(DHHS, "https://dhhs.ne.gov/licensure", "scope-of-practice"),
        Regulator(
            DHHS + " (medical radiography)", "https://dhhs.ne.gov/licensure/Pages/Medical-Radiography.aspx", "radiology"
        ),
    ),
    sources=(
        Source(
            "ne-dhhs-medical-radiography",
            "https://dhhs.ne.gov/licensure/Pages/Medical-Radiography.aspx",
            "guidance",
            title="Medical Radiography (DHHS Licensure Unit)",
        ),
        Source(
            "ne-unicameral-update-lb838",
            "https://update.legislature.ne.gov/?p=27710",
            "other",
            title="Unicameral Update: LB 838 medical assistant task assignment",
        ),
        Source(
            "ne-statute-38-1918",
            "https://nebraskalegislature.gov/laws/statutes.php?statute=38-1918",
            "statute",
            title="Neb. Rev. Stat. 38-1918 Limited radiographer examination",
        ),
    ),
    allowed_domains=("dhhs.ne.gov", "update.legislature.ne.gov", "nebraskalegislature.gov"),
    rules=(
        *names("NE"),
        code(
            "statute",
            "Neb. Rev. Stat. § {0}",
            r"\d{2}-\d{3,4}",
            r"\bNeb\. Rev\. Stat\.",
            r"Reissue Revised Statutes of Nebraska|Revised Statutes (?:Cumulative )?Supplement",
            bare=True,
        ),
        citation(
            "statute",
            r"(?:\bNeb\. Rev\. Stat\.|\b[Ss]ections?|§§?|\bstatutes?)\s*(38-\d{3,4})\b",
            "Neb. Rev. Stat. § {0}",
        ),
        citation("statute", r"\b38-\d{3,4},? (?:to|through|and) (38-\d{3,4})\b", "Neb. Rev. Stat. § {0}"),
        citation("bill", r"\bLB ?(\d{2,4}[A-Z]?)\b", "LB {0}"),
        citation("regulation", r"\b(\d{2,3}) NAC (\d{1,3})\b", "{0} NAC {1}"),
    ),
)
