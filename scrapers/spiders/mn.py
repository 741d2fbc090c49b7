"""Minnesota: sources, domains and follow rules are declared in tracker/jurisdictions/mn.py."""

from scrapers.base import StateSpider


class MinnesotaSpider(StateSpider):
    name = "mn"
