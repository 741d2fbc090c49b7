"""The other names agencies print for each state's codes, read by the one code reader.

A state's module reads its code under the name its own agencies use most
("RCW 18.360.050"); pages also print the code's full name ("Revised Code of
Washington"), its Bluebook form ("Wash. Rev. Code § 18.360.050") or a
short form without periods ("KSA 65-2872"). The table, `citation_names.toml`
beside this module (declarative data, one code name a line), maps each of
those names to the state's canonical prefix, so one reader (`citations.code`)
reads them in every layout: lists, headings, subsections and ranges.

`names(state)` gives a state's rules; a jurisdiction module adds them to its
own `rules`.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.resources import files
from typing import Any

from tracker.normalize.citations import citation, code
from tracker.normalize.rules import Rule

_ANN = r"(?: Ann\.)?,?\s*§*"  # "Ann." and a section sign are optional in every Bluebook name
_ROW = ("kind", "template", "number", "before")


@cache
def _table() -> dict[str, Any]:
    return tomllib.loads(files(__package__).joinpath("citation_names.toml").read_text(encoding="utf-8"))


def names(state: str) -> tuple[Rule, ...]:
    """The rules that read a state's other code names, in every layout `code` reads."""
    rules: list[Rule] = []
    for row in _table()["code"]:
        if row["state"] == state:
            opts = {key: value for key, value in row.items() if key != "state" and key not in _ROW}
            kind, template, number, before = (row[key] for key in _ROW)
            rules.append(code(kind, template, number, before.replace("{ANN}", _ANN), **opts))
    for row in _table()["pattern"]:
        if row["state"] == state:
            rules.append(citation(row["kind"], row["pattern"], row["template"]))
    return tuple(rules)
