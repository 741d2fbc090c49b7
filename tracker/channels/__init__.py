"""The alert channels, a registry keyed by kind: each channel is one class in one module of this package.

A module here that defines a `Channel` subclass with a `kind` adds a channel: jobs files may name it,
the config file's [alerts] section accepts its `config_key`, `licensure channels` lists it and every
run delivers to it. Nothing else needs to change (a channel reading a new list of URLs also needs
that list as a field of tracker.config.Settings).

This package imports nothing from the project but its leaf modules (vocabulary, redaction), so the
settings, the jobs file and the dispatcher can all read it.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import TYPE_CHECKING

from tracker.channels._apprise import url_problem
from tracker.channels.base import LOCAL, REGISTRY, Channel, DeliveryError, Digest

if TYPE_CHECKING:
    from tracker.config import Settings

_loaded = False


def kinds() -> dict[str, type[Channel]]:
    """Every channel class by kind, in delivery order."""
    global _loaded
    if not _loaded:
        for info in pkgutil.iter_modules(__path__):
            if not info.name.startswith("_") and info.name != "base":
                importlib.import_module(f"{__name__}.{info.name}")
        _loaded = True
    return dict(sorted(REGISTRY.items(), key=lambda item: (item[1].order, item[0])))


def configured(settings: Settings) -> list[Channel]:
    """Every channel the settings configure, in delivery order: the console, the JSON file, then the URLs."""
    return [channel for cls in kinds().values() for channel in cls.from_settings(settings)]


def config_keys() -> dict[str, str]:
    """The config file's [alerts] keys: key -> the Settings field it fills."""
    return {cls.config_key: cls.setting for cls in kinds().values() if cls.config_key and cls.setting}


def problem(kind: str, settings: Settings | None) -> str | None:
    """Why a job may not name this channel, or None."""
    known = kinds()
    if kind not in known:
        return f"{kind!r} is not a channel; the channels are: {', '.join(known)}"
    cls = known[kind]
    if cls.setting and settings is not None and not cls.urls(settings):
        return (
            f"channel {kind!r} has no URLs: set {cls.setting} (the [alerts] {cls.config_key} list in the config "
            "file) or drop it from the job"
        )
    return None


__all__ = [
    "LOCAL",
    "Channel",
    "DeliveryError",
    "Digest",
    "config_keys",
    "configured",
    "kinds",
    "problem",
    "url_problem",
]
