"""Oregon: no MA credential; Medical Board philosophy statement; OBMI limited x-ray permits.

Sources (checked 2026-11): the Oregon Medical Board's statement of philosophy
"Use of Unlicensed Healthcare Personnel" (kind policy) and the Oregon Board of
Medical Imaging page for Limited X-Ray Machine Operator (LXMO) permit
applicants. The supervising physician or PA is accountable and may have an MA
give ordered medications, injections included (`allowed`). X-rays need an
LXMO permit (ORS 688.405 to 688.605, OAR 337-010-0030): `conditional`. IV and
the level of supervision are not stated in the sources we track.

Quirk: the LXMO course, exam score (70%) and yearly continuing education
(9-12 hours) are permit rules, not MA training minimums.
"""

from tracker.normalize.citation_names import names
from tracker.normalize.citations import citation, code
from tracker.registry import Jurisdiction, Regulator, Source

JURISDICTION = Jurisdiction(
    code="OR",
    name="Oregon",
    regulators=(
        Regulator("Oregon Medical Board", "https://www.oregon.gov/omb", "scope-of-practice"),
        Regulator("Oregon Board of Medical Imaging", "https://www.oregon.gov/obmi", "radiology"),
    ),
    sources=(
        Source(
            "or-omb-unlicensed-personnel",
            "https://www.oregon.gov/omb/board/philosophy/pages/use-of-unlicensed-healthcare-personnel.aspx",
            "policy",
            title="Statement of Philosophy: Use of Unlicensed Healthcare Personnel (OMB)",
        ),
        Source(
            "or-obmi-limited-xray-permit",
            "https://www.oregon.gov/OBMI/Pages/For-Limited-X-Ray-Permit-Applicants.aspx",
            "guidance",
            title="For Limited X-Ray Permit Applicants (OBMI)",
        ),
    ),
    allowed_domains=("oregon.gov",),
    rules=(
        *names("OR"),
        code(
            "statute",
            "ORS {0}",
            r"\d{3}\.\d{3}",
            r"\bORS",
            span="ORS {0}-{1}",
        ),
        citation("statute", r"\bORS (\d{3}\.\d{3}) ?(?:-|–) ?(?:ORS )?(\d{3}\.\d{3})\b", "ORS {0}-{1}"),
        citation("statute", r"\bORS [Cc]hapter (\d{3})\b", "ORS ch. {0}"),
        citation("statute", r"\b[Cc]hapter (\d{3}),? ORS\b", "ORS ch. {0}"),
        code("regulation", "OAR {0}", r"\d{3}-\d{3}-\d{4}", r"\bOAR", heading=True),
        citation(
            "policy",
            r"\bStatement of Philosophy\W{0,3}(?:on |regarding )?[\"“']?Use of Unlicensed Health ?care Personnel\b",
            "OMB Statement of Philosophy: Use of Unlicensed Healthcare Personnel",
        ),
    ),
)
