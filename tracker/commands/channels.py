"""`licensure channels`: the alert channels (tracker/channels), what each does and whether it is configured."""

from __future__ import annotations

from typing import Any

import click

from tracker import channels as registry
from tracker.commands.common import friendly, print_rows, settings_for


@click.command("channels")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
@friendly
def channels(ctx: click.Context, as_json: bool) -> None:
    """List the alert channels a jobs file may name, their settings, and how many are configured (no secrets)."""
    settings = settings_for(ctx)
    rows: list[dict[str, Any]] = [
        {
            "kind": kind,
            "description": cls.description,
            "setting": cls.setting,
            "config_key": f"[alerts] {cls.config_key}" if cls.config_key else None,
            "configured": len(cls.from_settings(settings)),
            "labels": [ch.label for ch in cls.from_settings(settings)],
        }
        for kind, cls in registry.kinds().items()
    ]
    print_rows(
        rows,
        as_json,
        title="Alert channels (a job's `channels` names them; omitted: every configured one)",
        columns=("Channel", "What it does", "Setting", "Configured"),
        cells=lambda r: (
            r["kind"],
            r["description"],
            f"{r['setting']} ({r['config_key']})" if r["setting"] else "always on",
            "\n".join(r["labels"]) or "none",
        ),
    )
