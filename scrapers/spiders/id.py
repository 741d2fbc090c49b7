"""Idaho: sources, domains and follow rules are declared in tracker/jurisdictions/id.py."""

from scrapers.base import StateSpider


class IdahoSpider(StateSpider):
    name = "id"
