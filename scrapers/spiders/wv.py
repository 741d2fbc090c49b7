"""West Virginia: sources, domains and follow rules are declared in tracker/jurisdictions/wv.py."""

from scrapers.base import StateSpider


class WestVirginiaSpider(StateSpider):
    name = "wv"
