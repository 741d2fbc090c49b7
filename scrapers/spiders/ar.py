"""Arkansas: sources, domains and follow rules are declared in tracker/jurisdictions/ar.py."""

from scrapers.base import StateSpider


class ArkansasSpider(StateSpider):
    name = "ar"
