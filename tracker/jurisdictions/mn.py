"""Minnesota: medical assistants are not addressed by the Board of Medical Practice.

Sources (checked 2026-11): the Board of Medical Practice's home page
(the professions the board regulates; medical assistants are not mentioned)
and Minn. Stat. § 144.4197 on the Revisor's site, which lets the
commissioner of health authorize any person to give vaccines during a
declared emergency.

Quirks: no statute, rule or board statement on medical assistants was found,
so the credential requirement, every task other than emergency vaccination,
the supervision level and training stay unknown. Watch the board page: a
future statement on medical assistants would appear there. Minnesota cites
"Minn. Stat. § 144.4197" or "Minnesota Statutes, section 144.4197".
"""

from tracker.normalize.citations import citation, code
from tracker.registry import Jurisdiction, Regulator, Source

JURISDICTION = Jurisdiction(
    code="MN",
    name="Minnesota",
    regulators=(
        Regulator(
            "Minnesota Board of Medical Practice", "https://mn.gov/boards/medical-practice/", "scope-of-practice"
        ),
        Regulator("Minnesota Department of Health", "https://www.health.state.mn.us", "other"),
    ),
    sources=(
        Source(
            "mn-bmp-licensing",
            "https://mn.gov/boards/medical-practice/",
            "guidance",
            title="Board of Medical Practice home page",
        ),
        Source(
            "mn-stat-144-4197",
            "https://www.revisor.mn.gov/statutes/cite/144.4197",
            "statute",
            title="Minn. Stat. § 144.4197 Vaccine administration during emergencies",
        ),
    ),
    allowed_domains=("mn.gov", "revisor.mn.gov"),
    rules=(
        code(
            "statute",
            "Minn. Stat. § {0}",
            r"\d+[A-Z]?\.\d+",
            r"\bMinn(?:esota|\.)?\s+Stat(?:utes|\.)?,?",
            bare=True,
            heading=True,
        ),
        citation(
            "statute",
            r"\bMinn(?:esota|\.)?\s+Stat(?:utes|\.)?,?(?:\s+20\d\d,)?\s*(?:§+|section|sec\.)\s*(\d+[A-Z]?\.\d+)\b",
            "Minn. Stat. § {0}",
        ),
        code("regulation", "Minn. R. {0}", r"\d{4}\.\d{4}", r"\bMinn(?:esota|\.)? R(?:ules|\.),?\s*(?:parts?|pt\.)?"),
    ),
)
