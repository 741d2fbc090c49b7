"""Launch a crawl in a subprocess (Scrapy's reactor cannot restart in one process).

The child (`python -m scrapers.crawl`) stores each page as it arrives and
prints one JSON line per page, which we pass to `on_page` for progress.
The database URL travels in the child's environment, never on its command
line, so a password in it never shows in `ps`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tracker.config import Settings


@dataclass(frozen=True)
class CrawlOutcome:
    returncode: int
    log_path: Path

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def log_tail(self, lines: int = 15) -> str:
        try:
            return "\n".join(self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def crawl(
    run_id: int,
    codes: list[str],
    settings: Settings,
    snapshot_url: str | None = None,
    on_page: Callable[[dict], None] | None = None,
    log_path: Path | None = None,
) -> CrawlOutcome:
    """Run the spiders for `codes` and wait; returns the child's exit code and log path."""
    log_path = log_path or settings.data_dir / "logs" / f"run-{run_id}-crawl.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "scrapers.crawl", "--run-id", str(run_id), "--jurisdictions", ",".join(codes), "--progress"]
    cmd += ["--httpcache-dir", str(settings.httpcache_dir.resolve())]
    if snapshot_url:
        cmd += ["--snapshot-url", snapshot_url]
    env = dict(os.environ)
    env["LICENSURE_DATABASE_URL"] = settings.database_url
    env["LICENSURE_DATA_DIR"] = str(settings.data_dir.resolve())
    env["SCRAPY_SETTINGS_MODULE"] = "scrapers.settings"
    root = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=log, env=env, text=True, cwd=root)
        assert proc.stdout is not None
        try:
            for line in proc.stdout:
                line = line.strip()
                if not line.startswith("{"):
                    continue
                try:
                    event = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if on_page:
                    on_page(event)
            returncode = proc.wait()
        except BaseException:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
            raise
    return CrawlOutcome(returncode, log_path)
