"""Hawaii: sources, domains and follow rules are declared in tracker/jurisdictions/hi.py."""

from scrapers.base import StateSpider


class HawaiiSpider(StateSpider):
    name = "hi"
