"""Washington: the Department of Health credentials medical assistants.

This module is the house-style example for a jurisdiction. A jurisdiction
declares, as plain data:

- its regulators (who sets the rules, and in what role);
- the sources a compliance analyst would watch, each with a stable
  `source_id` (part of every diff key: never reuse one) and a `kind` that
  decides precedence when sources disagree (statute/regulation > guidance >
  FAQ; bills never set a rule);
- `allowed_domains`: the spider never follows a link or redirect off these;
- `follow`: link patterns on a source page worth fetching too (PDFs, sub-pages);
- `rules`: extra phrase rules for what the shared rules in
  `tracker/normalize/rules.py` do not already read. Most states need none.

The spider (built from the registry in `scrapers/spiders/`) and the normalizer
both read this one declaration.

Sources (checked 2026-11): DOH's medical-assistant credential page, the
training rule WAC 246-827-0200 and the duties statute RCW 18.360.050.
Quirk: Washington has five credential types with different duties; the
shared rules read "Medical Assistant-Certified (MA-C)" style names, and a
task allowed for one credential but not another comes out `conditional`.
"""

from tracker.normalize.citation_names import names
from tracker.normalize.citations import code
from tracker.registry import Jurisdiction, Regulator, Source

DOH = "Washington State Department of Health"

JURISDICTION = Jurisdiction(
    code="WA",
    name="Washington",
    regulators=(Regulator(DOH, "https://doh.wa.gov", "credentialing"),),
    sources=(
        Source(
            "wa-doh-medical-assistant",
            "https://doh.wa.gov/licenses-permits-and-certificates/professions-new-renewed-or-updated/medical-assistant",
            "guidance",
            title="Medical assistant credentials (DOH)",
        ),
        Source(
            "wa-wac-246-827-0200",
            "https://app.leg.wa.gov/WAC/default.aspx?cite=246-827-0200",
            "regulation",
            title="WAC 246-827-0200 MA-C training and examination",
        ),
        Source(
            "wa-rcw-18-360-050",
            "https://app.leg.wa.gov/RCW/default.aspx?cite=18.360.050",
            "statute",
            title="RCW 18.360.050 Authorized duties",
        ),
    ),
    allowed_domains=("doh.wa.gov", "app.leg.wa.gov"),
    rules=(
        *names("WA"),
        code("regulation", "WAC {0}", r"\d{3}-\d{2,3}-\d{3,4}", bare=True, heading=True),
    ),
)
