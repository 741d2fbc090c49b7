"""Georgia: sources, domains and follow rules are declared in tracker/jurisdictions/ga.py."""

from scrapers.base import StateSpider


class GeorgiaSpider(StateSpider):
    name = "ga"
