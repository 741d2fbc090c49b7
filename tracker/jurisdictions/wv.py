"""West Virginia: no MA credential and no MA-specific rule; physicians delegate under the Medical Practice Act.

Sources (checked 2026-11): the Board of Medicine's Medical Practice Act page
(W. Va. Code chapter 30, article 3) and the Board's frequently asked
questions, which answer the medical assistant questions and explain that
article 16-5O (medication administration by unlicensed staff in certain
facilities) does not reach physician offices.

The reference found no MA-specific source (confidence low); the pages say
nothing on IV therapy, X-rays or supervision levels.

Quirk: the reference tracks West Virginia law by article ("W. Va. Code 30-3",
"16-5O"), so any "W. Va. Code § 30-3-13" or "Chapter 30, Article 3 of the West
Virginia Code" reads as the article: "W. Va. Code <chapter>-<article>". The
shared sentence splitter cuts "W. Va. Code § 30-3-1" after "Va.", so "Code § 30-3-1"
alone is read too.
"""

from tracker.normalize.citation_names import names
from tracker.normalize.citations import citation
from tracker.registry import Jurisdiction, Regulator, Source

JURISDICTION = Jurisdiction(
    code="WV",
    name="West Virginia",
    regulators=(Regulator("West Virginia Board of Medicine", "https://wvbom.wv.gov", "scope-of-practice"),),
    sources=(
        Source(
            "wv-bom-faq",
            "https://wvbom.wv.gov/FAQ.asp",
            "faq",
            title="Board of Medicine frequently asked questions",
        ),
        Source(
            "wv-bom-medical-practice-act",
            "https://wvbom.wv.gov/Medical_Practice_Act.asp",
            "statute",
            title="West Virginia Medical Practice Act (W. Va. Code 30-3)",
        ),
    ),
    allowed_domains=("wv.gov",),
    rules=(
        *names("WV"),
        citation("statute", r"§\s*(\d{1,2}[A-Z]?)-(\d{1,2}[A-Z]?)-\d+", "W. Va. Code {0}-{1}"),
        citation("statute", r"\bChapter (\d{1,2}[A-Z]?), Article (\d{1,2}[A-Z]?)\b", "W. Va. Code {0}-{1}"),
        citation(
            "statute", r"(?:W\.\s?Va\.\s?)?Code,?\s*(?:§§?\s*)(\d{1,2}[A-Z]?)-(\d{1,2}[A-Z]?)\b", "W. Va. Code {0}-{1}"
        ),
        citation("statute", r"W\.\s?Va\.\s?Code,?\s*(\d{1,2}[A-Z]?)-(\d{1,2}[A-Z]?)\b", "W. Va. Code {0}-{1}"),
        citation("statute", r"\b[Aa]rticle (\d{1,2})-?(\d{1,2}[A-Z])\b", "W. Va. Code {0}-{1}"),
        citation(
            "statute",
            r"\bChapter (\d{1,2}[A-Z]?), Article (\d{1,2}[A-Z]?) of the (?:West Virginia|W\.\s?Va\.) Code",
            "W. Va. Code {0}-{1}",
        ),
    ),
)
