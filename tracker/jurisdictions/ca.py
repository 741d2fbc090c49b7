"""California: no MA credential; the Medical Board sets training minimums for tasks.

Sources (checked 2026-11): the Medical Board's medical-assistant page (which
links the board's PDF leaflet, followed) and its FAQ. Medical assistants are
unlicensed; injections, skin tests, venipuncture and inhaled medication need
documented minimum training (16 CCR 1366 ff.), so the credential requirement
reads as `training`. X-rays need a separate CDPH limited permit.
"""

from tracker.normalize.citations import citation, code
from tracker.registry import Jurisdiction, Regulator, Source

JURISDICTION = Jurisdiction(
    code="CA",
    name="California",
    regulators=(
        Regulator("Medical Board of California", "https://www.mbc.ca.gov", "scope-of-practice"),
        Regulator(
            "California Department of Public Health, Radiologic Health Branch", "https://www.cdph.ca.gov", "radiology"
        ),
    ),
    sources=(
        Source(
            "ca-mbc-medical-assistants",
            "https://www.mbc.ca.gov/Licensees/Physicians_and_Surgeons/Medical_Assistants/",
            "guidance",
            title="Medical Assistants (Medical Board of California)",
            follow=(r"/Download/Publications/[^/]+\.pdf$",),
        ),
        Source(
            "ca-mbc-ma-faq",
            "https://www.mbc.ca.gov/FAQs/?cat=Licensees&topic=Medical+Assistants",
            "faq",
            title="Medical assistant FAQs",
        ),
    ),
    allowed_domains=("mbc.ca.gov",),
    rules=(
        code("statute", "Cal. Bus. & Prof. Code § {0}", r"20[5-9]\d(?:\.\d+)?", heading=True, subsections=True),
        code("regulation", "16 CCR § {0}", r"136\d(?:\.\d+)?", bare=True, heading=True),
        # California's drafting order: "paragraph (3) of subdivision (b) of Section 2069"
        citation(
            "statute",
            r"\bparagraph \((\d+)\) of subdivision \(([a-z])\) of Section (20[5-9]\d(?:\.\d+)?)\b",
            "Cal. Bus. & Prof. Code § {2}({1})({0})",
        ),
    ),
)
