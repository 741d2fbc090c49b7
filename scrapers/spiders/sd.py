"""South Dakota: sources, domains and follow rules are declared in tracker/jurisdictions/sd.py."""

from scrapers.base import StateSpider


class SouthDakotaSpider(StateSpider):
    name = "sd"
