"""Virginia: no MA credential; Board licensees delegate nondiscretionary tasks to supervised personnel.

Sources (checked 2026-11): the Board of Medicine's guidance-documents page
(only its delegation guidance PDF, on medical assistants and other unlicensed
personnel, is followed; the other guidance documents are off topic), and Code
of Virginia §§ 54.1-2901 and 54.1-3408 on the Legislative Information System.

Va. Code § 54.1-2901(A)(6) lets a licensee delegate to personnel he or she
supervises tasks that need no professional judgment and are customarily
delegated, with the licensee responsible; § 54.1-3408 says who may administer
drugs. The Board reads these together as letting medical assistants give
injections on delegation (an interpretation the reference marks for review).

Quirk: Virginia cites "§ 54.1-2901(A)(6)" or "Va. Code § 54.1-3408"; a title
number with a decimal point ("54.1") is Virginia's, so any "§ <title>-<section>"
reads as "Va. Code § <section>" (subsections dropped).
"""

import re

from tracker.normalize.citations import citation, code
from tracker.registry import Jurisdiction, Regulator, Source

JURISDICTION = Jurisdiction(
    code="VA",
    name="Virginia",
    regulators=(
        Regulator(
            "Virginia Board of Medicine (Department of Health Professions)",
            "https://www.dhp.virginia.gov/Boards/Medicine/",
            "scope-of-practice",
        ),
    ),
    sources=(
        Source(
            "va-bom-guidance-documents",
            "https://www.dhp.virginia.gov/Boards/Medicine/PractitionerResources/GuidanceDocuments/",
            "guidance",
            title="Board of Medicine guidance documents",
            follow=(r"/media/dhpweb/docs/med/guidelines/delegation-[^/]+\.pdf$",),
        ),
        Source(
            "va-code-54-1-2901",
            "https://law.lis.virginia.gov/vacode/title54.1/chapter29/section54.1-2901/",
            "statute",
            title="Va. Code § 54.1-2901 Exceptions and exemptions generally",
        ),
        Source(
            "va-code-54-1-3408",
            "https://law.lis.virginia.gov/vacode/title54.1/chapter34/section54.1-3408/",
            "statute",
            title="Va. Code § 54.1-3408 Professional use by practitioners",
        ),
    ),
    allowed_domains=("virginia.gov",),
    rules=(
        code(
            "statute",
            "Va. Code § {0}",
            r"\d{1,2}(?:\.\d+|-1(?=-))-\d{1,4}(?:\.\d+)*(?::\d+)?",
            r"\bVa\.\s?Code(?:\s?Ann\.)?,?|\bCode of Virginia,?",
            r"Code of Virginia",
            bare=True,
            fix=lambda n: re.sub(r"^(\d+)-1-", r"\1.1-", n),
        ),
        citation(
            "statute",
            r"(?:Va\.\s?Code(?:\s?Ann\.)?|Code of Virginia),?\s*(?:§§?\s*|Sections?\s+)?(\d{1,2}(?:\.\d+)?-\d{1,4}(?:\.\d+)?)",
            "Va. Code § {0}",
        ),
        citation("statute", r"§§?\s*(\d{1,2}\.\d+-\d{1,4}(?:\.\d+)?)", "Va. Code § {0}"),
        citation("regulation", r"\b(\d{1,2}) ?VAC ?(\d{1,3})-(\d{1,3})-(\d{1,4})\b", "{0}VAC{1}-{2}-{3}"),
        citation(
            "regulation",
            r"\b(\d{1,2}) Va\. Admin\. Code §\s*(\d{1,3})-(\d{1,3})-(\d{1,4})\b",
            "{0}VAC{1}-{2}-{3}",
        ),
    ),
)
