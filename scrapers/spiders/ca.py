"""California: sources, domains and follow rules are declared in tracker/jurisdictions/ca.py."""

from scrapers.base import StateSpider


class CaliforniaSpider(StateSpider):
    name = "ca"
