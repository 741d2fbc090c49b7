"""Utah: medical assistants are unlicensed and exempt from licensure under the medical practice acts.

Sources (checked 2026-11): the Division of Professional Licensing (DOPL)
physician page, which has a section on medical assistants; Utah Code
58-67-305 (exemptions from licensure) on the Legislature's site; and the
enrolled text of H.B. 316 (2022), Medical Assistant Amendments.

Utah Code 58-67-102 and 58-68-102 define a medical assistant as an unlicensed
individual; 58-67-305(6) and 58-68-305(6) let a medical assistant give vaccines
under a physician's general supervision and perform other delegated tasks
under indirect supervision, but not surgery, prescribing or anesthesia
(beyond a listed exception).

Quirk: Utah sections are written bare ("Section 58-67-305(6)", "58-68-102");
any title-chapter-section number reads as "Utah Code § <section>". Bills are
written "H.B. 316". Between the bundled snapshots the DOPL page dropped an
old statement that medical assistants must be registered with the state.
"""

from tracker.normalize.citations import citation
from tracker.registry import Jurisdiction, Regulator, Source

JURISDICTION = Jurisdiction(
    code="UT",
    name="Utah",
    regulators=(
        Regulator(
            "Utah Division of Professional Licensing (Physicians Licensing Board)",
            "https://dopl.utah.gov",
            "scope-of-practice",
        ),
        Regulator("Utah State Legislature", "https://le.utah.gov", "rulemaking"),
    ),
    sources=(
        Source(
            "ut-dopl-physician",
            "https://dopl.utah.gov/physician/",
            "guidance",
            title="DOPL: Physician and Surgeon (medical assistants section)",
        ),
        Source(
            "ut-code-58-67-305",
            "https://le.utah.gov/xcode/Title58/Chapter67/58-67-S305.html",
            "statute",
            title="Utah Code 58-67-305 Exemptions from licensure",
        ),
        Source(
            "ut-hb316-2022",
            "https://le.utah.gov/~2022/bills/hbillenr/HB0316.htm",
            "bill",
            title="H.B. 316 (2022) Medical Assistant Amendments, enrolled",
        ),
    ),
    allowed_domains=("utah.gov",),
    rules=(
        citation("statute", r"(?<![\d-])\b(\d{1,2}[a-z]?-\d{1,3}[a-z]?-\d{3,4}(?:\.\d+)?)\b(?!-)", "Utah Code § {0}"),
        citation("bill", r"\bH\.\s?B\.\s?(\d{1,4})\b", "HB {0}"),
    ),
)
