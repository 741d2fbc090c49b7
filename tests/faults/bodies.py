"""Hostile page bodies: what a broken or unfriendly agency site sends instead of its page.

All are generated here (nothing is downloaded): a "page not found" page
served with status 200, a login wall that mentions medical assistants, a
half-rendered page, binary garbage, and malformed or encrypted PDFs made
with pypdf from the bundled snapshot's own PDFs.
"""

from __future__ import annotations

import io
import random

from tests.conftest import SNAPSHOTS

CHROME = (
    '<header class="site-header"><nav class="navbar"><ul><li><a href="/">Home</a></li>'
    '<li><a href="/licensing">Licensing</a></li><li><a href="/about">About the Board</a></li></ul></nav></header>'
)
FOOTER = '<footer class="footer"><p>Copyright 2026 State of Somewhere. All rights reserved.</p></footer>'


def soft_404() -> bytes:
    """A CMS's "page not found" page, served with status 200 (what many agency sites do)."""
    return (
        "<!DOCTYPE html><html><head><title>Page Not Found | Board of Medicine</title></head><body>"
        f"{CHROME}<main><h1>Page not found</h1>"
        "<p>Sorry, the page you requested could not be found. It may have been moved or deleted.</p>"
        "<p>Please use the search box or return to the home page.</p></main>"
        f"{FOOTER}</body></html>"
    ).encode()


def login_wall() -> bytes:
    """A sign-in page in front of the content, which itself talks about medical assistants."""
    return (
        "<!DOCTYPE html><html><head><title>Sign in | Licensing Portal</title></head><body>"
        f"{CHROME}<main><h1>Sign in to continue</h1>"
        "<p>The medical assistant guidance, including the rules on what medical assistants may do, "
        "is available to registered portal users only.</p>"
        "<p>Please sign in with your portal account to view information for medical assistants and their "
        "supervising practitioners.</p>"
        '<form action="/login" method="post"><label>User name <input name="user"></label>'
        '<label>Password <input name="password" type="password"></label><button>Sign in</button></form>'
        "</main>"
        f"{FOOTER}</body></html>"
    ).encode()


def half_rendered(page: bytes, keep: float = 0.15) -> bytes:
    """The first `keep` of a page, as a browser-less crawler sees a page that builds itself with scripts."""
    text = page.decode("utf-8")
    cut = text[: max(int(len(text) * keep), 1)]
    return (
        cut + '<div id="app" data-loading="true">Loading…</div><script src="/app.js"></script></body></html>'
    ).encode()


def garbage(size: int = 20_000, seed: int = 8) -> bytes:
    """Binary noise (a misconfigured server sending an image or a zip as text/html)."""
    return random.Random(seed).randbytes(size)


def snapshot_pdf(path: str = "pages/apps.azsos.gov/4-16.pdf", snapshot: str = "2026-05-01") -> bytes:
    return (SNAPSHOTS / snapshot / path).read_bytes()


def malformed_pdf(original: bytes | None = None) -> bytes:
    """A PDF whose objects are cut off and corrupted: the header is right, the rest is not."""
    original = original or snapshot_pdf()
    half = original[: len(original) // 3]
    return half + b"\n%%garbled" + random.Random(3).randbytes(500) + b"\n%%EOF\n"


def encrypted_pdf(original: bytes | None = None, user_password: str = "s3cret", owner_password: str = "owner") -> bytes:
    """The PDF, encrypted with pypdf (user_password "" makes a PDF anyone may open but not edit)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(original or snapshot_pdf())))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
