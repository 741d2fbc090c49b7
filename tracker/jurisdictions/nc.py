"""North Carolina: no MA credential; physicians and nurses delegate to unlicensed staff.

Sources (checked 2026-11): the Medical Board's position statement on
physician supervision and delegation, the Board of Nursing's page on nurse
aides and other unlicensed assistive personnel (UAP), and the unlicensed-
practice statute G.S. 90-18 on the General Assembly's site. Medical
assistants count as UAP; the state sets no training minimum, and the
delegating physician or nurse answers for their competence.
Quirk: no source says how closely a medical assistant must be supervised,
nor anything about IV therapy or X-rays, so those stay unknown. North
Carolina cites "G.S. 90-18" / "N.C. Gen. Stat. § 90-18"; the Board of
Nursing's decision tree and the Medical Board's position statement are
cited as policies.
"""

from tracker.normalize.citation_names import names
from tracker.normalize.citations import citation, code
from tracker.registry import Jurisdiction, Regulator, Source

JURISDICTION = Jurisdiction(
    code="NC",
    name="North Carolina",
    regulators=(
        Regulator("North Carolina Medical Board", "https://www.ncmedboard.org", "scope-of-practice"),
        Regulator("North Carolina Board of Nursing", "https://www.ncbon.com", "nursing"),
    ),
    sources=(
        Source(
            "nc-ncmb-supervision-position-statement",
            "https://www.ncmedboard.org/resources-information/professional-resources/laws-rules-position-statements/position-statements/physician_supervision_of_other_licensed_health_care_practitioners",
            "policy",
            title="NCMB position statement: physician supervision and delegation",
        ),
        Source(
            "nc-ncbon-nurse-aides-uap",
            "https://www.ncbon.com/general-information-nurse-aides",
            "guidance",
            title="NCBON: nurse aides and unlicensed assistive personnel",
        ),
        Source(
            "nc-gs-90-18",
            "https://www.ncleg.gov/EnactedLegislation/Statutes/HTML/BySection/Chapter_90/GS_90-18.html",
            "statute",
            title="G.S. 90-18 Practicing without license; exceptions",
        ),
    ),
    allowed_domains=("ncmedboard.org", "ncbon.com", "ncleg.gov"),
    rules=(
        *names("NC"),
        code("regulation", "{1} NCAC {2} {0}", r"\.\d{4}", r"\b(\d{1,2}) NCAC (\d{1,2}[A-Z]?)"),
        code(
            "statute",
            "N.C. Gen. Stat. § {0}",
            r"\d{1,3}[A-Z]?-\d+(?:\.\d+)?",
            r"\b(?:N\.C\. ?Gen\. ?Stat\.|N\.C\.G\.S\.|G\.S\.|NCGS)\s*§*",
        ),
        citation(
            "statute",
            r"\b(?:N\.C\. ?Gen\. ?Stat\.|G\.S\.|NCGS)\s*§*\s*(\d{1,3}[A-Z]?-\d+(?:\.\d+)?)",
            "N.C. Gen. Stat. § {0}",
        ),
        citation(
            "policy",
            r"\b(?:Decision Tree for Delegation to UAP|UAP [Dd]elegation [Dd]ecision [Tt]ree)\b",
            "NCBON Decision Tree for Delegation to UAP",
        ),
        citation(
            "policy",
            r"\b[Pp]osition [Ss]tatement,? [\"\u201c]?(Physician Supervision of Other Licensed Health Care Practitioners)\b",
            "NCMB Position Statement: {0}",
        ),
    ),
)
