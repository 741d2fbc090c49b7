"""The benchmark harness (benchmarks/run.py) at N = 100, one run: every table has every row, for every peer.

No timing is asserted: this only keeps the harness from rotting. The
urlwatch peers (stock and indexed) need `pip install -r
benchmarks/requirements.txt`; without urlwatch they are skipped (the
tracker and the fetch floor still run).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CYCLES = ("cold", "warm, nothing changed", "warm, 1% changed")
HAS_URLWATCH = shutil.which("urlwatch", path=str(Path(sys.executable).parent)) is not None
NO_URLWATCH = (
    "urlwatch is not installed in this venv (pip install -r benchmarks/requirements.txt); its columns are skipped"
)


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory) -> dict:
    work = tmp_path_factory.mktemp("bench")
    out, data = work / "table.md", work / "results.json"
    cmd = [
        sys.executable,
        str(REPO / "benchmarks" / "run.py"),
        "--sizes",
        "100",
        "--repeat",
        "1",
        "--out",
        str(out),
        "--json",
        str(data),
        "--work",
        str(work / "run"),
    ]
    if not HAS_URLWATCH:
        cmd.append("--no-urlwatch")
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=work)
    assert done.returncode == 0, done.stderr[-3000:]
    return {
        "table": out.read_text(encoding="utf-8"),
        "data": json.loads(data.read_text(encoding="utf-8")),
        "stderr": done.stderr,
    }


def _rows(table: str) -> dict[str, list[str]]:
    """The N = 100 rows of the first table in `table`, by cycle."""
    rows = {}
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells[0] == "100" and cells[1] in CYCLES and cells[1] not in rows:
            rows[cells[1]] = cells
    return rows


def _resources(table: str) -> dict[str, list[str]]:
    return _rows(table.split("peak memory")[1])


def test_the_tracker_and_the_fetch_floor_have_every_row(bench):
    walls, res = _rows(bench["table"]), _resources(bench["table"])
    assert set(walls) == set(CYCLES) == set(res)
    for cycle in CYCLES:
        assert float(walls[cycle][2]) > 0 and float(walls[cycle][5]) > 0  # tracker, fetch floor
        assert float(walls[cycle][8]) > 0  # tracker / fetch floor
        cpu, peak = float(res[cycle][2]), float(res[cycle][3])
        assert cpu > 0 and peak > 0
    runs = bench["data"]["results"][0]["runs"]
    assert runs["tracker"]["warm, nothing changed"][0]["extra"]["pages_unchanged"] == 100  # every page a 304
    changed = runs["tracker"]["warm, 1% changed"][0]["extra"]
    assert changed["changed_pages"] == 1 and changed["pages_read"] == 1
    assert "CPU:" in bench["table"] and "Python" in bench["table"]
    assert "| 100 |" in bench["table"].split("Per changed page")[1]


def test_the_tracker_peak_is_split_by_process(bench):
    """Which process holds the memory: the run, its crawl subprocess and the replay server, each with its share."""
    pytest.importorskip("psutil", reason="the per-process split needs psutil (benchmarks/requirements.txt)")
    for cycle, [m] in bench["data"]["results"][0]["runs"]["tracker"].items():
        parts, peaks = m["extra"]["peak_parts_mb"], m["extra"]["part_peaks_mb"]
        assert {"run", "crawl", "replay server"} <= set(parts), cycle
        assert abs(sum(parts.values()) - m["peak_rss_mb"]) < 1, cycle  # the shares at the tree's peak add up
        assert all(peaks[role] >= mb for role, mb in parts.items()), cycle  # no share above that part's own peak


@pytest.mark.skipif(not HAS_URLWATCH, reason=NO_URLWATCH)
def test_both_urlwatch_peers_have_every_row(bench):
    walls = _rows(bench["table"])
    for cycle in CYCLES:
        assert float(walls[cycle][3]) > 0 and float(walls[cycle][4]) > 0  # stock, indexed
        assert float(walls[cycle][6]) > 0 and float(walls[cycle][7]) > 0  # the ratios
    indexed = bench["data"]["results"][0]["runs"]["urlwatch-indexed"]["cold"][0]["extra"]
    assert indexed["index_sql"].startswith("CREATE INDEX")  # made after the cold cycle, before the warm ones
