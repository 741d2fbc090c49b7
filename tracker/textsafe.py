"""Make scraped text safe for the places it ends up (links, Markdown, spreadsheets).

A leaf module: it imports nothing from the project, so the reports and every export use the same checks.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def md(text: object) -> str:
    """Escape Markdown and inline HTML in scraped text; newlines become spaces."""
    s = str(text).replace("\r", " ").replace("\n", " ")
    s = s.replace("&", "&amp;")
    return _MD_SPECIAL.sub(r"\\\1", s)


def safe_href(url: object) -> str | None:
    """The URL if a reader may follow it (http or https), else None: no javascript:, data: or file: links."""
    if not isinstance(url, str) or not url.strip():
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url.strip()


def md_url(url: object) -> str:
    """A Markdown autolink whose URL cannot break out of the angle brackets."""
    return "<" + quote(str(url), safe=":/?&=#%+,;@!$'*~.-_") + ">"


def cell(value: object) -> str:
    """A spreadsheet cell that can never run as a formula."""
    s = "" if value is None else str(value)
    return "'" + s if s.startswith(FORMULA_START) else s
