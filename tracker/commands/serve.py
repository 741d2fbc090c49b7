"""`licensure serve-snapshot`: replay a snapshot on loopback for `scrapy crawl` by hand."""

from __future__ import annotations

import time

import click

from tracker.commands.common import err, friendly, require_free_port
from tracker.replay import SnapshotServer
from tracker.snapshots import resolve_snapshot


@click.command("serve-snapshot")
@click.argument("snapshot", metavar="NAME|DIR")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=0, show_default=True, help="Loopback port (0 picks a free one)."
)
@friendly
def serve_snapshot(snapshot: str, port: int) -> None:
    """Serve a snapshot on 127.0.0.1 until interrupted, for engineers crawling with plain Scrapy.

    Prints the server URL and the matching `scrapy crawl` command.
    """
    snap = resolve_snapshot(snapshot)
    require_free_port("127.0.0.1", port)
    with SnapshotServer(snap, port=port) as server:
        err.print(f"Serving snapshot {snap.name} ({len(snap.pages)} pages) at {server.base_url}")
        dated = f"{snap.captured.isoformat()}T00:00:00+00:00"
        err.print(
            f"Crawl it with:  scrapy crawl wa -s LICENSURE_SNAPSHOT_URL={server.base_url} "
            f"-s LICENSURE_OBSERVED_AT={dated}"
        )
        err.print("(LICENSURE_OBSERVED_AT dates the stored pages by the snapshot's captured date.)")
        err.print("Press Ctrl-C to stop.")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            err.print("Stopped.")
