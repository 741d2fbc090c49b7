"""New Jersey: no MA credential; only a certified medical assistant may be directed to give injections.

Sources (checked 2026-11): the Board of Medical Examiners' rules (N.J.A.C.
13:35, published by the Division of Consumer Affairs as one PDF; section
13:35-6.4 governs injections by certified medical assistants) and the
Board's notice of proposal PRN 2017-258. A physician may direct only a
certified medical assistant (national certification plus at least 600
clock hours of qualifying education) to give subcutaneous or intramuscular
injections; intravenous administration is barred.
Quirks: PRN 2017-258 (49 N.J.R., 6 November 2017) proposed cutting the
education minimum to 330 hours and adding venipuncture; its adoption is not
confirmed, so the pages describe it as a proposal and it never sets a rule.
No source states whether the physician must be physically present. New
Jersey cites "N.J.A.C. 13:35-6.4" and "N.J.S.A. 45:9-2"; rule proposals are
numbered "PRN 2017-258" and are recorded as pending regulations.
"""

import re
from collections.abc import Iterable

from tracker.normalize.citation_names import names
from tracker.normalize.citations import citation, code
from tracker.normalize.rules import Finding, reads
from tracker.registry import Jurisdiction, Regulator, Source

_PRN = re.compile(r"\bPRN (\d{4}-\d{1,4})\b")


@reads("sentence")
def citation_rule_proposal(clause: str) -> Iterable[Finding]:
    """Board rule proposals ("PRN 2017-258"): regulations that are proposed, never in force."""
    for m in _PRN.finditer(clause):
        yield Finding("citations", {"kind": "regulation", "identifier": f"PRN {m.group(1)}", "status": "proposed"})


JURISDICTION = Jurisdiction(
    code="NJ",
    name="New Jersey",
    regulators=(
        Regulator(
            "New Jersey State Board of Medical Examiners (Division of Consumer Affairs)",
            "https://www.njconsumeraffairs.gov/bme",
            "scope-of-practice",
        ),
    ),
    sources=(
        Source(
            "nj-bme-rules-njac-13-35",
            "https://njconsumeraffairs.gov/regulations/Chapter-35-State-Board-of-Medical-Examiners.pdf",
            "regulation",
            title="N.J.A.C. 13:35 Board of Medical Examiners rules (13:35-6.4 certified medical assistants)",
        ),
        Source(
            "nj-bme-proposal-prn-2017-258",
            "https://njconsumeraffairs.gov/Proposals/Pages/BME-11062017-proposal.aspx",
            "other",
            title="BME rule proposal PRN 2017-258 (certified medical assistants)",
        ),
    ),
    allowed_domains=("njconsumeraffairs.gov",),
    rules=(
        *names("NJ"),
        code("statute", "N.J.S.A. {0}", r"\d{1,2}[A-Z]?:\d{1,3}[A-Z]?-\d{1,3}(?:\.\d{1,3})?", r"\bN\.J\.S\.A\."),
        code(
            "regulation",
            "N.J.A.C. {0}",
            r"\d{1,2}:\d{1,3}[A-Z]?-\d{1,2}[A-Z]?(?:\.\d{1,3})?",
            r"\bN\.J\.A\.C\.",
            short=r"\d{1,2}[A-Z]?\.\d{1,3}",
        ),
        citation("regulation", r"\bN\.J\.A\.C\.\s*(\d{1,2}:\d{1,3})\b(?![-:]\d)", "N.J.A.C. {0}"),
        citation(
            "policy", r"\bExecutive Order No\. ?(\d{1,3}) ?\(((?:19|20)\d\d)\)", "N.J. Executive Order No. {0} ({1})"
        ),
        citation("statute", r"\bN\.J\.S\.A\.\s*(\d{1,2}[A-Z]?:\d{1,3}[A-Z]?-\d{1,3}(?:\.\d{1,3})?)", "N.J.S.A. {0}"),
        citation_rule_proposal,
    ),
)
