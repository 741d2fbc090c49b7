"""North Dakota: the Board of Nursing registers medical assistants on its UAP registry.

Sources (checked 2026-11): the Board of Nursing's Medication Assistant III
page and FAQ, and the Board's rule chapter N.D.A.C. 54-07-05 (medication
administration by medication assistants), published as a PDF on the
Legislative Branch site. A medical assistant is registered as a technician
on the unlicensed assistive person (UAP) registry; to give medications,
injections included, the assistant must also be registered as a Medication
Assistant III, which needs a current national certification and a program
with in-person medication-administration training.
Quirks: a 2004 Attorney General letter opinion (2004-L-20) ended medication
administration by medical assistants until the Board's rules restored it
(effective 1 August 2005). The state's credential names are not written in
the "Medical Assistant-Registered (MA-R)" style the shared rules read, so
this module reads "Medication Assistant III (MA III)" and the UAP registry
listing itself, plus North Dakota's citation styles (N.D.C.C. / N.D.A.C.
sections and AG letter opinions).
"""

import re
from collections.abc import Iterable

from tracker.normalize.citations import citation, code
from tracker.normalize.patterns import phrase
from tracker.normalize.rules import Finding, is_hypothetical, reads
from tracker.registry import Jurisdiction, Regulator, Source

# the credential by its name; "MA III registry" alone names the list an applicant seeks, not the credential
_MA_III = re.compile(r"\bMedication Assistant III\b")
_UAP_TECH = phrase(
    r"\bunlicensed assistive person(?:nel)? \(UAP\) registry\b[^.;]{0,80}?\btechnician\b"
    r"|\bregistry for:? (?:the )?unlicensed assistive persons? \(UAP\)"
    r"|\bmust (?:also |already )?be (?:listed )?on the UAP registry\b",
)


@reads("clause")
def nd_credential_names(clause: str) -> Iterable[Finding]:
    """North Dakota's registry listings for medical assistants, by the names the Board uses."""
    if is_hypothetical(clause):
        return
    if _UAP_TECH.search(clause):
        yield Finding(
            "credential.state_credentials",
            {
                "name": "Unlicensed Assistive Person (UAP) registry - technician (medical assistant)",
                "abbreviation": "UAP",
            },
        )
    if _MA_III.search(clause):
        yield Finding("credential.state_credentials", {"name": "Medication Assistant III", "abbreviation": "MA III"})


JURISDICTION = Jurisdiction(
    code="ND",
    name="North Dakota",
    regulators=(Regulator("North Dakota Board of Nursing", "https://www.ndbon.org", "credentialing"),),
    sources=(
        Source(
            "nd-bon-medication-assistant-iii",
            "https://www.ndbon.org/UAP-MAIII/MAIII.asp",
            "guidance",
            title="Medication Assistant III (Board of Nursing)",
        ),
        Source(
            "nd-bon-ma-iii-faq",
            "https://www.ndbon.org/FAQ/MedicationAsstIII.asp",
            "faq",
            title="Medication Assistant III FAQ",
        ),
        Source(
            "nd-ndac-54-07-05",
            "https://www.ndlegis.gov/information/acdata/pdf/54-07-05.pdf",
            "regulation",
            title="N.D.A.C. chapter 54-07-05 Medication administration by medication assistants",
        ),
    ),
    allowed_domains=("ndbon.org", "ndlegis.gov"),
    rules=(
        code(
            "regulation",
            "N.D.A.C. {0}",
            r"\d{2}-\d{2}-\d{2}(?:\.\d)?",
            r"\b(?:N\.D\.A\.C\.|N\.D\. Admin\. Code|NDAC)|\b[Cc]hapters?",
        ),
        citation("opinion", r"\b(\d{4}-L-\d{1,3})\b", "N.D. AG Letter Opinion {0}"),
        code(
            "statute",
            "N.D.C.C. {0}",
            r"\d{1,2}(?:\.\d)?-\d{2}(?:\.\d)?-\d{2}(?:\.\d)?",
            r"\b(?:N\.D\.C\.C\.|N\.D\. Cent\. Code|NDCC)\s*§?",
        ),
        citation(
            "statute",
            r"\b(?:N\.D\.C\.C\.|N\.D\. Cent\. Code|NDCC)\s*(?:ch(?:apter|\.)\s*|§\s*)?(\d{1,2}(?:\.\d)?-\d{2}(?:\.\d)?(?:-\d{2}(?:\.\d)?)?)\b",
            "N.D.C.C. {0}",
        ),
        citation(
            "statute",
            r"\b(?:chapter|section) (\d{1,2}(?:\.\d)?-\d{2}(?:\.\d)?(?:-\d{2}(?:\.\d)?)?),? (?:of the )?(?:N\.D\.C\.C\.|North Dakota Century Code)",
            "N.D.C.C. {0}",
        ),
        citation(
            "regulation",
            r"\b(?:N\.D\.A\.C\.|N\.D\. Admin\. Code|NDAC)\s*(?:ch(?:apter|\.)\s*|§\s*)?(\d{2}-\d{2}-\d{2}(?:\.\d)?)\b",
            "N.D.A.C. {0}",
        ),
        citation(
            "regulation",
            r"\b(?:[Cc]hapter|[Ss]ection) (\d{2}-\d{2}-\d{2}(?:\.\d)?),? (?:of the )?(?:N\.D\.A\.C\.|North Dakota Administrative Code)",
            "N.D.A.C. {0}",
        ),
        citation(
            "opinion",
            r"\b(?:[Ll]etter [Oo]pinion|Op\.|Opinion)\s*(?:No\.\s*)?(\d{4}-L-\d{1,3})\b",
            "N.D. AG Letter Opinion {0}",
        ),
        nd_credential_names,
    ),
)
