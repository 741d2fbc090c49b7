"""Outputs belong to their database: a data folder is claimed by the first database that runs into it.

A run writes `run-N` reports and logs, `requirements.csv` and `alerts.jsonl`; two databases sharing one
folder would overwrite each other's (both have a run 1). So the output folder and the log folder each hold
`.licensure-database`, naming the database that writes there (its password hidden), and a run of another
database refuses to start, with a sentence that says what to do.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from tracker.config import Settings
from tracker.db import DatabaseError, redact

MARKER = ".licensure-database"


def identity(url: str) -> str:
    """The database a URL names, comparable across spellings: a SQLite file by its absolute path."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return redact(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        return f"sqlite:///{Path(parsed.database).expanduser().resolve()}"
    return redact(parsed.set(drivername=parsed.get_backend_name()).render_as_string(hide_password=False))


def claim_outputs(settings: Settings, mark: bool = True) -> None:
    """Mark the output and log folders as this database's, or refuse when another database holds them.

    With mark=False only the refusal: a run checks before it opens its database and marks once the database
    has opened, so a database that cannot be opened (a typo in its URL) never claims the folders."""
    assert settings.output_dir is not None  # Settings always fills it in
    mine = identity(settings.database_url)
    for folder in (settings.output_dir, settings.data_dir / "logs"):
        marker = folder / MARKER
        try:
            held = marker.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            held = ""
        except OSError:
            continue  # an unreadable marker never stops a run; the write below will say what is wrong
        if held and held != mine:
            raise DatabaseError(
                f"The folder {folder} holds the outputs of another database ({held}), not of {redact(mine)}; "
                "give this database its own --data-dir (or output_dir), or delete "
                f"{marker} if that database is gone."
            )
        if not held and mark:
            folder.mkdir(parents=True, exist_ok=True)
            marker.write_text(mine + "\n", encoding="utf-8")
