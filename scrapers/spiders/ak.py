"""Alaska: sources, domains and follow rules are declared in tracker/jurisdictions/ak.py."""

from scrapers.base import StateSpider


class AlaskaSpider(StateSpider):
    name = "ak"
