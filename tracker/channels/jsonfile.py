"""The JSON channel: one JSON object per alerted change, appended to <output_dir>/alerts.jsonl."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.channels.base import Channel, Digest

if TYPE_CHECKING:
    from tracker.config import Settings


class JsonFile(Channel):
    kind = "json"
    description = "one JSON object per change appended to <output_dir>/alerts.jsonl"
    order = 1

    def __init__(self, path: Path) -> None:
        self.path = self.writes_file = Path(path)
        self.key = "json:" + hashlib.sha256(str(self.path.resolve()).encode()).hexdigest()[:32]
        self.label = f"JSON file {path}"

    @classmethod
    def from_settings(cls, settings: Settings) -> list[Channel]:
        assert settings.output_dir is not None  # Settings always fills it in
        return [cls(settings.output_dir / "alerts.jsonl")]

    def send(self, digest: Digest) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a", encoding="utf-8") as fh:
            for change in digest.changes:
                fh.write(json.dumps(change, sort_keys=True, ensure_ascii=False) + "\n")
