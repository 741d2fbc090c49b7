"""Oklahoma: no MA credential; physicians delegate to trained assistants.

Sources (checked 2026-11): the Oklahoma State Board of Medical Licensure and
Supervision's page on medical assistants, and the Oklahoma Board of Nursing's
delegation statement (section F bars nurses, APRNs included, from delegating
medication administration to unlicensed persons). The Allopathic Medical and
Surgical Licensure and Supervision Act (59 O.S. 480-518) exempts a
physician's unlicensed trained assistant working under the physician's
supervision and control, per the Board's rules (OAC Title 435). Injections
are `conditional`: only a physician's own delegation supports them. IV,
X-rays, supervision level and training minimums are not addressed.

Quirk: Oklahoma cites "59 O.S. §§ 480-518" and "OAC Title 435"; the Board of
Nursing document is cited by section letter.
"""

from tracker.normalize.citation_names import names
from tracker.normalize.citations import citation, code
from tracker.registry import Jurisdiction, Regulator, Source

JURISDICTION = Jurisdiction(
    code="OK",
    name="Oklahoma",
    regulators=(
        Regulator(
            "Oklahoma State Board of Medical Licensure and Supervision",
            "https://www.okmedicalboard.org",
            "scope-of-practice",
        ),
        Regulator("Oklahoma Board of Nursing", "https://oklahoma.gov/nursing.html", "nursing"),
    ),
    sources=(
        Source(
            "ok-bmls-medical-assistants",
            "https://www.okmedicalboard.org/allopathic/medical_assistants",
            "guidance",
            title="Medical assistants and other unlicensed assistants (Board of Medical Licensure and Supervision)",
        ),
        Source(
            "ok-bon-delegation-statement",
            "https://oklahoma.gov/nursing/practice/delegation-statement.html",
            "policy",
            title="Oklahoma Board of Nursing delegation statement",
        ),
    ),
    allowed_domains=("okmedicalboard.org", "oklahoma.gov"),
    rules=(
        *names("OK"),
        code(
            "regulation",
            "OAC {0}",
            r"\d{3}:\d{1,2}-\d{1,2}-\d{1,3}(?:\.\d+)?",
            r"\bOAC|\bOklahoma Administrative Code,?",
            heading=True,
        ),
        code(
            "statute",
            "59 O.S. § {0}",
            r"\d{3}(?:\.\d+)?[a-z]?",
            r"\b59 O\.S\.|\bOklahoma Statutes,? Title 59,?(?: Chapter \d+,?)?",
            span="59 O.S. §§ {0}-{1}",
        ),
        citation(
            "statute",
            r"\b59 O\.S\.(?: \d{4},)? §§ ?(\d{3}(?:\.\d+)?) ?(?:-|–|through|to) ?(\d{3}(?:\.\d+)?)",
            "59 O.S. §§ {0}-{1}",
        ),
        citation("statute", r"\b59 O\.S\.(?: \d{4},)? § ?(\d{3}(?:\.\d+)?)\b", "59 O.S. § {0}"),
        citation("regulation", r"\b(?:OAC|Oklahoma Administrative Code),? Title (\d{3})\b", "OAC Title {0}"),
        citation(
            "policy",
            r"\b(?:Oklahoma )?Board of Nursing Delegation Statement,? Section ([A-G])\b",
            "Oklahoma Board of Nursing Delegation Statement, Section {0}",
        ),
        citation(
            "policy",
            r"\bSection ([A-G]) of the (?:Oklahoma )?Board of Nursing Delegation Statement\b",
            "Oklahoma Board of Nursing Delegation Statement, Section {0}",
        ),
    ),
)
