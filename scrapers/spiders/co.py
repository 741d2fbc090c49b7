"""Colorado: sources, domains and follow rules are declared in tracker/jurisdictions/co.py."""

from scrapers.base import StateSpider


class ColoradoSpider(StateSpider):
    name = "co"
