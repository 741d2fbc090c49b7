"""Bundled agency-site snapshots: their manifests, loading, and the URL routing scheme.

A snapshot is a directory holding ``snapshot.json`` plus page files; it records
what a set of agency pages looked like on one date, keyed by their real URLs.
The manifest is checked against ``schemas/snapshot.schema.json``. A newer
snapshot may name a ``base`` and list only the pages that differ from it.
Spiders crawl a snapshot through :class:`tracker.replay.SnapshotServer` on
127.0.0.1 instead of the live web: the original URL ``https://host/a?x=1`` is
requested as ``{base_url}/https/host/a?x=1`` (see :func:`route_url` /
:func:`unroute_url`).

The format is documented in ``docs/snapshot-format.md``. This module never
imports Scrapy.
"""

from __future__ import annotations

import json
import mimetypes
import os
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote, unquote, urlsplit

import jsonschema
from jsonschema.exceptions import ValidationError

import schemas

__all__ = [
    "BUNDLED_DIR",
    "HTML_CONTENT_TYPE",
    "MANIFEST_NAME",
    "Snapshot",
    "SnapshotError",
    "SnapshotPage",
    "is_robots_url",
    "list_snapshots",
    "load_snapshot",
    "resolve_snapshot",
    "route_url",
    "unroute_url",
    "url_key",
]

REPO_ROOT: Path = Path(__file__).resolve().parent.parent
BUNDLED_DIR: Path = REPO_ROOT / "scrapers" / "snapshots"
MANIFEST_NAME = "snapshot.json"
# more page lists, one JSON array per file (e.g. one per jurisdiction), appended to the manifest's pages
FRAGMENT_DIR = "pages.d"
SCHEMA_NAME = "snapshot"
HTML_CONTENT_TYPE = "text/html; charset=utf-8"

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_DEFAULT_PORTS = {"http": 80, "https": 443}
_CONTENT_TYPES = {
    ".html": HTML_CONTENT_TYPE,
    ".htm": HTML_CONTENT_TYPE,
    ".pdf": "application/pdf",
    ".txt": "text/plain; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
    ".csv": "text/csv; charset=utf-8",
}
# Characters left alone when percent-encoding a path for routing (existing %XX stays).
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
_QUERY_SAFE = _PATH_SAFE + "?"


class SnapshotError(Exception):
    """A snapshot is missing or malformed; the message names the file/field and the fix."""


@dataclass(frozen=True)
class SnapshotPage:
    """One recorded URL and how the loopback server answers it."""

    url: str
    file: Path | None
    status: int = 200
    location: str | None = None
    content_type: str = HTML_CONTENT_TYPE
    last_modified: datetime = datetime(1970, 1, 1, tzinfo=UTC)
    headers: dict[str, str] = field(default_factory=dict, hash=False)

    @property
    def is_redirect(self) -> bool:
        """True for 301/302/303/307/308 pages."""
        return self.status in REDIRECT_STATUSES


@dataclass(frozen=True)
class Snapshot:
    """A loaded, validated snapshot directory."""

    name: str
    captured: date
    description: str
    path: Path
    pages: tuple[SnapshotPage, ...]
    base: str | None = None  # the directory name of the snapshot this one is based on
    _index: dict[str, SnapshotPage] = field(init=False, repr=False, compare=False, hash=False, default_factory=dict)

    def __post_init__(self) -> None:
        index: dict[str, SnapshotPage] = {}
        for page in self.pages:
            index.setdefault(url_key(page.url), page)
        object.__setattr__(self, "_index", index)

    def page_for(self, url: str) -> SnapshotPage | None:
        """Return the page recorded for ``url``, or None.

        Matching ignores percent-encoding differences (both sides are compared
        after ``urllib.parse.unquote``), host case, default ports and fragments;
        the query string must match.
        """
        try:
            key = url_key(url)
        except ValueError:
            return None
        return self._index.get(key)

    def hosts(self) -> set[str]:
        """Hosts of all pages, lower-cased, with ``:port`` when it is not the default."""
        return {urlsplit(url_key(page.url)).netloc for page in self.pages}


# --------------------------------------------------------------------------- URLs


def url_key(url: str) -> str:
    """Normalise an absolute URL for matching; raises ValueError if it is not http(s)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        raise ValueError(f"not an absolute http(s) URL: {url!r}")
    host = parts.hostname  # already lower-cased, brackets stripped
    netloc = f"[{host}]" if ":" in host else host
    port = parts.port  # may raise ValueError for a bad port
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        netloc = f"{netloc}:{port}"
    key = f"{scheme}://{netloc}{unquote(parts.path) or '/'}"
    query = unquote(parts.query)
    return f"{key}?{query}" if query else key


def route_url(base_url: str, url: str) -> str:
    """Map an original URL to the loopback server: ``{base_url}/{scheme}/{host[:port]}{path}?{query}``.

    Non-ASCII and unsafe characters in the path/query are percent-encoded;
    existing ``%XX`` escapes are kept; fragments and user info are dropped.
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        raise ValueError(f"route_url needs an absolute http(s) URL, got {url!r}")
    netloc = parts.netloc.rpartition("@")[2]
    path = quote(parts.path or "/", safe=_PATH_SAFE)
    routed = f"{base_url.rstrip('/')}/{scheme}/{netloc}{path}"
    if parts.query:
        routed += "?" + quote(parts.query, safe=_QUERY_SAFE)
    return routed


def unroute_url(path_and_query: str) -> str:
    """Turn a routed request target (``/https/host/a?x=1``) back into the original URL.

    Also accepts a full routed URL (``http://127.0.0.1:PORT/https/host/a``).
    Raises ValueError if the target does not follow the routing scheme.
    """
    target = path_and_query.partition("#")[0]
    if target.lower().startswith(("http://", "https://")):
        parts = urlsplit(target)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
    path, has_query, query = target.partition("?")
    scheme, sep, rest = path.removeprefix("/").partition("/")
    netloc, _, tail = rest.partition("/")
    if not path.startswith("/") or scheme.lower() not in _DEFAULT_PORTS or not sep or not netloc:
        raise ValueError(f"{path_and_query!r} is not a routed snapshot path; expected /http(s)/HOST/PATH")
    url = f"{scheme.lower()}://{netloc}/{tail}"
    return f"{url}?{query}" if has_query and query else url


def is_robots_url(url: str) -> bool:
    """True when the URL's path is /robots.txt."""
    try:
        return unquote(urlsplit(url).path) == "/robots.txt"
    except ValueError:
        return False


# ------------------------------------------------------------------ manifests


def _guess_content_type(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in _CONTENT_TYPES:
        return _CONTENT_TYPES[suffix]
    guessed, _ = mimetypes.guess_type(path.name)
    if guessed is None:
        return "application/octet-stream"
    return f"{guessed}; charset=utf-8" if guessed.startswith("text/") else guessed


def _parse_timestamp(value: str) -> datetime:
    """ISO date (midnight UTC) or ISO datetime (naive = UTC) -> aware UTC datetime."""
    if len(value) == 10:
        return datetime.combine(date.fromisoformat(value), time(), tzinfo=UTC)
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def _is_absolute_http(url: object) -> bool:
    if not isinstance(url, str) or not url or url != url.strip():
        return False
    try:
        url_key(url)
    except ValueError:
        return False
    return True


# The schema's own formats: a checker gets any JSON value (a non-string fails its "type" keyword instead).
_FORMATS = jsonschema.FormatChecker([])


@_FORMATS.checks("page-url")
def _page_url(value: object) -> bool:
    return not isinstance(value, str) or (_is_absolute_http(value) and not urlsplit(value).fragment)


@_FORMATS.checks("redirect-url")
def _redirect_url(value: object) -> bool:
    return not isinstance(value, str) or (_is_absolute_http(value) and value.isascii())


@_FORMATS.checks("iso-date", raises=ValueError)
def _iso_date(value: object) -> bool:
    return not isinstance(value, str) or bool(date.fromisoformat(value))


@_FORMATS.checks("iso-timestamp", raises=ValueError)
def _iso_timestamp(value: object) -> bool:
    return not isinstance(value, str) or bool(_parse_timestamp(value))


@cache
def _validators() -> tuple[jsonschema.Draft202012Validator, jsonschema.Draft202012Validator]:
    """(manifest validator, page validator) for schemas/snapshot.schema.json with the formats above."""
    schema = schemas.load(SCHEMA_NAME)
    manifest = jsonschema.Draft202012Validator(schema, format_checker=_FORMATS)
    return manifest, jsonschema.Draft202012Validator(schema["$defs"]["page"], format_checker=_FORMATS)


# Errors are reported in this order, the first one only: the one a writer would fix first.
_ROOT_FIELDS = ("", "*", "name", "captured", "description", "base", "pages")
_PAGE_FIELDS = ("", "url", "*", "status", "location", "file", "content_type", "last_modified", "headers")


def _error_field(error: ValidationError, inside: list[Any]) -> str:
    """The field an error is about: '' for the object itself, '*' for unknown fields."""
    if inside:
        return str(inside[0])
    if error.validator == "additionalProperties":
        return "*"
    if error.validator == "required":
        return next((name for name in error.validator_value if name not in error.instance), "")
    return str(error.schema.get("x-field", ""))


def _error_text(error: ValidationError, inside: list[Any], page: object) -> str:
    """The schema's 'problem; fix' text for one error."""
    schema = error.schema
    if error.validator == "additionalProperties" and "properties" in schema:
        known = ", ".join(sorted(schema["properties"]))
        unknown = ", ".join(sorted(set(error.instance) - set(schema["properties"])))
        return f"has unknown field(s) {unknown}; use only {known}"
    if error.validator == "required":
        missing = _error_field(error, inside)
        hint = schema.get("properties", {}).get(missing, {}).get("x-missing")
        if hint:
            return str(hint)
    status = page.get("status", 200) if isinstance(page, dict) else None
    key = inside[-1] if inside else None
    template = schema.get("x-message", "is not valid ({message}); see docs/snapshot-format.md")
    return str(template).format(value=error.instance, status=status, key=key, message=error.message)


def _where(page: object, position: int) -> str:
    """How an error names a page: by its URL when that is usable, else by its position."""
    url = page.get("url") if isinstance(page, dict) else None
    return f"page {url}" if isinstance(url, str) and _page_url(url) else f"pages[{position}]"


def _page_problem(source: Path, position: int, page: object, errors: list[ValidationError], depth: int) -> str | None:
    """The first error about one page (errors' paths start ``depth`` elements above the page)."""
    if not errors:
        return None
    ranked = [(_PAGE_FIELDS.index(_error_field(e, list(e.absolute_path)[depth:])), e) for e in errors]
    _, first = min(ranked, key=lambda pair: pair[0])
    inside = list(first.absolute_path)[depth:]
    return f"{source}: {_where(page, position)} {_error_text(first, inside, page)}."


def _check_manifest(manifest: Path, data: object) -> None:
    """Validate a manifest against the schema; raise SnapshotError for the first problem."""
    errors = list(_validators()[0].iter_errors(data))
    root = [e for e in errors if len(e.absolute_path) < 2 or e.absolute_path[0] != "pages"]
    if root:
        first = min(root, key=lambda e: _ROOT_FIELDS.index(_error_field(e, list(e.absolute_path))))
        raise SnapshotError(f"{manifest} {_error_text(first, list(first.absolute_path), data)}.")
    assert isinstance(data, dict)
    for position, page in enumerate(data["pages"]):
        mine = [e for e in errors if e.absolute_path[1] == position]
        problem = _page_problem(manifest, position, page, mine, depth=2)
        if problem:
            raise SnapshotError(problem)


def _check_fragment(path: Path, data: object) -> list[Any]:
    if not isinstance(data, list):
        raise SnapshotError(f'{path} must hold a JSON array of page objects; write [{{"url": ...}}, ...].')
    for position, page in enumerate(data):
        problem = _page_problem(path, position, page, list(_validators()[1].iter_errors(page)), depth=0)
        if problem:
            raise SnapshotError(problem)
    return data


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise SnapshotError(f"{path} is not UTF-8; save it as UTF-8 JSON.") from None
    except json.JSONDecodeError as exc:
        raise SnapshotError(
            f"{path} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); fix the syntax."
        ) from None


@dataclass(frozen=True)
class _Entry:
    """One valid page object as listed: where it was written, and the directory its 'file' is relative to."""

    raw: dict[str, Any]
    source: Path
    group: str  # MANIFEST_NAME or pages.d/<name>.json: keeps the listing order across a base
    directory: Path
    key: str


def _group_order(group: str) -> tuple[bool, str]:
    return group != MANIFEST_NAME, group


def _own_entries(directory: Path, manifest: Path, pages: list[dict[str, Any]]) -> list[_Entry]:
    """The pages one snapshot lists itself (manifest, then pages.d/*.json), each URL once."""
    listed = [(manifest, MANIFEST_NAME, raw) for raw in pages]
    for fragment in sorted((directory / FRAGMENT_DIR).glob("*.json")):
        group = f"{FRAGMENT_DIR}/{fragment.name}"
        listed += [(fragment, group, raw) for raw in _check_fragment(fragment, _read_json(fragment))]
    entries: list[_Entry] = []
    seen: dict[str, str] = {}
    for source, group, raw in listed:
        key = url_key(raw["url"])
        if key in seen:
            raise SnapshotError(
                f"{manifest}: page {raw['url']} field 'url' duplicates {seen[key]}; keep one entry per URL."
            )
        seen[key] = raw["url"]
        entries.append(_Entry(raw, source, group, directory, key))
    return entries


def _overlay(inherited: list[_Entry], own: list[_Entry]) -> list[_Entry]:
    """The base's pages with this snapshot's entries put in place of the same URL; new URLs join their file."""
    groups: dict[str, list[_Entry]] = {}
    for entry in inherited:
        groups.setdefault(entry.group, []).append(entry)
    where = {entry.key: (group, i) for group, entries in groups.items() for i, entry in enumerate(entries)}
    for entry in own:
        if entry.key in where:
            group, i = where[entry.key]
            groups[group][i] = entry
        else:
            groups.setdefault(entry.group, []).append(entry)
    return [entry for group in sorted(groups, key=_group_order) for entry in groups[group]]


def _read_snapshot(directory: Path, chain: tuple[Path, ...] = ()) -> tuple[dict[str, Any], list[_Entry]]:
    """A snapshot's validated manifest and its full listing of pages, its bases' pages included."""
    manifest = directory / MANIFEST_NAME
    data = _read_json(manifest)
    _check_manifest(manifest, data)
    own = _own_entries(directory, manifest, data["pages"])
    if "base" not in data:
        return data, own
    base = (directory.parent / data["base"]).resolve()
    if base == directory or base in chain:
        raise SnapshotError(
            f"{manifest} field 'base' is {data['base']!r}, which leads back to {base}; "
            "name an older snapshot that does not itself build on this one."
        )
    if not (base / MANIFEST_NAME).is_file():
        raise SnapshotError(
            f"{manifest} field 'base' is {data['base']!r}, but {base} holds no {MANIFEST_NAME}; "
            "name a snapshot directory next to this one."
        )
    _, inherited = _read_snapshot(base, (*chain, directory))
    return data, _overlay(inherited, own)


def _page(entry: _Entry, captured: datetime) -> SnapshotPage:
    """Resolve one valid entry: its file on disk, content type, Last-Modified and extra headers."""
    raw = entry.raw
    file_path: Path | None = None
    if "file" in raw:
        file_path = entry.directory.joinpath(*PurePosixPath(raw["file"]).parts)
        if not file_path.is_file():
            raise SnapshotError(
                f"{entry.source}: page {raw['url']} field 'file' refers to {file_path}, which does not exist; "
                "create that file or fix the path."
            )
    if "content_type" in raw:
        content_type = raw["content_type"]
    else:
        content_type = _guess_content_type(file_path) if file_path is not None else HTML_CONTENT_TYPE
    return SnapshotPage(
        url=raw["url"],
        file=file_path,
        status=int(raw.get("status", 200)),
        location=raw.get("location"),
        content_type=content_type,
        last_modified=_parse_timestamp(raw["last_modified"]) if "last_modified" in raw else captured,
        headers=dict(raw.get("headers", {})),
    )


def load_snapshot(path: Path | str) -> Snapshot:
    """Load and validate a snapshot directory (or its ``snapshot.json``), its base's pages included.

    Raises SnapshotError naming the manifest path and the offending page/field.
    """
    path = Path(path)
    if path.name == MANIFEST_NAME and not path.is_dir():
        path = path.parent
    directory = path.resolve()
    manifest = directory / MANIFEST_NAME
    if not manifest.is_file():
        raise SnapshotError(
            f"No snapshot manifest at {manifest}; create {MANIFEST_NAME} there or pass a directory that contains one."
        )
    data, entries = _read_snapshot(directory)
    captured = date.fromisoformat(data["captured"])
    # an inherited page without a last_modified takes this snapshot's date, as if it were listed here
    captured_at = datetime.combine(captured, time(), tzinfo=UTC)
    return Snapshot(
        name=data.get("name", directory.name),
        captured=captured,
        description=data.get("description", ""),
        path=directory,
        pages=tuple(_page(entry, captured_at) for entry in entries),
        base=data.get("base"),
    )


def list_snapshots(root: Path = BUNDLED_DIR) -> list[Snapshot]:
    """Load every subdirectory of ``root`` that has a snapshot.json, oldest first.

    Ordered by ``captured``, then ``name``; a missing ``root`` gives an empty list.
    """
    root = Path(root)
    if not root.is_dir():
        return []
    snapshots = [
        load_snapshot(child) for child in root.iterdir() if child.is_dir() and (child / MANIFEST_NAME).is_file()
    ]
    return sorted(snapshots, key=lambda snap: (snap.captured, snap.name))


def resolve_snapshot(name_or_dir: str | os.PathLike[str], root: Path = BUNDLED_DIR) -> Snapshot:
    """Find a snapshot by bundled name, ``latest``/``oldest``, or directory path.

    Lookup order: the keywords; a bundled directory of that name; an existing
    path; a bundled manifest ``name``.  Unknown -> SnapshotError listing names.
    """
    root = Path(root)
    text = os.fspath(name_or_dir)
    if text in ("latest", "oldest"):
        available = list_snapshots(root)
        if not available:
            raise SnapshotError(
                f"No bundled snapshots under {root}, so '{text}' means nothing; add one "
                "there or pass a snapshot directory."
            )
        return available[-1] if text == "latest" else available[0]
    plain_name = text and "/" not in text and os.sep not in text and text not in (".", "..")
    if plain_name and (root / text / MANIFEST_NAME).is_file():
        return load_snapshot(root / text)
    candidate = Path(text)
    if text and (candidate.is_dir() or candidate.is_file()):
        return load_snapshot(candidate)
    available = list_snapshots(root)
    for snap in available:
        if snap.name == text:
            return snap
    names = sorted({snap.path.name for snap in available} | {snap.name for snap in available})
    choices = ", ".join(names) if names else f"none (no bundled snapshots under {root})"
    raise SnapshotError(
        f"Unknown snapshot {text!r}; use a bundled name ({choices}), 'latest', 'oldest', "
        "or the path of a directory containing snapshot.json."
    )
