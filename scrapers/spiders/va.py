"""Virginia: sources, domains and follow rules are declared in tracker/jurisdictions/va.py."""

from scrapers.base import StateSpider


class VirginiaSpider(StateSpider):
    name = "va"
