"""One spider per declared jurisdiction, built from the registry: nothing to write per state.

Each jurisdiction in the registry (`tracker/jurisdictions/<st>.py`, or the package
the `jurisdictions_package` setting names) gets a `StateSpider` subclass here,
named by its lowercase USPS code, so Scrapy lists and crawls it by code
(`scrapy list`, `scrapy crawl wa`) and the crawl subprocess starts it by code.
The base reads everything else from the declaration.

A state that needs Scrapy settings of its own gets a hand-written module
`scrapers/spiders/<st>.py` instead: a `StateSpider` subclass with `name = "<st>"`
and `custom_settings`, with a dated comment saying why. A code with such a
module is not built here.
"""

from __future__ import annotations

import pkgutil

from scrapers.base import StateSpider
from tracker import registry
from tracker.registry import Jurisdiction


def build(jurisdiction: Jurisdiction) -> type[StateSpider]:
    """The spider class for one jurisdiction (`WaSpider` for WA), as if written in this module."""
    return type(
        f"{jurisdiction.code.capitalize()}Spider",
        (StateSpider,),
        {
            "name": jurisdiction.slug,
            "__module__": __name__,
            "__doc__": f"{jurisdiction.name}: sources, domains and follow rules come from its declaration.",
        },
    )


HAND_WRITTEN = frozenset(info.name for info in pkgutil.iter_modules(__path__))
SPIDERS: dict[str, type[StateSpider]] = {
    jur.slug: build(jur) for jur in registry.all_jurisdictions().values() if jur.slug not in HAND_WRITTEN
}
globals().update({cls.__name__: cls for cls in SPIDERS.values()})
