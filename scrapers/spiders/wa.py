"""Washington: sources, domains and follow rules are declared in tracker/jurisdictions/wa.py."""

from scrapers.base import StateSpider


class WashingtonSpider(StateSpider):
    name = "wa"
