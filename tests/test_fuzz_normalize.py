"""Fuzzing the normalizers with Hypothesis: random and mutated HTML, text and PDFs never crash them.

Every input either gives a record that passes the schema or raises ExtractionError (which the pipeline
records as an extraction problem for engineers); any other exception, or a record the schema rejects, is a
bug. Inputs: random bytes and text under every content type, and the bundled snapshot pages mutated
(bytes flipped, cut, repeated, tags and entities injected, the charset lied about) with the
jurisdiction's other pages left intact.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.faults import bodies
from tests.faults.runs import snapshot_pages
from tracker import registry, storage
from tracker.normalize import ExtractionError, Page, normalize
from tracker.normalize.text import UnreadablePage, document, sentences
from tracker.records import validate

FUZZ = settings(
    max_examples=60,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
NOW = datetime(2026, 5, 1, tzinfo=UTC)
CONTENT_TYPES = [
    None,
    "text/html",
    "text/html; charset=utf-8",
    "text/html; charset=iso-8859-1",
    "text/html; charset=utf-16",
    "text/html; charset=x-no-such-charset",
    "text/plain",
    "application/pdf",
    "application/octet-stream",
    "image/png",
]
STATES = ("WA", "AZ", "CO")  # HTML and statute pages, a PDF regulation, a single-source state
PAGES = {code: snapshot_pages("2026-05-01", code) for code in STATES}
SNIPPETS = [
    b"<",
    b">",
    b"</main>",
    b"<main>",
    b"<table><tr><td>",
    b"</td></tr></table>",
    b"<li>",
    b"<script>",
    b"<!--",
    b"-->",
    b"&nbsp;",
    b"&#0;",
    b"&#xD800;",
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\xe2\x80",
    b"<?xml version='1.0'?>",
    b"<!DOCTYPE html>",
    b"%PDF-1.7\n",
    b"stream\n",
    b"endobj",
    b"trailer",
    b"Medical assistants may not",
    b"may perform injections",
    b"(1)",
    b"600 clock hours",
    b"\n\n",
    b"<a href='javascript:alert(1)'>",
    "\u202e\u00e9\u4e2d".encode("utf-8"),
]


def _page(code: str, source_id: str, url: str, kind: str, body: bytes, content_type: str | None) -> Page:
    return Page(source_id, url, kind, body, content_type, NOW, 200, storage.content_hash(body))


def check(code: str, pages: list[Page]) -> None:
    """The property: a schema-valid record, or ExtractionError; nothing else, and not slowly."""
    jur = registry.get(code)
    started = time.monotonic()
    try:
        result = normalize(jur, pages, now=NOW)
    except ExtractionError as exc:
        assert str(exc).startswith(f"{code}:") and len(str(exc)) > 20  # says which state, and why
    else:
        validate(result.record)  # raises RecordInvalid (a failure here) if the record breaks the schema
    assert time.monotonic() - started < 30, "normalizing one jurisdiction took more than 30 s"


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            data.extend(draw(st.binary(min_size=1, max_size=64)))
        op = draw(st.sampled_from(["flip", "cut", "delete", "insert", "repeat", "snippet", "swap"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if op == "flip":
            data[at] ^= draw(st.integers(1, 255))
        elif op == "cut":
            del data[at:]
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 4096))]
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=256))
        elif op == "repeat":
            piece = bytes(data[at : at + draw(st.integers(1, 512))])
            data[at:at] = piece * draw(st.integers(2, 50))
        elif op == "snippet":
            data[at:at] = draw(st.sampled_from(SNIPPETS))
        else:
            other = draw(st.integers(0, max(len(data) - 1, 0)))
            a, b = sorted((at, other))
            data[a:b] = data[a:b][::-1]
    return bytes(data)


@st.composite
def one_page_mutated(draw: st.DrawFn) -> tuple[str, list[Page]]:
    code = draw(st.sampled_from(STATES))
    items = PAGES[code]
    target = draw(st.integers(0, len(items) - 1))
    pages = []
    for i, item in enumerate(items):
        body, ctype = item["body"], item["content_type"]
        if i == target:
            body = draw(mutated(body))
            ctype = draw(st.sampled_from([ctype, ctype, *CONTENT_TYPES]))
        pages.append(_page(code, item["source_id"], item["url"], item["kind"], body, ctype))
    return code, pages


@FUZZ
@given(one_page_mutated())
def test_mutated_snapshot_pages_give_a_valid_record_or_an_extraction_error(case):
    code, pages = case
    check(code, pages)


@FUZZ
@given(
    code=st.sampled_from(STATES),
    body=st.binary(max_size=20_000),
    ctype=st.sampled_from(CONTENT_TYPES),
    url_suffix=st.sampled_from(["", ".pdf", ".html", "?x=%00"]),
)
def test_random_bytes_under_any_content_type(code, body, ctype, url_suffix):
    source = registry.get(code).sources[0]
    check(code, [_page(code, source.source_id, source.url + url_suffix, source.kind, body, ctype)])


@FUZZ
@given(
    code=st.sampled_from(STATES),
    text=st.text(max_size=5_000),
    ctype=st.sampled_from(["text/html; charset=utf-8", "text/plain; charset=utf-8", None]),
)
def test_random_text_as_html_or_plain_text(code, text, ctype):
    source = registry.get(code).sources[0]
    check(code, [_page(code, source.source_id, source.url, source.kind, text.encode("utf-8", "surrogatepass"), ctype)])


@FUZZ
@given(body=mutated(bodies.snapshot_pdf()))
@example(
    body=bodies.snapshot_pdf().replace(b"/Filter /FlateDecode", b"/Filter .FlateDecode", 1)
)  # pypdf: NotImplementedError
def test_mutated_pdfs(body):
    items = PAGES["AZ"]
    pages = [
        _page(
            "AZ",
            i["source_id"],
            i["url"],
            i["kind"],
            body if i["url"].endswith(".pdf") else i["body"],
            i["content_type"],
        )
        for i in items
    ]
    check("AZ", pages)


@FUZZ
@given(
    text=st.lists(
        st.sampled_from([*"abc ().;:§-\n", "may not ", "Sec. ", "IV ", "600 ", "A. ", "(b) "]), max_size=1500
    ).map("".join)
)
def test_sentences_and_passages_never_hang_on_pathological_text(text):
    started = time.monotonic()
    sentences(text)
    document("s", "https://example.gov/x", text.encode(), "text/plain")
    document("s", "https://example.gov/x", f"<p>{text}</p>".encode(), "text/html")
    assert time.monotonic() - started < 10


@pytest.mark.parametrize(
    "body,ctype",
    [
        (bodies.encrypted_pdf(), "application/pdf"),
        (bodies.malformed_pdf(), "application/pdf"),
        (b"%PDF-1.7\n" + bodies.garbage(3000), "application/pdf"),
        (b"%PDF-", None),
        (bodies.garbage(), "text/html"),
        (b"\x00" * 1000, "text/plain"),
    ],
)
def test_unreadable_pages_are_extraction_errors_that_name_the_source(body, ctype):
    jur = registry.get("AZ")
    source = jur.sources[1]
    with pytest.raises(ExtractionError) as raised:
        normalize(jur, [_page("AZ", source.source_id, source.url, source.kind, body, ctype)], now=NOW)
    message = str(raised.value)
    assert message.startswith("AZ: ") and source.source_id in message and source.url in message
    try:
        document(source.source_id, source.url, body, ctype)
    except UnreadablePage as exc:
        assert str(exc) and str(exc) in message
