"""Tennessee: sources, domains and follow rules are declared in tracker/jurisdictions/tn.py."""

from scrapers.base import StateSpider


class TennesseeSpider(StateSpider):
    name = "tn"
