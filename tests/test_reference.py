"""Every jurisdiction's record from the newest bundled snapshot agrees with the researched
reference facts, field by field, except for the differences listed (with reasons) in
tests/reference_differences.toml."""

from __future__ import annotations

import json
import re
import tomllib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.conftest import REPO
from tracker import registry
from tracker.normalize import Page, normalize
from tracker.snapshots import resolve_snapshot
from tracker.storage import content_hash

REFERENCE = (
    {
        e["code"]: e
        for e in json.loads((REPO.parent / "shared" / "reference" / "medical-assistant-rules.json").read_text())
    }
    if (REPO.parent / "shared" / "reference").is_dir()
    else {}
)
DIFFERENCES = tomllib.loads((Path(__file__).parent / "reference_differences.toml").read_text())
NOW = datetime(2026, 11, 1, tzinfo=UTC)

CREDENTIAL = {
    "none": "none",
    "training_required": "training",
    "registration": "registration",
    "certification": "certification",
    "license": "license",
    "unknown": "unknown",
}
TASK = {"allowed": "allowed", "conditional": "conditional", "prohibited": "prohibited", "unclear": "unaddressed"}
CREDENTIAL_ALIASES = {"MA-Phlebotomist": "MA-P", "MA-Hemodialysis Technician": "MA-HT"}


def newest_record(code: str) -> dict:
    """The record the newest snapshot yields; a source that is not a 200 page there keeps the
    record from the older snapshot (as a run would: the last good record stays current)."""
    jur = registry.get(code)
    for name in ("2026-11-01", "2026-05-01"):
        snap = resolve_snapshot(name)
        pages, ok = [], True
        for src in jur.sources:
            page = snap.page_for(src.url)
            if page is None or page.status != 200:
                ok = False
        if not ok:
            continue
        for p in snap.pages:
            if p.status != 200 or not jur.is_allowed(p.url) or p.url.endswith("/robots.txt"):
                continue
            declared = p.url in {s.url for s in jur.sources}
            if not declared and not any(re.search(f, p.url) for s in jur.sources for f in s.follow):
                continue
            src = jur.source_for_url(p.url, jur.sources[0].source_id)
            body = p.file.read_bytes()
            pages.append(Page(src.source_id, p.url, src.kind, body, p.content_type, NOW, 200, content_hash(body)))
        return normalize(jur, pages, now=NOW).record
    raise AssertionError(f"{code}: no snapshot serves all its declared sources")


def _ref_credentials(names: list[str]) -> set[str]:
    out = set()
    for name in names:
        if re.search(r"proposed|interim", name, re.I):
            continue
        m = re.search(r"\(([A-Z][A-Z0-9 -]{1,10})\)", name) or re.match(r"(MA-[A-Za-z]+(?: Technician)?)", name)
        if m:
            out.add(CREDENTIAL_ALIASES.get(m.group(1), m.group(1)))
    return out


def _primary_number(citation: str) -> str | None:
    head = citation.split("(")[0]
    bill = re.search(r"\b[A-Z]{1,5}\s?(\d{2,5}[A-Z]?)\b", head)
    if bill and re.search(r"\b(?:[A-Z]*[HS]B|AB|LB|HF|SF|S|H|A)\s?\d", head):
        return bill.group(1)
    numbers = re.findall(r"\d[\d.:-]*\d", head)
    longest = [n for n in numbers if len(n) >= 3]
    return longest[0] if longest else None


def compare(code: str, rec: dict) -> dict[str, str]:
    """Field -> description of each difference from the reference."""
    ref = REFERENCE[code]
    diffs: dict[str, str] = {}

    def check(field: str, got, want_ok, want_desc) -> None:
        if not want_ok(got):
            diffs[field] = f"record {got!r}, reference {want_desc!r}"

    check(
        "credential",
        rec["credential"]["requirement"]["value"],
        lambda g: g == CREDENTIAL[ref["ma_credential"]],
        ref["ma_credential"],
    )
    for task in ("injections", "iv", "xray"):
        check(task, rec["tasks"][task]["status"], lambda g, t=task: g == TASK[ref[t]], ref[task])
    sup = ref["supervision"]
    want_sup = (
        {"onsite", "direct"}
        if sup.startswith("onsite")
        else {"general"}
        if sup.startswith("general")
        else {"unspecified"}
    )
    check("supervision", rec["supervision"]["value"], lambda g: g in want_sup, sup)
    creds = rec["credential"]["state_credentials"]["value"]
    got_creds = {c["abbreviation"] or c["name"] for c in creds} if isinstance(creds, list) else set()
    check(
        "credential_names",
        sorted(got_creds),
        lambda g: set(g) == _ref_credentials(ref["credential_names"]),
        ref["credential_names"],
    )
    facts_text = " ".join((ref["training"], ref["certification_for_tasks"], ref["notes"]))
    ref_hours = {int(n.replace(",", "")) for n in re.findall(r"(\d[\d,]*)[- ](?:clock[- ])?hours?", facts_text)}
    hours = [rec["education"]["min_clock_hours"]["value"], rec["education"]["externship_hours"]["value"]]
    hours += [t["conditions"].get("training_hours") for t in rec["tasks"].values()]
    stated = [h for h in hours if isinstance(h, int)]
    training_hours = {
        int(n.replace(",", "")) for n in re.findall(r"(\d[\d,]*)[- ](?:clock[- ])?hours?", ref["training"])
    }
    check(
        "training_hours", stated, lambda g: set(g) <= ref_hours and (not training_hours or bool(g)), sorted(ref_hours)
    )
    idents = " | ".join(c["identifier"] for c in rec["citations"])
    missing = [c for c in ref["citations"] if _primary_number(c) and _primary_number(c) not in idents]
    if missing:
        diffs["citations"] = f"not cited: {missing}"
    return diffs


CODES = sorted(registry.all_jurisdictions())


@pytest.mark.skipif(not REFERENCE, reason="../shared/reference is not beside the repository")
@pytest.mark.parametrize("code", CODES)
def test_record_agrees_with_reference(code):
    diffs = compare(code, newest_record(code))
    allowed = DIFFERENCES.get(code, {})
    unexplained = {f: d for f, d in diffs.items() if f not in allowed}
    stale = sorted(set(allowed) - set(diffs))
    assert not unexplained, f"{code} differs from the reference: {unexplained}"
    assert not stale, f"{code}: tests/reference_differences.toml lists {stale}, which now agree; remove them"


def test_every_reference_jurisdiction_is_covered():
    if not REFERENCE:
        pytest.skip("../shared/reference is not beside the repository")
    missing = sorted(set(REFERENCE) - set(CODES))
    assert len(CODES) == 51 and not missing, f"jurisdictions without a module: {missing}"
