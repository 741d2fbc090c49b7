"""Oklahoma: sources, domains and follow rules are declared in tracker/jurisdictions/ok.py."""

from scrapers.base import StateSpider


class OklahomaSpider(StateSpider):
    name = "ok"
