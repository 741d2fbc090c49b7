"""North Dakota: sources, domains and follow rules are declared in tracker/jurisdictions/nd.py."""

from scrapers.base import StateSpider


class NorthDakotaSpider(StateSpider):
    name = "nd"
