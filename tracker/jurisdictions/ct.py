"""Connecticut: no MA credential; vaccines only by a certified, trained "clinical medical assistant".

Sources (checked 2026-11): the Department of Public Health's medical-assistant
page and chapter 370 of the General Statutes (Medicine and Surgery) on the
General Assembly's site, for section 20-9 (who may practise medicine; medical
assistants are not among the exceptions). Connecticut issues no credential;
under Conn. Gen. Stat. § 19a-6s (2021 SB 1086) a "clinical medical assistant"
(nationally certified and a graduate of an accredited or 720-hour program)
may give vaccines after 24 classroom and 8 clinical hours of training, so the
record reads `training` with injections `conditional`. Supervision is
"supervision, control and responsibility", with no level named.

Quirk: Connecticut cites "Conn. Gen. Stat. § 19a-6s", "section 20-9 of the
general statutes" and "Public Act 04-82"; the patterns here canonicalize them
("Conn." ends a sentence for the shared splitter, so "Gen. Stat. §" alone is
accepted too).
"""

from tracker.normalize.citation_names import names
from tracker.normalize.citations import citation, code
from tracker.registry import Jurisdiction, Regulator, Source

JURISDICTION = Jurisdiction(
    code="CT",
    name="Connecticut",
    regulators=(
        Regulator("Connecticut Department of Public Health", "https://portal.ct.gov/dph", "scope-of-practice"),
        Regulator(
            "Connecticut Medical Examining Board",
            "https://portal.ct.gov/dph/Boards-and-Commissions/Medical-Examining-Board",
            "other",
        ),
    ),
    sources=(
        Source(
            "ct-dph-medical-assistants",
            "https://portal.ct.gov/DPH/Practitioner-Licensing--Investigations/Medical-Assistants/Medical-Assistants",
            "guidance",
            title="Medical assistants (Connecticut Department of Public Health)",
        ),
        Source(
            "ct-cgs-chap-370",
            "https://www.cga.ct.gov/current/pub/chap_370.htm",
            "statute",
            title="General Statutes chapter 370, Medicine and Surgery (section 20-9)",
        ),
    ),
    allowed_domains=("ct.gov",),
    rules=(
        *names("CT"),
        code(
            "statute",
            "Conn. Gen. Stat. § {0}",
            r"\d+[a-z]?-\d+[a-z]*",
            r"\b(?:Conn\. )?Gen\. Stat\.,?",
            bare=True,
            heading=True,
        ),
        citation(
            "regulation",
            r"\bConn\. Agencies Regs?\.?,?\s*(?:§\s*)?(\d+[a-z]?-\d+[a-z]?-[A-Z]?\d+[a-z]?)",
            "Conn. Agencies Regs. § {0}",
        ),
        citation("statute", r"\b(?:Conn\. )?Gen\. Stat\.,?\s*§§?\s*(\d+[a-z]?-\d+[a-z]*)\b", "Conn. Gen. Stat. § {0}"),
        citation("statute", r"\bSec\.\s+(\d+[a-z]?-\d+[a-z]*)\.(?:\s|$)", "Conn. Gen. Stat. § {0}"),
        citation(
            "statute",
            r"\b[Ss]ections?\s+(\d+[a-z]?-\d+[a-z]*) of the [Gg]eneral [Ss]tatutes\b",
            "Conn. Gen. Stat. § {0}",
        ),
        citation("statute", r"\bPublic Act (?:No\. )?(\d{2}-\d{1,3})\b", "Public Act {0}"),
    ),
)
