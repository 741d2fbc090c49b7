"""Kansas: no MA credential; the Healing Arts Act's general delegation rules apply.

Sources (checked 2026-11): the Kansas State Board of Healing Arts page on the
Healing Arts Act, and two sections on the Revisor of Statutes site:
K.S.A. 65-2872 (persons not deemed to practice the healing arts, including
in subsection (g) those working under a licensee's supervision or order) and
K.S.A. 65-28,127 (duties of the "responsible licensee" who delegates acts,
enacted by 1998 SB 220).

Quirks: Kansas numbers some sections with a comma ("65-28,127"); the
Revisor prints subsections as "(g)". No MA task list or supervision level
exists, so tasks and supervision stay unaddressed.
"""

from tracker.normalize.citation_names import names
from tracker.normalize.citations import citation, code
from tracker.registry import Jurisdiction, Regulator, Source

JURISDICTION = Jurisdiction(
    code="KS",
    name="Kansas",
    regulators=(Regulator("Kansas State Board of Healing Arts", "https://ksbha.ks.gov", "scope-of-practice"),),
    sources=(
        Source(
            "ks-ksbha-healing-arts-act",
            "https://ksbha.ks.gov/statutes-regulations/statutes-and-regulations/healing-arts-act",
            "guidance",
            title="KSBHA: Healing Arts Act",
        ),
        Source(
            "ks-ksa-65-2872",
            "https://www.ksrevisor.gov/statutes/chapters/ch65/065_028_0072.html",
            "statute",
            title="K.S.A. 65-2872 Persons not deemed engaged in the practice of the healing arts",
        ),
        Source(
            "ks-ksa-65-28-127",
            "https://www.ksrevisor.gov/statutes/chapters/ch65/065_028_0127.html",
            "statute",
            title="K.S.A. 65-28,127 Responsible licensee; delegation",
        ),
    ),
    allowed_domains=("ksbha.ks.gov", "ksrevisor.gov"),
    rules=(
        *names("KS"),
        code("statute", "K.S.A. {0}", r"\d+-\d+(?:,\d+)?[a-z]?", r"\bK\.S\.A\.", subsections=True, heading=True),
        citation("statute", r"\bK\.S\.A\.\s*(?:§\s*)?(\d+-\d+(?:,\d+)?[a-z]?)\(([a-z])\)", "K.S.A. {0}({1})"),
        citation("statute", r"\bK\.S\.A\.\s*(?:§\s*)?(\d+-\d+(?:,\d+)?[a-z]?)(?!\d)(?!,\d)(?!\()", "K.S.A. {0}"),
        citation("statute", r"^(65-28(?:,1\d\d|\d\d))\.(?:\s|$)", "K.S.A. {0}"),
    ),
)
