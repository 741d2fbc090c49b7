"""New York: sources, domains and follow rules are declared in tracker/jurisdictions/ny.py."""

from scrapers.base import StateSpider


class NewYorkSpider(StateSpider):
    name = "ny"
