"""Arizona: no MA credential, but an approved program (or program plus exam) is required.

Sources (checked 2026-11): the Arizona Medical Board's medical-assistant FAQ
(still served from the board's older bomex.org site) and the Secretary of
State's PDF of A.A.C. Title 4, Chapter 16 (R4-16-101 definitions, R4-16-401
training, R4-16-402 authorized procedures; amended effective March 9, 2019).
Medical assistants are not licensed or registered; before employment they
must complete an approved (CAAHEP/ABHES/DOE-recognized or physician-designed)
program, or an unapproved program plus an accepted certification exam, so
the credential requirement reads as `training`. Procedures are done under
direct supervision; IV medications are excluded (Board of Nursing rule
R4-19-509). The osteopathic board's parallel rules are R4-22-110 to -112.

Quirk: Arizona cites "A.R.S. § 32-1456" and "A.A.C. R4-16-401" (or the bare
rule number "R4-16-401"); both styles are added here, one identifier per
section.
"""

from tracker.normalize.citation_names import names
from tracker.normalize.citations import citation, code
from tracker.registry import Jurisdiction, Regulator, Source

JURISDICTION = Jurisdiction(
    code="AZ",
    name="Arizona",
    regulators=(
        Regulator("Arizona Medical Board", "https://www.azmd.gov", "scope-of-practice"),
        Regulator("Arizona Board of Osteopathic Examiners in Medicine and Surgery", "https://www.azdo.gov", "other"),
        Regulator("Arizona State Board of Nursing", "https://www.azbn.gov", "nursing"),
    ),
    sources=(
        Source(
            "az-mb-ma-faq",
            "https://www.bomex.org/faq/medical_assistant.html",
            "faq",
            title="Medical assistant FAQ (Arizona Medical Board)",
        ),
        Source(
            "az-aac-r4-16",
            "https://apps.azsos.gov/public_services/Title_04/4-16.pdf",
            "regulation",
            title="A.A.C. Title 4, Chapter 16 (Arizona Medical Board), incl. R4-16-401 and R4-16-402",
        ),
    ),
    allowed_domains=("bomex.org", "azsos.gov"),
    rules=(
        *names("AZ"),
        code("statute", "A.R.S. § {0}", r"\d+-\d+(?:\.\d+)?", r"\bA\.R\.S\.|\bArizona Revised Statutes,?"),
        citation(
            "statute",
            r"\b(?:A\.R\.S\.|Arizona Revised Statutes,?)\s*(?:§§?|[Ss]ection)?\s*(\d+-\d+(?:\.\d+)?)\b",
            "A.R.S. § {0}",
        ),
        citation("regulation", r"\b(R\d+-\d+-\d+)\b", "A.A.C. {0}"),
    ),
)
