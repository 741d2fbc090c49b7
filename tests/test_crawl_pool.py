"""The crawl runs at most `parallel_jurisdictions` spiders at a time, and always ends."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from tracker import registry
from tracker.pipeline import execute_run
from tracker.snapshots import resolve_snapshot

REPO = Path(__file__).resolve().parent.parent


def test_one_jurisdiction_at_a_time_still_checks_every_one(sqlite_settings):
    settings = replace(sqlite_settings, parallel_jurisdictions=1)
    summary = execute_run(settings, registry.select("WA,CA,NY"), resolve_snapshot("2026-05-01"))
    assert summary.status == "succeeded"
    assert {o.code: o.result for o in summary.outcomes} == {"WA": "baseline", "CA": "baseline", "NY": "baseline"}
    log = Path(summary.crawl_log).read_text(encoding="utf-8")
    # each spider opened only after the one before it closed
    opened = [line for line in log.splitlines() if "Spider opened" in line]
    closed = [line for line in log.splitlines() if "Spider closed" in line]
    assert len(opened) == len(closed) == 3
    order = [line for line in log.splitlines() if "Spider opened" in line or "Spider closed" in line]
    assert [("opened" if "opened" in line else "closed") for line in order] == ["opened", "closed"] * 3


def test_a_spider_that_cannot_start_is_named_and_the_crawl_still_ends(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("LICENSURE_")}
    env.update(LICENSURE_DATA_DIR=str(tmp_path), LICENSURE_PARALLEL_JURISDICTIONS="2")
    done = subprocess.run(
        [sys.executable, "-m", "scrapers.crawl", "--run-id", "1", "--jurisdictions", "zz,qq,xx"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    for code in ("ZZ", "QQ", "XX"):
        assert f"The spider for {code} could not run" in done.stderr


def test_the_setting_must_be_at_least_one(tmp_path):
    import pytest

    from tracker.config import ConfigError, Settings

    with pytest.raises(ConfigError, match="parallel_jurisdictions"):
        Settings(data_dir=tmp_path, parallel_jurisdictions=0)
