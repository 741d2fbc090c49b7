"""South Carolina: no state credential; tasks need a statutory certified medical assistant (CMA).

Sources (checked 2026-11): the Board of Medical Examiners' policies page,
its advisory opinion on certified medical assistants (PDF), and Title 40,
chapter 47 of the Code on scstatehouse.gov. A CMA (S.C. Code 40-47-20(57))
is an accredited-program graduate holding a national certification (AAMA,
NCCT, AMT, NCMA or board-approved); the state issues no credential, so the
requirement reads as `training`. Delegation to CMAs is under 40-47-196;
other unlicensed assistive personnel may not give medications
(40-33-20, 40-33-42(C)). PAs and APRNs may not delegate radiographs unless
the CMA is also a limited practice radiographer (`conditional`). Acts 171
of 2022 (S. 613) and 209 of 2024 (H. 5183). IV and supervision level are
not addressed in the sources we track.

Quirk: citations are bare section numbers ("Section 40-47-196"); the
definition's item number is part of the identifier because the statute's
definitions are renumbered when terms are added.
"""

from tracker.normalize.citations import citation
from tracker.registry import Jurisdiction, Regulator, Source

JURISDICTION = Jurisdiction(
    code="SC",
    name="South Carolina",
    regulators=(
        Regulator("South Carolina Board of Medical Examiners", "https://llr.sc.gov/med/", "scope-of-practice"),
        Regulator("South Carolina Board of Nursing", "https://llr.sc.gov/nurse/", "nursing"),
    ),
    sources=(
        Source(
            "sc-bme-policies",
            "https://llr.sc.gov/med/policies.aspx",
            "guidance",
            title="Policies, guidelines and advisory opinions (Board of Medical Examiners)",
        ),
        Source(
            "sc-bme-cma-advisory-opinion",
            "https://llr.sc.gov/med/pdf/Advisory-Opinion-Certified-Medical-Assistants.pdf",
            "opinion",
            title="Advisory opinion: delegation of tasks to certified medical assistants",
        ),
        Source(
            "sc-code-40-47",
            "https://www.scstatehouse.gov/code/t40c047.php",
            "statute",
            title="S.C. Code Title 40, Chapter 47 (section 40-47-196)",
        ),
    ),
    allowed_domains=("llr.sc.gov", "scstatehouse.gov"),
    rules=(
        citation("bill", r"\b([SH])(\d{3,4})\b", "{0}. {1}"),
        citation("statute", r"^\W*A(\d{1,3}), R\d{1,3}, [SH]\d{3,4}\b", "Act {0} of {year}"),
        citation("statute", r"(?<![\d-])(40-(?:33|47)-\d{1,3}(?:\((?:\d{1,3}|[A-Z])\))?)(?![\d-])", "S.C. Code § {0}"),
        citation("statute", r"\bAct (?:No\. )?(\d{1,3}) of (20\d\d)\b", "Act {0} of {1}"),
        citation("statute", r"\b(20\d\d) Act No\. (\d{1,3})\b", "Act {1} of {0}"),
        citation("bill", r"\b([SH])\. ?(\d{3,4})\b", "{0}. {1}"),
    ),
)
