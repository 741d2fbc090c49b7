"""The console channel: the digest as text on standard output (for the daemon, its log)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, TextIO

from tracker.channels.base import Channel, Digest

if TYPE_CHECKING:
    from tracker.config import Settings


class Console(Channel):
    kind = "console"
    description = "a digest on the run's standard output (the daemon's log)"
    order = 0

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream
        self.key = self.label = "console"

    @classmethod
    def from_settings(cls, settings: Settings) -> list[Channel]:
        return [cls()]

    def send(self, digest: Digest) -> None:
        stream = self.stream or sys.stdout
        stream.write(digest.text() + "\n")
        stream.flush()
