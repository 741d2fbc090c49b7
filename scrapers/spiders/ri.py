"""Rhode Island: sources, domains and follow rules are declared in tracker/jurisdictions/ri.py."""

from scrapers.base import StateSpider


class RhodeIslandSpider(StateSpider):
    name = "ri"
