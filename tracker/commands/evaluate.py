"""`licensure eval`: how well the normalizer reads, per field, over the phrasing corpus and its holdout."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from tracker.commands.common import Fail, err, friendly, out, toggle
from tracker.eval import DEFAULT_CORPUS, CorpusError, evaluate, load_corpus, show_key, summary_rows


@click.command("eval")
@click.option(
    "--corpus",
    "corpus_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help=f"Corpus folder holding train/ and holdout/ (default: {DEFAULT_CORPUS}).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores and the train misses as JSON.")
@toggle("misses", True, "List every train finding read wrong or missed (the holdout's are never listed).")
@click.option("--check", is_flag=True, help="Exit 4 when a target is missed (the test suite uses this).")
@friendly
def eval_cmd(corpus_dir: Path | None, as_json: bool, misses: bool, check: bool) -> None:
    """Precision and recall of the normalizer per field, over the whole corpus and over the holdout.

    Every passage of tests/corpus/ is read as a fetched plain-text page of its state, and what the
    normalizer finds is compared with the passage's labels. The holdout is the fifth of the corpus set
    aside before the rules were written; its figures are the honest ones.
    """
    try:
        entries = load_corpus(corpus_dir or DEFAULT_CORPUS)
    except CorpusError as exc:
        raise Fail(str(exc)) from None
    with Progress(
        TextColumn("Reading passages"),
        BarColumn(),
        MofNCompleteColumn(),
        console=err,
        transient=True,
        disable=as_json or not err.is_terminal,
    ) as bar:
        task = bar.add_task("read", total=len(entries))
        report = evaluate(entries, progress=lambda: bar.advance(task))
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2))
    else:
        table = Table(title=f"Normalizer accuracy: {report.corpus.entries} passages, {report.holdout.entries} held out")
        for name in ("field", "corpus precision", "corpus recall", "holdout precision", "holdout recall"):
            table.add_column(name, justify="left" if name == "field" else "right", no_wrap=name == "field")
        for row in summary_rows(report):
            table.add_row(*row)
        out.print(table)
        out.print(
            f"Rule values read from definitions, headings or side remarks: {report.corpus.rule_values_from_nobody}. "
            f"Values read from passages about other professions: {report.corpus.values_from_other_professions}."
        )
        listed = report.train.misses
        if misses and listed:
            out.print(f"\n{len(listed)} train misses (wrong = read but not stated; missed = stated, not read):")
            for m in listed:
                out.print(
                    f"  {m.kind:6} {m.entry.id} [{m.entry.part}, {m.entry.structure}] {show_key(m.key)}",
                    markup=False,
                    highlight=False,
                )
        out.print(f"Holdout: {len(report.holdout.misses)} misses, not listed (rules are never tuned against it).")
        for line in report.failures():
            out.print(f"Below target: {line}.", markup=False)
        if not report.failures():
            out.print("Every accuracy target is met.")
    if check and report.failures():
        sys.exit(4)
