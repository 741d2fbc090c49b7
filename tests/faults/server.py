"""A loopback fault server: the bundled snapshot, served for real over HTTP, with faults on chosen URLs.

`FaultServer(snapshot, faults)` is a `tracker.replay.SnapshotServer` (same
routing: `{base_url}/https/host/path`, so a run reaches it through
`LICENSURE_SNAPSHOT_URL` exactly like a snapshot run) whose handler looks up
each requested original URL in `faults` first. A URL without a fault is
answered by the snapshot as usual (200, ETag, 304...). A URL with one gets
the fault, every time it is asked for (retries included):

    Fault("timeout")                     accept the request, never answer (until the server stops)
    Fault("reset")                       read the request, then reset the TCP connection (RST)
    Fault("status", status=503)          answer 500, 502, 503, 403, 404, 410... with a small error page
    Fault("status", status=429, retry_after=2)   ... with a Retry-After header (seconds)
    Fault("redirect_loop")               302 to URL?loop=1, which 302s back to URL
    Fault("redirect", location=...)      302 to another place (e.g. off the state's declared domains)
    Fault("truncate")                    Content-Length twice the body, half the body, then close
    Fault("charset", content_type=...)   the page's own bytes under another Content-Type (wrong or no charset)
    Fault("reencode", encoding=..., content_type=...)  the page re-encoded (e.g. UTF-16) under a Content-Type
    Fault("huge", size=50_000_000)       a huge HTML page, generated while streaming (never held in memory);
                                         sized=True sends Content-Length, sized=False ends it by closing
    Fault("body", body=b"", content_type=...)  a 200 with this body: empty, a soft 404, binary garbage,
                                         a login wall, a malformed or encrypted PDF (see tests.faults.bodies)
    Fault("robots")                      the host's robots.txt disallows this URL's path
    Fault("drip", delay=1.0)             a 200 whose body comes one byte every `delay` seconds
    Fault("mislabel", charset="windows-1252")  the page re-saved with real characters for its entities
                                         (&sect; -> §), in UTF-8, but declared (header and <meta>) as `charset`
    Fault("mojibake")                    the same page put through a bad conversion: its UTF-8 read as
                                         windows-1252 and saved again as UTF-8 ("Â§" where "§" was)
    Fault("rewrite", drop_attributes=("class", "id"), remove=(...), replace=((old, new), ...))
                                         the page with those attributes stripped from every tag (a markup
                                         redesign), those literal strings removed, those replacements made

The server binds 127.0.0.1 only (an ephemeral port), records every request
with the time it arrived (`hits`), and counts the bytes it managed to send
per URL (`sent`), so a test can prove the client stopped reading a huge page.
"""

from __future__ import annotations

import html
import re
import socket
import struct
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from typing import Any, NamedTuple
from urllib.parse import urlsplit, urlunsplit

from tracker.replay import LOOPBACK_HOST, SnapshotServer, _LoopbackHTTPServer, _SnapshotHandler
from tracker.snapshots import Snapshot, unroute_url, url_key

KINDS = frozenset(
    {
        "timeout",
        "reset",
        "status",
        "redirect_loop",
        "redirect",
        "truncate",
        "charset",
        "reencode",
        "huge",
        "body",
        "robots",
        "drip",
        "mislabel",
        "mojibake",
        "rewrite",
    }
)
LOOP_MARK = "loop=1"


@dataclass(frozen=True)
class Fault:
    kind: str
    params: dict[str, Any] = field(default_factory=dict)

    def __init__(self, kind: str, **params: Any) -> None:
        if kind not in KINDS:
            raise ValueError(f"unknown fault {kind!r}; use one of {', '.join(sorted(KINDS))}")
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "params", dict(params))

    def __getitem__(self, name: str) -> Any:
        return self.params[name]

    def get(self, name: str, default: Any = None) -> Any:
        return self.params.get(name, default)

    def as_json(self) -> dict[str, Any]:
        """For passing faults to a child process (tests/faults/cli.py); bytes bodies are latin-1 text."""
        out = {"kind": self.kind}
        for key, value in self.params.items():
            out[key] = {"__bytes__": value.decode("latin-1")} if isinstance(value, bytes) else value
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Fault:
        params = {
            k: (v["__bytes__"].encode("latin-1") if isinstance(v, dict) and "__bytes__" in v else v)
            for k, v in data.items()
            if k != "kind"
        }
        return cls(data["kind"], **params)


class Hit(NamedTuple):
    """One request the fault server saw: when (time.monotonic()), which original URL, which fault (or None)."""

    at: float
    url: str
    fault: str | None


def _with_query(url: str, extra: str) -> str:
    parts = urlsplit(url)
    query = f"{parts.query}&{extra}" if parts.query else extra
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


def _without_loop_mark(url: str) -> str:
    parts = urlsplit(url)
    query = "&".join(q for q in parts.query.split("&") if q and q != LOOP_MARK)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


def _error_page(status: int) -> bytes:
    return (
        f"<!DOCTYPE html><html><head><title>Error {status}</title></head><body><h1>Error {status}</h1>"
        f"<p>The server could not answer this request.</p></body></html>"
    ).encode()


class FaultHandler(_SnapshotHandler):
    server: _FaultHTTPServer

    def _answer(self, send_body: bool) -> None:
        owner: FaultServer = self.server.owner  # type: ignore[assignment]
        try:
            url = unroute_url(self.path)
        except ValueError:
            super()._answer(send_body)
            return
        fault, target = owner.fault_for(url)
        owner._hit(url, fault)
        if fault is None:
            super()._answer(send_body)
            return
        getattr(self, f"_fault_{fault.kind}")(url, target, fault, send_body)

    # --- helpers ---------------------------------------------------------------------------------------

    def _original(self, url: str) -> bytes:
        page = self.server.owner.snapshot.page_for(url)
        if page is None or page.file is None:
            return _error_page(404)
        return page.file.read_bytes()

    def _head(self, status: int, url: str, headers: dict[str, str]) -> None:
        self.server.owner._record_request(self.command, url, status, dict(self.headers.items()))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()

    def _write(self, url: str, data: bytes) -> bool:
        """Write and count; False once the client has gone away."""
        try:
            self.wfile.write(data)
            self.wfile.flush()
        except OSError:
            self.close_connection = True
            return False
        self.server.owner._sent(url, len(data))
        return True

    def _drop(self) -> None:
        """Close the connection after this answer (no keep-alive)."""
        self.close_connection = True

    # --- faults ----------------------------------------------------------------------------------------

    def _fault_timeout(self, url: str, target: str, fault: Fault, send_body: bool) -> None:
        self.server.owner.stopping.wait(fault.get("seconds", 600))
        self._drop()

    def _fault_reset(self, url: str, target: str, fault: Fault, send_body: bool) -> None:
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.rfile.close()
        self.connection.close()  # with SO_LINGER 0: an RST, not a FIN
        self._drop()

    def _fault_status(self, url: str, target: str, fault: Fault, send_body: bool) -> None:
        status = int(fault["status"])
        body = _error_page(status)
        headers = {"Content-Type": "text/html; charset=utf-8", "Content-Length": str(len(body))}
        if fault.get("retry_after") is not None:
            headers["Retry-After"] = str(fault["retry_after"])
        self._head(status, url, headers)
        if send_body:
            self._write(url, body)

    def _fault_redirect_loop(self, url: str, target: str, fault: Fault, send_body: bool) -> None:
        location = target if LOOP_MARK in url else _with_query(target, LOOP_MARK)
        self._head(302, url, {"Location": location, "Content-Length": "0"})

    def _fault_redirect(self, url: str, target: str, fault: Fault, send_body: bool) -> None:
        self._head(int(fault.get("status", 302)), url, {"Location": fault["location"], "Content-Length": "0"})

    def _fault_truncate(self, url: str, target: str, fault: Fault, send_body: bool) -> None:
        body = self._original(url)
        self._head(200, url, {"Content-Type": "text/html; charset=utf-8", "Content-Length": str(2 * len(body))})
        if send_body:
            self._write(url, body[: len(body) // 2])
        self._drop()

    def _fault_charset(self, url: str, target: str, fault: Fault, send_body: bool) -> None:
        body = self._original(url)
        self._head(200, url, {"Content-Type": fault["content_type"], "Content-Length": str(len(body))})
        if send_body:
            self._write(url, body)

    def _fault_reencode(self, url: str, target: str, fault: Fault, send_body: bool) -> None:
        text = self._original(url).decode("utf-8")
        body = text.encode(fault["encoding"])
        self._head(200, url, {"Content-Type": fault["content_type"], "Content-Length": str(len(body))})
        if send_body:
            self._write(url, body)

    def _fault_huge(self, url: str, target: str, fault: Fault, send_body: bool) -> None:
        size = int(fault.get("size", 50_000_000))
        headers = {"Content-Type": "text/html; charset=utf-8"}
        if fault.get("sized", True):
            headers["Content-Length"] = str(size)
        else:
            headers["Connection"] = "close"
        self._head(200, url, headers)
        self._drop()
        if not send_body:
            return
        chunk = (b"<p>Medical assistants may perform many tasks; this page goes on and on. </p>\n" * 900)[:65536]
        left = size
        if not self._write(url, b"<!DOCTYPE html><html><body><main>"):
            return
        while left > 0 and not self.server.owner.stopping.is_set():
            piece = chunk[: min(left, len(chunk))]
            if not self._write(url, piece):
                return
            left -= len(piece)

    def _fault_body(self, url: str, target: str, fault: Fault, send_body: bool) -> None:
        body: bytes = fault["body"]
        self._head(
            int(fault.get("status", 200)),
            url,
            {"Content-Type": fault.get("content_type", "text/html; charset=utf-8"), "Content-Length": str(len(body))},
        )
        if send_body:
            self._write(url, body)

    def _fault_robots(self, url: str, target: str, fault: Fault, send_body: bool) -> None:
        # only reached for the robots.txt URL itself (see FaultServer.fault_for)
        text = fault["robots_txt"].encode()
        self._head(200, url, {"Content-Type": "text/plain; charset=utf-8", "Content-Length": str(len(text))})
        if send_body:
            self._write(url, text)

    def _fault_drip(self, url: str, target: str, fault: Fault, send_body: bool) -> None:
        body = self._original(url)
        self._head(200, url, {"Content-Type": "text/html; charset=utf-8", "Content-Length": str(len(body))})
        self._drop()
        if not send_body:
            return
        delay = float(fault.get("delay", 1.0))
        for i in range(len(body)):
            if not self._write(url, body[i : i + 1]) or self.server.owner.stopping.wait(delay):
                return

    def _fault_mislabel(self, url: str, target: str, fault: Fault, send_body: bool) -> None:
        charset = fault.get("charset", "windows-1252")
        text = with_characters(self._original(url).decode("utf-8"))
        meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        text = re.sub(r"<meta[^>]*charset[^>]*>", "", text, flags=re.I)
        text = re.sub(r"(<head[^>]*>)", lambda m: m.group(1) + meta, text, count=1, flags=re.I)
        self._send_page(url, text.encode("utf-8"), f"text/html; charset={charset}", send_body)

    def _fault_mojibake(self, url: str, target: str, fault: Fault, send_body: bool) -> None:
        text = with_characters(self._original(url).decode("utf-8"))
        garbled = text.encode("utf-8").decode("cp1252", errors="replace")
        self._send_page(url, garbled.encode("utf-8"), "text/html; charset=utf-8", send_body)

    def _fault_rewrite(self, url: str, target: str, fault: Fault, send_body: bool) -> None:
        page = self.server.owner.snapshot.page_for(url)
        content_type = (page.content_type if page is not None else None) or "text/html; charset=utf-8"
        charset = "cp1252" if "windows-1252" in content_type.lower() else "utf-8"
        text = self._original(url).decode(charset)
        for name in fault.get("drop_attributes", ()):
            text = re.sub(rf'\s{name}="[^"]*"', "", text)
            text = re.sub(rf"\s{name}='[^']*'", "", text)
        for piece in fault.get("remove", ()):
            text = text.replace(piece, "")
        for old, new in fault.get("replace", ()):
            text = text.replace(old, new)
        self._send_page(url, text.encode(charset), content_type, send_body)

    def _send_page(self, url: str, body: bytes, content_type: str, send_body: bool) -> None:
        self._head(200, url, {"Content-Type": content_type, "Content-Length": str(len(body))})
        if send_body:
            self._write(url, body)


_ENTITY = re.compile(r"&(?!(?:amp|lt|gt|quot|apos);)(#\d+|#x[0-9a-fA-F]+|[A-Za-z]+\d*);")


def with_characters(page: str) -> str:
    """The page with its character entities (&sect;, &mdash;, &#8217;) written as the characters themselves."""
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), page)


class _FaultHTTPServer(_LoopbackHTTPServer):
    def __init__(self, port: int, owner: SnapshotServer) -> None:
        self.owner = owner
        ThreadingHTTPServer.__init__(self, (LOOPBACK_HOST, port), FaultHandler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away mid-answer is what some faults are for: stay quiet."""


class FaultServer(SnapshotServer):
    """A SnapshotServer that applies `faults` (original URL -> Fault) to chosen URLs."""

    def __init__(self, snapshot: Snapshot, faults: Mapping[str, Fault] | None = None, port: int = 0) -> None:
        super().__init__(snapshot, port)
        self.faults: dict[str, Fault] = {}
        self._robots: dict[str, Fault] = {}
        self.hits: list[Hit] = []
        self.bytes_sent: dict[str, int] = {}
        self.stopping = threading.Event()
        for url, fault in (faults or {}).items():
            self.add(url, fault)

    def add(self, url: str, fault: Fault) -> None:
        if fault.kind == "robots":
            parts = urlsplit(url)
            robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
            disallowed = (
                [*self._robots[url_key(robots_url)].get("paths", []), parts.path]
                if url_key(robots_url) in self._robots
                else [parts.path]
            )
            self._robots[url_key(robots_url)] = Fault(
                "robots",
                paths=disallowed,
                robots_txt="User-agent: *\n" + "".join(f"Disallow: {p}\n" for p in disallowed),
            )
            return
        self.faults[url_key(url)] = fault

    def fault_for(self, url: str) -> tuple[Fault | None, str]:
        """(the fault for this requested URL or None, the faulted URL it belongs to)."""
        try:
            key = url_key(url)
        except ValueError:
            return None, url
        if key in self._robots:
            return self._robots[key], url
        if key in self.faults:
            return self.faults[key], url
        if LOOP_MARK in url:  # the second hop of a redirect loop
            base = _without_loop_mark(url)
            fault = self.faults.get(url_key(base))
            if fault is not None and fault.kind == "redirect_loop":
                return fault, base
        return None, url

    def _hit(self, url: str, fault: Fault | None) -> None:
        with self._lock:
            self.hits.append(Hit(time.monotonic(), url, fault.kind if fault else None))

    def _sent(self, url: str, n: int) -> None:
        with self._lock:
            self.bytes_sent[url] = self.bytes_sent.get(url, 0) + n

    def _record_request(self, method: str, url: str, status: int, headers: dict[str, str]) -> None:
        from tracker.replay import RecordedRequest

        self._record(RecordedRequest(method, url, status, headers))

    def hits_for(self, url: str) -> list[Hit]:
        key = url_key(url)
        with self._lock:
            return [h for h in self.hits if url_key(h.url) == key]

    def start(self) -> FaultServer:
        if self._httpd is not None:
            return self
        self.stopping.clear()
        httpd = _FaultHTTPServer(self.requested_port, self)
        thread = threading.Thread(
            target=httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"FaultServer[{self.snapshot.name}]",
            daemon=True,
        )
        thread.start()
        self._httpd, self._thread = httpd, thread
        return self

    def stop(self) -> None:
        self.stopping.set()  # frees handlers that are holding a connection open (timeout, drip)
        super().stop()
