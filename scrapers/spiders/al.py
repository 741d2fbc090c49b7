"""Alabama: sources, domains and follow rules are declared in tracker/jurisdictions/al.py."""

from scrapers.base import StateSpider


class AlabamaSpider(StateSpider):
    name = "al"
