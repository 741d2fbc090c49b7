"""Alert channels: the console, a JSON-lines file, and Apprise URLs."""

from __future__ import annotations

import hashlib
import io
import json
import logging
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from tracker.alerts.redact import redact_text, redact_url

# who takes which audience (see tracker/alerts/__init__.py)
LOCAL = frozenset({"compliance", "health", "engineers"})
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class DeliveryError(Exception):
    """A channel did not take the digest; the message is safe to show (secrets redacted)."""


@dataclass
class Digest:
    """What one channel gets in one run: a subject, the changes, and the report content in two formats."""

    title: str
    changes: list[dict[str, Any]]
    markdown: str = ""
    html: str = ""

    def text(self) -> str:
        from tracker.alerts import CATEGORY_LABEL

        lines = [f"licensure-tracker: {len(self.changes)} new item(s)"]
        current = None
        for c in self.changes:
            if c["jurisdiction"] != current:
                current = c["jurisdiction"]
                lines.append(f"\n{current}")
            lines.append(f"  [{CATEGORY_LABEL.get(c['category'], c['category'])}] {c['summary']} (change #{c['id']})")
        return _CONTROL.sub(" ", "\n".join(lines))  # scraped text must not drive the terminal


class ConsoleSink:
    kind = "console"
    key = "console"
    label = "console"
    role = "local"

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream

    def accepts(self, audience: str, has_engineers: bool) -> bool:
        return audience in LOCAL

    def send(self, digest: Digest) -> None:
        stream = self.stream or sys.stdout
        stream.write(digest.text() + "\n")
        stream.flush()


class JsonFileSink:
    """Appends one JSON object per alerted change to a JSON-lines file."""

    kind = "json"
    role = "local"

    def __init__(self, path: Path) -> None:
        self.path = path
        self.key = "json:" + hashlib.sha256(str(Path(path).resolve()).encode()).hexdigest()[:32]
        self.label = f"JSON file {path}"

    def accepts(self, audience: str, has_engineers: bool) -> bool:
        return audience in LOCAL

    def send(self, digest: Digest) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a", encoding="utf-8") as fh:
            for change in digest.changes:
                fh.write(json.dumps(change, sort_keys=True, ensure_ascii=False) + "\n")


class _Capture(logging.Handler):
    """Collects Apprise's warnings and errors during one send, without letting them reach other handlers."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.buffer = io.StringIO()

    def emit(self, record: logging.LogRecord) -> None:
        self.buffer.write(record.getMessage() + "\n")


class AppriseChannel:
    """Any Apprise URL. Email gets the HTML report content; other services get the Markdown."""

    kind = "apprise"

    def __init__(self, url: str, role: str = "compliance") -> None:
        if role not in ("compliance", "engineers"):
            raise ValueError(f"unknown channel role {role!r}")
        self._url = url  # never shown: use .label
        self.role = role
        self.key = "apprise:" + hashlib.sha256(url.encode()).hexdigest()[:32]
        self.label = redact_url(url) + ("" if role == "compliance" else " (engineers)")

    def __repr__(self) -> str:
        return f"AppriseChannel({self.label!r})"

    def accepts(self, audience: str, has_engineers: bool) -> bool:
        if self.role == "engineers":
            return audience in ("health", "engineers")
        return audience == "compliance" or (audience == "health" and not has_engineers)

    def send(self, digest: Digest) -> None:
        import apprise

        asset = apprise.AppriseAsset(
            app_id="licensure-tracker", app_desc="licensure-tracker alerts", storage_mode="memory", secure_logging=True
        )
        capture = _Capture()
        # Apprise and the HTTP libraries under it may log URLs, paths or tokens: while sending, their records go
        # only to our capture (then redacted), never to the application's or the test runner's handlers
        loggers = [logging.getLogger(name) for name in ("apprise", "urllib3", "requests")]
        saved = [(lg, lg.propagate, lg.level) for lg in loggers]
        for lg in loggers:
            lg.addHandler(capture)
            lg.propagate = False
            if lg.level == logging.NOTSET or lg.level > logging.WARNING:
                lg.setLevel(logging.WARNING)
        try:
            notifier = apprise.Apprise(asset=asset)
            if not notifier.add(self._url):
                raise DeliveryError("the URL is not a valid Apprise URL (check the scheme and its parameters)")
            formats = getattr(notifier[0], "notify_format", None)
            preferred = formats[0] if isinstance(formats, (tuple, list)) and formats else formats
            html = preferred == apprise.NotifyFormat.HTML  # email: the report's own HTML; others: its Markdown
            ok = notifier.notify(
                title=digest.title,
                body=digest.html if html and digest.html else digest.markdown or digest.text(),
                body_format=apprise.NotifyFormat.HTML if html and digest.html else apprise.NotifyFormat.MARKDOWN,
            )
            if not ok:
                said = [line for line in capture.buffer.getvalue().splitlines() if line.strip()]
                reason = " ".join(said[-2:]) if said else "the service did not accept the message"
                raise DeliveryError(redact_text(reason, [self._url])[:500])
        finally:
            for lg, propagate, level in saved:
                lg.removeHandler(capture)
                lg.propagate = propagate
                lg.setLevel(level)
