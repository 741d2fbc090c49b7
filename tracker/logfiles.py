"""The run logs in `<data_dir>/logs/`: each run's crawl log and timings, rotated and kept for a while.

Every run writes `run-N-crawl.log` (the crawl subprocess's log, about 800 KB for all 51 jurisdictions)
and `run-N-settle.json` (where its time went). Before a run starts, `tidy` rotates the crawl logs of
earlier runs (compressed to `run-N-crawl.log.gz`, about a tenth of the size; `licensure runs show`
names whichever exists) and removes every run log older than `log_retention_days` (0 keeps them all).
"""

from __future__ import annotations

import gzip
import logging
import os
import re
import shutil
import time
from pathlib import Path

_log = logging.getLogger(__name__)
RUN_LOG = re.compile(r"^run-(\d+)-(crawl\.log|crawl\.log\.gz|settle\.json)$")


def crawl_log(logs: Path, run_id: int) -> Path | None:
    """A run's crawl log as it is now: plain, or rotated (gzip); None when there is none (removed, or never)."""
    for name in (f"run-{run_id}-crawl.log", f"run-{run_id}-crawl.log.gz"):
        if (logs / name).is_file():
            return logs / name
    return None


def tidy(logs: Path, keep_days: float, current_run: int | None = None, now: float | None = None) -> list[Path]:
    """Remove the run logs older than `keep_days` and compress the other runs' plain crawl logs.

    The current run's logs are never touched; a file that cannot be changed is left (and logged), since
    tidying must never stop a run. Returns the files removed.
    """
    if not logs.is_dir():
        return []
    moment = time.time() if now is None else now
    removed = []
    for path in sorted(logs.iterdir()):
        found = RUN_LOG.match(path.name)
        if not found or (current_run is not None and int(found.group(1)) == current_run):
            continue
        try:
            if keep_days > 0 and moment - path.stat().st_mtime > keep_days * 86400:
                path.unlink()
                removed.append(path)
            elif found.group(2) == "crawl.log":
                _compress(path)
        except OSError as exc:
            _log.warning("could not tidy the run log %s: %s", path, exc)
    return removed


def _compress(path: Path) -> None:
    """`run-N-crawl.log` -> `run-N-crawl.log.gz`, keeping its modification time (retention reads it)."""
    target = path.with_name(path.name + ".gz")
    partial = target.with_name(target.name + ".part")
    try:
        with open(path, "rb") as src, gzip.open(partial, "wb") as dst:
            shutil.copyfileobj(src, dst)
    except OSError:
        partial.unlink(missing_ok=True)  # a full disk: keep the plain log, leave no half-written copy
        raise
    stat = path.stat()
    partial.replace(target)
    os.utime(target, (stat.st_atime, stat.st_mtime))
    path.unlink()
