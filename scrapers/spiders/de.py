"""Delaware: sources, domains and follow rules are declared in tracker/jurisdictions/de.py."""

from scrapers.base import StateSpider


class DelawareSpider(StateSpider):
    name = "de"
