"""Nevada: no state credential; physicians and PAs delegate under NAC 630.800-630.830.

Sources (checked 2026-11): the Nevada State Board of Medical Examiners' FAQ on
medical assistants and NAC chapter 630 on the Legislature's site, whose
"Supervision of Medical Assistants" sections (NAC 630.800 to 630.830,
regulation R094-12, effective 2013-02-20) govern delegation. NRS 630.0129
defines the medical assistant (NRS 633.075 for osteopathic practices, which
the State Board of Osteopathic Medicine regulates). Injections are delegable
but neuromodulator injections are reserved to listed licensees by NRS 454.217,
so injections read as `conditional`. The sources say nothing about IV
therapy, X-rays or the level of supervision, so those stay unknown.

Quirk: the NAC chapter page is one long document; the MA sections sit deep
inside it. Nevada cites "NRS 630.0129" / "NAC 630.830"; the shared patterns
do not cover either, hence the two citation rules below.
"""

from tracker.normalize.citation_names import names
from tracker.normalize.citations import citation, code
from tracker.registry import Jurisdiction, Regulator, Source

JURISDICTION = Jurisdiction(
    code="NV",
    name="Nevada",
    regulators=(
        Regulator("Nevada State Board of Medical Examiners", "https://medboard.nv.gov", "scope-of-practice"),
        Regulator("Nevada State Board of Osteopathic Medicine", "https://bom.nv.gov", "scope-of-practice"),
    ),
    sources=(
        Source(
            "nv-bme-ma-faq",
            "https://medboard.nv.gov/Licensees/Medical_Assistants/FAQ/",
            "faq",
            title="Medical assistants FAQ (Board of Medical Examiners)",
        ),
        Source(
            "nv-nac-630-ma-supervision",
            "https://www.leg.state.nv.us/NAC/NAC-630.html",
            "regulation",
            title="NAC chapter 630 (Supervision of Medical Assistants, NAC 630.800-630.830)",
        ),
    ),
    allowed_domains=("medboard.nv.gov", "leg.state.nv.us"),
    rules=(
        *names("NV"),
        code("statute", "NRS {0}", r"\d{3}[A-Z]?\.\d{3,4}", r"\bNRS"),
        citation("statute", r"\bNRS (\d{3}[A-Z]?\.\d{3,4})\b", "NRS {0}"),
        citation("regulation", r"\bNAC (\d{3}[A-Z]?\.\d{3,4})\b", "NAC {0}"),
        # "NAC 630.800 to 630.830, inclusive": the span is cited as one identifier too
        citation(
            "regulation", r"\bNAC (\d{3}\.\d{3,4}) ?(?:to|through|-|–) ?(?:NAC )?(\d{3}\.\d{3,4})\b", "NAC {0}-{1}"
        ),
    ),
)
