"""Vermont: sources, domains and follow rules are declared in tracker/jurisdictions/vt.py."""

from scrapers.base import StateSpider


class VermontSpider(StateSpider):
    name = "vt"
