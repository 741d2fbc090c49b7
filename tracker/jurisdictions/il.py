"""Illinois: no MA credential; physicians may delegate tasks to trained unlicensed staff.

Sources (checked 2026-11): 225 ILCS 60/54.2 (physician delegation of
authority, amended by P.A. 103-0814) on the General Assembly's ILCS site,
and IDFPR's physician profession page with its FAQ on delegating to medical
assistants (which also points to the Nurse Practice Act limit on nurse
delegation, 225 ILCS 65/50-75).

Quirks: in an office or practice setting the delegation needs a licensed
health care professional on site, which reads as on-site supervision.
Public Act numbers are printed with and without the leading zero
("P.A. 103-814", "Public Act 103-0814"); both read as "P.A. 103-0814".
IV therapy and X-rays are not addressed.
"""

import re

from tracker.normalize.citation_names import names
from tracker.normalize.citations import citation, code
from tracker.registry import Jurisdiction, Regulator, Source

JURISDICTION = Jurisdiction(
    code="IL",
    name="Illinois",
    regulators=(
        Regulator(
            "Illinois Department of Financial and Professional Regulation (Medical Licensing Board)",
            "https://idfpr.illinois.gov",
            "scope-of-practice",
        ),
    ),
    sources=(
        Source(
            "il-ilcs-225-60-54-2",
            "https://www.ilga.gov/legislation/ilcs/documents/022500600K54.2.htm",
            "statute",
            title="225 ILCS 60/54.2 Physician delegation of authority",
        ),
        Source(
            "il-idfpr-physicians",
            "https://idfpr.illinois.gov/profs/physicians.html",
            "guidance",
            title="IDFPR Physicians page and delegation FAQ",
        ),
    ),
    allowed_domains=("ilga.gov", "idfpr.illinois.gov"),
    rules=(
        *names("IL"),
        citation("statute", r"\b(\d{1,3})\s+ILCS\s+(\d+)/(\d+(?:[.-]\d+)*)", "{0} ILCS {1}/{2}"),
        code(
            "statute",
            "P.A. {0}",
            r"\d{2,3}-\d{1,4}",
            r"\b(?:P\.\s?A\.|Public Act)",
            fix=lambda n: re.sub(r"-0*(\d+)$", lambda m: "-" + m.group(1).zfill(4), n),
        ),
    ),
)
