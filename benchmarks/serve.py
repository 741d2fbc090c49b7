"""Serve a snapshot on loopback for urlwatch: prints the base URL on one line, serves until killed.

    python benchmarks/serve.py SNAPSHOT_DIR

The same `tracker.replay.SnapshotServer` that `licensure run --snapshot`
starts inside the tracker's own process; here it runs in a process of its
own so the harness can count its CPU time and memory with urlwatch's.
"""

from __future__ import annotations

import signal
import sys
import threading

from tracker.replay import SnapshotServer
from tracker.snapshots import load_snapshot


def main() -> int:
    snapshot = load_snapshot(sys.argv[1])
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with SnapshotServer(snapshot) as server:
        print(server.base_url, flush=True)
        while not stop.wait(1.0):
            server.clear_requests()  # the request log is for tests; do not let it grow here
    return 0


if __name__ == "__main__":
    sys.exit(main())
