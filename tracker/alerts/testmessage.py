"""`licensure alerts test`: one test message through the configured channels that send somewhere."""

from __future__ import annotations

import html
import socket
from typing import TYPE_CHECKING, NamedTuple

from tracker import channels as registry
from tracker.channels import DeliveryError, Digest

if TYPE_CHECKING:
    from tracker.config import Settings

TITLE = "licensure-tracker: test message"


class TestResult(NamedTuple):
    kind: str
    label: str  # redacted: safe to print
    error: str | None  # None: the channel took the message


def _digest() -> Digest:
    text = (
        f"This is a test message from licensure-tracker on {socket.gethostname()}, sent by "
        "`licensure alerts test`. If you can read it, alerts reach this channel."
    )
    return Digest(title=TITLE, changes=[], markdown=text, html=f"<p>{html.escape(text)}</p>")


def sendable_kinds() -> list[str]:
    """The channel kinds that send somewhere (they read URLs from a setting): the ones worth testing."""
    return [kind for kind, cls in registry.kinds().items() if cls.setting]


def send_test(settings: Settings, kind: str | None = None) -> list[TestResult]:
    """Send the test message once to every configured channel of `kind` (None: every sendable kind)."""
    kinds = [kind] if kind else sendable_kinds()
    results = []
    for channel in registry.configured(settings):
        if channel.kind not in kinds:
            continue
        try:
            channel.send(_digest())
        except DeliveryError as exc:
            results.append(TestResult(channel.kind, channel.label, str(exc)))
        else:
            results.append(TestResult(channel.kind, channel.label, None))
    return results
