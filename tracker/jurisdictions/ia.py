"""Iowa: no MA credential; no physician-delegation rule for MAs was found.

Sources (checked 2026-11): the Iowa Board of Medicine's frequently asked
questions (it states that Iowa does not credential medical assistants) and
Iowa Administrative Code chapter 655-6 (Board of Nursing: nursing practice
for registered nurses and licensed practical nurses), published by the
Legislative Services Agency as a PDF. Rule 655-6.1 defines unlicensed
assistive personnel and 655-6.2(5)"c" limits what a registered nurse may
delegate to them.

Quirks: the Iowa Administrative Code prints rule numbers as "655-6.1(152)"
with an em dash and the implemented Code chapter in parentheses, and
paragraphs as 6.2(5)"c"; all forms read as "655 IAC 6.1" or
"655 IAC 6.2(5)(c)". Tasks and supervision stay unaddressed.
"""

from tracker.normalize.citation_names import names
from tracker.normalize.citations import citation, code
from tracker.registry import Jurisdiction, Regulator, Source

JURISDICTION = Jurisdiction(
    code="IA",
    name="Iowa",
    regulators=(
        Regulator("Iowa Board of Medicine", "https://medicalboard.iowa.gov", "scope-of-practice"),
        Regulator("Iowa Board of Nursing", "https://nursing.iowa.gov", "nursing"),
    ),
    sources=(
        Source(
            "ia-bom-faq",
            "https://medicalboard.iowa.gov/consumers/frequently-asked-questions",
            "faq",
            title="Iowa Board of Medicine: frequently asked questions",
        ),
        Source(
            "ia-iac-655-6",
            "https://www.legis.iowa.gov/docs/iac/chapter/655.6.pdf",
            "regulation",
            title="655 IAC chapter 6 Nursing practice for RNs and LPNs (PDF)",
        ),
    ),
    allowed_domains=("medicalboard.iowa.gov", "legis.iowa.gov"),
    rules=(
        *names("IA"),
        code("regulation", "653 IAC {0}", r"\d+\.\d+", r"\b653\s*(?:IAC|Iowa Admin(?:istrative|\.) Code)(?:,?\s*r\.)?"),
        code(
            "regulation",
            "655 IAC {0}",
            r"\d+\.\d+",
            r"\bIowa Administrative Code,? 655,? Chapter \d+,? Section",
            subsections=True,
        ),
        code("statute", "Iowa Code § {0}", r"\d+[A-Z]?\.\d+", r"\bIowa Code,?"),
        code("statute", "Iowa Code ch. {0}", r"\d+[A-Z]?", r"\bIowa Code,?\s*(?:chapters?|ch\.)"),
        citation("regulation", r"\b655\s*(?:IAC|Iowa Admin\. Code)\s*(?:r\.\s*)?(\d+\.\d+)(?![\d(])", "655 IAC {0}"),
        citation(
            "regulation",
            r"\b655\s*(?:IAC|Iowa Admin\. Code)\s*(?:r\.\s*)?(\d+\.\d+)\((\d+)\)\(([a-z])\)",
            "655 IAC {0}({1})({2})",
        ),
        citation("regulation", r"\b655\s*[\u2014-]\s*(\d+\.\d+)\(\d{3}[A-Z]?(?:,\d{3}[A-Z]?)*\)", "655 IAC {0}"),
        citation(
            "regulation",
            r"\b655\s*[\u2014-]\s*(\d+\.\d+)\((\d+)\)\s*[\"\u201c]([a-z])[\"\u201d]",
            "655 IAC {0}({1})({2})",
        ),
    ),
)
