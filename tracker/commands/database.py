"""`licensure db upgrade`: database maintenance."""

from __future__ import annotations

import click

from tracker.commands.common import db_options, friendly, out, settings_for
from tracker.db import Database, redact, upgrade


@click.group()
def db() -> None:
    """Database maintenance."""


@db.command("upgrade")
@db_options
@click.pass_context
@friendly
def db_upgrade(ctx: click.Context, db: str | None, data_dir: str | None) -> None:
    """Create or upgrade the database schema to the newest version (Alembic)."""
    settings = settings_for(ctx, db, data_dir)
    with Database(settings.database_url, auto_upgrade=False) as database:
        before, after = upgrade(database.engine)
    if before == after:
        out.print(f"Database {redact(settings.database_url)} is already at the newest schema ({after}).")
    else:
        out.print(f"Database {redact(settings.database_url)} upgraded from {before or 'empty'} to {after}.")
