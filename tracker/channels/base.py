"""What every alert channel is: a kind, the settings it reads, a description, who it takes and how it sends."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from tracker.vocabulary import change_label

if TYPE_CHECKING:
    from tracker.config import Settings

# who takes which audience (see tracker/alerts/__init__.py): the local channels take every audience but `none`
LOCAL = frozenset({"compliance", "health", "engineers"})
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

REGISTRY: dict[str, type[Channel]] = {}  # kind -> class, filled as the channel modules are imported


class DeliveryError(Exception):
    """A channel did not take the digest; the message is safe to show (secrets redacted)."""


@dataclass
class Digest:
    """What one channel gets in one run: a subject, the changes, and the report content in two formats."""

    title: str
    changes: list[dict[str, Any]]
    markdown: str = ""
    html: str = ""

    def text(self) -> str:
        lines = [f"licensure-tracker: {len(self.changes)} new item(s)"]
        current = None
        for c in self.changes:
            if c["jurisdiction"] != current:
                current = c["jurisdiction"]
                lines.append(f"\n{current}")
            ref = f" (change #{c['id']})" if c.get("id") is not None else ""
            lines.append(f"  [{change_label(c['category'], c.get('kind'))}] {c['summary']}{ref}")
        return _CONTROL.sub(" ", "\n".join(lines))  # scraped text must not drive the terminal


class Channel:
    """One alert channel. A subclass that sets `kind` is registered under it: that is all a new channel needs.

    Class attributes a channel declares:
      kind         its name in jobs files (`channels = [...]`) and in `licensure channels`
      description  one line for people: what it does and where its messages go
      setting      the Settings field holding its URLs (None: always on, nothing to configure)
      config_key   the key of that list in the config file's [alerts] section
      order        its place in a run's deliveries (lower first)
      for_engineers  it takes source and extraction problems, so the compliance channels need not
      wants_html   its digest carries the report's HTML as well as its Markdown
    """

    kind: ClassVar[str] = ""
    description: ClassVar[str] = ""
    setting: ClassVar[str | None] = None
    config_key: ClassVar[str | None] = None
    order: ClassVar[int] = 100
    for_engineers: ClassVar[bool] = False
    wants_html: ClassVar[bool] = False

    key: str  # stable identity in alert_deliveries (never a secret)
    label: str  # safe to show (secrets redacted)
    writes_file: Path | None = None  # the file it appends to, if any (a run's summary names it)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        kind = cls.__dict__.get("kind")
        if kind:
            if kind in REGISTRY and REGISTRY[kind] is not cls:
                raise TypeError(f"two alert channels declare kind {kind!r}: {REGISTRY[kind].__name__}, {cls.__name__}")
            REGISTRY[kind] = cls

    @classmethod
    def from_settings(cls, settings: Settings) -> list[Channel]:
        """The channels of this kind the settings configure (one per URL for a channel with a setting)."""
        raise NotImplementedError

    @classmethod
    def urls(cls, settings: Settings) -> tuple[str, ...]:
        return tuple(getattr(settings, cls.setting, ()) or ()) if cls.setting else ()

    def accepts(self, audience: str, has_engineers: bool) -> bool:
        """Whether this channel should get a change meant for `audience`."""
        return audience in LOCAL

    def send(self, digest: Digest) -> None:
        raise NotImplementedError
