"""Validate requirement records against `schemas/requirement-record.schema.json`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import schemas

SCHEMA_NAME = "requirement-record"


@dataclass(frozen=True)
class SchemaProblem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class RecordInvalid(Exception):
    """A record broke the schema; `problems` lists each schema path and reason."""

    def __init__(self, problems: list[SchemaProblem]) -> None:
        self.problems = problems
        first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"the record is not valid at {first.path}: {first.message}{more}")


def problems(record: Any) -> list[SchemaProblem]:
    """Every schema violation, as (JSON path, reason), in a stable order."""
    found = []
    for err in schemas.validator(SCHEMA_NAME).iter_errors(record):
        path = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err.absolute_path)
        found.append(SchemaProblem(path, err.message))
    return sorted(found, key=lambda p: (p.path, p.message))


def validate(record: Any) -> None:
    """Raise RecordInvalid unless the record conforms to the schema."""
    found = problems(record)
    if found:
        raise RecordInvalid(found)


def load_file(path: str | Path) -> Any:
    path = Path(path)
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))  # a byte-order mark (Windows editors) is fine
    except FileNotFoundError:
        raise RecordInvalid([SchemaProblem("$", f"{path} does not exist")]) from None
    except UnicodeDecodeError as exc:
        raise RecordInvalid(
            [SchemaProblem("$", f"{path} is not a JSON text file (byte {exc.start} is not UTF-8 text)")]
        ) from None
    except IsADirectoryError:
        raise RecordInvalid([SchemaProblem("$", f"{path} is a directory, not a record file")]) from None
    except json.JSONDecodeError as exc:
        raise RecordInvalid(
            [SchemaProblem("$", f"{path} is not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})")]
        ) from None
