"""Maine: no MA credential; delegation by custom and usage, physician liable as principal.

Sources (checked 2026-11): the Board of Licensure in Medicine's policies and
guidelines page (with the board's note on medical assistants) and two
sections of Title 32 of the Maine Revised Statutes on the Legislature's
site: § 3270-B (a physician assistant may delegate to a medical assistant
when the plan of supervision allows it) and § 3552-A (podiatric assistants).
The osteopathic counterpart, § 2594-A, is cited on the board page.

Quirks: nothing in these sources says which clinical tasks a medical
assistant may perform or how closely the physician must supervise, so
injections, IV therapy, X-rays and the supervision level stay unaddressed.
The allopathic delegation section (§ 3270-A) was not retrieved. Maine cites
statutes as "32 M.R.S. § 3270-B" or "Title 32, §3270-B" (canonical
"32 M.R.S. § 3270-B").
"""

from tracker.normalize.citations import citation, code
from tracker.registry import Jurisdiction, Regulator, Source

JURISDICTION = Jurisdiction(
    code="ME",
    name="Maine",
    regulators=(
        Regulator("Maine Board of Licensure in Medicine", "https://www.maine.gov/md/", "scope-of-practice"),
        Regulator("Maine Board of Osteopathic Licensure", "https://www.maine.gov/osteo/", "scope-of-practice"),
    ),
    sources=(
        Source(
            "me-bolim-policies",
            "https://www.maine.gov/md/laws-rules-updates/policies",
            "guidance",
            title="Policies and guidelines (Board of Licensure in Medicine)",
        ),
        Source(
            "me-mrs-32-3270-b",
            "http://www.mainelegislature.org/legis/statutes/32/title32sec3270-B.html",
            "statute",
            title="32 M.R.S. § 3270-B (physician assistants; delegation to medical assistants)",
        ),
        Source(
            "me-mrs-32-3552-a",
            "http://www.mainelegislature.org/legis/statutes/32/title32sec3552-A.html",
            "statute",
            title="32 M.R.S. § 3552-A (podiatric assistants)",
        ),
    ),
    allowed_domains=("maine.gov", "mainelegislature.org"),
    rules=(
        code("statute", "32 M.R.S. § {0}", r"\d{4}-[A-Z]", heading=True),
        code("statute", "{1} M.R.S. § {0}", r"\d+(?:-[A-Z])?", r"\b(\d+)\s*M\.?\s?R\.?\s?S\.?(?:\s?A\.?)?(?![A-Za-z])"),
        code(
            "statute", "{1} M.R.S. § {0}", r"\d+(?:-[A-Z])?", r"\bMaine Revised Statutes,? Title (\d+),?\s*(?:Sec\.|§)"
        ),
        citation("statute", r"\bTitle\s+(\d+),?\s*(?:§+\s*|section\s+)(\d+(?:-[A-Z])?)\b", "{0} M.R.S. § {1}"),
    ),
)
