"""Words the whole project shares: source kinds and their precedence, change categories and their order.

A leaf module (it imports nothing from the project), so the registry, the
normalizers, the alerts and the reports can all read it without importing
each other.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

# --- sources ---------------------------------------------------------------------------------------------------

SOURCE_KINDS = ("statute", "regulation", "policy", "guidance", "faq", "bill", "opinion", "other")
# statute and regulation outrank official guidance, which outranks FAQs
PRECEDENCE = {"statute": 0, "regulation": 0, "opinion": 1, "policy": 1, "guidance": 2, "faq": 3, "other": 3, "bill": 4}

# --- runs ------------------------------------------------------------------------------------------------------

# a run's status: crawl-only is a plain `scrapy crawl` that stored pages and read none (`licensure run` reads them)
RUN_STATUSES = ("succeeded", "failed", "interrupted", "skipped", "running", "crawl-only")

# --- changes ---------------------------------------------------------------------------------------------------

CATEGORY_ORDER = {"requirement": 0, "administrative": 1, "text": 2, "extraction": 3, "fetch": 4}
CATEGORY_LABEL = {
    "requirement": "Requirement change",
    "administrative": "Administrative change",
    "text": "Wording changed, no rule changed",
    "extraction": "Extraction problem (for engineers)",
    "fetch": "Source problem (for engineers)",
}
HEALTH_CATEGORIES = ("extraction", "fetch")  # source and extraction problems: for engineers
# a problem that cleared (a source readable again, a value found again): news, but neither a problem nor a change
RECOVERY_KINDS = ("recovered", "restored")
RECOVERED_LABEL = {
    "extraction": "Extraction recovered (for engineers)",
    "fetch": "Source recovered (for engineers)",
}


def change_label(category: str, kind: str | None = None) -> str:
    """What a change is called in the run table's digests, the report and the alerts: a recovery is never
    called a problem."""
    if kind in RECOVERY_KINDS and category in RECOVERED_LABEL:
        return RECOVERED_LABEL[category]
    return CATEGORY_LABEL.get(category, category)


def ordered(changes: Sequence[Any]) -> list[Any]:
    """Grouped by jurisdiction, jurisdictions with requirement changes first; requirement changes first in each."""
    best: dict[str, int] = {}
    for c in changes:
        rank = CATEGORY_ORDER.get(c.category, 9)
        best[c.jurisdiction] = min(rank, best.get(c.jurisdiction, 9))
    return sorted(
        changes, key=lambda c: (best[c.jurisdiction], c.jurisdiction, CATEGORY_ORDER.get(c.category, 9), c.id)
    )
