"""Arkansas: no MA credential; physicians delegate under State Medical Board Regulation 31.

Source (checked 2026-11): the Arkansas State Medical Board's regulations page,
which summarises Regulation 31 (Physician Delegation) and the law behind it,
Act 472 (physicians and podiatrists may delegate simple procedures to their
employees), and points to the podiatry counterpart, Ark. Code Ann.
§ 17-96-204. The text of Regulation 31 itself was not available, so the page
is silent on injections, IV, X-rays and supervision and the record says
unknown there. A 2017 Board of Nursing proposal on APRN delegation to
medical assistants is described as a proposal only.

Quirks: Arkansas citation styles ("Regulation No. 31", "Act 472 of ...",
"Ark. Code Ann. § 17-96-204") are added here. The regulation table numbers
its rows without the word "Regulation", so only the rules actually discussed
become citations.
"""

from tracker.normalize.citation_names import names
from tracker.normalize.citations import citation, code
from tracker.registry import Jurisdiction, Regulator, Source

JURISDICTION = Jurisdiction(
    code="AR",
    name="Arkansas",
    regulators=(
        Regulator("Arkansas State Medical Board", "https://www.armedicalboard.org", "scope-of-practice"),
        Regulator("Arkansas State Board of Nursing", "https://www.arsbn.org", "nursing"),
    ),
    sources=(
        Source(
            "ar-asmb-regulations",
            "https://www.armedicalboard.org/Professionals/Regulations.aspx",
            "guidance",
            title="Arkansas State Medical Board regulations (incl. Regulation 31, Physician Delegation)",
        ),
    ),
    allowed_domains=("armedicalboard.org",),
    rules=(
        *names("AR"),
        code(
            "statute",
            "Ark. Code Ann. § {0}",
            r"\d+-\d+-\d+",
            r"\b(?:Ark\. )?Code(?: Ann\.)?,?|\bA\.C\.A\.",
            heading=True,
        ),
        citation(
            "regulation",
            r"\b(?:ASMB |Board |Medical Board )?Regulation (?:No\. ?)?(\d{1,2})\b",
            "Arkansas State Medical Board Regulation {0}",
        ),
        citation("statute", r"\bAct (?:No\. )?(\d{2,4})\b", "Act {0}"),
        citation("statute", r"\b(?:Ark\. )?Code(?: Ann\.)?,? §§? ?(\d+-\d+-\d+)\b", "Ark. Code Ann. § {0}"),
        citation("statute", r"\bA\.C\.A\. §§? ?(\d+-\d+-\d+)\b", "Ark. Code Ann. § {0}"),
    ),
)
