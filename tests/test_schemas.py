"""Every shipped JSON Schema is a valid Draft 2020-12 schema with an $id (checked here, not at run time)."""

from __future__ import annotations

import jsonschema
import pytest

import schemas

NAMES = sorted(p.name.removesuffix(".schema.json") for p in schemas.SCHEMA_DIR.glob("*.schema.json"))


def test_the_three_contracts_ship():
    assert {"requirement-record", "jobs", "export"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_schema_is_valid_against_the_meta_schema(name):
    schema = schemas.load(name)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"]
    jsonschema.Draft202012Validator.check_schema(schema)


def test_an_invalid_schema_would_be_caught():
    with pytest.raises(jsonschema.SchemaError):
        jsonschema.Draft202012Validator.check_schema({"type": "no-such-type"})
