"""Alabama: no MA credential and no published rule on what medical assistants may do.

Sources (checked 2026-11): the Alabama Board of Nursing's nursing-practice
FAQ, and two sections of the Code of Alabama 1975 on the Legislature's ALISON
site: § 20-2-60 (controlled-substance definitions: an authorized agent may
administer in the practitioner's presence) and § 34-24-290 ("assistant to
physician" means a licensed physician assistant, not a medical assistant).
The Board of Medical Examiners' letter on delegable duties could not be
found, so injections, IV, X-rays and supervision stay unknown on purpose.

Quirks: the Board of Nursing FAQ is served as windows-1252 (legacy site).
Alabama citations ("Code of Alabama 1975, § 34-24-290", "Ala. Admin. Code
chapter 610-X-6") are added here; "Ala." ends a sentence for the shared
splitter, so the patterns also accept "Code § ..." on its own.
"""

from tracker.normalize.citations import citation, code
from tracker.registry import Jurisdiction, Regulator, Source

JURISDICTION = Jurisdiction(
    code="AL",
    name="Alabama",
    regulators=(
        Regulator("Alabama Board of Medical Examiners", "https://www.albme.gov", "scope-of-practice"),
        Regulator("Alabama Board of Nursing", "https://www.abn.alabama.gov", "nursing"),
    ),
    sources=(
        Source(
            "al-abn-practice-faqs",
            "https://www.abn.alabama.gov/nursing-practice/faqs/",
            "faq",
            title="Nursing practice FAQs (Alabama Board of Nursing)",
        ),
        Source(
            "al-code-20-2-60",
            "http://alisondb.legislature.state.al.us/alison/CodeOfAlabama/1975/20-2-60.htm",
            "statute",
            title="Code of Alabama 1975, § 20-2-60 Definitions (controlled substances)",
        ),
        Source(
            "al-code-34-24-290",
            "http://alisondb.legislature.state.al.us/alison/CodeOfAlabama/1975/34-24-290.htm",
            "statute",
            title="Code of Alabama 1975, § 34-24-290 Definitions (assistants to physicians)",
        ),
    ),
    allowed_domains=("abn.alabama.gov", "legislature.state.al.us"),
    rules=(
        code(
            "statute",
            "Ala. Code § {0}",
            r"\d+-\d+[A-Z]?-\d+(?:\.\d+)?",
            r"\b(?:Code of Ala(?:bama|\.)(?: 1975)?|Ala\. Code(?: 1975)?),?",
            heading=True,
            subsections=True,
        ),
        citation("regulation", r"\b(?:[Cc]hapter|ch\.)\s+(\d{3})-x-(\d+)\b(?!-)", "Ala. Admin. Code ch. {0}-X-{1}"),
        citation(
            "statute",
            r"\b(?:Code of Alabama(?: 1975)?|Code(?: 1975)?),?\s*§§?\s*(\d+-\d+[A-Z]?-\d+(?:\.\d+)?(?:\(\d+\))?)",
            "Ala. Code § {0}",
        ),
        citation("regulation", r"\b(?:[Cc]hapter|ch\.)\s+(\d{3}-X-\d+)\b(?!-)", "Ala. Admin. Code ch. {0}"),
    ),
)
