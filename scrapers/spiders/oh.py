"""Ohio: sources, domains and follow rules are declared in tracker/jurisdictions/oh.py."""

from scrapers.base import StateSpider


class OhioSpider(StateSpider):
    name = "oh"
