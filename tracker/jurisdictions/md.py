"""Maryland: no MA credential; COMAR 10.32.12 lists what a physician may delegate.

Sources (checked 2026-11): the Board of Physicians' regulations index page
(with the board's note on delegation to assistants and a "Last updated"
line) and COMAR 10.32.12 "Delegation of Duties by a Licensed Physician -
Assistant" on the Division of State Documents site: regulation .01 is the
declared source and links .02 to .04, which are followed.

Quirks: the chapter says it creates no licence, certificate or registration
for assistants. Two supervision levels: with on-site supervision a trained
assistant may give ID/SC/IM injections and start a peripheral IV line; with
direct supervision, inject IV drugs or contrast. Both are read as
`conditional`. X-rays are not addressed. Maryland cites its regulations as
"COMAR 10.32.12.04" (canonical: the chapter, or the regulation when given).
"""

from tracker.normalize.citations import citation, code
from tracker.registry import Jurisdiction, Regulator, Source

JURISDICTION = Jurisdiction(
    code="MD",
    name="Maryland",
    regulators=(Regulator("Maryland State Board of Physicians", "https://www.mbp.state.md.us", "scope-of-practice"),),
    sources=(
        Source(
            "md-comar-10-32-12",
            "http://www.dsd.state.md.us/comar/comarhtml/10/10.32.12.01.htm",
            "regulation",
            title="COMAR 10.32.12 Delegation of Duties by a Licensed Physician - Assistant",
            follow=(r"/comar/comarhtml/10/10\.32\.12\.0[2-9]\.htm$",),
        ),
        Source(
            "md-mbp-practitioner-regs",
            "https://www.mbp.state.md.us/resource_information/res_pro/resource_Practitioner_regs.aspx",
            "guidance",
            title="Code of Maryland Regulations, Subtitle 32 (Board of Physicians)",
        ),
    ),
    allowed_domains=("dsd.state.md.us", "mbp.state.md.us"),
    rules=(
        code("regulation", "COMAR {0}", r"\d{2}\.\d{2}\.\d{2}(?:\.\d{2})?", r"\bCOMAR", heading=True),
        code(
            "statute",
            "Md. Code, Health Occ. § {0}",
            r"\d+-\d+(?:\.\d+)?",
            r"\b(?:Md\. Code(?: Ann\.)?,? )?Health Occ(?:upations|\.)(?: Article| Art\.)?,?",
        ),
        citation("regulation", r"\bCOMAR\s+(\d{2}\.\d{2}\.\d{2}(?:\.\d{2})?)\b", "COMAR {0}"),
    ),
)
