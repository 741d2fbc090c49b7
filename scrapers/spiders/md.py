"""Maryland: sources, domains and follow rules are declared in tracker/jurisdictions/md.py."""

from scrapers.base import StateSpider


class MarylandSpider(StateSpider):
    name = "md"
