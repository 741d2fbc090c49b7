"""Vermont: no MA credential and no MA-specific rules; physicians delegate under the medical practice law.

Sources (checked 2026-11): the Board of Medical Practice's "Statutes, Rules,
Policies and Newsletters" page (Department of Health), which answers common
questions about medical assistants, and the chapter page for 26 V.S.A.
chapter 23 (Medicine) on the Legislature's site.

The reference found no Vermont source on medical assistants beyond these
general provisions (confidence low); the pages say nothing on IV therapy,
X-rays or supervision levels, and the record must leave those unknown.

Quirk: Vermont cites statutes as "26 V.S.A. chapter 23" / "26 V.S.A. § 1311"
and the Board's rules as "Vt. Code R. 13-141-001" (also "CVR 13 141 001");
each reads as one identifier. The shared sentence splitter breaks after "Vt.",
so the rule pattern does not require the "Vt." prefix.
"""

from tracker.normalize.citation_names import names
from tracker.normalize.citations import citation, code
from tracker.registry import Jurisdiction, Regulator, Source

JURISDICTION = Jurisdiction(
    code="VT",
    name="Vermont",
    regulators=(
        Regulator(
            "Vermont Board of Medical Practice (Department of Health)",
            "https://www.healthvermont.gov/systems/medical-practice-board",
            "scope-of-practice",
        ),
    ),
    sources=(
        Source(
            "vt-bmp-statutes-rules",
            "https://www.healthvermont.gov/systems/medical-practice-board/statutes-rules-policies-and-newsletters",
            "guidance",
            title="Board of Medical Practice: statutes, rules, policies (medical assistant questions)",
        ),
        Source(
            "vt-26-vsa-ch-23",
            "https://legislature.vermont.gov/statutes/chapter/26/023",
            "statute",
            title="26 V.S.A. chapter 23 Medicine",
        ),
    ),
    allowed_domains=("healthvermont.gov", "vermont.gov"),
    rules=(
        *names("VT"),
        code("statute", "{1} V.S.A. § {0}", r"\d{1,4}[a-z]?", r"\b(\d{1,2})\s*V\.\s?S\.\s?A\."),
        citation(
            "statute", r"\b(\d{1,2})\s*V\.\s?S\.\s?A\.\s*(?:[Cc]hapter|ch\.)\s*0*(\d{1,3})\b", "{0} V.S.A. ch. {1}"
        ),
        citation("statute", r"\b(\d{1,2})\s*V\.\s?S\.\s?A\.\s*§\s*(\d{1,4}[a-z]?)\b", "{0} V.S.A. § {1}"),
        citation("bill", r"\(([HS])\.\s?(\d{1,4})\)", "{0}. {1}"),
        # the Legislature's outline headings: "Title 26 : Professions and Occupations" / "Chapter 023 : Medicine"
        citation("statute", r"^Title (\d{1,2}) : [^:]{3,80}? Chapter 0*(\d{1,3}[A-Z]?) :", "{0} V.S.A. ch. {1}"),
        citation(
            "regulation",
            r"(?:(?:Vt\.\s?)?Code\s?R\.|Code of Vermont Rules|CVR)\s*(\d{2})[- ](\d{3})[- ](\d{3})\b",
            "Vt. Code R. {0}-{1}-{2}",
        ),
    ),
)
