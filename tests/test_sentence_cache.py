"""The kept findings of a repeated sentence are the findings reading it again would give.

read_candidates keeps each sentence's findings (`_sentence_findings`, a cache over `_read_sentence`)
so that boilerplate a site repeats on every page is read once. That is only safe while every rule is
a pure function of its text: this test reads every training passage of the phrasing corpus and every
page of the bundled snapshots once with the cache and once without it (each sentence read afresh),
in another order, and asserts the same readings, candidate for candidate.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

import tracker.normalize as N
from tracker import registry
from tracker.normalize import Page, read_page
from tracker.snapshots import list_snapshots
from tracker.storage import content_hash

TRAIN = Path(__file__).parent / "corpus" / "train"  # the holdout is read by `licensure eval` only
NOW = datetime(2026, 11, 1, tzinfo=UTC)


def corpus_pages() -> list[tuple[str, Page]]:
    out = []
    for path in sorted(TRAIN.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                raw = json.loads(line)
                body = raw["text"].encode("utf-8")
                url = f"https://example.invalid/{raw['id']}"
                out.append((raw["jurisdiction"], Page(raw["id"], url, raw["kind"], body, "text/plain", NOW, 200, "x")))
    return out


def bundled_pages() -> list[tuple[str, Page]]:
    jurs = list(registry.all_jurisdictions().values())
    out = []
    for snap in list_snapshots():
        for p in snap.pages:
            if p.status != 200 or p.file is None or p.url.endswith("/robots.txt"):
                continue
            jur = next((j for j in jurs if j.is_allowed(p.url)), None)
            if jur is not None:
                src = jur.source_for_url(p.url, jur.sources[0].source_id)
                body = p.file.read_bytes()
                out.append(
                    (jur.code, Page(src.source_id, p.url, src.kind, body, p.content_type, NOW, 200, content_hash(body)))
                )
    return out


def readings(work: list[tuple[str, Page]]) -> dict[tuple[str, str], object]:
    out = {}
    for code, page in work:
        try:
            out[(page.source_id, page.url)] = read_page(registry.get(code), page)
        except N.ExtractionError as exc:
            out[(page.source_id, page.url)] = str(exc)
    return out


@pytest.mark.parametrize("pages", [corpus_pages, bundled_pages], ids=["corpus-train", "bundled-snapshots"])
def test_cached_sentence_findings_equal_fresh_ones(pages, monkeypatch):
    work = pages()
    assert len(work) > 100
    N._sentence_findings.cache_clear()
    cached = readings(work + work[::-1])  # read twice: the second time every sentence comes from the cache
    assert N._sentence_findings.cache_info().hits > 0
    monkeypatch.setattr(N, "_sentence_findings", N._read_sentence)
    fresh = readings(work[::-1])
    assert fresh.keys() == cached.keys()
    differ = [key for key in fresh if fresh[key] != cached[key]]
    assert not differ, f"{len(differ)} pages read differently from kept sentence findings, e.g. {differ[:3]}"
