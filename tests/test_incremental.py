"""A run costs what changed: unchanged pages are neither stored, read, nor validated again.

- the crawl reports a 304 whose hash the current record holds as an event, not a stored fetch;
- page readings are kept per content hash, so a jurisdiction with one changed page reads that one page;
- a record built from kept readings is the record a full normalization builds.
"""

from __future__ import annotations

import functools
import json
from datetime import UTC, datetime

from tracker import registry, runhistory, storage
from tracker.db import Database
from tracker.models import Fetch, Run
from tracker.normalize import Page, assemble, normalize
from tracker.pipeline import execute_run
from tracker.readings import Readings
from tracker.snapshots import resolve_snapshot

STATES = registry.select("WA,CA,NY")


def _files(folder) -> set[str]:
    """The per-page readings (not the per-jurisdiction bundles)."""
    return {p.name for p in folder.rglob("*.bin") if p.parent.name != "bundles"} if folder.exists() else set()


def _timings(settings, run_id) -> dict:
    return json.loads((settings.data_dir / "logs" / f"run-{run_id}-settle.json").read_text(encoding="utf-8"))


def test_only_changed_pages_are_read_and_stored(sqlite_settings):
    settings = sqlite_settings
    readings = settings.data_dir / "readings"
    first = execute_run(settings, STATES, resolve_snapshot("2026-05-01"))
    db = Database(settings.database_url)
    with db.session() as s:
        stored = s.query(Fetch).filter(Fetch.run_id == first.run_id).all()
        hashes = {f.content_hash for f in stored if f.content_hash}
    kept = _files(readings)
    assert len(kept) == len(hashes)  # every page read once, and kept
    timings = _timings(settings, first.run_id)
    assert timings["pages_unchanged"] == 0 and {j["code"] for j in timings["jurisdictions"]} == {"WA", "CA", "NY"}

    again = execute_run(settings, STATES, resolve_snapshot("2026-05-01"))
    assert _files(readings) == kept  # nothing read again
    timings = _timings(settings, again.run_id)
    assert timings["pages_unchanged"] == len(stored)
    assert all(j["pages_read"] == 0 for j in timings["jurisdictions"])
    with db.session() as s:
        run = s.get(Run, again.run_id)
        assert runhistory.failed_sources(s, run) == []  # unchanged sources are not "not fetched"

    newer = execute_run(settings, STATES, resolve_snapshot("2026-11-01"))
    with db.session() as s:
        new_rows = [
            f
            for f in s.query(Fetch).filter(Fetch.run_id == newer.run_id).all()
            if f.content_hash and f.jurisdiction != "NY"
        ]  # NY's moved page is a source problem, never read
        new_hashes = {f.content_hash for f in new_rows} - hashes
        run = s.get(Run, newer.run_id)
        failed = runhistory.failed_sources(s, run)
    timings = {j["code"]: j for j in _timings(settings, newer.run_id)["jurisdictions"]}
    # only the pages whose content changed were stored and read; the rest came as unchanged events
    assert new_hashes and len(_files(readings) - kept) == len(new_hashes)
    assert sum(j["pages_read"] for j in timings.values()) == len(new_hashes)
    assert timings["WA"]["pages_read"] >= 1 and timings["WA"]["pages_unchanged"] >= 1
    assert {f["jurisdiction"] for f in failed} == {"NY"}  # the moved page, nothing else
    db.dispose()


def test_a_record_from_kept_readings_equals_a_full_normalization(sqlite_settings, tmp_path):
    execute_run(sqlite_settings, STATES, resolve_snapshot("2026-11-01"))
    db = Database(sqlite_settings.database_url)
    now = datetime(2026, 11, 2, tzinfo=UTC)
    with db.session() as s:
        for jur in STATES[:2]:  # WA, CA (NY's page moved: no record from this snapshot alone)
            current = storage.current_version(s, jur.code, jur.profession)
            pages = [
                Page(
                    p["source_id"],
                    p["url"],
                    p["kind"],
                    storage.load_body(s, p["content_hash"]),
                    p.get("content_type"),
                    now,
                    p["http_status"],
                    p["content_hash"],
                )
                for p in current.record["sources"]
            ]
            full = normalize(jur, pages, now=now).record
            kept = Readings(tmp_path / "readings")
            load = functools.partial(storage.load_body, s)
            bodiless = [
                Page(p.source_id, p.url, p.kind, b"", p.content_type, now, p.http_status, p.content_hash) for p in pages
            ]
            first = assemble(jur, bodiless, kept.read_all(jur, bodiless, load), now=now).record
            assert (kept.read, kept.reused) == (len(pages), 0)
            second = assemble(jur, bodiless, kept.read_all(jur, bodiless, load), now=now).record
            assert (kept.read, kept.reused) == (len(pages), len(pages))
            assert first == full and second == full
    db.dispose()


def test_a_jurisdiction_bundle_serves_every_unchanged_page_and_survives_damage(sqlite_settings, tmp_path):
    execute_run(sqlite_settings, STATES, resolve_snapshot("2026-11-01"))
    db = Database(sqlite_settings.database_url)
    now = datetime(2026, 11, 2, tzinfo=UTC)
    jur = STATES[0]  # WA: several pages
    with db.session() as s:
        current = storage.current_version(s, jur.code, jur.profession)
        pages = [
            Page(
                p["source_id"],
                p["url"],
                p["kind"],
                b"",
                p.get("content_type"),
                now,
                p["http_status"],
                p["content_hash"],
            )
            for p in current.record["sources"]
        ]
        load = functools.partial(storage.load_body, s)
        folder = tmp_path / "readings"
        first = Readings(folder).read_all(jur, pages, load)
        bundle = folder / "bundles" / f"{jur.code}-{jur.profession}.bin"
        assert bundle.exists() and len(pages) > 1
        for page_file in folder.glob("??/*.bin"):
            page_file.unlink()  # the bundle alone must serve an unchanged jurisdiction
        again = Readings(folder)
        assert again.read_all(jur, pages, load) == first and (again.read, again.reused) == (0, len(pages))

        # one page changed (another hash): only that page is read; the bundle then holds the new set
        body = storage.load_body(s, pages[0].content_hash) + b"<p>An added paragraph.</p>"
        changed = [
            Page(pages[0].source_id, pages[0].url, pages[0].kind, body, pages[0].content_type, now, 200, "f" * 64),
            *pages[1:],
        ]
        third = Readings(folder)
        third.read_all(jur, changed, load)
        assert (third.read, third.reused) == (1, len(pages) - 1)
        fourth = Readings(folder)
        fourth.read_all(jur, changed, load)
        assert (fourth.read, fourth.reused) == (0, len(pages))

        bundle.write_bytes(b"not a bundle")  # a damaged cache costs a re-read, never a wrong reading
        fifth = Readings(folder)
        assert fifth.read_all(jur, pages, load) == first and fifth.read == len(pages)
    db.dispose()
