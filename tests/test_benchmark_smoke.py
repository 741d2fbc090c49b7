"""The benchmark harness (benchmarks/run.py) at N = 200, one run: it must produce a table with every row.

No timing is asserted: this only keeps the harness from rotting. The
urlwatch half needs `pip install -r benchmarks/requirements.txt`; without
urlwatch it is skipped (the tracker half still runs).
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
    "urlwatch is not installed in this venv (pip install -r benchmarks/requirements.txt); "
    "its half of the table is skipped"
)


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory) -> dict:
    work = tmp_path_factory.mktemp("bench")
    out, data = work / "table.md", work / "results.json"
    cmd = [
        sys.executable,
        str(REPO / "benchmarks" / "run.py"),
        "--sizes",
        "200",
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
    rows = {}
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 10 and cells[0] == "200":
            rows[cells[1]] = cells
    return rows


def test_the_tracker_half_has_every_row(bench):
    rows = _rows(bench["table"])
    assert set(rows) == set(CYCLES)
    for cycle in CYCLES:
        wall, cpu, peak = (float(x) for x in rows[cycle][2:5])
        assert wall > 0 and cpu > 0 and peak > 0
    runs = bench["data"]["results"][0]["runs"]["tracker"]
    assert runs["warm, nothing changed"][0]["extra"]["pages_unchanged"] == 200  # every page a 304, none stored
    changed = runs["warm, 1% changed"][0]["extra"]
    assert changed["changed_pages"] == 2 and changed["pages_read"] == 2
    assert "CPU:" in bench["table"] and "Python" in bench["table"]
    assert "| 200 |" in bench["table"].split("Per changed page")[1]


@pytest.mark.skipif(not HAS_URLWATCH, reason=NO_URLWATCH)
def test_the_urlwatch_half_has_every_row(bench):
    rows = _rows(bench["table"])
    for cycle in CYCLES:
        wall, cpu = float(rows[cycle][5]), float(rows[cycle][6])
        assert wall > 0 and cpu > 0
        assert float(rows[cycle][8]) > 0 and float(rows[cycle][9]) > 0  # the ratios
