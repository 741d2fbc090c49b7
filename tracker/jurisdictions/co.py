"""Colorado: no MA credential; physicians delegate under the delegation statute and Rule 1.17.

Source (checked 2026-11): the Colorado Medical Board's "Laws, Rules and
Policies" page at the Division of Professions and Occupations (DORA), which
explains delegation of medical services to unlicensed persons under section
12-240-107(3)(l), C.R.S., and Board Rule 1.17 (3 CCR 713-1.17, formerly Rule
800 / 3 CCR 713-30). Medical assistants are not credentialed; the delegating
physician verifies education, training or experience and personally observes
the delegatee, so injections read as `conditional`. No hour minimum exists,
and the page names no supervision level, so supervision stays unspecified.

Quirk: Colorado writes statutes as "section 12-240-107(3)(l), C.R.S." or
"C.R.S. 12-240-107(3)(l)" and rules as "3 CCR 713-1.17" or "Rule 1.17";
the patterns here give one identifier for each style.
"""

from tracker.normalize.citation_names import names
from tracker.normalize.citations import citation, code
from tracker.registry import Jurisdiction, Regulator, Source

JURISDICTION = Jurisdiction(
    code="CO",
    name="Colorado",
    regulators=(
        Regulator(
            "Colorado Medical Board (Department of Regulatory Agencies, Division of Professions and Occupations)",
            "https://dpo.colorado.gov/Medical",
            "scope-of-practice",
        ),
    ),
    sources=(
        Source(
            "co-cmb-laws-rules",
            "https://dpo.colorado.gov/Medical/Laws",
            "guidance",
            title="Colorado Medical Board laws, rules and policies (delegation to unlicensed persons)",
        ),
    ),
    allowed_domains=("colorado.gov",),
    rules=(
        *names("CO"),
        code("statute", "C.R.S. {0}", r"\d+-\d+-\d+", r"\bC\.R\.S\.,?", r"C\.R\.S\.", subsections=True),
        code("regulation", "3 CCR 713-{0}", r"1\.\d+", r"\b(?:Board )?Rules?"),
        citation("statute", r"\b[Ss]ections? (\d+-\d+-\d+(?:\([0-9a-zA-Z]+\))*),? C\.R\.S\.", "C.R.S. {0}"),
        citation("statute", r"\bC\.R\.S\.,?\s*(?:§\s*)?(\d+-\d+-\d+(?:\([0-9a-zA-Z]+\))*)", "C.R.S. {0}"),
        citation("regulation", r"\b3 CCR 713-(\d+(?:\.\d+)?)\b", "3 CCR 713-{0}"),
        citation("regulation", r"\b(?:Board )?Rule (1\.\d+)\b", "3 CCR 713-{0}"),
    ),
)
