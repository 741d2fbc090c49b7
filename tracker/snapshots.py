"""Bundled agency-site snapshots and the loopback server that replays them.

A snapshot is a directory holding ``snapshot.json`` plus page files; it records
what a set of agency pages looked like on one date, keyed by their real URLs.
Spiders crawl it through :class:`SnapshotServer` on 127.0.0.1 instead of the
live web: the original URL ``https://host/a?x=1`` is requested as
``{base_url}/https/host/a?x=1`` (see :func:`route_url` / :func:`unroute_url`).

The format is documented in ``docs/snapshot-format.md``.  This module uses the
standard library only (never Scrapy).
"""

from __future__ import annotations

import email.utils
import hashlib
import html
import json
import mimetypes
import os
import socketserver
import threading
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath
from types import TracebackType
from typing import Any, NamedTuple
from urllib.parse import quote, unquote, urlsplit

__all__ = [
    "BUNDLED_DIR",
    "DEFAULT_ROBOTS_TXT",
    "MANIFEST_NAME",
    "RecordedRequest",
    "Snapshot",
    "SnapshotError",
    "SnapshotPage",
    "SnapshotServer",
    "list_snapshots",
    "load_snapshot",
    "resolve_snapshot",
    "route_url",
    "unroute_url",
]

REPO_ROOT: Path = Path(__file__).resolve().parent.parent
BUNDLED_DIR: Path = REPO_ROOT / "scrapers" / "snapshots"
MANIFEST_NAME = "snapshot.json"
# more page lists, one JSON array per file (e.g. one per jurisdiction), appended to the manifest's pages
FRAGMENT_DIR = "pages.d"
DEFAULT_ROBOTS_TXT = "User-agent: *\nAllow: /\n"
LOOPBACK_HOST = "127.0.0.1"

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_ALLOWED_STATUSES = "200, 301, 302, 303, 307, 308, or 400-599"
_DEFAULT_PORTS = {"http": 80, "https": 443}
_MANIFEST_KEYS = frozenset({"name", "captured", "description", "pages"})
_PAGE_KEYS = frozenset({"url", "file", "status", "location", "content_type", "last_modified", "headers"})
# Headers the server computes itself; a manifest may not set them via `headers`.
_RESERVED_HEADERS = {
    "content-length": "it is computed from the body",
    "transfer-encoding": "the server always sends Content-Length",
    "connection": "the server manages connections",
    "content-type": "use the page's 'content_type' field",
    "location": "use the page's 'location' field",
    "etag": "it is derived from the sha256 of the body",
    "last-modified": "use the page's 'last_modified' field",
    "date": "the server sends the current date",
    "server": "the server identifies itself",
}
_CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".pdf": "application/pdf",
    ".txt": "text/plain; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
    ".csv": "text/csv; charset=utf-8",
}
_HTML = "text/html; charset=utf-8"
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
    content_type: str = _HTML
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


class RecordedRequest(NamedTuple):
    """One request the server answered: (method, original_url, status, headers)."""

    method: str
    url: str
    status: int
    headers: dict[str, str]


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


def _is_robots(url: str) -> bool:
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


def _parse_date(value: Any) -> date:
    if not isinstance(value, str):
        raise ValueError("not a string")
    return date.fromisoformat(value)


def _parse_timestamp(value: Any) -> datetime:
    """ISO date (midnight UTC) or ISO datetime (naive = UTC) -> aware UTC datetime."""
    if not isinstance(value, str):
        raise ValueError("not a string")
    if len(value) == 10:
        return datetime.combine(date.fromisoformat(value), time(), tzinfo=UTC)
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def _is_absolute_http(url: Any) -> bool:
    if not isinstance(url, str) or not url or url != url.strip():
        return False
    try:
        url_key(url)
    except ValueError:
        return False
    return True


def _load_page(raw: Any, position: int, manifest: Path, directory: Path, captured: datetime) -> SnapshotPage:
    """Validate one entry of ``pages``; errors name the manifest and the page."""
    if not isinstance(raw, dict):
        raise SnapshotError(
            f'{manifest}: pages[{position}] is not an object; write each page as {{"url": ..., "file": ...}}.'
        )
    url = raw.get("url")
    if "url" not in raw:
        raise SnapshotError(f"{manifest}: pages[{position}] has no 'url'; add the page's absolute URL.")
    if not _is_absolute_http(url):
        raise SnapshotError(
            f"{manifest}: pages[{position}] field 'url' is {url!r}, which is not an absolute "
            "http(s) URL; write it as https://host/path."
        )
    if urlsplit(url).fragment:
        raise SnapshotError(
            f"{manifest}: page {url} field 'url' has a #fragment; remove it, since "
            "fragments are never sent to a server."
        )
    where = f"{manifest}: page {url}"

    unknown = sorted(set(raw) - _PAGE_KEYS)
    if unknown:
        raise SnapshotError(
            f"{where} has unknown field(s) {', '.join(unknown)}; use only {', '.join(sorted(_PAGE_KEYS))}."
        )

    status = raw.get("status", 200)
    if (
        not isinstance(status, int)
        or isinstance(status, bool)
        or not (status == 200 or status in REDIRECT_STATUSES or 400 <= status <= 599)
    ):
        raise SnapshotError(f"{where} field 'status' is {status!r}; use an integer {_ALLOWED_STATUSES}.")

    location = raw.get("location")
    if status in REDIRECT_STATUSES:
        if location is None:
            raise SnapshotError(f"{where} has status {status} but no 'location'; add the absolute URL it redirects to.")
        if not _is_absolute_http(location) or not location.isascii():
            raise SnapshotError(
                f"{where} field 'location' is {location!r}, which is not an absolute ASCII "
                "http(s) URL; write it as https://host/path with non-ASCII percent-encoded."
            )
    elif location is not None:
        raise SnapshotError(
            f"{where} has a 'location' but status {status}; remove 'location' or use a "
            "redirect status (301, 302, 303, 307, 308)."
        )

    file_value = raw.get("file")
    file_path: Path | None = None
    if file_value is None:
        if status == 200:
            raise SnapshotError(
                f"{where} has status 200 but no 'file'; add the path of its body, relative to the snapshot directory."
            )
    else:
        relative = PurePosixPath(file_value) if isinstance(file_value, str) else None
        if relative is None or not file_value or relative.is_absolute() or ".." in relative.parts or "\\" in file_value:
            raise SnapshotError(
                f"{where} field 'file' is {file_value!r}; use a path relative to the "
                "snapshot directory with forward slashes and no '..'."
            )
        file_path = directory.joinpath(*relative.parts)
        if not file_path.is_file():
            raise SnapshotError(
                f"{where} field 'file' refers to {file_path}, which does not exist; create that file or fix the path."
            )

    content_type = raw.get("content_type")
    if content_type is not None:
        if file_path is None:
            raise SnapshotError(
                f"{where} sets 'content_type' but has no 'file'; remove 'content_type' "
                "(generated bodies are HTML) or add a file."
            )
        if not isinstance(content_type, str) or not content_type.strip() or not content_type.isascii():
            raise SnapshotError(
                f"{where} field 'content_type' is {content_type!r}; use a MIME type such as 'text/html; charset=utf-8'."
            )
    elif file_path is not None:
        content_type = _guess_content_type(file_path)
    else:
        content_type = _HTML

    if "last_modified" in raw:
        try:
            last_modified = _parse_timestamp(raw["last_modified"])
        except ValueError:
            raise SnapshotError(
                f"{where} field 'last_modified' is {raw['last_modified']!r}; use an ISO date "
                "(2026-04-14) or datetime (2026-04-14T09:30:00Z)."
            ) from None
    else:
        last_modified = captured

    headers_raw = raw.get("headers", {})
    if not isinstance(headers_raw, dict):
        raise SnapshotError(f'{where} field \'headers\' is not an object; write it as {{"Header-Name": "value"}}.')
    headers: dict[str, str] = {}
    for name, value in headers_raw.items():
        if (
            not name
            or not name.isascii()
            or any(c in name for c in ' \t\r\n:()<>@,;\\"/[]?={}')
            or not isinstance(value, str)
            or not value.isascii()
            or "\r" in value
            or "\n" in value
        ):
            raise SnapshotError(
                f"{where} field 'headers' has an invalid entry {name!r}: {value!r}; use "
                "ASCII header names and single-line ASCII string values."
            )
        reason = _RESERVED_HEADERS.get(name.lower())
        if reason:
            raise SnapshotError(
                f"{where} field 'headers' sets {name}, which the server controls; remove it ({reason})."
            )
        headers[name] = value

    return SnapshotPage(
        url=url,
        file=file_path,
        status=status,
        location=location,
        content_type=content_type,
        last_modified=last_modified,
        headers=headers,
    )


def _load_fragment(path: Path) -> list[Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SnapshotError(f"{path} is not valid UTF-8 JSON ({exc}); fix the syntax.") from None
    if not isinstance(data, list):
        raise SnapshotError(f"{path} must hold a JSON array of page objects.")
    return data


def load_snapshot(path: Path | str) -> Snapshot:
    """Load and validate a snapshot directory (or its ``snapshot.json``).

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
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise SnapshotError(f"{manifest} is not UTF-8; save it as UTF-8 JSON.") from None
    except json.JSONDecodeError as exc:
        raise SnapshotError(
            f"{manifest} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); fix the syntax."
        ) from None
    if not isinstance(data, dict):
        raise SnapshotError(
            f'{manifest} must hold a JSON object; write {{"name": ..., "captured": ..., "pages": [...]}}.'
        )
    unknown = sorted(set(data) - _MANIFEST_KEYS)
    if unknown:
        raise SnapshotError(
            f"{manifest} has unknown field(s) {', '.join(unknown)}; use only {', '.join(sorted(_MANIFEST_KEYS))}."
        )

    name = data.get("name", directory.name)
    if not isinstance(name, str) or not name.strip():
        raise SnapshotError(f"{manifest} field 'name' is {name!r}; use a non-empty string.")
    if "captured" not in data:
        raise SnapshotError(
            f"{manifest} has no 'captured'; add the ISO date the pages were observed (e.g. 2026-05-01)."
        )
    try:
        captured = _parse_date(data["captured"])
    except ValueError:
        raise SnapshotError(
            f"{manifest} field 'captured' is {data['captured']!r}; use an ISO date such as 2026-05-01."
        ) from None
    description = data.get("description", "")
    if not isinstance(description, str):
        raise SnapshotError(f"{manifest} field 'description' is not a string; write it as text.")
    pages_raw = data.get("pages")
    if not isinstance(pages_raw, list):
        raise SnapshotError(f"{manifest} field 'pages' is missing or not a list; add a list of page objects.")

    captured_at = datetime.combine(captured, time(), tzinfo=UTC)
    pages: list[SnapshotPage] = []
    seen: dict[str, str] = {}
    entries = [(manifest, position, raw) for position, raw in enumerate(pages_raw)]
    for fragment in sorted((directory / FRAGMENT_DIR).glob("*.json")):
        entries += [(fragment, position, raw) for position, raw in enumerate(_load_fragment(fragment))]
    for source_file, position, raw in entries:
        page = _load_page(raw, position, source_file, directory, captured_at)
        key = url_key(page.url)
        if key in seen:
            raise SnapshotError(
                f"{manifest}: page {page.url} field 'url' duplicates {seen[key]}; keep one entry per URL."
            )
        seen[key] = page.url
        pages.append(page)

    return Snapshot(
        name=name,
        captured=captured,
        description=description,
        path=directory,
        pages=tuple(pages),
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
    if text and "/" not in text and os.sep not in text and text not in (".", ".."):
        if (root / text / MANIFEST_NAME).is_file():
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


# --------------------------------------------------------------------- server


def _http_date(moment: datetime) -> str:
    return email.utils.format_datetime(moment.astimezone(UTC), usegmt=True)


def _small_html(title: str, message: str) -> bytes:
    return (
        f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{html.escape(title)}'
        f"</title></head>\n<body><h1>{html.escape(title)}</h1><p>{message}</p></body></html>\n"
    ).encode()


def _etag_matches(header: str, etag: str) -> bool:
    """Weak comparison of an If-None-Match list against ``etag``."""
    for candidate in header.split(","):
        candidate = candidate.strip()
        if candidate == "*" or candidate.removeprefix("W/") == etag:
            return True
    return False


def _not_modified_since(header: str, last_modified: datetime) -> bool:
    try:
        since = email.utils.parsedate_to_datetime(header)
    except (TypeError, ValueError, IndexError):
        return False
    if since is None:
        return False
    if since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    return last_modified.replace(microsecond=0) <= since


class _LoopbackHTTPServer(ThreadingHTTPServer):
    """ThreadingHTTPServer bound to 127.0.0.1 that carries the snapshot and request log."""

    daemon_threads = True
    # a crawl opens dozens of connections at once (one robots.txt per host first); with the default backlog
    # of 5 the kernel drops the rest of the SYNs and the client waits a whole second or more to retry
    request_queue_size = 128

    def __init__(self, port: int, owner: SnapshotServer) -> None:
        self.owner = owner
        super().__init__((LOOPBACK_HOST, port), _SnapshotHandler)

    def server_bind(self) -> None:
        # Skip HTTPServer.server_bind's reverse-DNS lookup (socket.getfqdn).
        socketserver.TCPServer.server_bind(self)
        self.server_name = LOOPBACK_HOST
        self.server_port = self.server_address[1]


class _SnapshotHandler(BaseHTTPRequestHandler):
    """Answers GET/HEAD for routed snapshot URLs."""

    server: _LoopbackHTTPServer
    protocol_version = "HTTP/1.1"
    server_version = "licensure-snapshot/1.0"
    # headers and body go out in two writes; with Nagle's algorithm a keep-alive client waits ~40 ms
    # (its delayed ACK) for every response after the first on a connection
    disable_nagle_algorithm = True
    timeout = 60  # close idle keep-alive connections eventually

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet; requests are recorded in SnapshotServer.requests instead."""

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def _answer(self, send_body: bool) -> None:
        owner = self.server.owner
        snapshot = owner.snapshot
        try:
            url = unroute_url(self.path)
        except ValueError:
            bad = _small_html(
                "Bad request",
                "This loopback server only answers routed snapshot URLs of the form /https/HOST/PATH.",
            )
            self._send(400, self.path, {"Content-Type": _HTML}, bad, send_body)
            return

        page = snapshot.page_for(url)
        if page is None:
            if _is_robots(url):
                robots = DEFAULT_ROBOTS_TXT.encode("utf-8")
                captured = datetime.combine(snapshot.captured, time(), tzinfo=UTC)
                self._send_ok(url, robots, "text/plain; charset=utf-8", captured, {}, send_body)
            else:
                missing = _small_html("Page not found", "This page is not in the snapshot.")
                self._send(404, url, {"Content-Type": _HTML}, missing, send_body)
            return

        body: bytes | None = None
        if page.file is not None:
            try:
                body = page.file.read_bytes()
            except OSError:
                error = _small_html("Snapshot file unreadable", "The page file could not be read.")
                self._send(500, url, {"Content-Type": _HTML}, error, send_body)
                return

        if page.status == 200:
            assert body is not None
            self._send_ok(url, body, page.content_type, page.last_modified, page.headers, send_body)
            return

        headers: dict[str, str] = {}
        if page.is_redirect:
            assert page.location is not None
            headers["Location"] = page.location
            if body is None:
                link = html.escape(page.location, quote=True)
                body = _small_html("Moved", f'This page has moved to <a href="{link}">{link}</a>.')
        elif body is None:
            body = _small_html(
                "Page not found" if page.status in (404, 410) else f"Error {page.status}",
                f"The agency site answered {page.status} for this page.",
            )
        headers["Content-Type"] = page.content_type if page.file is not None else _HTML
        headers.update(page.headers)
        self._send(page.status, url, headers, body, send_body)

    def _send_ok(
        self,
        url: str,
        body: bytes,
        content_type: str,
        last_modified: datetime,
        extra: dict[str, str],
        send_body: bool,
    ) -> None:
        """Send a 200, or a 304 when the conditional headers say the client is current."""
        etag = f'"{hashlib.sha256(body).hexdigest()}"'
        validators = {"ETag": etag, "Last-Modified": _http_date(last_modified)}
        if_none_match = self.headers.get("If-None-Match")
        if_modified_since = self.headers.get("If-Modified-Since")
        if if_none_match is not None:
            not_modified = _etag_matches(if_none_match, etag)
        elif if_modified_since is not None:
            not_modified = _not_modified_since(if_modified_since, last_modified)
        else:
            not_modified = False
        if not_modified:
            self._send(304, url, {**validators, **extra}, None, send_body)
        else:
            headers = {"Content-Type": content_type, **validators, **extra}
            self._send(200, url, headers, body, send_body)

    def _send(
        self,
        status: int,
        url: str,
        headers: dict[str, str],
        body: bytes | None,
        send_body: bool,
    ) -> None:
        """Record the request, then write status, headers and (for GET) the body."""
        self.server.owner._record(RecordedRequest(self.command, url, status, dict(self.headers.items())))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if body is not None:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body is not None and send_body:
            self.wfile.write(body)


class SnapshotServer:
    """Serve one Snapshot over HTTP on 127.0.0.1 in a daemon thread.

    Use as a context manager (``with SnapshotServer(snap) as server: server.base_url``)
    or call :meth:`start` / :meth:`stop`.  ``requests`` lists every answered
    request as a :class:`RecordedRequest` (method, original_url, status, headers).
    """

    host = LOOPBACK_HOST

    def __init__(self, snapshot: Snapshot, port: int = 0, record_requests: bool = True) -> None:
        self.snapshot = snapshot
        self.requested_port = port
        self.record_requests = record_requests  # False: keep no log (a run of thousands of pages needs none)
        self.requests: list[RecordedRequest] = []
        self._lock = threading.Lock()
        self._httpd: _LoopbackHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def _record(self, entry: RecordedRequest) -> None:
        if not self.record_requests:
            return
        with self._lock:
            self.requests.append(entry)

    def clear_requests(self) -> None:
        """Forget the requests recorded so far."""
        with self._lock:
            self.requests.clear()

    @property
    def running(self) -> bool:
        """True between start() and stop()."""
        return self._httpd is not None

    @property
    def server_address(self) -> tuple[str, int]:
        """The (host, port) the socket is bound to; host is always 127.0.0.1."""
        if self._httpd is None:
            raise RuntimeError("SnapshotServer is not running; call start() first")
        host, port = self._httpd.socket.getsockname()[:2]
        return host, port

    @property
    def port(self) -> int:
        """The bound TCP port (ephemeral unless a port was requested)."""
        return self.server_address[1]

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT`` — the prefix for routed URLs."""
        return f"http://{self.host}:{self.port}"

    def url_for(self, url: str) -> str:
        """The loopback URL that serves the original ``url``."""
        return route_url(self.base_url, url)

    def start(self) -> SnapshotServer:
        """Bind and start serving in a daemon thread; returns self."""
        if self._httpd is not None:
            return self
        httpd = _LoopbackHTTPServer(self.requested_port, self)
        thread = threading.Thread(
            target=httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"SnapshotServer[{self.snapshot.name}]",
            daemon=True,
        )
        thread.start()
        self._httpd, self._thread = httpd, thread
        return self

    def stop(self) -> None:
        """Stop serving and close the socket; safe to call twice."""
        httpd, thread = self._httpd, self._thread
        self._httpd = self._thread = None
        if httpd is None:
            return
        httpd.shutdown()
        httpd.server_close()
        if thread is not None:
            thread.join(timeout=5)

    def __enter__(self) -> SnapshotServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
