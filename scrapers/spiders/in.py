"""Indiana: sources, domains and follow rules are declared in tracker/jurisdictions/in.py."""

from scrapers.base import StateSpider


class IndianaSpider(StateSpider):
    name = "in"
