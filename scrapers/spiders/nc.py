"""North Carolina: sources, domains and follow rules are declared in tracker/jurisdictions/nc.py."""

from scrapers.base import StateSpider


class NorthCarolinaSpider(StateSpider):
    name = "nc"
