"""Wisconsin: sources, domains and follow rules are declared in tracker/jurisdictions/wi.py."""

from scrapers.base import StateSpider


class WisconsinSpider(StateSpider):
    name = "wi"
