"""Every jurisdiction's record from the newest bundled snapshot says what tests/expected/<st>.json says.

The expected values are the researched facts about each state (its statutes, rules and board pages),
written in the record's own vocabulary and checked against schemas/expected-values.schema.json.
Where a value deliberately departs from the researched reference, the file's `notes` say why.
`licensure new-state XX` writes a file whose values are all null: its test fails until they are filled in.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

import schemas
from tracker import registry
from tracker.normalize import Page, normalize
from tracker.snapshots import resolve_snapshot
from tracker.storage import content_hash

EXPECTED = Path(__file__).parent / "expected"
NOW = datetime(2026, 11, 1, tzinfo=UTC)
CODES = sorted(p.stem.upper() for p in EXPECTED.glob("*.json"))


def newest_record(code: str) -> dict:
    """The record the newest snapshot yields; a source that is not a 200 page there keeps the
    record from the older snapshot (as a run would: the last good record stays current)."""
    jur = registry.get(code)
    return normalize(jur, newest_pages(code), now=NOW).record


def newest_pages(code: str) -> list[Page]:
    """The pages `newest_record` reads: the newest snapshot that serves every declared source."""
    jur = registry.get(code)
    declared = {s.url for s in jur.sources}
    for name in ("2026-11-01", "2026-05-01"):
        snap = resolve_snapshot(name)
        if any((page := snap.page_for(url)) is None or page.status != 200 for url in declared):
            continue
        pages = []
        for p in snap.pages:
            if p.status != 200 or p.file is None or not jur.is_allowed(p.url) or p.url.endswith("/robots.txt"):
                continue
            if p.url not in declared and not any(re.search(f, p.url) for s in jur.sources for f in s.follow):
                continue
            src = jur.source_for_url(p.url, jur.sources[0].source_id)
            body = p.file.read_bytes()
            pages.append(Page(src.source_id, p.url, src.kind, body, p.content_type, NOW, 200, content_hash(body)))
        return pages
    raise AssertionError(f"{code}: no bundled snapshot serves all its declared sources; add its pages to one")


def load_expected(code: str) -> dict:
    """The expected values for `code`; fails naming each value that is missing or not yet filled in."""
    path = EXPECTED / f"{code.lower()}.json"
    expected = json.loads(path.read_text(encoding="utf-8"))
    errors = sorted(schemas.validator("expected-values").iter_errors(expected), key=lambda e: list(e.path))
    if errors:
        lines = [f"{'.'.join(map(str, e.path)) or '(top)'}: {e.message}" for e in errors]
        pytest.fail(f"tests/expected/{path.name} is not filled in or not valid:\n  " + "\n  ".join(lines))
    assert expected["code"] == code, f"tests/expected/{path.name} says code {expected['code']}"
    return expected


def stated_hours(rec: dict) -> list[int]:
    hours = [rec["education"]["min_clock_hours"]["value"], rec["education"]["externship_hours"]["value"]]
    hours += [task["conditions"].get("training_hours") for task in rec["tasks"].values()]
    return sorted({h for h in hours if isinstance(h, int)})


def differences(expected: dict, rec: dict) -> dict[str, str]:
    """Value name -> how the record differs from the expected value."""
    creds = rec["credential"]["state_credentials"]["value"]
    got = {
        "credential_requirement": rec["credential"]["requirement"]["value"],
        "state_credentials": sorted({c["abbreviation"] or c["name"] for c in creds} if isinstance(creds, list) else ()),
        **{f"tasks.{task}": rec["tasks"][task]["status"] for task in expected["tasks"]},
        "supervision": rec["supervision"]["value"],
        "training_hours": stated_hours(rec),
    }
    want = {
        "credential_requirement": expected["credential_requirement"],
        "state_credentials": sorted(expected["state_credentials"]),
        **{f"tasks.{task}": status for task, status in expected["tasks"].items()},
        "training_hours": sorted(expected["training_hours"]),
    }
    diffs = {key: f"record {got[key]!r}, expected {value!r}" for key, value in want.items() if got[key] != value}
    if got["supervision"] not in expected["supervision"]:
        diffs["supervision"] = f"record {got['supervision']!r}, expected one of {expected['supervision']!r}"
    cited = {c["identifier"] for c in rec["citations"]}
    missing = [c for c in expected["citations"] if c not in cited]
    if missing:
        diffs["citations"] = f"not cited: {missing} (the record cites {sorted(cited)})"
    return diffs


def test_every_jurisdiction_has_expected_values():
    declared = sorted(registry.all_jurisdictions())
    assert declared == CODES, (
        f"without tests/expected/<st>.json: {sorted(set(declared) - set(CODES))}; "
        f"without a declaration: {sorted(set(CODES) - set(declared))}"
    )


@pytest.mark.parametrize("code", CODES)
def test_record_matches_expected_values(code):
    expected = load_expected(code)
    diffs = differences(expected, newest_record(code))
    assert not diffs, f"{code} differs from tests/expected/{code.lower()}.json: {diffs}"
