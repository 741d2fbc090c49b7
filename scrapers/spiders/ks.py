"""Kansas: sources, domains and follow rules are declared in tracker/jurisdictions/ks.py."""

from scrapers.base import StateSpider


class KansasSpider(StateSpider):
    name = "ks"
