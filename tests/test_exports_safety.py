"""Exports are safe to open: formulas neutralised in CSV and XLSX, scraped text escaped in HTML and
Markdown, only http(s) links; and faithful: the same data gives the same bytes on SQLite and PostgreSQL.

Hostile values are planted the way they would arrive: in a stored record version
(and a recorded change), as if an agency page had contained them.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import re
import zipfile
from datetime import UTC, datetime

import lxml.html
import openpyxl
import pytest

from tests.conftest import PG_URL, _pg_schema_url
from tests.test_exports import CHROMIUM, T1, T2, clock, dump_dom, settle_snapshot
from tracker import storage
from tracker.config import Settings
from tracker.db import Database
from tracker.diff import values_hash
from tracker.exports import FORMATS, Options, build_table, render
from tracker.textsafe import FORMULA_START

STATES = ["CA", "NY", "WA"]
T3 = datetime(2026, 11, 2, 9, tzinfo=UTC)
SCRIPT = (
    '<script>document.title="PWNED";document.body.setAttribute("data-pwned","1")</script>'
    "<img src=x onerror=\"document.body.setAttribute('data-pwned','2')\">"
)
EVIL = {
    "regulator": '=HYPERLINK("http://evil.example/x","click me")',
    "citation": "+cmd|' /C calc'!A0",
    "credential": "@SUM(1+1)*cmd|' /C calc'!A0",
    "excerpt": "-2+3+cmd|' /C calc'!A0 " + SCRIPT,
    "tab": "\t=1+1 tab first",
    "cr": "\r=2+2 carriage return first",
    "url": "javascript:document.body.setAttribute('data-pwned','3')",
    "summary": '=WEBSERVICE("http://evil.example/") ' + SCRIPT,
}


def plant(db: Database) -> None:
    """A new WA record version carrying hostile strings, and a change whose summary is hostile."""
    with clock(T3), db.session() as s:
        current = storage.current_version(s, "WA", "medical-assistant")
        record = copy.deepcopy(current.record)
        record["regulators"][0]["name"] = EVIL["regulator"]
        record["regulators"][0]["url"] = EVIL["url"]
        record["citations"][0]["identifier"] = EVIL["citation"]
        record["credential"]["state_credentials"]["value"] = [
            {"name": EVIL["credential"], "abbreviation": None, "issuer": None}
        ]
        sid = record["sources"][0]["source_id"]
        record["credential"]["requirement"]["evidence"] = [
            {"source_id": sid, "excerpt": EVIL["excerpt"]},
            {"source_id": sid, "excerpt": EVIL["tab"]},
            {"source_id": sid, "excerpt": EVIL["cr"]},
        ]
        record["sources"].append({**record["sources"][0], "source_id": "evil-source", "url": EVIL["url"]})
        record["supervision"]["evidence"] = [{"source_id": "evil-source", "excerpt": "<b>bold?</b> " + SCRIPT}]
        storage.append_version(s, None, "WA", "medical-assistant", record, values_hash(record))
        storage.add_change(
            s,
            run_id=None,
            jurisdiction="WA",
            profession="medical-assistant",
            category="requirement",
            field="regulators",
            kind="changed",
            direction=None,
            old_value=None,
            new_value=EVIL["regulator"],
            evidence_before=[],
            evidence_after=[],
            source_url=EVIL["url"],
            content_hash=None,
            summary=EVIL["summary"],
        )


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def planted(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """Every format exported once per backend (the conftest's SQLite / PostgreSQL-schema setup, module-wide)."""
    tmp = tmp_path_factory.mktemp("planted")
    if request.param == "sqlite":
        urls = iter([f"sqlite:///{tmp / 'planted.db'}"])
    elif not PG_URL:
        pytest.skip(
            "PostgreSQL variant skipped: set LICENSURE_TEST_POSTGRES_URL (CI uses postgresql+psycopg://postgres@127.0.0.1:5432/test)"
        )
    else:
        urls = _pg_schema_url()
    url = next(urls)
    settings = Settings(data_dir=tmp / "data", database_url=url)
    db = Database(url)
    try:
        settle_snapshot(db, settings, "2026-05-01", T1, STATES)
        settle_snapshot(db, settings, "2026-11-01", T2, STATES)
        plant(db)
        with db.session() as s:
            files = {kind: render(kind, build_table(s, Options(changed_since=T1.replace(day=2)))) for kind in FORMATS}
        files["backend"] = request.param
        yield files
    finally:
        db.dispose()
        next(urls, None)  # drops the PostgreSQL schema


def _dangerous(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def test_csv_and_xlsx_neutralise_every_formula(planted):
    rows = list(csv.reader(io.StringIO(planted["csv"].decode("utf-8"))))
    assert not [v for row in rows for v in row if _dangerous(v)]
    header, *body = rows
    wa = dict(zip(header, next(r for r in body if r[0] == "WA"), strict=True))
    assert wa["regulators"].startswith("'" + EVIL["regulator"])
    assert wa["citations"].startswith("'" + EVIL["citation"])
    assert wa["state_credentials"].removesuffix(" (inferred)") == "'" + EVIL["credential"]  # WA: read from guidance

    wb = openpyxl.load_workbook(io.BytesIO(planted["xlsx"]))
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if _dangerous(c.value) or c.data_type == "f"]
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert any(t.removesuffix(" (inferred)") == "'" + EVIL["credential"] for t in texts)
    assert "'" + EVIL["excerpt"] in texts and "'" + EVIL["tab"] in texts and "'" + EVIL["cr"] in texts
    assert any(t.startswith("'" + EVIL["summary"][:20]) for t in texts)  # the Changes sheet
    with zipfile.ZipFile(io.BytesIO(planted["xlsx"])) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets and not any(re.search(rb"<f[ >]", z.read(n)) for n in sheets)
        rels = b"".join(z.read(n) for n in z.namelist() if n.endswith(".rels"))
        assert b"javascript:" not in rels  # no hyperlink to a javascript: address


def test_json_keeps_the_exact_values(planted):
    doc = json.loads(planted["json"])
    wa = next(r for r in doc["rows"] if r["jurisdiction"] == "WA")
    assert wa["cells"]["regulators"]["value"][0]["name"] == EVIL["regulator"]
    assert wa["cells"]["citations"]["text"].startswith(EVIL["citation"])
    assert [e["excerpt"] for e in wa["cells"]["credential_requirement"]["evidence"]] == [
        EVIL["excerpt"],
        EVIL["tab"],
        EVIL["cr"],
    ]


def test_markdown_escapes_scraped_text(planted):
    md = planted["md"].decode("utf-8")
    assert not re.search(r"(?<!\\)<(script|img|b)\b", md), "markup must be backslash-escaped"
    assert "\\<script\\>" in md
    assert "<javascript:" not in md and "](javascript:" not in md  # never a link
    wa = next(line for line in md.splitlines() if line.startswith("| WA |"))
    assert wa.count(" | ") == len(json.loads(planted["json"])["columns"]) - 1, "a value split a table cell"


def test_html_shows_scraped_markup_as_text_and_links_only_http(planted):
    html = planted["html"].decode("utf-8")
    page = lxml.html.fromstring(html)
    assert len(page.cssselect("script")) == 1  # the dashboard's own
    assert not page.cssselect("img") and not [b for b in page.cssselect("b") if "bold?" in b.text_content()]
    assert "<b>bold?</b>" in page.text_content()
    assert not [a.get("href") for a in page.cssselect("a") if not re.match(r"^(https?://|#)", a.get("href") or "")]
    assert '<script>document.title="PWNED"' in page.text_content()  # shown, as text
    assert "&lt;script&gt;" in html
    csp = page.cssselect('meta[http-equiv="Content-Security-Policy"]')[0].get("content")
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp and "'sha256-" in csp


@pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (apt-get install -y chromium; .ci/run installs it)"
)
def test_nothing_scraped_runs_in_a_browser(planted, tmp_path):
    if planted["backend"] != "sqlite":
        pytest.skip("the browser check needs one backend only; the bytes are the same on both (see below)")
    page = tmp_path / "dashboard.html"
    page.write_bytes(planted["html"])
    for target in ("", "#st-WA"):
        dom = dump_dom(page, target, tmp_path / "profile")
        body = dom.find("body")
        assert body.get("data-rendered") == "1"
        assert body.get("data-pwned") is None and "PWNED" not in dom.findtext(".//title")


def test_sqlite_and_postgresql_give_the_same_bytes(settings, tmp_path):
    """The same history on this backend and on a fresh SQLite file: byte-identical files in every format."""
    codes = ["CT", "NM", "NY", "WA"]
    files = []
    for url in (settings.database_url, f"sqlite:///{tmp_path / 'other.db'}"):
        db = Database(url)
        settle_snapshot(db, settings, "2026-05-01", T1, codes)
        settle_snapshot(db, settings, "2026-11-01", T2, codes)
        with db.session() as s:
            files.append(
                {kind: render(kind, build_table(s, Options(changed_since=T1.replace(day=2)))) for kind in FORMATS}
            )
            files.append({kind: render(kind, build_table(s, Options(as_of=T1.replace(day=3)))) for kind in FORMATS})
        db.dispose()
    assert files[0] == files[2] and files[1] == files[3]
