"""Measure how well the normalizer reads: precision and recall per field over the phrasing corpus.

The corpus (tests/corpus/) holds passages written in this project's own words, each keeping the
structure of a real agency sentence, labelled with every finding the normalizer must read from it
(or none). A fifth of it, chosen at random before the rules that read it were written, is the
holdout (tests/corpus/holdout/): rules are never tuned against it, so its figures say how the
normalizer does on text it has not seen.

Each passage is read exactly as a fetched plain-text page is (`tracker.normalize.read_page`), with
the state's own rules. A finding counts when field, value and (for tasks) conditions all match;
findings of weight 0 (weak support the record uses only when nothing states the field) are not
scored. `python -m tracker.eval` or `licensure eval` prints the table and every miss.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tracker import registry
from tracker.normalize import Candidate, ExtractionError, Page, read_page
from tracker.normalize.frames import scored_conditions

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus"
PARTS = ("train", "holdout")

# (precision, recall) floors the suite enforces
TARGETS: dict[str, tuple[float, float]] = {"corpus": (0.97, 0.93), "holdout": (0.95, 0.90)}
CREDENTIAL_TARGET = 0.95  # precision and recall of credential.requirement, on both
CITATION_RECALL_TARGET = 0.95  # citation identifiers, whatever their kind and status

Key = tuple[Any, ...]


class CorpusError(Exception):
    """The corpus could not be read; the message names the file and the fix."""


@dataclass(frozen=True)
class Entry:
    id: str
    part: str
    jurisdiction: str
    kind: str
    about: str
    structure: str
    text: str
    expect: tuple[dict[str, Any], ...]


def load_corpus(root: Path = DEFAULT_CORPUS) -> list[Entry]:
    """Every labelled passage under root/train and root/holdout."""
    if not (root / "train").is_dir():
        raise CorpusError(f"No phrasing corpus at {root} (expected {root / 'train'}); pass --corpus DIR.")
    entries: list[Entry] = []
    for part in PARTS:
        for path in sorted((root / part).glob("*.jsonl")):
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if not line.strip():
                    continue
                try:
                    raw = json.loads(line)
                    entries.append(
                        Entry(
                            raw["id"],
                            part,
                            raw["jurisdiction"],
                            raw["kind"],
                            raw["about"],
                            raw["structure"],
                            raw["text"],
                            tuple(raw["expect"]),
                        )
                    )
                except (json.JSONDecodeError, KeyError, TypeError) as exc:
                    raise CorpusError(f"{path}:{n}: not a corpus entry ({exc}); fix the line.") from None
    return entries


def _conditions_key(conditions: dict[str, Any]) -> frozenset[tuple[str, Any]]:
    items = []
    for name, value in conditions.items():
        if isinstance(value, list):
            value = frozenset(value)
        items.append((name, value))
    return frozenset(items)


def expected_key(finding: dict[str, Any]) -> Key:
    """The comparable form of one labelled finding."""
    name = finding["field"]
    if name.startswith("tasks."):
        return (name, finding["value"], _conditions_key(finding.get("conditions", {})))
    if name == "citations":
        return (name, finding["value"], finding["kind"], finding["status"])
    value = finding["value"]
    return (name, tuple(value) if isinstance(value, list) else value)


def candidate_key(c: Candidate) -> Key:
    """The comparable form of one finding the normalizer read."""
    if c.field.startswith("tasks."):
        return (c.field, c.value, _conditions_key(scored_conditions(c.conditions)))
    if c.field == "citations":
        return (c.field, c.value["identifier"], c.value["kind"], c.value["status"])
    if c.field == "credential.state_credentials":
        return (c.field, c.value["abbreviation"] or c.value["name"])
    value = c.value
    return (c.field, tuple(value) if isinstance(value, list) else value)


def read_entry(entry: Entry) -> tuple[set[Key], str | None]:
    """What the normalizer reads from one passage (scored findings only), and any error."""
    jur = registry.get(entry.jurisdiction)
    page = Page(
        source_id=entry.id,
        url=f"https://example.invalid/{entry.id}",
        kind=entry.kind,
        body=entry.text.encode("utf-8"),
        content_type="text/plain; charset=utf-8",
        fetched_at=datetime(2026, 1, 1, tzinfo=UTC),
        http_status=200,
        content_hash=entry.id,
    )
    try:
        reading = read_page(jur, page)
    except ExtractionError as exc:
        return set(), str(exc)
    return {candidate_key(c) for c in reading.candidates if c.weight > 0}, None


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass(frozen=True)
class Miss:
    entry: Entry
    kind: str  # "wrong" (read but not stated) or "missed" (stated but not read)
    key: Key


@dataclass
class Score:
    """Precision and recall per field over one set of entries, with every miss."""

    name: str
    entries: int = 0
    fields: dict[str, Tally] = field(default_factory=dict)
    overall: Tally = field(default_factory=Tally)
    citation_ids: Tally = field(default_factory=Tally)
    misses: list[Miss] = field(default_factory=list)
    errors: list[tuple[Entry, str]] = field(default_factory=list)
    rule_values_from_nobody: int = 0  # rule findings read from definitions, headings, side remarks
    values_from_other_professions: int = 0

    def tally(self, name: str) -> Tally:
        return self.fields.setdefault(name, Tally())

    def add(self, entry: Entry, expected: set[Key], got: set[Key], error: str | None) -> None:
        self.entries += 1
        if error:
            self.errors.append((entry, error))
        for key in expected | got:
            t = self.tally(key[0])
            if key in expected and key in got:
                t.tp += 1
                self.overall.tp += 1
            elif key in got:
                t.fp += 1
                self.overall.fp += 1
                self.misses.append(Miss(entry, "wrong", key))
            else:
                t.fn += 1
                self.overall.fn += 1
                self.misses.append(Miss(entry, "missed", key))
        want_ids = {k[1] for k in expected if k[0] == "citations"}
        got_ids = {k[1] for k in got if k[0] == "citations"}
        self.citation_ids.tp += len(want_ids & got_ids)
        self.citation_ids.fp += len(got_ids - want_ids)
        self.citation_ids.fn += len(want_ids - got_ids)
        rule_values = [k for k in got - expected if k[0] != "citations"]
        if entry.about == "nobody":
            self.rule_values_from_nobody += len(rule_values)
        elif entry.about.startswith("other:"):
            self.values_from_other_professions += len(got - expected)

    def failures(self, targets: tuple[float, float]) -> list[str]:
        """Which targets this score misses, in plain words (empty when all are met)."""
        precision, recall = targets
        out = []
        if self.overall.precision < precision:
            out.append(f"{self.name}: precision {self.overall.precision:.1%} is below {precision:.0%}")
        if self.overall.recall < recall:
            out.append(f"{self.name}: recall {self.overall.recall:.1%} is below {recall:.0%}")
        cred = self.fields.get("credential.requirement", Tally())
        if min(cred.precision, cred.recall) < CREDENTIAL_TARGET:
            out.append(
                f"{self.name}: credential.requirement precision {cred.precision:.1%} / recall {cred.recall:.1%} "
                f"is below {CREDENTIAL_TARGET:.0%}"
            )
        if self.citation_ids.recall < CITATION_RECALL_TARGET:
            out.append(
                f"{self.name}: citation identifier recall {self.citation_ids.recall:.1%} "
                f"is below {CITATION_RECALL_TARGET:.0%}"
            )
        if self.rule_values_from_nobody:
            out.append(
                f"{self.name}: {self.rule_values_from_nobody} rule value(s) read from definitions, headings "
                "or side remarks (must be 0)"
            )
        return out


@dataclass
class Report:
    corpus: Score
    holdout: Score
    train: Score

    def failures(self) -> list[str]:
        return self.corpus.failures(TARGETS["corpus"]) + self.holdout.failures(TARGETS["holdout"])

    def as_dict(self) -> dict[str, Any]:
        def score(s: Score) -> dict[str, Any]:
            # Only the training part's misses are listed: the holdout (and so the whole corpus) is scored,
            # never shown, so that nobody tunes a rule against it.
            listed = s.misses if s is self.train else []
            return {
                "entries": s.entries,
                "precision": round(s.overall.precision, 4),
                "recall": round(s.overall.recall, 4),
                "citation_identifier_recall": round(s.citation_ids.recall, 4),
                "rule_values_from_nobody": s.rule_values_from_nobody,
                "values_from_other_professions": s.values_from_other_professions,
                "fields": {
                    name: {
                        "precision": round(t.precision, 4),
                        "recall": round(t.recall, 4),
                        "tp": t.tp,
                        "fp": t.fp,
                        "fn": t.fn,
                    }
                    for name, t in sorted(s.fields.items())
                },
                "miss_count": len(s.misses),
                "misses": [
                    {
                        "id": m.entry.id,
                        "part": m.entry.part,
                        "structure": m.entry.structure,
                        "kind": m.kind,
                        "finding": show_key(m.key),
                    }
                    for m in listed
                ],
            }

        return {
            "corpus": score(self.corpus),
            "holdout": score(self.holdout),
            "train": score(self.train),
            "failures": self.failures(),
        }


def show_key(key: Key) -> str:
    name, value, *rest = key
    shown = f"{name} = {value!r}"
    if rest and isinstance(rest[0], frozenset):
        conds = {k: sorted(v) if isinstance(v, frozenset) else v for k, v in sorted(rest[0])}
        if conds:
            shown += f" {conds}"
    elif rest:
        shown += f" ({', '.join(str(r) for r in rest)})"
    return shown


def evaluate(entries: Iterable[Entry], progress: Any = None) -> Report:
    """Read every entry and score it, overall and per part."""
    report = Report(Score("corpus"), Score("holdout"), Score("train"))
    for entry in entries:
        expected = {expected_key(f) for f in entry.expect}
        got, error = read_entry(entry)
        report.corpus.add(entry, expected, got, error)
        (report.holdout if entry.part == "holdout" else report.train).add(entry, expected, got, error)
        if progress:
            progress()
    return report


FLOOR_FILE = "floor.json"


def floor_figures(report: Report) -> dict[str, float]:
    """The figures the suite holds the normalizer to (tests/corpus/floor.json): they may rise, never fall."""
    out: dict[str, float] = {}
    for score in (report.corpus, report.holdout):
        cred = score.fields.get("credential.requirement", Tally())
        out[f"{score.name}_precision"] = round(score.overall.precision, 4)
        out[f"{score.name}_recall"] = round(score.overall.recall, 4)
        out[f"{score.name}_credential_precision"] = round(cred.precision, 4)
        out[f"{score.name}_credential_recall"] = round(cred.recall, 4)
        out[f"{score.name}_citation_identifier_recall"] = round(score.citation_ids.recall, 4)
    out["rule_values_from_nobody_count"] = report.corpus.rule_values_from_nobody
    out["values_from_other_professions_count"] = report.corpus.values_from_other_professions
    return out


def write_floor(report: Report, root: Path = DEFAULT_CORPUS) -> Path:
    path = root / FLOOR_FILE
    path.write_text(json.dumps(floor_figures(report), indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


README = Path(__file__).resolve().parent.parent / "README.md"
README_START, README_END = "<!-- accuracy table: start -->", "<!-- accuracy table: end -->"


def readme_table(path: Path = README) -> str | None:
    """The accuracy table the README shows (between its markers), or None if it has none."""
    text = path.read_text(encoding="utf-8")
    if README_START not in text or README_END not in text:
        return None
    return text.split(README_START, 1)[1].split(README_END, 1)[0].strip()


def write_readme_table(report: Report, path: Path = README) -> Path:
    """Put today's accuracy table into the README, between its markers."""
    text = path.read_text(encoding="utf-8")
    head, rest = text.split(README_START, 1)
    _old, tail = rest.split(README_END, 1)
    path.write_text(f"{head}{README_START}\n{markdown_table(report)}\n{README_END}{tail}", encoding="utf-8")
    return path


def summary_rows(report: Report) -> Iterator[tuple[str, ...]]:
    """Rows of the accuracy table: field, then precision / recall on the corpus and the holdout."""
    names = sorted(set(report.corpus.fields) | set(report.holdout.fields))

    def cell(t: Tally | None) -> tuple[str, str]:
        if t is None or t.tp + t.fp + t.fn == 0:
            return ("-", "-")
        return (f"{t.precision:.1%}", f"{t.recall:.1%}")

    for name in names:
        yield (name, *cell(report.corpus.fields.get(name)), *cell(report.holdout.fields.get(name)))
    yield ("citation identifiers", *cell(report.corpus.citation_ids), *cell(report.holdout.citation_ids))
    yield ("all fields", *cell(report.corpus.overall), *cell(report.holdout.overall))


def markdown_table(report: Report) -> str:
    """The accuracy table as Markdown (the README's Accuracy section shows it)."""
    lines = [
        "| field | corpus precision | corpus recall | holdout precision | holdout recall |",
        "|---|---|---|---|---|",
    ]
    lines += [f"| {' | '.join(row)} |" for row in summary_rows(report)]
    lines.append(
        f"\n{report.corpus.entries} passages ({report.holdout.entries} in the holdout); rule values read from "
        f"definitions, headings or side remarks: {report.corpus.rule_values_from_nobody}; values read from "
        f"passages about other professions: {report.corpus.values_from_other_professions}."
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m tracker.eval [--json] [--write-floor] [CORPUS_DIR]`: exit 0 when every target is met,
    4 when one is missed. `--write-floor` records today's figures as the floor the suite enforces, and
    as the README's accuracy table."""
    args = list(sys.argv[1:] if argv is None else argv)
    as_json, floor = "--json" in args, "--write-floor" in args
    args = [a for a in args if a not in ("--json", "--write-floor")]
    root = Path(args[0]) if args else DEFAULT_CORPUS
    try:
        report = evaluate(load_corpus(root))
    except CorpusError as exc:
        print(exc, file=sys.stderr)
        return 1
    if floor:
        print(f"floor written to {write_floor(report, root)}", file=sys.stderr)
        if root == DEFAULT_CORPUS and readme_table() is not None:
            print(f"accuracy table written to {write_readme_table(report)}", file=sys.stderr)
    if as_json:
        print(json.dumps(report.as_dict(), indent=2))
    else:
        print(markdown_table(report))
        for m in report.train.misses:
            print(f"{m.kind:6} {m.entry.id} [{m.entry.part}] {show_key(m.key)}")
        # The holdout is scored, never shown: reading its misses would be tuning against it.
        print(f"holdout: {len(report.holdout.misses)} misses, not listed (the holdout is never tuned against)")
        for line in report.failures():
            print(f"below target: {line}")
    return 4 if report.failures() else 0


if __name__ == "__main__":
    sys.exit(main())
