"""Kentucky: sources, domains and follow rules are declared in tracker/jurisdictions/ky.py."""

from scrapers.base import StateSpider


class KentuckySpider(StateSpider):
    name = "ky"
