"""Montana: sources, domains and follow rules are declared in tracker/jurisdictions/mt.py."""

from scrapers.base import StateSpider


class MontanaSpider(StateSpider):
    name = "mt"
