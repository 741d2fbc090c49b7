"""Pages whose bytes are not what they declare read as they were written (tracker.normalize.text.decode)."""

from __future__ import annotations

import pytest

from tracker.normalize.text import decode, document

TEXT = "Under D.C. Code § 3-1201.02 a medical assistant — the physician’s assistant — works under supervision."
PAGE = f"<html><head><title>t</title></head><body><main><p>{TEXT}</p></main></body></html>"


def _read(body: bytes, content_type: str) -> tuple[str, str | None]:
    doc = document("s", "https://example.gov/p", body, content_type)
    return " ".join(p.text for p in doc.passages), (doc.warnings[0] if doc.warnings else None)


def test_utf8_declared_as_windows_1252_in_the_header_is_read_as_utf8_and_noted():
    text, note = _read(PAGE.encode("utf-8"), "text/html; charset=windows-1252")
    assert "§ 3-1201.02" in text and "Â" not in text
    assert note == "the page declares the charset windows-1252 but is written in UTF-8; read as UTF-8"


def test_utf8_declared_as_windows_1252_in_a_meta_tag_is_read_as_utf8():
    page = PAGE.replace("<head>", '<head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">')
    text, note = _read(page.encode("utf-8"), "text/html")
    assert "§ 3-1201.02" in text and note and note.endswith("but is written in UTF-8; read as UTF-8")


def test_double_encoded_mojibake_is_repaired_by_ftfy():
    garbled = PAGE.encode("utf-8").decode("cp1252").encode("utf-8")
    assert "Â§".encode() in garbled
    text, note = _read(garbled, "text/html; charset=utf-8")
    assert "§ 3-1201.02" in text and "Â" not in text and "â€" not in text
    assert note and "repaired" in note


def test_windows_1252_declared_as_utf8_is_detected():
    text, note = _read(PAGE.encode("cp1252"), "text/html; charset=utf-8")
    assert "§ 3-1201.02" in text and "\ufffd" not in text
    assert note == "the page declares the charset UTF-8 but is not valid UTF-8; read as windows-1252 (detected)"


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (PAGE.encode("utf-8"), "text/html; charset=utf-8"),
        (PAGE.encode("utf-8"), "text/html"),
        (PAGE.encode("cp1252"), "text/html; charset=windows-1252"),
        (PAGE.encode("utf-16"), "text/html"),
        (b"<p>plain ASCII, any charset</p>", "text/html; charset=windows-1252"),
        (
            "Café, naïve, résumé: ordinary Latin text in its own charset".encode("latin-1"),
            "text/html; charset=iso-8859-1",
        ),
    ],
)
def test_pages_that_are_what_they_declare_are_read_unchanged_and_not_noted(body, content_type):
    decoded = decode(body, content_type)
    assert decoded.note is None
    assert "\ufffd" not in decoded.text and "Â" not in decoded.text
