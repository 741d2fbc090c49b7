"""Maine: sources, domains and follow rules are declared in tracker/jurisdictions/me.py."""

from scrapers.base import StateSpider


class MaineSpider(StateSpider):
    name = "me"
