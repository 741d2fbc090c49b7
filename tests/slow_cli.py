"""Test harness: the `licensure` command with a slow snapshot server, so a test can act in the middle of a run.

    python tests/slow_cli.py run --snapshot 2026-05-01 --states WA,CA,NY --data-dir D
    python tests/slow_cli.py schedule --jobs-file F --snapshot 2026-11-01 --data-dir D

Every request to the loopback snapshot server waits LICENSURE_TEST_PAGE_DELAY
seconds (default 0.4) first, and none is answered while the file named by
LICENSURE_TEST_GATE exists. A run normally serves the snapshot from a child
process (tracker.replay.SnapshotProcess), where this patch would not reach, so
the harness hands the pipeline an in-process server instead; the scheduler's
jobs run in threads of this process, so they are slow as well. Nothing else changes: the real CLI, pipeline, crawl
subprocess and database are used.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    from tracker import replay

    delay = float(os.environ.get("LICENSURE_TEST_PAGE_DELAY", "0.4"))
    answer = replay._SnapshotHandler._answer

    gate = os.environ.get("LICENSURE_TEST_GATE")

    def slow_answer(self, send_body: bool) -> None:
        while gate and Path(gate).exists():  # held until the test removes the gate file
            time.sleep(0.05)
        time.sleep(delay)
        answer(self, send_body)

    replay._SnapshotHandler._answer = slow_answer

    from tracker import pipeline

    class SlowServer(replay.SnapshotServer):
        """The snapshot server in this process, where the slow handler is (a run otherwise serves from a child)."""

    pipeline.SnapshotServer = SlowServer  # type: ignore[misc]

    from tracker.cli import main as cli_main

    sys.argv[0] = "licensure"
    cli_main()


if __name__ == "__main__":
    main()
