"""Massachusetts: no MA credential; only a "certified medical assistant" may give vaccines.

Sources (checked 2026-11): the session law that created the rule, Chapter
234 of the Acts of 2016 (it added M.G.L. c. 112, § 265 and amended
M.G.L. c. 94C, § 9(a)), and the Department of Public Health's page on
immunization by certified medical assistants, which links DPH's guidance
for primary care practices as a PDF (followed).

Quirks: "certified medical assistant" is a statutory definition (graduate of
an accredited program, employed by a licensed primary care provider, acting
on specific authorization under direct supervision), not a state-issued
credential, so the credential requirement reads as `training`. The DPH
guidance lists the national certifications the department accepts as proof
of a passed certification examination. Massachusetts cites its General Laws
as "M.G.L. c. 112, § 265" or "section 265 of chapter 112" and its session
laws as "chapter 234 of the acts of 2016" / "St. 2016, c. 234"; one
canonical identifier per section (subsections dropped).
"""

import re

from tracker.normalize.citation_names import names
from tracker.normalize.citations import citation, code
from tracker.registry import Jurisdiction, Regulator, Source

JURISDICTION = Jurisdiction(
    code="MA",
    name="Massachusetts",
    regulators=(
        Regulator(
            "Massachusetts Department of Public Health",
            "https://www.mass.gov/orgs/department-of-public-health",
            "scope-of-practice",
        ),
        Regulator(
            "Massachusetts Board of Registration in Medicine",
            "https://www.mass.gov/orgs/board-of-registration-in-medicine",
            "other",
        ),
        Regulator("Massachusetts General Court", "https://malegislature.gov", "rulemaking"),
    ),
    sources=(
        Source(
            "ma-dph-cma-immunization",
            "https://www.mass.gov/info-details/immunization-administration-by-certified-medical-assistants",
            "guidance",
            title="Immunization administration by certified medical assistants (DPH)",
            follow=(r"^https://www\.mass\.gov/doc/[a-z0-9-]+/download$",),
        ),
        Source(
            "ma-st-2016-c234",
            "https://malegislature.gov/Laws/SessionLaws/Acts/2016/Chapter234",
            "statute",
            title="Chapter 234 of the Acts of 2016 (An Act increasing access to immunizations)",
        ),
    ),
    allowed_domains=("malegislature.gov", "mass.gov"),
    rules=(
        *names("MA"),
        citation("bill", r"\b([SH])(?:ENATE|OUSE),? NO\. ?(\d{2,5})\b", "{0}{1}"),
        citation(
            "statute",
            r"\b(?:M\.\s?G\.\s?L\.|MGL|G\.\s?L\.|General Laws)\s*,?\s*(?:c\.|ch\.|chapter)\s*(\d+[A-Z]?)\s*,?\s*(?:§+|s\.|sec\.|section)\s*(\d+[A-Z]?)",
            "M.G.L. c. {0}, § {1}",
            re.I,
        ),
        citation(
            "statute",
            r"\bsection\s+(\d+[A-Z]?)\s+of\s+chapter\s+(\d+[A-Z]?)\b(?!\s+of\s+the\s+acts)",
            "M.G.L. c. {1}, § {0}",
            re.I,
        ),
        citation("statute", r"\bchapter\s+(\d+)\s+of\s+the\s+acts\s+of\s+(\d{4})\b", "St. {1}, c. {0}", re.I),
        citation("statute", r"\bSt\.\s*(\d{4}),\s*c\.\s*(\d+)\b", "St. {0}, c. {1}"),
        citation("statute", r"\bActs of (\d{4}),?\s+Chapter (\d+)\b", "St. {0}, c. {1}"),
        # "Chapter 112 of the General Laws is hereby amended by adding the following section:- Section 265."
        citation(
            "statute",
            r"\b[Cc]hapter (\d+[A-Z]?) of the General Laws[^.]{0,80}?\bby (?:adding|inserting)\b[^.]{0,60}?"
            r"\bfollowing (?:new )?sections?:?-?\s*(?:SECTION|Section) (\d+[A-Z]?)\.",
            "M.G.L. c. {0}, § {1}",
        ),
        code("regulation", "{1} CMR {0}", r"\d{3}\.\d{3}", r"\b(\d{3})\s*CMR"),
    ),
)
