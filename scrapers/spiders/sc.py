"""South Carolina: sources, domains and follow rules are declared in tracker/jurisdictions/sc.py."""

from scrapers.base import StateSpider


class SouthCarolinaSpider(StateSpider):
    name = "sc"
