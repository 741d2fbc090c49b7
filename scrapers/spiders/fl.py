"""Florida: sources, domains and follow rules are declared in tracker/jurisdictions/fl.py."""

from scrapers.base import StateSpider


class FloridaSpider(StateSpider):
    name = "fl"
