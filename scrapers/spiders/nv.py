"""Nevada: sources, domains and follow rules are declared in tracker/jurisdictions/nv.py."""

from scrapers.base import StateSpider


class NevadaSpider(StateSpider):
    name = "nv"
