"""Connecticut: sources, domains and follow rules are declared in tracker/jurisdictions/ct.py."""

from scrapers.base import StateSpider


class ConnecticutSpider(StateSpider):
    name = "ct"
