"""Scaffolding a new jurisdiction: its declaration and its expected values, written from one call.

`new_state` writes, in a source checkout of this project:

- `tracker/jurisdictions/<st>.py`: the declaration, with the regulator and the
  first source given (a valid declaration, so `scrapy list` and the registry
  pick the state up at once; its spider is built from it);
- `tests/expected/<st>.json`: the expected values, every one null, so the
  state's case in `tests/test_expected.py` fails until they are filled in
  from the state's statutes, rules and board pages.

It never overwrites a file; every refusal is a `ScaffoldError` saying what to do.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import tracker
from tracker.registry import SOURCE_KINDS, Jurisdiction, RegistryError, Regulator, Source

DECLARATIONS = Path("tracker") / "jurisdictions"
EXPECTED = Path("tests") / "expected"
EXPECTED_TEST = "tests/test_expected.py"
UNFILLED_TASKS = ("injections", "iv", "xray")


class ScaffoldError(Exception):
    """The state cannot be scaffolded as asked; the message says why and what to do."""


@dataclass(frozen=True)
class Scaffold:
    code: str
    declaration: Path
    expected: Path


def default_root() -> Path:
    """The source checkout this package runs from (an editable install)."""
    return Path(tracker.__file__).resolve().parent.parent


def new_state(
    code: str, *, name: str, regulator: str, source_url: str, source_kind: str = "guidance", root: Path | None = None
) -> Scaffold:
    """Write the declaration and the expected-values file for `code`; refuse if either exists."""
    root = root or default_root()
    if not (root / DECLARATIONS).is_dir() or not (root / EXPECTED).is_dir():
        raise ScaffoldError(
            f"{root} is not a source checkout of licensure-tracker (it has no {DECLARATIONS}/ and {EXPECTED}/); "
            "run this from a clone installed with `pip install -e .`, or pass --root."
        )
    jurisdiction = _declaration(code, name, regulator, source_url, source_kind)
    paths = Scaffold(
        jurisdiction.code,
        root / DECLARATIONS / f"{jurisdiction.slug}.py",
        root / EXPECTED / f"{jurisdiction.slug}.json",
    )
    existing = [str(p.relative_to(root)) for p in (paths.declaration, paths.expected) if p.exists()]
    if existing:
        raise ScaffoldError(
            f"{jurisdiction.code} is already scaffolded: {' and '.join(existing)} exist; "
            "edit them, or delete them first to start again."
        )
    paths.declaration.write_text(declaration_source(jurisdiction), encoding="utf-8")
    paths.expected.write_text(json.dumps(unfilled_expected(jurisdiction), indent=2) + "\n", encoding="utf-8")
    return paths


def _declaration(code: str, name: str, regulator: str, source_url: str, source_kind: str) -> Jurisdiction:
    """The jurisdiction as it will be declared, checked as the registry checks it."""
    code = code.strip().upper()
    if not re.fullmatch(r"[A-Z]{2}", code):
        raise ScaffoldError(f"{code!r} is not a two-letter USPS code (such as PR or GU).")
    if not name.strip() or not regulator.strip():
        raise ScaffoldError("Give the jurisdiction's name and its regulator's name.")
    host = (urlsplit(source_url).hostname or "").lower()
    if urlsplit(source_url).scheme not in ("http", "https") or not host:
        raise ScaffoldError(f"The source {source_url!r} must be an absolute http(s) address.")
    if source_kind not in SOURCE_KINDS:
        raise ScaffoldError(f"The source kind {source_kind!r} is not one of {', '.join(SOURCE_KINDS)}.")
    domain = host.removeprefix("www.")
    tail = urlsplit(source_url).path.rstrip("/").rsplit("/", 1)[-1] or domain.split(".")[0]
    source_id = f"{code.lower()}-{re.sub(r'[^a-z0-9]+', '-', tail.lower()).strip('-') or 'main'}"[:60].rstrip("-")
    try:
        return Jurisdiction(
            code=code,
            name=name.strip(),
            regulators=(Regulator(regulator.strip(), f"https://{host}"),),
            sources=(Source(source_id, source_url, source_kind),),
            allowed_domains=(domain,),
        )
    except RegistryError as exc:
        raise ScaffoldError(str(exc)) from None


def declaration_source(jurisdiction: Jurisdiction) -> str:
    """The Python module that declares `jurisdiction`, in the house style of tracker/jurisdictions/wa.py."""
    [regulator] = jurisdiction.regulators
    [source] = jurisdiction.sources

    def text(value: str) -> str:  # a JSON string is also a valid Python string literal
        return json.dumps(value, ensure_ascii=False)

    return f'''"""{jurisdiction.name}: who regulates medical assistants, and the pages to watch.

Sources (checked YYYY-MM): say which pages these are and what each settles.
Quirks: how this state's sources cite their statutes and rules, and anything
the shared phrase rules in tracker/normalize/rules.py do not read (add a
`rules=(citation(...),)` entry for a citation style of its own).
Written by `licensure new-state`; see README "Adding a state".
"""

from tracker.registry import Jurisdiction, Regulator, Source

JURISDICTION = Jurisdiction(
    code={text(jurisdiction.code)},
    name={text(jurisdiction.name)},
    regulators=(Regulator({text(regulator.name)}, {text(regulator.url or "")}, {text(regulator.role)}),),
    sources=(
        Source(
            {text(source.source_id)},
            {text(source.url)},
            {text(source.kind)},
            title="",
        ),
    ),
    allowed_domains=({text(jurisdiction.allowed_domains[0])},),
)
'''


def unfilled_expected(jurisdiction: Jurisdiction) -> dict:
    """Expected values with nothing filled in: valid JSON that schemas/expected-values.schema.json rejects."""
    return {
        "code": jurisdiction.code,
        "name": jurisdiction.name,
        "credential_requirement": None,
        "state_credentials": None,
        "tasks": dict.fromkeys(UNFILLED_TASKS),
        "supervision": None,
        "training_hours": None,
        "citations": None,
    }
