"""New York: medical assistants are unlicensed persons and may not give injections.

Sources (checked 2026-11): two NYSED Office of the Professions guidance pages,
on medication administration by unlicensed persons and on the utilization of
medical assistants. Bill S5340C (2025-26) would let MAs give immunizations;
it is pending, so the shared rules record it as a pending citation and never
as a rule.
"""

from tracker.normalize.citation_names import names
from tracker.normalize.citations import citation, code
from tracker.registry import Jurisdiction, Regulator, Source

JURISDICTION = Jurisdiction(
    code="NY",
    name="New York",
    regulators=(
        Regulator(
            "New York State Education Department, Office of the Professions",
            "https://www.op.nysed.gov",
            "scope-of-practice",
        ),
    ),
    sources=(
        Source(
            "ny-op-unlicensed-medication",
            "https://www.op.nysed.gov/professions/nursing/rn-lpn-practice-issues/medication-administration-by-unlicensed-persons",
            "guidance",
            title="Medication administration by unlicensed persons",
        ),
        Source(
            "ny-op-utilization-of-mas",
            "https://www.op.nysed.gov/professions/specialist-assistants/professional-practice/utilization-of-medical-assistants",
            "guidance",
            title="Utilization of medical assistants",
        ),
    ),
    allowed_domains=("op.nysed.gov",),
    rules=(
        *names("NY"),
        code("statute", "N.Y. Educ. Law § {0}", r"6[5-9]\d\d(?:-[a-z])?", bare=True, subsections=True),
        citation(
            "regulation",
            r"\bSection (\d+)((?:\([a-z0-9]+\))*) of Part (\d+) of the Rules of the Board of Regents",
            "8 NYCRR {2}.{0}{1}",
        ),
    ),
)
