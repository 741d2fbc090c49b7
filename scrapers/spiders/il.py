"""Illinois: sources, domains and follow rules are declared in tracker/jurisdictions/il.py."""

from scrapers.base import StateSpider


class IllinoisSpider(StateSpider):
    name = "il"
