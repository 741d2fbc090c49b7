"""Missouri: sources, domains and follow rules are declared in tracker/jurisdictions/mo.py."""

from scrapers.base import StateSpider


class MissouriSpider(StateSpider):
    name = "mo"
