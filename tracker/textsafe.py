"""Make scraped text safe for the places it ends up (Markdown, spreadsheets)."""

from __future__ import annotations

import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def md(text: object) -> str:
    """Escape Markdown and inline HTML in scraped text; newlines become spaces."""
    s = str(text).replace("\r", " ").replace("\n", " ")
    s = s.replace("&", "&amp;")
    return _MD_SPECIAL.sub(r"\\\1", s)


def md_url(url: object) -> str:
    """A Markdown autolink whose URL cannot break out of the angle brackets."""
    from urllib.parse import quote

    return "<" + quote(str(url), safe=":/?&=#%+,;@!$'*~.-_") + ">"


def cell(value: object) -> str:
    """A spreadsheet cell that can never run as a formula."""
    s = "" if value is None else str(value)
    return "'" + s if s.startswith(FORMULA_START) else s
