"""Mississippi: sources, domains and follow rules are declared in tracker/jurisdictions/ms.py."""

from scrapers.base import StateSpider


class MississippiSpider(StateSpider):
    name = "ms"
