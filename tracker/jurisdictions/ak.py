"""Alaska: no MA credential; physicians delegate routine duties under 12 AAC 40.920.

Sources (checked 2026-11): the State Medical Board's FAQ page (the board is
staffed by the Division of Corporations, Business and Professional Licensing)
and the board's compiled "Statutes and Regulations" PDF, which carries the
delegation rule 12 AAC 40.920 (effective December 25, 2019). Alaska does not
credential medical assistants; a physician, podiatrist or physician assistant
may delegate intramuscular, subcutaneous and intradermal injections to a
trained assistant for stable patients, under direct, on-site supervision.
The Board of Nursing's own delegation rules (12 AAC 44.966) are cited too.

Quirks: Alaska cites statutes as "AS 08.64" (added here) and regulations as
"12 AAC 40.920" (a shared pattern, which reads at section level, so
"12 AAC 40.480(b)" is recorded as "12 AAC 40.480"). The division's site is a
DotNetNuke portal: the FAQ sits under deep navigation and the PDF is served
from /web/portals/5/pub/.
"""

from tracker.normalize.citation_names import names
from tracker.normalize.citations import citation
from tracker.registry import Jurisdiction, Regulator, Source

JURISDICTION = Jurisdiction(
    code="AK",
    name="Alaska",
    regulators=(
        Regulator(
            "Alaska State Medical Board (Division of Corporations, Business and Professional Licensing)",
            "https://www.commerce.alaska.gov/web/cbpl/ProfessionalLicensing/StateMedicalBoard.aspx",
            "scope-of-practice",
        ),
        Regulator(
            "Alaska Board of Nursing",
            "https://www.commerce.alaska.gov/web/cbpl/ProfessionalLicensing/BoardofNursing.aspx",
            "nursing",
        ),
    ),
    sources=(
        Source(
            "ak-smb-faq",
            "https://www.commerce.alaska.gov/web/cbpl/ProfessionalLicensing/StateMedicalBoard/FrequentlyAskedQuestions.aspx",
            "faq",
            title="State Medical Board frequently asked questions",
        ),
        Source(
            "ak-smb-statutes-regulations",
            "https://www.commerce.alaska.gov/web/portals/5/pub/MedicalStatutes.pdf",
            "regulation",
            title="Statutes and Regulations: Medicine (incl. 12 AAC 40.920)",
        ),
    ),
    allowed_domains=("alaska.gov",),
    rules=(
        *names("AK"),
        citation("regulation", r"(?<![\d ])(?<!\d)\bAAC (\d{2}\.\d{3})\b", "12 AAC {0}"),
        citation("statute", r"\b(?:AS|Alaska Statutes?)\s+(?:§\s*)?(\d{2}\.\d{2}(?:\.\d{3})?)\b", "AS {0}"),
    ),
)
