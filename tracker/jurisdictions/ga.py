"""Georgia: no MA credential; O.C.G.A. 43-34-44 lets physicians use MAs for injections.

Sources (checked 2026-11): the Georgia Composite Medical Board's "Laws" page
and the Board's guidance document on medical assistants (a PDF served from
the board's document library at a stable download URL; the file is
re-issued in place when the Board revises it).

Quirks: the statute does not require the physician to be on the premises at
all times, which reads as general supervision. The Board cites its rule
360-3-.05 next to the statute; both "Rule 360-3-.05" and "Ga. Comp. R. &
Regs. r. 360-3-.05" read as one identifier. The sources say nothing on IV
therapy or X-rays, so both stay unaddressed.
"""

from tracker.normalize.citation_names import names
from tracker.normalize.citations import citation, code
from tracker.registry import Jurisdiction, Regulator, Source

JURISDICTION = Jurisdiction(
    code="GA",
    name="Georgia",
    regulators=(Regulator("Georgia Composite Medical Board", "https://medicalboard.georgia.gov", "scope-of-practice"),),
    sources=(
        Source(
            "ga-gcmb-laws",
            "https://medicalboard.georgia.gov/laws",
            "guidance",
            title="Laws (Georgia Composite Medical Board)",
        ),
        Source(
            "ga-gcmb-ma-guidance",
            "https://medicalboard.georgia.gov/document/document/medical-assistants-board-guidance/download",
            "guidance",
            title="Medical assistants: Board guidance (PDF)",
        ),
    ),
    allowed_domains=("medicalboard.georgia.gov",),
    rules=(
        *names("GA"),
        code("statute", "O.C.G.A. § {0}", r"\d+-\d+-\d+", r"\bO\.C\.G\.A\.|\bCode Sections?", bare=True, heading=True),
        citation("statute", r"\b(?:O\.C\.G\.A\.|Code Section)\s*§*\s*(\d+-\d+-\d+)", "O.C.G.A. § {0}"),
        citation(
            "regulation",
            r"\b(?:Ga\. Comp\. R\. & Regs\.\s*(?:r\.\s*)?|(?:Board )?Rules?\s+)(\d{3}-\d+-\.\d+)",
            "Ga. Comp. R. & Regs. {0}",
        ),
    ),
)
