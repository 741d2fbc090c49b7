"""The replay server: answers a snapshot's pages over HTTP on 127.0.0.1, as the agency sites would.

Spiders request an original URL through the routing scheme of
:func:`tracker.snapshots.route_url`. The server sends real status codes,
redirects, ``ETag``/``Last-Modified`` and ``304`` answers to conditional
requests, and a default ``robots.txt``; ``docs/snapshot-format.md`` says what it
answers in each case. Standard library only (never Scrapy).

`SnapshotProcess` serves a snapshot directory from a process of its own
(`python -m tracker.replay`), as `licensure run --snapshot` does: answering
thousands of requests then costs the run's interpreter nothing, and the
server's threads share no interpreter lock with the run that reads the
crawl's pages. The listening socket is bound here and handed to the child,
so the address is known at once and no request is refused while the child
starts.
"""

from __future__ import annotations

import argparse
import email.utils
import hashlib
import html
import os
import socket
import socketserver
import subprocess
import sys
import threading
from datetime import UTC, datetime, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any, NamedTuple, Self

from tracker.snapshots import HTML_CONTENT_TYPE, Snapshot, is_robots_url, load_snapshot, route_url, unroute_url

__all__ = ["DEFAULT_ROBOTS_TXT", "LOOPBACK_HOST", "RecordedRequest", "SnapshotProcess", "SnapshotServer"]

DEFAULT_ROBOTS_TXT = "User-agent: *\nAllow: /\n"
LOOPBACK_HOST = "127.0.0.1"


class RecordedRequest(NamedTuple):
    """One request the server answered: (method, original_url, status, headers)."""

    method: str
    url: str
    status: int
    headers: dict[str, str]


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

    def __init__(self, port: int, owner: SnapshotServer, listening: socket.socket | None = None) -> None:
        self.owner = owner
        super().__init__((LOOPBACK_HOST, port), _SnapshotHandler, bind_and_activate=listening is None)
        if listening is not None:  # bound and listening already (SnapshotProcess hands it over)
            self.socket.close()
            self.socket = listening
            self.server_name, self.server_port = LOOPBACK_HOST, listening.getsockname()[1]

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
            self._send(400, self.path, {"Content-Type": HTML_CONTENT_TYPE}, bad, send_body)
            return

        page = snapshot.page_for(url)
        if page is None:
            if is_robots_url(url):
                robots = DEFAULT_ROBOTS_TXT.encode("utf-8")
                captured = datetime.combine(snapshot.captured, time(), tzinfo=UTC)
                self._send_ok(url, robots, "text/plain; charset=utf-8", captured, {}, send_body)
            else:
                missing = _small_html("Page not found", "This page is not in the snapshot.")
                self._send(404, url, {"Content-Type": HTML_CONTENT_TYPE}, missing, send_body)
            return

        body: bytes | None = None
        if page.file is not None:
            try:
                body = page.file.read_bytes()
            except OSError:
                error = _small_html("Snapshot file unreadable", "The page file could not be read.")
                self._send(500, url, {"Content-Type": HTML_CONTENT_TYPE}, error, send_body)
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
        headers["Content-Type"] = page.content_type if page.file is not None else HTML_CONTENT_TYPE
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


class _Loopback:
    """What both servers share: the loopback address, routed URLs, and use as a context manager."""

    host = LOOPBACK_HOST

    @property
    def port(self) -> int:
        """The bound TCP port."""
        raise NotImplementedError

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT`` — the prefix for routed URLs."""
        return f"http://{self.host}:{self.port}"

    def url_for(self, url: str) -> str:
        """The loopback URL that serves the original ``url``."""
        return route_url(self.base_url, url)

    def start(self) -> Self:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


class SnapshotServer(_Loopback):
    """Serve one Snapshot over HTTP on 127.0.0.1 in a daemon thread.

    Use as a context manager (``with SnapshotServer(snap) as server: server.base_url``)
    or call :meth:`start` / :meth:`stop`.  ``requests`` lists every answered
    request as a :class:`RecordedRequest` (method, original_url, status, headers).
    """

    def __init__(
        self, snapshot: Snapshot, port: int = 0, record_requests: bool = True, listening: socket.socket | None = None
    ) -> None:
        self.snapshot = snapshot
        self.requested_port = port
        self.listening = listening  # an already listening socket to serve on, instead of binding one
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

    def start(self) -> SnapshotServer:
        """Bind and start serving in a daemon thread; returns self."""
        if self._httpd is not None:
            return self
        httpd = _LoopbackHTTPServer(self.requested_port, self, self.listening)
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


class SnapshotProcess(_Loopback):
    """Serve a snapshot directory from a process of its own (`python -m tracker.replay`), on 127.0.0.1.

    Use as a context manager, like SnapshotServer (``base_url``, ``url_for``);
    it keeps no request log. The child ends with this process (Linux), and on
    stop().
    """

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self._port = 0
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def port(self) -> int:
        return self._port

    def start(self) -> SnapshotProcess:
        if self._proc is not None:
            return self
        listening = socket.create_server((LOOPBACK_HOST, 0), backlog=_LoopbackHTTPServer.request_queue_size)
        try:
            self._port = listening.getsockname()[1]
            root = str(Path(__file__).resolve().parent.parent)
            env = dict(os.environ)
            env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
            fd = listening.fileno()
            cmd = [sys.executable, "-m", "tracker.replay", "--fd", str(fd), str(self.snapshot.path)]
            self._proc = subprocess.Popen(cmd, pass_fds=(fd,), env=env, stdin=subprocess.DEVNULL)
        finally:
            listening.close()  # the child holds it now; connections wait in its backlog until it accepts
        return self

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _end_with_parent() -> None:
    """Linux: end when the process that started this server ends (PR_SET_PDEATHSIG)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGTERM))
    except (OSError, AttributeError):
        return


def main(argv: list[str] | None = None) -> int:
    """`python -m tracker.replay [--fd N] SNAPSHOT_DIR`: serve until SIGTERM (prints the base URL without --fd)."""
    import signal

    parser = argparse.ArgumentParser(description="Serve a snapshot directory on 127.0.0.1.")
    parser.add_argument("snapshot")
    parser.add_argument("--fd", type=int, help="serve on this listening socket (inherited from the parent)")
    args = parser.parse_args(argv)
    parent = os.getppid()
    _end_with_parent()
    if args.fd is not None and os.getppid() != parent:
        return 1  # the parent ended before the request took effect
    listening = socket.socket(fileno=args.fd) if args.fd is not None else None
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with SnapshotServer(load_snapshot(args.snapshot), record_requests=False, listening=listening) as server:
        if listening is None:
            print(server.base_url, flush=True)
        while not stop.wait(1.0):
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
