"""Texas: sources, domains and follow rules are declared in tracker/jurisdictions/tx.py."""

from scrapers.base import StateSpider


class TexasSpider(StateSpider):
    name = "tx"
