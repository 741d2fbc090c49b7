"""Nebraska: sources, domains and follow rules are declared in tracker/jurisdictions/ne.py."""

from scrapers.base import StateSpider


class NebraskaSpider(StateSpider):
    name = "ne"
