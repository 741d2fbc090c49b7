"""Arizona: sources, domains and follow rules are declared in tracker/jurisdictions/az.py."""

from scrapers.base import StateSpider


class ArizonaSpider(StateSpider):
    name = "az"
