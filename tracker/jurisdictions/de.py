"""Delaware: no MA credential; the Board of Nursing's APRN rule 8.7.15 covers MA medication administration.

Sources (checked 2026-11): the Board of Medical Licensure and Discipline's
page at the Division of Professional Regulation (medical assistants are not
licensed) and the Board of Nursing's regulations, 24 DE Admin. Code 1900,
whose APRN section 8.7.15 (proposed in 2022) lets an APRN assign medication
administration, injectables included, to a medical assistant with an MA
training program and a current national certification. Physician-side
delegation rules were not found, so supervision stays unspecified.

Quirks: "Del." ends a sentence for the shared splitter, so the pages (like
Delaware's own site) write "24 DE Admin. Code 1900-8.7.15" and "Chapter 19
of Title 24 of the Delaware Code"; both canonicalize here to the reference
forms "24 Del. Admin. Code 1900-8.7.15" and "24 Del. C. ch. 19".
"""

from tracker.normalize.citation_names import names
from tracker.normalize.citations import citation, code
from tracker.registry import Jurisdiction, Regulator, Source

JURISDICTION = Jurisdiction(
    code="DE",
    name="Delaware",
    regulators=(
        Regulator(
            "Delaware Board of Medical Licensure and Discipline",
            "https://dpr.delaware.gov/boards/medicalpractice/",
            "scope-of-practice",
        ),
        Regulator("Delaware Board of Nursing", "https://dpr.delaware.gov/boards/nursing/", "nursing"),
    ),
    sources=(
        Source(
            "de-bmld-home",
            "https://dpr.delaware.gov/boards/medicalpractice/",
            "faq",
            title="Board of Medical Licensure and Discipline (incl. FAQ)",
        ),
        Source(
            "de-bon-regulations-1900",
            "https://regulations.delaware.gov/AdminCode/title24/1900.shtml",
            "regulation",
            title="24 DE Admin. Code 1900 Board of Nursing (section 8.0, APRN practice)",
        ),
    ),
    allowed_domains=("delaware.gov",),
    rules=(
        *names("DE"),
        code("statute", "24 Del. C. § {0}", r"\d{4}", r"\b24 Del(?:\.|aware) ?C(?:\.|ode),?", subsections=True),
        citation("regulation", r"\b24 (?:DE|Del\.) Admin\.? Code,?\s*(\d{4})\b(?!-)", "24 Del. Admin. Code {0}"),
        citation(
            "regulation",
            r"\b24 (?:DE|Del\.) Admin\.? Code,?\s*(?:§\s*)?(1[0-8]\d\d|19[1-9]\d)-(\d+(?:\.\d+)+)\b",
            "24 Del. Admin. Code {0}-{1}",
        ),
        citation("regulation", r"^\W*Proposed (\d+\.\d+(?:\.\d+)*):", "24 Del. Admin. Code 1900-{0}"),
        citation(
            "regulation",
            r"\b24 (?:DE|Del\.) Admin\.? Code,?\s*(?:§\s*)?1900-(\d+(?:\.\d+)+)\b",
            "24 Del. Admin. Code 1900-{0}",
        ),
        citation("statute", r"\bChapter (\d+) of Title (\d+) of the Delaware Code\b", "{1} Del. C. ch. {0}"),
        citation("statute", r"\b(\d+) Del\. ?C\. (?:ch\.|[Cc]hapter) ?(\d+)\b", "{0} Del. C. ch. {1}"),
    ),
)
