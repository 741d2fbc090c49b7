"""Tests for tracker.snapshots: manifests, URL routing and the loopback server.

All server tests make real HTTP requests to a real SnapshotServer on 127.0.0.1.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import socket
import subprocess
import sys
import threading
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from tracker import snapshots
from tracker.replay import SnapshotServer
from tracker.snapshots import (
    BUNDLED_DIR,
    Snapshot,
    SnapshotError,
    SnapshotPage,
    list_snapshots,
    load_snapshot,
    resolve_snapshot,
    route_url,
    unroute_url,
)

REPO_ROOT = Path(__file__).resolve().parent.parent

MA_URL = "https://doh.wa.gov/licenses-permits-and-certificates/professions-new-renewed-or-updated/medical-assistant"
MA_BODY = (
    b"<!DOCTYPE html><html><body><h1>Medical assistant credentials</h1>"
    b"<p>Written for licensure-tracker tests.</p></body></html>\n"
)
MA_ETAG = '"' + hashlib.sha256(MA_BODY).hexdigest() + '"'
MA_LAST_MODIFIED = "Tue, 14 Apr 2026 00:00:00 GMT"


# ----------------------------------------------------------------- helpers


def write_snapshot(
    directory: Path,
    pages: list[dict[str, Any]],
    files: dict[str, bytes | str] | None = None,
    **manifest: Any,
) -> Path:
    """Write snapshot.json (plus page files) into ``directory`` and return it."""
    directory.mkdir(parents=True, exist_ok=True)
    for relative, content in (files or {}).items():
        target = directory / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            content = content.encode("utf-8")
        target.write_bytes(content)
    data = {"name": directory.name, "captured": "2026-05-01", "description": "test", **manifest}
    data["pages"] = pages
    (directory / "snapshot.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
    return directory


def fetch(
    server: SnapshotServer,
    url: str,
    method: str = "GET",
    headers: dict[str, str] | None = None,
) -> tuple[int, http.client.HTTPMessage, bytes]:
    """Request the original ``url`` through the loopback server; no redirects followed."""
    routed = route_url("", url)  # path + query only
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        conn.request(method, routed, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.msg, response.read()
    finally:
        conn.close()


@pytest.fixture()
def snap_dir(tmp_path: Path) -> Path:
    """A small snapshot exercising every kind of page."""
    return write_snapshot(
        tmp_path / "2026-05-01",
        pages=[
            {
                "url": MA_URL,
                "file": "pages/doh.wa.gov/medical-assistant.html",
                "content_type": "text/html; charset=utf-8",
                "last_modified": "2026-04-14",
                "headers": {"X-Snapshot-Note": "hand-written"},
            },
            {
                "url": "https://www.op.nysed.gov/some/old/page",
                "status": 301,
                "location": "https://www.op.nysed.gov/",
            },
            {"url": "https://www.op.nysed.gov/", "file": "pages/op.nysed.gov/index.html"},
            {
                "url": "https://example.gov/gone",
                "status": 404,
                "file": "pages/example.gov/not-found.html",
            },
            {"url": "https://example.gov/removed", "status": 410},
            {"url": "https://example.gov/robots.txt", "file": "pages/example.gov/robots.txt"},
            {
                "url": "https://www.tmb.state.tx.us/Licens%C3%A9/medical%20assistant?lang=en&page=2",
                "file": "pages/tx/ma.html",
            },
            {"url": "http://localhost:8080/local/page", "file": "pages/local/page.txt"},
            {"url": "https://example.gov/rules.pdf", "file": "pages/example.gov/rules.pdf"},
        ],
        files={
            "pages/doh.wa.gov/medical-assistant.html": MA_BODY,
            "pages/op.nysed.gov/index.html": "<html><body>Office of the Professions (test)</body></html>",
            "pages/example.gov/not-found.html": "<html><body>Custom not-found page</body></html>",
            "pages/example.gov/robots.txt": "User-agent: *\nDisallow: /private/\n",
            "pages/tx/ma.html": "<html><body>Texas page (test)</body></html>",
            "pages/local/page.txt": "plain text page\n",
            "pages/example.gov/rules.pdf": b"%PDF-1.4\n% test\n",
        },
        description="Older snapshot: test fixture.",
    )


@pytest.fixture()
def snap(snap_dir: Path) -> Snapshot:
    return load_snapshot(snap_dir)


@pytest.fixture()
def server(snap: Snapshot) -> Any:
    with SnapshotServer(snap) as running:
        yield running


# ----------------------------------------------------------------- routing


@pytest.mark.parametrize(
    ("url", "routed"),
    [
        ("https://doh.wa.gov/a/b?x=1", "http://127.0.0.1:43211/https/doh.wa.gov/a/b?x=1"),
        ("https://doh.wa.gov/", "http://127.0.0.1:43211/https/doh.wa.gov/"),
        ("http://localhost:8080/x/y", "http://127.0.0.1:43211/http/localhost:8080/x/y"),
        (
            "https://example.gov/a%20b/c?q=a%2Fb&r=1",
            "http://127.0.0.1:43211/https/example.gov/a%20b/c?q=a%2Fb&r=1",
        ),
        ("https://example.gov/docs/rules.pdf", "http://127.0.0.1:43211/https/example.gov/docs/rules.pdf"),
    ],
)
def test_route_and_unroute_round_trip(url: str, routed: str) -> None:
    assert route_url("http://127.0.0.1:43211", url) == routed
    assert route_url("http://127.0.0.1:43211/", url) == routed  # trailing slash tolerated
    path_and_query = routed.removeprefix("http://127.0.0.1:43211")
    assert unroute_url(path_and_query) == url
    assert unroute_url(routed) == url  # a full routed URL works too


def test_route_url_adds_root_path_drops_fragment_and_encodes_non_ascii() -> None:
    assert route_url("http://127.0.0.1:1", "https://doh.wa.gov") == "http://127.0.0.1:1/https/doh.wa.gov/"
    assert route_url("http://127.0.0.1:1", "https://doh.wa.gov/a#top") == "http://127.0.0.1:1/https/doh.wa.gov/a"
    assert (
        route_url("http://127.0.0.1:1", "https://x.gov/Licensé page?q=é")
        == "http://127.0.0.1:1/https/x.gov/Licens%C3%A9%20page?q=%C3%A9"
    )
    assert unroute_url("/https/doh.wa.gov") == "https://doh.wa.gov/"


@pytest.mark.parametrize("bad", ["ftp://x.gov/a", "/relative/path", "https:///nohost", "mailto:a@b.gov"])
def test_route_url_rejects_non_http_urls(bad: str) -> None:
    with pytest.raises(ValueError):
        route_url("http://127.0.0.1:1", bad)


@pytest.mark.parametrize("bad", ["/", "/nope", "/ftp/x.gov/a", "/https", "/https/", "relative/https/x"])
def test_unroute_url_rejects_unrouted_paths(bad: str) -> None:
    with pytest.raises(ValueError, match="not a routed snapshot path"):
        unroute_url(bad)


# --------------------------------------------------------------- manifests


def test_load_snapshot_fields_and_defaults(snap: Snapshot, snap_dir: Path) -> None:
    assert snap.name == "2026-05-01"
    assert snap.captured == date(2026, 5, 1)
    assert snap.description == "Older snapshot: test fixture."
    assert snap.path == snap_dir.resolve()
    assert len(snap.pages) == 9

    ma = snap.page_for(MA_URL)
    assert ma == SnapshotPage(
        url=MA_URL,
        file=snap_dir.resolve() / "pages/doh.wa.gov/medical-assistant.html",
        status=200,
        location=None,
        content_type="text/html; charset=utf-8",
        last_modified=datetime(2026, 4, 14, tzinfo=UTC),
        headers={"X-Snapshot-Note": "hand-written"},
    )
    index = snap.page_for("https://www.op.nysed.gov/")
    assert index is not None
    assert index.last_modified == datetime(2026, 5, 1, tzinfo=UTC)  # = captured
    assert index.content_type == "text/html; charset=utf-8"  # guessed from .html
    assert index.headers == {}

    pdf = snap.page_for("https://example.gov/rules.pdf")
    txt = snap.page_for("http://localhost:8080/local/page")
    assert pdf is not None and pdf.content_type == "application/pdf"
    assert txt is not None and txt.content_type == "text/plain; charset=utf-8"

    moved = snap.page_for("https://www.op.nysed.gov/some/old/page")
    assert moved is not None
    assert (moved.status, moved.location, moved.file) == (301, "https://www.op.nysed.gov/", None)
    removed = snap.page_for("https://example.gov/removed")
    assert removed is not None and (removed.status, removed.file) == (410, None)

    assert snap.hosts() == {
        "doh.wa.gov",
        "www.op.nysed.gov",
        "example.gov",
        "www.tmb.state.tx.us",
        "localhost:8080",
    }


def test_load_snapshot_accepts_manifest_path_and_datetimes(tmp_path: Path) -> None:
    directory = write_snapshot(
        tmp_path / "snap",
        pages=[
            {"url": "https://a.gov/z", "file": "z.html", "last_modified": "2026-04-14T09:30:00Z"},
            {"url": "https://a.gov/n", "file": "n.html", "last_modified": "2026-04-14T09:30:00"},
            {"url": "https://a.gov/o", "file": "o.html", "last_modified": "2026-04-14T09:30:00-07:00"},
        ],
        files={"z.html": "z", "n.html": "n", "o.html": "o"},
    )
    snap = load_snapshot(directory / "snapshot.json")
    assert snap.path == directory.resolve()
    stamps = [page.last_modified for page in snap.pages]
    assert stamps == [
        datetime(2026, 4, 14, 9, 30, tzinfo=UTC),
        datetime(2026, 4, 14, 9, 30, tzinfo=UTC),
        datetime(2026, 4, 14, 16, 30, tzinfo=UTC),
    ]
    assert all(stamp.tzinfo == UTC for stamp in stamps)


def test_page_for_tolerates_percent_encoding_but_requires_query(snap: Snapshot) -> None:
    recorded = "https://www.tmb.state.tx.us/Licens%C3%A9/medical%20assistant?lang=en&page=2"
    page = snap.page_for(recorded)
    assert page is not None and page.url == recorded
    for variant in [
        "https://www.tmb.state.tx.us/Licensé/medical assistant?lang=en&page=2",
        "https://www.tmb.state.tx.us/Licens%c3%a9/medical%20assistant?lang=en&page=2",
        "https://WWW.TMB.STATE.TX.US:443/Licens%C3%A9/medical%20assistant?lang=%65n&page=2",
        "https://www.tmb.state.tx.us/Licens%C3%A9/medical%20assistant?lang=en&page=2#top",
    ]:
        assert snap.page_for(variant) is page, variant
    assert snap.page_for("https://www.tmb.state.tx.us/Licens%C3%A9/medical%20assistant") is None
    assert snap.page_for("https://www.tmb.state.tx.us/Licens%C3%A9/medical%20assistant?lang=en&page=3") is None
    assert snap.page_for("http://www.tmb.state.tx.us/Licens%C3%A9/medical%20assistant?lang=en&page=2") is None
    assert snap.page_for("not a url") is None


GOOD_PAGE = {"url": "https://a.gov/p", "file": "p.html"}


@pytest.mark.parametrize(
    ("manifest_changes", "pages", "expected"),
    [
        ({"extra": 1}, [GOOD_PAGE], ["unknown field(s) extra"]),
        ({}, [{**GOOD_PAGE, "colour": "red"}], ["page https://a.gov/p", "unknown field(s) colour"]),
        ({}, [{"url": "/relative/p", "file": "p.html"}], ["pages[0]", "'url'", "'/relative/p'", "absolute"]),
        ({}, [{"url": "ftp://a.gov/p", "file": "p.html"}], ["pages[0]", "'url'", "absolute http(s)"]),
        ({}, [{"file": "p.html"}], ["pages[0]", "no 'url'"]),
        (
            {},
            [GOOD_PAGE, {"url": "https://a.gov/old", "status": 301}],
            ["page https://a.gov/old", "status 301", "no 'location'"],
        ),
        (
            {},
            [GOOD_PAGE, {"url": "https://a.gov/old", "status": 302, "location": "/relative"}],
            ["page https://a.gov/old", "'location'", "'/relative'"],
        ),
        (
            {},
            [{**GOOD_PAGE, "location": "https://a.gov/x"}],
            ["page https://a.gov/p", "'location'", "status 200"],
        ),
        ({}, [{"url": "https://a.gov/p"}], ["page https://a.gov/p", "status 200", "no 'file'"]),
        (
            {},
            [{"url": "https://a.gov/p", "file": "missing.html"}],
            ["page https://a.gov/p", "'file'", "missing.html", "does not exist"],
        ),
        (
            {},
            [{"url": "https://a.gov/p", "file": "../p.html"}],
            ["page https://a.gov/p", "'file'", "'../p.html'", "no '..'"],
        ),
        (
            {},
            [GOOD_PAGE, {"url": "https://A.gov/p", "file": "p.html"}],
            ["page https://A.gov/p", "'url'", "duplicates https://a.gov/p"],
        ),
        (
            {},
            [{"url": "https://a.gov/a%20b", "file": "p.html"}, {"url": "https://a.gov/a b", "file": "p.html"}],
            ["page https://a.gov/a b", "duplicates https://a.gov/a%20b"],
        ),
        ({}, [{**GOOD_PAGE, "status": 204}], ["page https://a.gov/p", "'status' is 204"]),
        ({}, [{**GOOD_PAGE, "status": "200"}], ["page https://a.gov/p", "'status' is '200'"]),
        (
            {},
            [{**GOOD_PAGE, "last_modified": "14/04/2026"}],
            ["page https://a.gov/p", "'last_modified'", "'14/04/2026'", "ISO date"],
        ),
        (
            {},
            [{**GOOD_PAGE, "headers": {"Content-Length": "5"}}],
            ["page https://a.gov/p", "'headers'", "Content-Length", "server controls"],
        ),
        (
            {},
            [{**GOOD_PAGE, "headers": {"X-Bad": 5}}],
            ["page https://a.gov/p", "'headers'", "'X-Bad'"],
        ),
        (
            {},
            [{"url": "https://a.gov/gone", "status": 404, "content_type": "text/plain"}],
            ["page https://a.gov/gone", "'content_type'", "no 'file'"],
        ),
        ({"captured": "May 2026"}, [GOOD_PAGE], ["'captured'", "'May 2026'", "ISO date"]),
        ({"pages": None}, [GOOD_PAGE], ["'pages'", "not a list"]),
        ({}, ["https://a.gov/p"], ["pages[0]", "not an object"]),
    ],
)
def test_manifest_validation_errors_name_file_and_field(
    tmp_path: Path, manifest_changes: dict[str, Any], pages: list[Any], expected: list[str]
) -> None:
    directory = write_snapshot(tmp_path / "bad", pages=pages, files={"p.html": "<p>x</p>"})
    if manifest_changes:
        manifest = directory / "snapshot.json"
        data = json.loads(manifest.read_text())
        data.update(manifest_changes)
        manifest.write_text(json.dumps(data))
    with pytest.raises(SnapshotError) as info:
        load_snapshot(directory)
    message = str(info.value)
    assert str(directory.resolve() / "snapshot.json") in message
    for fragment in expected:
        assert fragment in message, (fragment, message)
    assert ";" in message and "\n" not in message  # one sentence: problem; fix


def test_missing_manifest_and_invalid_json(tmp_path: Path) -> None:
    with pytest.raises(SnapshotError, match=r"No snapshot manifest at .*empty/snapshot\.json"):
        load_snapshot(tmp_path / "empty")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "snapshot.json").write_text('{"captured": "2026-05-01", "pages": [}')
    with pytest.raises(SnapshotError, match=r"broken/snapshot\.json is not valid JSON \(line 1, column"):
        load_snapshot(broken)
    missing_captured = write_snapshot(tmp_path / "nocap", pages=[])
    data = json.loads((missing_captured / "snapshot.json").read_text())
    del data["captured"]
    (missing_captured / "snapshot.json").write_text(json.dumps(data))
    with pytest.raises(SnapshotError, match=r"nocap/snapshot\.json has no 'captured'"):
        load_snapshot(missing_captured)


# ------------------------------------------------------------ base snapshots


def test_a_based_snapshot_inherits_the_pages_it_does_not_list(tmp_path: Path) -> None:
    write_snapshot(
        tmp_path / "older",
        pages=[
            {"url": "https://a.gov/robots.txt", "file": "pages/robots.txt"},
            {"url": "https://a.gov/same", "file": "pages/same.html", "last_modified": "2026-01-02"},
            {"url": "https://a.gov/changed", "file": "pages/changed.html", "last_modified": "2026-01-02"},
            {"url": "https://a.gov/moved", "file": "pages/moved.html"},
        ],
        files={"pages/robots.txt": "User-agent: *\n", "pages/same.html": "same", "pages/changed.html": "old"},
        captured="2026-05-01",
    )
    (tmp_path / "older" / "pages" / "moved.html").write_text("moved")
    newer = write_snapshot(
        tmp_path / "newer",
        pages=[
            {"url": "https://a.gov/changed", "file": "pages/changed.html", "last_modified": "2026-10-09"},
            {"url": "https://a.gov/moved", "status": 301, "location": "https://a.gov/"},
            {"url": "https://a.gov/", "file": "pages/home.html"},
        ],
        files={"pages/changed.html": "new", "pages/home.html": "home"},
        captured="2026-11-01",
        base="older",
    )
    snap = load_snapshot(newer)
    assert snap.base == "older"
    urls = [page.url for page in snap.pages]
    assert urls == [
        "https://a.gov/robots.txt",
        "https://a.gov/same",
        "https://a.gov/changed",
        "https://a.gov/moved",
        "https://a.gov/",
    ]  # the base's order, an override in its place, a new URL at the end of its file's list
    same = snap.page_for("https://a.gov/same")
    robots = snap.page_for("https://a.gov/robots.txt")
    changed = snap.page_for("https://a.gov/changed")
    moved = snap.page_for("https://a.gov/moved")
    assert same is not None and robots is not None and changed is not None and moved is not None
    assert same.file == (tmp_path / "older" / "pages" / "same.html").resolve()
    assert same.last_modified == datetime(2026, 1, 2, tzinfo=UTC)
    assert robots.last_modified == datetime(2026, 11, 1, tzinfo=UTC)  # no date of its own: this snapshot's
    assert changed.file is not None and changed.file.read_text() == "new"
    assert (moved.status, moved.file) == (301, None)
    with SnapshotServer(snap) as server:
        assert fetch(server, "https://a.gov/same")[2] == b"same"
        assert fetch(server, "https://a.gov/changed")[2] == b"new"
        assert fetch(server, "https://a.gov/moved")[0] == 301
    older = load_snapshot(tmp_path / "older")  # the base itself is untouched
    assert older.base is None and len(older.pages) == 4


def test_a_base_may_itself_have_a_base_and_fragments_overlay_by_url(tmp_path: Path) -> None:
    write_snapshot(tmp_path / "a", pages=[], captured="2026-01-01")
    fragment = tmp_path / "a" / "pages.d" / "wa.json"
    fragment.parent.mkdir()
    fragment.write_text(json.dumps([{"url": "https://wa.gov/p", "file": "p.html"}]))
    (tmp_path / "a" / "p.html").write_text("a")
    write_snapshot(tmp_path / "b", pages=[{"url": "https://b.gov/", "file": "b.html"}], files={"b.html": "b"}, base="a")
    c = write_snapshot(tmp_path / "c", pages=[], base="b")
    (c / "pages.d").mkdir()
    (c / "pages.d" / "wa.json").write_text(json.dumps([{"url": "https://wa.gov/p", "file": "p.html"}]))
    (c / "p.html").write_text("c")
    snap = load_snapshot(c)
    assert [(page.url, page.file.read_text() if page.file else None) for page in snap.pages] == [
        ("https://b.gov/", "b"),
        ("https://wa.gov/p", "c"),
    ]


@pytest.mark.parametrize(
    ("base", "expected"),
    [
        ("missing", ["field 'base' is 'missing'", "holds no snapshot.json", "next to this one"]),
        ("../elsewhere", ["field 'base' is '../elsewhere'", "next to this one"]),
        ("loop", ["field 'base' is", "leads back to"]),
    ],
)
def test_a_bad_base_is_named_with_the_fix(tmp_path: Path, base: str, expected: list[str]) -> None:
    write_snapshot(tmp_path / "loop", pages=[], base="snap")
    directory = write_snapshot(tmp_path / "snap", pages=[], base=base)
    with pytest.raises(SnapshotError) as info:
        load_snapshot(directory)
    message = str(info.value)
    assert str(tmp_path.resolve() / ("loop" if base == "loop" else "snap") / "snapshot.json") in message
    for fragment in expected:
        assert fragment in message, (fragment, message)


def test_a_fragment_page_error_names_the_fragment_file(tmp_path: Path) -> None:
    directory = write_snapshot(tmp_path / "snap", pages=[])
    (directory / "pages.d").mkdir()
    fragment = directory / "pages.d" / "ok.json"
    fragment.write_text(json.dumps([{"url": "https://ok.gov/p", "status": 302}]))
    with pytest.raises(
        SnapshotError, match=r"pages\.d/ok\.json: page https://ok\.gov/p has status 302 but no 'location'"
    ):
        load_snapshot(directory)
    fragment.write_text(json.dumps({"url": "https://ok.gov/p"}))
    with pytest.raises(SnapshotError, match=r"ok\.json must hold a JSON array"):
        load_snapshot(directory)


def test_the_newer_bundled_snapshot_keeps_only_what_differs_from_its_base() -> None:
    newer, older = resolve_snapshot("2026-11-01"), resolve_snapshot("2026-05-01")
    assert newer.base == older.path.name
    own = [page for page in newer.pages if page.file is not None and newer.path in page.file.parents]
    assert own, "the newer snapshot lists no page of its own"
    for page in own:
        before = older.page_for(page.url)
        assert before is None or before.file is None or before.file.read_bytes() != page.file.read_bytes(), page.url
    on_disk = {p for p in (newer.path / "pages").rglob("*") if p.is_file()}
    assert on_disk == {page.file for page in own}, "a page file in the newer snapshot that no page uses"


# ------------------------------------------------------ listing and resolving


def _make_library(root: Path) -> None:
    write_snapshot(root / "b-late", pages=[], captured="2026-11-01", name="2026-11-01")
    write_snapshot(root / "a-early", pages=[], captured="2026-05-01", name="2026-05-01")
    write_snapshot(root / "mid-z", pages=[], captured="2026-08-01", name="zulu")
    write_snapshot(root / "mid-a", pages=[], captured="2026-08-01", name="alpha")
    (root / "not-a-snapshot").mkdir()
    (root / "README.txt").write_text("ignored")


def test_list_snapshots_oldest_first(tmp_path: Path) -> None:
    _make_library(tmp_path)
    listed = list_snapshots(tmp_path)
    assert [s.name for s in listed] == ["2026-05-01", "alpha", "zulu", "2026-11-01"]
    assert [s.captured for s in listed] == [
        date(2026, 5, 1),
        date(2026, 8, 1),
        date(2026, 8, 1),
        date(2026, 11, 1),
    ]
    assert list_snapshots(tmp_path / "does-not-exist") == []


def test_resolve_snapshot_by_name_keyword_and_dir(tmp_path: Path) -> None:
    root = tmp_path / "bundled"
    _make_library(root)
    assert resolve_snapshot("latest", root=root).name == "2026-11-01"
    assert resolve_snapshot("oldest", root=root).name == "2026-05-01"
    assert resolve_snapshot("mid-a", root=root).name == "alpha"  # directory name
    assert resolve_snapshot("zulu", root=root).path == (root / "mid-z").resolve()  # manifest name
    assert resolve_snapshot(str(root / "b-late"), root=root).name == "2026-11-01"
    assert resolve_snapshot(root / "a-early", root=root).name == "2026-05-01"

    with pytest.raises(SnapshotError) as info:
        resolve_snapshot("2027-01-01", root=root)
    message = str(info.value)
    assert "Unknown snapshot '2027-01-01'" in message
    for name in ["2026-05-01", "2026-11-01", "a-early", "alpha", "zulu", "'latest'", "'oldest'"]:
        assert name in message


def test_resolve_snapshot_with_no_bundled_snapshots(tmp_path: Path) -> None:
    empty = tmp_path / "none"
    with pytest.raises(SnapshotError, match=r"No bundled snapshots under .*none.*'latest'"):
        resolve_snapshot("latest", root=empty)
    with pytest.raises(SnapshotError, match=r"Unknown snapshot 'x'.*none \(no bundled snapshots"):
        resolve_snapshot("x", root=empty)


def test_bundled_dir_is_under_repo_root() -> None:
    assert BUNDLED_DIR == REPO_ROOT / "scrapers" / "snapshots"
    assert snapshots.REPO_ROOT == REPO_ROOT


# ------------------------------------------------------------------- server


def test_server_binds_loopback_only_on_ephemeral_port(snap: Snapshot) -> None:
    server = SnapshotServer(snap)
    with pytest.raises(RuntimeError):
        _ = server.base_url  # not started yet
    with server:
        host, port = server.server_address
        assert host == "127.0.0.1"
        assert port > 0
        assert server.base_url == f"http://127.0.0.1:{port}"
        assert server.url_for(MA_URL) == route_url(f"http://127.0.0.1:{port}", MA_URL)
        assert server._httpd is not None
        assert server._httpd.socket.family == socket.AF_INET
        assert server._httpd.socket.getsockname() == ("127.0.0.1", port)
    # stopped: the port no longer accepts connections and stop() is idempotent
    server.stop()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()


def test_get_200_with_validators(server: SnapshotServer) -> None:
    status, headers, body = fetch(server, MA_URL)
    assert status == 200
    assert body == MA_BODY
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Content-Length"] == str(len(MA_BODY))
    assert headers["ETag"] == MA_ETAG
    assert headers["Last-Modified"] == MA_LAST_MODIFIED
    assert headers["X-Snapshot-Note"] == "hand-written"
    assert "Cache-Control" not in headers


def test_pdf_and_text_content_types(server: SnapshotServer) -> None:
    status, headers, body = fetch(server, "https://example.gov/rules.pdf")
    assert (status, headers["Content-Type"], body) == (200, "application/pdf", b"%PDF-1.4\n% test\n")
    status, headers, body = fetch(server, "http://localhost:8080/local/page")
    assert (status, headers["Content-Type"], body) == (200, "text/plain; charset=utf-8", b"plain text page\n")
    assert headers["Last-Modified"] == "Fri, 01 May 2026 00:00:00 GMT"  # defaults to captured


@pytest.mark.parametrize("if_none_match", [MA_ETAG, f"W/{MA_ETAG}", f'"other", {MA_ETAG}', "*"])
def test_304_via_if_none_match(server: SnapshotServer, if_none_match: str) -> None:
    status, headers, body = fetch(server, MA_URL, headers={"If-None-Match": if_none_match})
    assert status == 304
    assert body == b""
    assert headers["ETag"] == MA_ETAG
    assert headers["Last-Modified"] == MA_LAST_MODIFIED
    assert "Content-Type" not in headers


@pytest.mark.parametrize(
    "since", [MA_LAST_MODIFIED, "Wed, 15 Apr 2026 08:00:00 GMT", "Tuesday, 14-Apr-26 00:00:00 GMT"]
)
def test_304_via_if_modified_since(server: SnapshotServer, since: str) -> None:
    status, headers, body = fetch(server, MA_URL, headers={"If-Modified-Since": since})
    assert (status, body) == (304, b"")
    assert headers["ETag"] == MA_ETAG


@pytest.mark.parametrize(
    "conditional",
    [
        {"If-None-Match": '"0000"'},
        {"If-None-Match": MA_ETAG[:-2] + '"'},
        {"If-Modified-Since": "Mon, 13 Apr 2026 23:59:59 GMT"},
        {"If-Modified-Since": "not a date"},
        # If-None-Match present and not matching: If-Modified-Since is ignored
        {"If-None-Match": '"0000"', "If-Modified-Since": "Wed, 15 Apr 2026 08:00:00 GMT"},
    ],
)
def test_200_when_validators_do_not_match(server: SnapshotServer, conditional: dict[str, str]) -> None:
    status, headers, body = fetch(server, MA_URL, headers=conditional)
    assert (status, body) == (200, MA_BODY)
    assert headers["ETag"] == MA_ETAG


def test_body_is_read_from_disk_per_request(server: SnapshotServer, snap: Snapshot) -> None:
    page = snap.page_for(MA_URL)
    assert page is not None and page.file is not None
    new_body = b"<html><body>edited</body></html>"
    page.file.write_bytes(new_body)
    status, headers, body = fetch(server, MA_URL, headers={"If-None-Match": MA_ETAG})
    assert (status, body) == (200, new_body)
    assert headers["ETag"] == '"' + hashlib.sha256(new_body).hexdigest() + '"'


def test_redirect_location_is_original_url(server: SnapshotServer) -> None:
    status, headers, body = fetch(server, "https://www.op.nysed.gov/some/old/page")
    assert status == 301
    assert headers["Location"] == "https://www.op.nysed.gov/"
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert int(headers["Content-Length"]) == len(body) > 0
    assert b'href="https://www.op.nysed.gov/"' in body
    assert "ETag" not in headers
    # the client routes the Location again itself
    status, _, body = fetch(server, headers["Location"])
    assert status == 200 and b"Office of the Professions" in body


def test_404_for_unknown_url(server: SnapshotServer) -> None:
    status, headers, body = fetch(server, "https://doh.wa.gov/not/recorded")
    assert status == 404
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert b"Page not found" in body
    assert int(headers["Content-Length"]) == len(body)


def test_recorded_error_statuses(server: SnapshotServer) -> None:
    status, _, body = fetch(server, "https://example.gov/gone")
    assert (status, body) == (404, b"<html><body>Custom not-found page</body></html>")
    status, headers, body = fetch(server, "https://example.gov/removed")
    assert status == 410
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert b"Page not found" in body and b"410" in body


def test_unrouted_path_is_400(server: SnapshotServer) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        conn.request("GET", "/medical-assistant")
        response = conn.getresponse()
        assert response.status == 400
        assert b"/https/HOST/PATH" in response.read()
    finally:
        conn.close()


def test_robots_txt_default_and_explicit(server: SnapshotServer) -> None:
    status, headers, body = fetch(server, "https://doh.wa.gov/robots.txt")
    assert (status, body) == (200, b"User-agent: *\nAllow: /\n")
    assert headers["Content-Type"] == "text/plain; charset=utf-8"
    assert headers["ETag"].startswith('"') and headers["ETag"].endswith('"')
    status, headers, body = fetch(server, "https://example.gov/robots.txt")
    assert (status, body) == (200, b"User-agent: *\nDisallow: /private/\n")
    assert headers["Content-Type"] == "text/plain; charset=utf-8"


def test_head_requests(server: SnapshotServer) -> None:
    status, headers, body = fetch(server, MA_URL, method="HEAD")
    assert (status, body) == (200, b"")
    assert headers["Content-Length"] == str(len(MA_BODY))
    assert headers["ETag"] == MA_ETAG
    assert headers["Last-Modified"] == MA_LAST_MODIFIED
    status, _, body = fetch(server, "https://doh.wa.gov/nothing-here", method="HEAD")
    assert (status, body) == (404, b"")
    status, headers, _ = fetch(server, MA_URL, method="HEAD", headers={"If-None-Match": MA_ETAG})
    assert status == 304


def test_percent_encoding_tolerant_over_http(server: SnapshotServer) -> None:
    for variant in [
        "https://www.tmb.state.tx.us/Licensé/medical assistant?lang=en&page=2",
        "https://www.tmb.state.tx.us/Licens%c3%a9/medical%20assistant?lang=en&page=2",
        "https://WWW.tmb.state.tx.us/Licens%C3%A9/medical%20assistant?lang=en&page=2",
    ]:
        status, _, body = fetch(server, variant)
        assert (status, body) == (200, b"<html><body>Texas page (test)</body></html>"), variant
    status, _, _ = fetch(server, "https://www.tmb.state.tx.us/Licensé/medical assistant?lang=en")
    assert status == 404


def test_keep_alive_connection_serves_several_requests(server: SnapshotServer) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        for _ in range(3):
            conn.request("GET", route_url("", MA_URL))
            response = conn.getresponse()
            assert (response.status, response.read()) == (200, MA_BODY)
    finally:
        conn.close()


def test_requests_are_recorded_thread_safely(server: SnapshotServer) -> None:
    fetch(server, MA_URL, headers={"If-None-Match": MA_ETAG, "User-Agent": "test-agent"})
    fetch(server, "https://www.op.nysed.gov/some/old/page", method="HEAD")
    method, url, status, headers = server.requests[0]
    assert (method, url, status) == ("GET", MA_URL, 304)
    assert headers["If-None-Match"] == MA_ETAG
    assert headers["User-Agent"] == "test-agent"
    assert server.requests[1][:3] == ("HEAD", "https://www.op.nysed.gov/some/old/page", 301)

    server.clear_requests()
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            for _ in range(10):
                assert fetch(server, MA_URL)[0] == 200
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(server.requests) == 80
    assert {entry[:3] for entry in server.requests} == {("GET", MA_URL, 200)}


def test_tracker_snapshots_does_not_import_scrapy() -> None:
    code = "import sys, tracker.snapshots, tracker.replay; sys.exit('scrapy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# -------------------------------------------------------- bundled snapshots


def _bundled_dirs() -> list[Any]:
    dirs = sorted(p for p in BUNDLED_DIR.glob("*/snapshot.json")) if BUNDLED_DIR.is_dir() else []
    if not dirs:
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"no bundled snapshots under {BUNDLED_DIR} yet"))]
    return [pytest.param(p.parent, id=p.parent.name) for p in dirs]


@pytest.mark.parametrize("directory", _bundled_dirs())
def test_bundled_snapshot_is_valid_and_serves_every_page(directory: Path) -> None:
    snap = load_snapshot(directory)
    assert snap.pages, f"{directory} has no pages"
    assert resolve_snapshot(directory.name).path == directory.resolve()
    with SnapshotServer(snap) as server:
        for page in snap.pages:
            status, headers, body = fetch(server, page.url)
            assert status == page.status, page.url
            if page.status == 200:
                assert page.file is not None
                assert body == page.file.read_bytes()
                assert headers["Content-Type"] == page.content_type
            if page.location is not None:
                assert headers["Location"] == page.location


def test_bundled_snapshots_list_in_date_order() -> None:
    listed = list_snapshots()
    if not listed:
        pytest.skip(f"no bundled snapshots under {BUNDLED_DIR} yet")
    assert [s.captured for s in listed] == sorted(s.captured for s in listed)
    assert resolve_snapshot("oldest") == listed[0]
    assert resolve_snapshot("latest") == listed[-1]


# ------------------------------------------------------------- bundled PDFs


def _pdf_engine() -> Any:
    import importlib.util

    path = BUNDLED_DIR / "tools" / "build_pdfs.py"
    spec = importlib.util.spec_from_file_location("build_pdfs", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


def _pdf_text(data: bytes) -> list[str]:
    import io

    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def test_every_bundled_pdf_has_one_data_file() -> None:
    documents = _pdf_engine().load_documents()
    targets = [doc.target for doc in documents]
    assert len(targets) == len(set(targets)), "two data files write the same PDF"
    assert set(targets) == set(BUNDLED_DIR.glob("*/pages/**/*.pdf"))


def test_rebuilding_the_bundled_pdfs_gives_the_committed_text() -> None:
    engine = _pdf_engine()
    for doc in engine.load_documents():
        rebuilt = _pdf_text(engine.build(doc))
        assert rebuilt == _pdf_text(doc.target.read_bytes()), doc.name
        assert "".join(rebuilt).strip(), doc.name
