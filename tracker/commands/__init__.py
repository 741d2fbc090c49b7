"""More `licensure` commands, one module per feature area.

Each module registers its commands on `tracker.cli.cli` when imported;
`load()` imports them all (called at the end of tracker/cli.py).
"""

from __future__ import annotations

import importlib
import pkgutil


def load() -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if not info.name.startswith("_"):
            importlib.import_module(f"{__name__}.{info.name}")
