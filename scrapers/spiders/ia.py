"""Iowa: sources, domains and follow rules are declared in tracker/jurisdictions/ia.py."""

from scrapers.base import StateSpider


class IowaSpider(StateSpider):
    name = "ia"
