"""The project's JSON Schemas, shipped as package data.

`load(name)` returns a schema by file stem; `validator(name)` a cached
Draft 2020-12 validator with format checking.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import jsonschema

SCHEMA_DIR = Path(__file__).parent


@cache
def load(name: str) -> dict:
    """Load `schemas/<name>.schema.json`."""
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


@cache
def validator(name: str) -> jsonschema.Draft202012Validator:
    # The shipped schemas are checked against the meta-schema by the tests (tests/test_schemas.py), not here:
    # that check costs about a second per process, paid by every run for nothing.
    schema = load(name)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
