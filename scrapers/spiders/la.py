"""Louisiana: sources, domains and follow rules are declared in tracker/jurisdictions/la.py."""

from scrapers.base import StateSpider


class LouisianaSpider(StateSpider):
    name = "la"
