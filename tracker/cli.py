"""The `licensure` command line: a thin layer over the library.

Each command lives in a module of tracker/commands/ (helpers they share: tracker/commands/common.py)
and is registered here; the commands parse options, call the library and print.

Exit codes (for cron and scripts):
  0  the command did what was asked
  1  an error: the message says what and how to fix it
  2  bad usage (unknown option, missing argument)
  3  a run failed (the crawl crashed, or no source could be fetched)
  4  `run --fail-on-problems` only: the run completed but some sources had problems
"""

from __future__ import annotations

import sys

import click

from tracker import registry
from tracker.commands import (
    alerts,
    changes,
    channels,
    database,
    desk,
    evaluate,
    export,
    records,
    run,
    schedule,
    serve,
)
from tracker.commands.common import Fail, err, out
from tracker.commands.new_state import new_state_command
from tracker.config import ConfigError, load_settings

__all__ = ["cli", "err", "main", "out"]


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    help="TOML settings file (default ./licensure.toml if present, or $LICENSURE_CONFIG).",
)
@click.version_option(package_name="licensure-tracker")
@click.pass_context
def cli(ctx: click.Context, config_file: str | None) -> None:
    """Track what each US state requires of medical assistants, and report when it changes."""
    try:
        ctx.obj = {"settings": load_settings(config_file)}
        registry.use_package(ctx.obj["settings"].jurisdictions_package)
    except ConfigError as exc:
        raise Fail(str(exc)) from None


# the commands, in the order of the README's command table
for command in (
    run.run,
    schedule.schedule,
    schedule.jobs_cmd,
    schedule.runs,
    channels.channels,
    alerts.alerts,
    records.snapshots,
    records.states,
    records.show,
    changes.changes,
    changes.review,
    changes.report,
    export.export,
    changes.history,
    changes.reparse,
    changes.deliveries,
    records.normalize_cmd,
    records.validate_cmd,
    serve.serve_snapshot,
    database.db,
    new_state_command,
    evaluate.eval_cmd,
    desk.serve,
    desk.users,
    desk.tokens,
):
    cli.add_command(command)


def main() -> None:
    """Console-script entry point."""
    try:
        cli.main(standalone_mode=True)
    except KeyboardInterrupt:
        err.print("Interrupted.")
        sys.exit(130)


if __name__ == "__main__":
    main()
