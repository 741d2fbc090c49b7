"""Pennsylvania: sources, domains and follow rules are declared in tracker/jurisdictions/pa.py."""

from scrapers.base import StateSpider


class PennsylvaniaSpider(StateSpider):
    name = "pa"
