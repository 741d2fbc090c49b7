"""New Mexico: sources, domains and follow rules are declared in tracker/jurisdictions/nm.py."""

from scrapers.base import StateSpider


class NewMexicoSpider(StateSpider):
    name = "nm"
