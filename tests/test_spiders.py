"""Spiders on the shared base: discoverable by Scrapy, polite, and never leaving a state's domains."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from tests.conftest import REPO, SNAPSHOTS
from tracker import registry
from tracker.db import Database
from tracker.models import Fetch
from tracker.pipeline import execute_run
from tracker.snapshots import load_snapshot


def test_scrapy_list_finds_one_spider_per_jurisdiction():
    out = subprocess.run(
        [sys.executable, "-m", "scrapy", "list"], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    names = set(out.stdout.split())
    assert {"wa", "ca", "ny"} <= names
    assert names == {j.slug for j in registry.all_jurisdictions().values()}


def _hostile_snapshot(tmp_path):
    """The older bundled snapshot, plus an off-domain link, an off-domain redirect and a robots.txt ban."""
    snap = tmp_path / "hostile"
    shutil.copytree(SNAPSHOTS / "2026-05-01", snap)
    manifest = json.loads((snap / "snapshot.json").read_text())
    ca_page = snap / "pages" / "www.mbc.ca.gov" / "medical-assistants.html"
    ca_page.write_text(
        ca_page.read_text().replace(
            "</main>",
            '<p><a href="https://evil.example.com/Download/Publications/steal.pdf">A tempting off-site PDF</a></p>'
            "</main>",
            1,
        )
    )
    for page in manifest["pages"]:
        if page["url"].endswith("utilization-of-medical-assistants"):
            page.clear()
            page.update({"url": manifest_url_ny, "status": 301, "location": "https://evil.example.com/landing"})
        if page["url"] == "https://www.mbc.ca.gov/robots.txt":
            (snap / page["file"]).write_text("User-agent: *\nDisallow: /FAQs/\n")
    manifest["pages"].append(
        {
            "url": "https://evil.example.com/Download/Publications/steal.pdf",
            "file": "pages/www.mbc.ca.gov/medical-assistants.pdf",
        }
    )
    (snap / "snapshot.json").write_text(json.dumps(manifest))
    return load_snapshot(snap)


manifest_url_ny = (
    "https://www.op.nysed.gov/professions/specialist-assistants/professional-practice/utilization-of-medical-assistants"
)


def test_off_domain_links_and_redirects_are_never_followed_and_robots_is_obeyed(tmp_path, sqlite_settings):
    snap = _hostile_snapshot(tmp_path)
    summary = execute_run(sqlite_settings, registry.select("CA,NY"), snap)
    outcomes = {o.code: o for o in summary.outcomes}
    db = Database(sqlite_settings.database_url)
    with db.session() as s:
        fetches = s.query(Fetch).all()
    db.dispose()
    urls = {f.url for f in fetches}
    assert not any("evil.example.com" in u for u in urls)
    assert "https://www.mbc.ca.gov/Download/Publications/medical-assistants.pdf" in urls  # followed: on-domain PDF

    faq = next(f for f in fetches if f.source_id == "ca-mbc-ma-faq")
    assert faq.content_hash is None and "robots" in faq.error.lower()
    assert outcomes["CA"].result == "fetch-problem"

    ny = next(f for f in fetches if f.source_id == "ny-op-utilization-of-mas")
    assert "off the state's declared domains" in ny.error and "evil.example.com" in ny.error
    assert outcomes["NY"].result == "fetch-problem"


def test_plain_scrapy_crawl_works_against_a_served_snapshot(tmp_path):
    """`scrapy crawl wa -s LICENSURE_SNAPSHOT_URL=...` stores pages as a crawl-only run."""
    from tracker.models import Run
    from tracker.replay import SnapshotServer
    from tracker.snapshots import resolve_snapshot

    db_url = f"sqlite:///{tmp_path / 'crawl.db'}"
    env = {**__import__("os").environ, "LICENSURE_DATABASE_URL": db_url, "LICENSURE_DATA_DIR": str(tmp_path)}
    with SnapshotServer(resolve_snapshot("2026-05-01")) as server:
        out = subprocess.run(
            [sys.executable, "-m", "scrapy", "crawl", "wa", "-s", f"LICENSURE_SNAPSHOT_URL={server.base_url}"],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
        )
        requested = {r.url for r in server.requests}
    assert out.returncode == 0, out.stderr[-2000:]
    assert "https://doh.wa.gov/robots.txt" in requested  # robots.txt fetched first, per host
    db = Database(db_url)
    with db.session() as s:
        assert {f.source_id for f in s.query(Fetch).all()} == {src.source_id for src in registry.get("WA").sources}
        [run] = s.query(Run).all()
        assert (run.trigger, run.status, run.error) == ("scrapy", "crawl-only", None)  # what it was, no "Error:"
        assert run.jurisdictions == ["WA"] and run.pages_fetched >= len(registry.get("WA").sources)
    db.dispose()
