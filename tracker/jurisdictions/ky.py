"""Kentucky: no medical assistant credential; nurses may delegate to unlicensed staff.

Sources (checked 2026-11): the Kentucky Board of Medical Licensure's allied
health page (the professions the board credentials; medical assistants are
not among them) and the Kentucky Board of Nursing's practice FAQ, which says
that medication kept at a provider's office may be given by an RN or LPN or
delegated to unlicensed assistive personnel under 201 KAR 20:400, with KBN
Advisory Opinion Statement #15 as the delegation guide.

Quirks: no physician-delegation rule for medical assistants was found, so
injections come out `conditional` from the nursing-delegation rule alone;
IV therapy, X-rays, supervision level and training hours are not addressed.
Kentucky cites its regulations as "201 KAR 20:400" and its statutes as
"KRS 311.550", which the shared citation patterns do not read; the Board of
Nursing's advisory opinions are cited as "AOS #15" (canonical "KBN AOS #15").
"""

from tracker.normalize.citation_names import names
from tracker.normalize.citations import citation, code
from tracker.registry import Jurisdiction, Regulator, Source

JURISDICTION = Jurisdiction(
    code="KY",
    name="Kentucky",
    regulators=(
        Regulator("Kentucky Board of Medical Licensure", "https://kbml.ky.gov", "scope-of-practice"),
        Regulator("Kentucky Board of Nursing", "https://kbn.ky.gov", "nursing"),
    ),
    sources=(
        Source(
            "ky-kbml-allied-health",
            "https://kbml.ky.gov/ah/Pages/default.aspx",
            "guidance",
            title="Allied health professions (KBML)",
        ),
        Source(
            "ky-kbn-practice-faq",
            "https://kbn.ky.gov/practice/Pages/faq.aspx",
            "faq",
            title="Nursing practice FAQ (KBN)",
        ),
    ),
    allowed_domains=("kbml.ky.gov", "kbn.ky.gov"),
    rules=(
        *names("KY"),
        code("statute", "KRS {0}", r"\d+[A-Z]?\.\d+", r"\bKRS"),
        citation("regulation", r"\b(\d{3})\s+KAR\s+(\d+):(\d+)\b", "{0} KAR {1}:{2}"),
        citation("statute", r"\bKRS\s+(?:§\s*)?(\d+[A-Z]?\.\d+)\b", "KRS {0}"),
        citation(
            "opinion",
            r"\b(?:KBN\s+)?(?:AOS|Advisory Opinion Statement)\s*(?:#|No\.\s*)\s*(\d+)\b",
            "KBN AOS #{0}",
        ),
    ),
)
