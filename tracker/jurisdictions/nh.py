"""New Hampshire: medical assistants hold no license and no body regulates them.

Sources (checked 2026-11): the Board of Nursing's Medical Assistant Position
Statement (a clinical advisory, still served at its old nh.gov address) and
the Office of Professional Licensure and Certification's scope-of-practice
page. Physicians delegate under RSA 329 and the Board of Medicine rules
(Med 100-600); nurses delegate under RSA 326-B and Nur 404 and must verify
and document a medical assistant's competency first.
Quirk: the position statement excludes a list of tasks from nurse delegation,
but the list is in an appendix that is not published with it, so neither
source says anything about injections, IV therapy, X-rays or a supervision
level; those stay unknown. New Hampshire cites "RSA 326-B:2", "Nur 404.01"
and "Med 100-600", which the shared patterns do not read.
"""

from tracker.normalize.citation_names import names
from tracker.normalize.citations import citation
from tracker.registry import Jurisdiction, Regulator, Source

JURISDICTION = Jurisdiction(
    code="NH",
    name="New Hampshire",
    regulators=(
        Regulator(
            "New Hampshire Board of Medicine (Office of Professional Licensure and Certification)",
            "https://www.oplc.nh.gov",
            "scope-of-practice",
        ),
        Regulator(
            "New Hampshire Board of Nursing (Office of Professional Licensure and Certification)",
            "https://www.oplc.nh.gov",
            "nursing",
        ),
    ),
    sources=(
        Source(
            "nh-bon-ma-position-statement",
            "http://www.nh.gov/nursing/nursing-practice/medical-asistant-statement.htm",
            "policy",
            title="Board of Nursing: Medical Assistant Position Statement",
        ),
        Source(
            "nh-oplc-scope-of-practice",
            "https://oplc.nh.gov/scope-practice",
            "guidance",
            title="OPLC: scope of practice",
        ),
    ),
    allowed_domains=("nh.gov",),
    rules=(
        *names("NH"),
        citation("statute", r"\bRSA (\d{1,3}(?:-[A-Z])?)(?::\d+(?:-[a-z])?)?\b", "RSA {0}"),
        citation("statute", r"^\W*(?:Section )?(\d{3}(?:-[A-Z])?):\d+(?:-[a-z])? [A-Z]", "RSA {0}"),
        citation("regulation", r"\bNur (\d{3})(?:\.\d{2})?\b(?! ?-)", "Nur {0}"),
        citation("regulation", r"\bNur (\d00) ?- ?(\d00)\b", "Nur {0}-{1}"),
        citation("regulation", r"\bMed (\d00) ?(?:-|through|to) ?(?:Med )?(\d00)\b", "Med {0}-{1}"),
        citation(
            "policy",
            r"\bMedical Assistant Position Statement\b",
            "NH Board of Nursing Medical Assistant Position Statement",
        ),
    ),
)
