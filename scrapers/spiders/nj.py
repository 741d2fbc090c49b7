"""New Jersey: sources, domains and follow rules are declared in tracker/jurisdictions/nj.py."""

from scrapers.base import StateSpider


class NewJerseySpider(StateSpider):
    name = "nj"
