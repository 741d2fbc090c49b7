"""Louisiana: no MA credential; the medical board's advisory opinion governs medication.

Sources (checked 2026-11): the Louisiana State Board of Medical Examiners'
advisory-opinion FAQ page, which links the board's advisory opinion on
medication administration by unlicensed individuals as a PDF (followed).
An unlicensed person such as a medical assistant may give medication,
injections included, only under the physician's direction and immediate
personal supervision, with the physician physically present throughout.

Quirks: medication attendants (La. R.S. 37:1022) are a separate program and
not medical assistants; the pages only cite that statute. IV therapy,
X-rays and training hours are not addressed. Louisiana cites statutes as
"La. R.S. 37:1022"; the board's advisory opinion has no number, so it is
identified by its title.
"""

from tracker.normalize.citation_names import names
from tracker.normalize.citations import citation, code
from tracker.registry import Jurisdiction, Regulator, Source

JURISDICTION = Jurisdiction(
    code="LA",
    name="Louisiana",
    regulators=(Regulator("Louisiana State Board of Medical Examiners", "https://lsbme.la.gov", "scope-of-practice"),),
    sources=(
        Source(
            "la-lsbme-advisory-opinions",
            "https://lsbme.la.gov/content/advisory-opinion-faqs",
            "opinion",
            title="Advisory opinion FAQs (LSBME)",
            follow=(r"/sites/default/files/documents/advisory-opinions/[^/]+\.pdf$",),
        ),
    ),
    allowed_domains=("lsbme.la.gov",),
    rules=(
        *names("LA"),
        code(
            "statute",
            "La. R.S. {0}",
            r"\d+:\d+(?:\.\d+)?",
            r"(?:\bLa\.?\s*)?\bR\.\s?S\.|\bLouisiana Revised Statutes,?(?:\s+Title)?",
        ),
        citation("statute", r"\bR\.\s?S\.\s*(\d+):\d+(?:\.\d+)?\s*-\s*(\d+(?:\.\d+)?)\b", "La. R.S. {0}:{1}"),
        citation(
            "statute",
            # "La. R.S. 37:1022"; "R.S. 37:1022" alone is read too, in case a sentence split falls after "La."
            r"(?:\bLa\.?\s*)?\bR\.\s?S\.\s*(\d+)\s*:\s*(\d+(?:\.\d+)?)",
            "La. R.S. {0}:{1}",
        ),
        citation(
            "statute", r"\bLouisiana Revised Statutes,?\s+(?:Title\s+)?(\d+)\s*:\s*(\d+(?:\.\d+)?)", "La. R.S. {0}:{1}"
        ),
        citation(
            "statute",
            r"\b(?:Louisiana Revised Statutes|La\.? R\.S\.),? Title (\d+),? [Ss]ection (\d+(?:\.\d+)?)\b",
            "La. R.S. {0}:{1}",
        ),
        citation(
            "opinion",
            r"(?i:advisory opinion)\b[^.;]{0,60}?\b(?i:medication administration by unlicensed (?:individuals|persons))",
            "LSBME Advisory Opinion: Medication Administration by Unlicensed Individuals",
        ),
    ),
)
