"""Jurisdictions: what each state declares about itself, found by module scan.

Each `tracker/jurisdictions/<usps>.py` module defines one `JURISDICTION`.
The declaration is plain data (no Scrapy), so the CLI, the normalizers and
the spiders all read the same facts: regulators, source URLs, allowed
domains, which links to follow and the state's extra phrase rules.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import urlsplit

from tracker.normalize.rules import Rule, reads_of
from tracker.vocabulary import SOURCE_KINDS

PROFESSIONS = ("medical-assistant",)
REGULATOR_ROLES = ("scope-of-practice", "credentialing", "rulemaking", "radiology", "nursing", "other")
_SOURCE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class RegistryError(Exception):
    """A jurisdiction declaration is malformed; raised at import, before any crawl."""


@dataclass(frozen=True)
class Regulator:
    name: str
    url: str | None
    role: str = "scope-of-practice"

    def __post_init__(self) -> None:
        if self.role not in REGULATOR_ROLES:
            raise RegistryError(f"Regulator {self.name!r}: role {self.role!r} is not one of {REGULATOR_ROLES}.")


@dataclass(frozen=True)
class Source:
    """One page a compliance analyst would watch.

    `follow` holds regular expressions; links on this page whose absolute URL
    matches one (and stays on the jurisdiction's allowed domains) are fetched
    too, and inherit this source's kind.
    """

    source_id: str
    url: str
    kind: str
    title: str = ""
    follow: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not _SOURCE_ID.match(self.source_id):
            raise RegistryError(f"Source id {self.source_id!r} must be a lowercase hyphenated slug.")
        if self.kind not in SOURCE_KINDS:
            raise RegistryError(f"Source {self.source_id}: kind {self.kind!r} is not one of {SOURCE_KINDS}.")
        if urlsplit(self.url).scheme not in ("http", "https"):
            raise RegistryError(f"Source {self.source_id}: URL {self.url!r} must be absolute http(s).")


@dataclass(frozen=True)
class Jurisdiction:
    code: str
    name: str
    regulators: tuple[Regulator, ...]
    sources: tuple[Source, ...]
    allowed_domains: tuple[str, ...]
    profession: str = "medical-assistant"
    rules: tuple[Rule, ...] = ()
    normalizer_version: str = "1.0.0"
    notes: str = ""
    source_by_id: dict[str, Source] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[A-Z]{2}", self.code):
            raise RegistryError(f"Jurisdiction code {self.code!r} must be a two-letter USPS code.")
        if self.profession not in PROFESSIONS:
            raise RegistryError(f"{self.code}: unknown profession {self.profession!r}.")
        if not self.regulators or not self.sources:
            raise RegistryError(f"{self.code}: declare at least one regulator and one source.")
        ids = [s.source_id for s in self.sources]
        dupes = {i for i in ids if ids.count(i) > 1}
        if dupes:
            raise RegistryError(f"{self.code}: duplicate source ids {sorted(dupes)}.")
        for src in self.sources:
            if not self.is_allowed(src.url):
                raise RegistryError(
                    f"{self.code}: source {src.source_id} is on {urlsplit(src.url).hostname}, "
                    f"which is not in allowed_domains {self.allowed_domains}."
                )
        undeclared = [getattr(r, "__name__", repr(r)) for r in self.rules if reads_of(r) is None]
        if undeclared:
            raise RegistryError(
                f"{self.code}: rules {undeclared} must declare what they read (@reads('sentence') or @reads('clause'))."
            )
        object.__setattr__(self, "source_by_id", {s.source_id: s for s in self.sources})

    @property
    def slug(self) -> str:
        return self.code.lower()

    def is_allowed(self, url: str) -> bool:
        """True if the URL's host is one of the allowed domains or a subdomain of one."""
        host = (urlsplit(url).hostname or "").lower()
        return any(host == d or host.endswith("." + d) for d in self.allowed_domains)

    def source_for_url(self, url: str, parent_id: str | None = None) -> Source:
        """The declared source for a URL, or a derived one for a followed link."""
        for src in self.sources:
            if src.url == url:
                return src
        parent = self.source_by_id.get(parent_id or "") or self.sources[0]
        tail = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1] or "index"
        slug = re.sub(r"[^a-z0-9.]+", "-", tail.lower()).strip("-.") or "page"
        return Source(f"{parent.source_id}--{slug}".replace(".", "-"), url, parent.kind, title=tail)

    @property
    def credentialing_regulator(self) -> Regulator:
        return next((r for r in self.regulators if r.role == "credentialing"), self.regulators[0])


DEFAULT_PACKAGE = "tracker.jurisdictions"
_package: str | None = None  # set by use_package(); else the `jurisdictions_package` setting


def use_package(name: str | None) -> None:
    """Read the declarations from another package (None: back to the `jurisdictions_package` setting).

    The CLI calls this with the loaded setting; the crawl subprocess inherits
    it as $LICENSURE_JURISDICTIONS_PACKAGE. benchmarks/ uses it to crawl
    thousands of generated sources with the unchanged spiders.
    """
    global _package
    if name != _package:
        _package = name
        all_jurisdictions.cache_clear()


def package_name() -> str:
    """The package whose modules declare the jurisdictions."""
    if _package:
        return _package
    from tracker.config import load_settings

    return load_settings(check_alert_urls=False).jurisdictions_package or DEFAULT_PACKAGE


@cache
def all_jurisdictions() -> dict[str, Jurisdiction]:
    """Every declared jurisdiction, keyed by USPS code, sorted."""
    name = package_name()
    try:
        pkg = importlib.import_module(name)
    except ImportError as exc:
        raise RegistryError(
            f"Jurisdictions package {name!r} cannot be imported ({exc}); check the jurisdictions_package setting."
        ) from None
    where = name.replace(".", "/")
    found: dict[str, Jurisdiction] = {}
    for info in pkgutil.iter_modules(pkg.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{pkg.__name__}.{info.name}")
        jur = getattr(module, "JURISDICTION", None)
        if not isinstance(jur, Jurisdiction):
            raise RegistryError(f"{where}/{info.name}.py must define JURISDICTION.")
        if jur.slug != info.name:
            raise RegistryError(
                f"{where}/{info.name}.py declares code {jur.code}; the file must be named {jur.slug}.py."
            )
        found[jur.code] = jur
    return dict(sorted(found.items()))


def get(code: str) -> Jurisdiction:
    """Look up a jurisdiction by USPS code (any case)."""
    jurisdictions = all_jurisdictions()
    try:
        return jurisdictions[code.strip().upper()]
    except KeyError:
        raise RegistryError(f"Unknown jurisdiction {code!r}; known codes: {', '.join(jurisdictions)}.") from None


def select(codes: str | list[str] | None) -> list[Jurisdiction]:
    """Parse 'WA,CA' (or a list, or None/'all' for every jurisdiction)."""
    if codes is None or codes == "all" or codes == ["all"]:
        return list(all_jurisdictions().values())
    if isinstance(codes, str):
        codes = [c for c in re.split(r"[,\s]+", codes) if c]
    if not codes:
        raise RegistryError("No jurisdictions given; pass codes like WA,CA or 'all'.")
    return [get(c) for c in dict.fromkeys(c.upper() for c in codes)]
