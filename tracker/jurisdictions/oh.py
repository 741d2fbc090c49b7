"""Ohio: no MA credential; the State Medical Board's delegation rules (OAC 4731-23).

Sources (checked 2026-11): Ohio Adm. Code chapter 4731-23 (rules 4731-23-01
to 4731-23-04) on codes.ohio.gov, and the State Medical Board's page on
delegation to unlicensed persons, which links the board's PDF guidance
(followed). Physicians may delegate drug administration, injections
included, only under on-site supervision after judging competence
(R.C. 4731.053); anesthesia, controlled substances and IV drugs may not be
delegated. Physician assistants delegate under R.C. 4730.203. X-rays need an
Ohio Department of Health general x-ray machine operator licence
(R.C. 4773.02, OAC chapter 3701-72), so xray reads `conditional`.

Quirk: Ohio writes citations several ways ("R.C. 4731.053", "section 4731.053
of the Revised Code", "Rule 4731-23-01", "Ohio Adm. Code 4731-23-03"); the
rules below give each section one identifier.
"""

from tracker.normalize.citation_names import names
from tracker.normalize.citations import citation, code
from tracker.registry import Jurisdiction, Regulator, Source

JURISDICTION = Jurisdiction(
    code="OH",
    name="Ohio",
    regulators=(
        Regulator("State Medical Board of Ohio", "https://med.ohio.gov", "scope-of-practice"),
        Regulator("Ohio Department of Health, Bureau of Radiation Protection", "https://odh.ohio.gov", "radiology"),
    ),
    sources=(
        Source(
            "oh-oac-4731-23",
            "https://codes.ohio.gov/ohio-administrative-code/chapter-4731-23",
            "regulation",
            title="Ohio Adm. Code chapter 4731-23 Delegation of medical tasks",
        ),
        Source(
            "oh-smbo-delegation",
            "https://med.ohio.gov/laws-rules/delegation",
            "guidance",
            title="Delegation to unlicensed persons (State Medical Board of Ohio)",
            follow=(r"/Portals/0/[^?#]+\.pdf$",),
        ),
    ),
    allowed_domains=("med.ohio.gov", "codes.ohio.gov"),
    rules=(
        *names("OH"),
        code(
            "statute",
            "R.C. {0}",
            r"\d{3,4}\.\d{2,3}",
            r"\bR\.C\.|\bORC|\bOhio Rev\. Code|\bRevised Code(?: section)?",
            r"(?:Ohio )?Revised Code",
            bare=True,
        ),
        citation("statute", r"\b(?:R\.C\.|Ohio Rev\. Code|Revised Code section)\s*§?\s*(\d{4}\.\d{2,3})\b", "R.C. {0}"),
        citation("statute", r"\b[Ss]ection (\d{4}\.\d{2,3}) of the (?:Ohio )?Revised Code\b", "R.C. {0}"),
        citation("regulation", r"\b(?:Ohio Adm\. ?Code|OAC|[Rr]ules?)\s+(\d{4}-\d{1,2}-\d{2})\b", "Ohio Adm. Code {0}"),
        citation("regulation", r"\bto (\d{4}-\d{1,2}-\d{2})\b", "Ohio Adm. Code {0}"),
        citation(
            "regulation",
            r"\b(?:Ohio Adm\. ?Code |OAC )?[Cc]hapter (\d{4}-\d{1,2})\b(?!-)",
            "Ohio Adm. Code Chapter {0}",
        ),
    ),
)
