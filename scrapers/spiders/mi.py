"""Michigan: sources, domains and follow rules are declared in tracker/jurisdictions/mi.py."""

from scrapers.base import StateSpider


class MichiganSpider(StateSpider):
    name = "mi"
