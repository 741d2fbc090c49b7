"""Oregon: sources, domains and follow rules are declared in tracker/jurisdictions/or.py."""

from scrapers.base import StateSpider


class OregonSpider(StateSpider):
    name = "or"
