"""`licensure new-state`: scaffold a jurisdiction (tracker/scaffold.py does the work)."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.registry import SOURCE_KINDS
from tracker.scaffold import EXPECTED_TEST, ScaffoldError, new_state


@click.command("new-state")
@click.argument("code")
@click.option("--name", required=True, help="The jurisdiction's name, e.g. 'Puerto Rico'.")
@click.option("--regulator", required=True, help="The agency or board whose rules govern what MAs may do.")
@click.option("--source", "source_url", required=True, metavar="URL", help="The first page to watch.")
@click.option(
    "--kind",
    "source_kind",
    type=click.Choice(SOURCE_KINDS),
    default="guidance",
    show_default=True,
    help="What the first page is (decides precedence when sources disagree).",
)
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The source checkout to write into (default: the one this command runs from).",
)
def new_state_command(
    code: str, name: str, regulator: str, source_url: str, source_kind: str, root: Path | None
) -> None:
    """Write a new jurisdiction's declaration and its expected-values file (never overwrites).

    The expected values start empty, so the state's case in tests/test_expected.py fails until
    they are filled in from the state's statutes, rules and board pages.
    """
    try:
        made = new_state(
            code, name=name, regulator=regulator, source_url=source_url, source_kind=source_kind, root=root
        )
    except (ScaffoldError, OSError) as exc:
        raise click.ClickException(str(exc)) from None  # exit code 1, one sentence, no traceback
    click.echo(f"Wrote {made.declaration} (the declaration: add the other pages to watch and a note on its sources).")
    click.echo(f"Wrote {made.expected} (the expected values: all null until you fill them in).")
    click.echo(
        f"Next: add {made.code}'s pages to a snapshot (pages.d/{made.code.lower()}.json), read them with "
        f"`licensure normalize --state {made.code} PAGE`, fill in the expected values, and run "
        f"`pytest {EXPECTED_TEST} -k {made.code}`: it fails until the record says what they say."
    )
