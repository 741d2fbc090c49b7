"""Run logs are rotated (earlier runs' crawl logs compressed) and removed after `log_retention_days`."""

from __future__ import annotations

import gzip
import os
import time
from pathlib import Path

from tracker import registry
from tracker.config import Settings, load_settings
from tracker.logfiles import crawl_log, tidy
from tracker.pipeline import execute_run
from tracker.snapshots import resolve_snapshot

DAY = 86400


def _write(path: Path, text: str, age_days: float) -> Path:
    path.write_text(text, encoding="utf-8")
    stamp = time.time() - age_days * DAY
    os.utime(path, (stamp, stamp))
    return path


def test_tidy_compresses_earlier_crawl_logs_and_removes_old_run_logs(tmp_path):
    logs = tmp_path / "logs"
    logs.mkdir()
    old = [_write(logs / f"run-1-{n}", "old\n", 45) for n in ("crawl.log", "settle.json")]
    recent = _write(logs / "run-2-crawl.log", "recent line\n" * 1000, 2)
    timings = _write(logs / "run-2-settle.json", "{}", 2)
    current = _write(logs / "run-3-crawl.log", "running\n", 0)
    other = _write(logs / "cron.log", "not ours\n", 400)

    removed = tidy(logs, 30, current_run=3)

    assert sorted(removed) == sorted(old) and not any(p.exists() for p in old)
    assert not recent.exists() and crawl_log(logs, 2) == logs / "run-2-crawl.log.gz"
    assert gzip.decompress((logs / "run-2-crawl.log.gz").read_bytes()).decode() == "recent line\n" * 1000
    assert abs((logs / "run-2-crawl.log.gz").stat().st_mtime - (time.time() - 2 * DAY)) < 5  # its age is kept
    assert timings.exists() and current.read_text() == "running\n" and other.exists()
    assert crawl_log(logs, 3) == current and crawl_log(logs, 1) is None

    assert tidy(logs, 0) == [] and other.exists()  # 0 keeps every log


def test_the_retention_setting_defaults_to_30_days_and_is_checked():
    assert Settings().log_retention_days == 30
    assert load_settings(None, env={"LICENSURE_LOG_RETENTION_DAYS": "7"}).log_retention_days == 7
    try:
        load_settings(None, env={"LICENSURE_LOG_RETENTION_DAYS": "-1"})
    except Exception as exc:
        assert "$LICENSURE_LOG_RETENTION_DAYS" in str(exc) and "'log_retention_days' must be 0 or more" in str(exc)
    else:
        raise AssertionError("a negative retention was accepted")


def test_a_run_rotates_the_previous_runs_log_and_removes_expired_ones(settings):
    wa, snap = registry.select("WA"), resolve_snapshot("2026-05-01")
    first = execute_run(settings, wa, snap)
    logs = settings.data_dir / "logs"
    assert Path(first.crawl_log).is_file()
    second = execute_run(settings, wa, snap)
    assert crawl_log(logs, first.run_id) == logs / f"run-{first.run_id}-crawl.log.gz"  # rotated
    assert Path(second.crawl_log).is_file() and crawl_log(logs, second.run_id) == Path(second.crawl_log)
    expired = time.time() - 31 * DAY
    for path in logs.glob(f"run-{first.run_id}-*"):
        os.utime(path, (expired, expired))
    execute_run(settings, wa, snap)
    assert list(logs.glob(f"run-{first.run_id}-*")) == []  # older than log_retention_days: removed
    assert crawl_log(logs, second.run_id) is not None
