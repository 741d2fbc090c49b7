"""District of Columbia: sources, domains and follow rules are declared in tracker/jurisdictions/dc.py."""

from scrapers.base import StateSpider


class DistrictOfColumbiaSpider(StateSpider):
    name = "dc"
