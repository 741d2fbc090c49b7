"""Utah: sources, domains and follow rules are declared in tracker/jurisdictions/ut.py."""

from scrapers.base import StateSpider


class UtahSpider(StateSpider):
    name = "ut"
