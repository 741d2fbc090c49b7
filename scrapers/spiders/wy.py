"""Wyoming: sources, domains and follow rules are declared in tracker/jurisdictions/wy.py."""

from scrapers.base import StateSpider


class WyomingSpider(StateSpider):
    name = "wy"
