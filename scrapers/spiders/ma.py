"""Massachusetts: sources, domains and follow rules are declared in tracker/jurisdictions/ma.py."""

from scrapers.base import StateSpider


class MassachusettsSpider(StateSpider):
    name = "ma"
