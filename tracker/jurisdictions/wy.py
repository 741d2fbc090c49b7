"""Wyoming: no MA credential and no MA-specific rule; physicians delegate under the Medical Practice Act.

Sources (checked 2026-11): the Board of Medicine's physician FAQ, and its
laws-and-rules page (Board rules, Agency 052). Of the rule chapters linked there
only Chapter 1 (General Provisions: authority and definitions) is followed; the
other chapters are licensing and hearing procedure.

The reference found no Wyoming source on medical assistants (confidence low):
the FAQ states only that the state issues no MA credential and that
physicians may delegate injections; the pages say nothing on IV therapy,
X-rays or supervision levels.

Quirk: Wyoming cites "W.S. 33-26-101" or "Wyo. Stat. Ann. § 33-26-202"; the
reference tracks the Act as a whole, so any section reads as the chapter,
"W.S. 33-26". Board rules read as "Wyo. Admin. Rules Agency 052".
"""

from tracker.normalize.citations import citation
from tracker.registry import Jurisdiction, Regulator, Source

JURISDICTION = Jurisdiction(
    code="WY",
    name="Wyoming",
    regulators=(Regulator("Wyoming Board of Medicine", "https://wyomedboard.wyo.gov", "scope-of-practice"),),
    sources=(
        Source(
            "wy-bom-physician-faq",
            "https://wyomedboard.wyo.gov/physicians/faq",
            "faq",
            title="Board of Medicine physician FAQ (medical assistants)",
        ),
        Source(
            "wy-bom-laws-rules",
            "https://wyomedboard.wyo.gov/laws-and-rules",
            "regulation",
            title="Board of Medicine laws and rules (Agency 052)",
            follow=(r"/assets/rules/chapter-1-[^/]+\.pdf$",),
        ),
    ),
    allowed_domains=("wyo.gov",),
    rules=(
        citation("statute", r"\bWyoming Statutes?,?\s*(?:§§?\s*)?(\d{1,2})-(\d{1,2})(?:-\d{3})?\b", "W.S. {0}-{1}"),
        citation("statute", r"^\W*(\d{1,2})-(\d{1,2})-\d{3}\.(?:\s|$)", "W.S. {0}-{1}"),
        citation(
            "statute",
            r"(?:W\.\s?S\.|Wyo\.\s?Stat\.(?:\s?Ann\.)?)\s*(?:§§?\s*)?(\d{1,2})-(\d{1,2})(?:-\d{3})?\b",
            "W.S. {0}-{1}",
        ),
        citation("regulation", r"\bAgency\s*(0\d\d)\b", "Wyo. Admin. Rules Agency {0}"),
        citation("regulation", r"\b(0\d\d)-\d{1,2} Wyo\. Code R\.", "Wyo. Admin. Rules Agency {0}"),
    ),
)
