"""Sending a digest to one Apprise URL (email, Slack, Teams, webhooks...): shared by the URL channels.

Not a channel itself (it declares no kind): `compliance` and `engineers` are the registered channels built on it.
Email gets the report's HTML; other services get its Markdown.
"""

from __future__ import annotations

import hashlib
import io
import logging
from typing import TYPE_CHECKING

from tracker.channels.base import Channel, DeliveryError, Digest
from tracker.redact import redact_text, redact_url

if TYPE_CHECKING:
    from tracker.config import Settings


def url_problem(url: str) -> str | None:
    """Why Apprise cannot use this URL (an unknown service, missing or wrong parameters), or None.

    Costs Apprise's import (about a second), so it runs only when alert URLs are configured.
    """
    import apprise

    quiet = logging.getLogger("apprise")
    saved = quiet.disabled
    quiet.disabled = True  # Apprise logs the URL it rejects: never let a secret reach a log
    try:
        if apprise.Apprise().add(url):
            return None
    finally:
        quiet.disabled = saved
    scheme = url.partition("://")[0].lower()
    try:
        from apprise.manager_plugins import NotificationManager

        if scheme not in NotificationManager():
            return f"Apprise has no service called {scheme}://"
    except ImportError:  # another Apprise layout: the general reason below
        pass
    return f"Apprise cannot use this {scheme}:// URL (a required part or parameter is missing or wrong)"


class _Capture(logging.Handler):
    """Collects Apprise's warnings and errors during one send, without letting them reach other handlers."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.buffer = io.StringIO()

    def emit(self, record: logging.LogRecord) -> None:
        self.buffer.write(record.getMessage() + "\n")


class AppriseChannel(Channel):
    """One Apprise URL from the channel's setting; the URL is never shown (use .label)."""

    wants_html = True
    label_suffix = ""

    def __init__(self, url: str) -> None:
        self._url = url
        self.key = "apprise:" + hashlib.sha256(url.encode()).hexdigest()[:32]
        self.label = redact_url(url) + self.label_suffix

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.label!r})"

    @classmethod
    def from_settings(cls, settings: Settings) -> list[Channel]:
        return [cls(url) for url in cls.urls(settings)]

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
