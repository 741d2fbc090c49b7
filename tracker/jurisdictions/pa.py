"""Pennsylvania: no MA credential; physicians delegate under 49 Pa. Code 18.402 / 25.217.

Sources (checked 2026-11): the State Board of Medicine FAQ (Department of
State) and the Pennsylvania Code sections on delegation for medical doctors
(49 Pa. Code § 18.402, under 63 P.S. § 422.17) and osteopathic physicians
(§ 25.217). A physician may delegate injections (`allowed`) when the
delegation meets the § 18.402 conditions. Radiologic procedures by auxiliary
personnel need a Board-approved examination (63 P.S. § 422.45; chapter 18
subchapter E; § 25.222): `conditional`. IV and supervision level are not
addressed.

Quirk: Pennsylvania writes "49 Pa. Code § 18.402" and "63 P.S. § 422.17"; the
pacode pages print the bare "§ 18.402" heading, which we do not read as a
citation (it carries no title). A range such as "49 Pa. Code §§ 18.401-18.402"
gives the span as one identifier plus its first and last sections.
"""

from tracker.normalize.citation_names import names
from tracker.normalize.citations import citation, code
from tracker.registry import Jurisdiction, Regulator, Source

JURISDICTION = Jurisdiction(
    code="PA",
    name="Pennsylvania",
    regulators=(
        Regulator(
            "Pennsylvania State Board of Medicine",
            "https://www.dos.pa.gov/ProfessionalLicensing/BoardsCommissions/Medicine",
            "scope-of-practice",
        ),
        Regulator(
            "Pennsylvania State Board of Osteopathic Medicine",
            "https://www.dos.pa.gov/ProfessionalLicensing/BoardsCommissions/OsteopathicMedicine",
            "scope-of-practice",
        ),
    ),
    sources=(
        Source(
            "pa-sbm-faq",
            "https://www.dos.pa.gov/ProfessionalLicensing/BoardsCommissions/Medicine/Pages/Frequently-Asked-Questions.aspx",
            "faq",
            title="State Board of Medicine FAQ",
        ),
        Source(
            "pa-code-49-18-402",
            "https://www.pacodeandbulletin.gov/Display/pacode?file=/secure/pacode/data/049/chapter18/s18.402.html&d=reduce",
            "regulation",
            title="49 Pa. Code § 18.402 Delegation (medical doctors)",
        ),
        Source(
            "pa-code-49-25-217",
            "https://www.pacodeandbulletin.gov/Display/pacode?file=/secure/pacode/data/049/chapter25/s25.217.html&d=reduce",
            "regulation",
            title="49 Pa. Code § 25.217 Delegation (osteopathic physicians)",
        ),
    ),
    allowed_domains=("dos.pa.gov", "pacodeandbulletin.gov"),
    rules=(
        *names("PA"),
        code("regulation", "49 Pa. Code § {0}", r"(?:16|17|18|25)\.\d{1,3}[a-z]?", bare=True, heading=True),
        code("statute", "63 P.S. § {0}", r"\d{3}\.\d+[a-z]?", r"\b63 P\. ?S\."),
        citation("statute", r"\b63 P\. ?S\. ?§§? ?(\d{3}\.\d+[a-z]?)", "63 P.S. § {0}"),
        citation("regulation", r"\b49 Pa\. ?Code §§? ?(\d{1,3}\.\d+)", "49 Pa. Code § {0}"),
        # a range cites the span and its last section: "§§ 18.401-18.402"
        citation(
            "regulation",
            r"\b49 Pa\. ?Code §§ ?(\d{1,3}\.\d+) ?(?:-|–|—|through|to) ?(\d{1,3}\.\d+)",
            "49 Pa. Code §§ {0}-{1}",
        ),
        citation(
            "regulation",
            r"\b49 Pa\. ?Code §§ ?\d{1,3}\.\d+ ?(?:-|–|—|and|through|to) ?(\d{1,3}\.\d+)",
            "49 Pa. Code § {0}",
        ),
        citation(
            "regulation",
            r"\b49 Pa\. ?Code,? [Cc]h(?:apter|\.) ?(\d+),? [Ss]ubch(?:apter|\.) ?([A-Z])\b",
            "49 Pa. Code Ch. {0}, Subch. {1}",
        ),
    ),
)
