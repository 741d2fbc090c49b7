"""New Hampshire: sources, domains and follow rules are declared in tracker/jurisdictions/nh.py."""

from scrapers.base import StateSpider


class NewHampshireSpider(StateSpider):
    name = "nh"
