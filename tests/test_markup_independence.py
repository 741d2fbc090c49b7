"""Extraction works from a page's text and meaning, not its markup: every bundled HTML page,
rewritten with other tags, extra wrappers and heavy navigation and footers, normalizes to
the same values."""

from __future__ import annotations

from datetime import UTC, datetime

import lxml.html
import pytest
from w3lib.encoding import html_to_unicode

from tests.test_expected import newest_record
from tracker import registry
from tracker.diff import values_hash
from tracker.normalize import Page, normalize
from tracker.storage import content_hash

NOW = datetime(2026, 11, 1, tzinfo=UTC)
NAV = "".join(
    f'<li><a href="/section-{i}">{label}</a></li>'
    for i, label in enumerate(
        [
            "Home",
            "Licensing",
            "Injections and vaccines",
            "IV therapy",
            "X-ray permits",
            "Supervision rules",
            "Medical assistants",
            "Complaints",
            "News",
            "Contact",
        ]
        * 3
    )
)
FOOTER = (
    "<footer><p>Board office, 100 Main Street. Phone 555-0100.</p>"
    "<p>Accessibility | Privacy | Medical assistants may find forms here.</p></footer>"
)


def rewrite(html: bytes, content_type: str) -> bytes:
    """Same words, other markup: p -> div, sections -> divs, extra wrappers, a big menu and footer.
    The page keeps its own character encoding."""
    encoding, text = html_to_unicode(content_type, html)
    root = lxml.html.document_fromstring(text)
    for el in root.iter("p"):
        el.tag = "div"
        el.set("class", "text-block")
    for el in root.iter("section", "article"):
        el.tag = "div"
    body = root.find("body")
    if body is None:
        return html
    wrapper = lxml.html.fromstring('<div class="page-wrapper"><div class="inner"></div></div>')
    inner = wrapper[0]
    for child in list(body):
        inner.append(child)
    body.append(lxml.html.fromstring(f'<nav class="mega"><ul>{NAV}</ul></nav>'))
    body.append(wrapper)
    body.append(lxml.html.fromstring(FOOTER))
    return lxml.html.tostring(root, encoding="unicode").encode(encoding, errors="xmlcharrefreplace")


def pages_of(record: dict) -> list[Page]:
    from tracker.snapshots import resolve_snapshot

    out = []
    snaps = [resolve_snapshot("2026-11-01"), resolve_snapshot("2026-05-01")]
    for src in record["sources"]:
        page = next(p for s in snaps if (p := s.page_for(src["url"])) and p.status == 200)
        body = page.file.read_bytes()
        if "html" in (page.content_type or "") and b"<html" in body[:2000].lower():
            body = rewrite(body, page.content_type)
        out.append(
            Page(src["source_id"], src["url"], src["kind"], body, page.content_type, NOW, 200, content_hash(body))
        )
    return out


@pytest.mark.parametrize("code", sorted(registry.all_jurisdictions()))
def test_rewritten_markup_gives_the_same_values(code):
    original = newest_record(code)
    rewritten = normalize(registry.get(code), pages_of(original), now=NOW).record
    assert values_hash(rewritten) == values_hash(original)
