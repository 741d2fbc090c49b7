"""The accuracy evaluation: how it scores, its command, and the targets the normalizer must meet."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from tracker.cli import cli
from tracker.eval import (
    DEFAULT_CORPUS,
    Entry,
    evaluate,
    floor_figures,
    load_corpus,
    markdown_table,
    readme_table,
    show_key,
)

SCHEMA = json.loads((DEFAULT_CORPUS / "clause.schema.json").read_text(encoding="utf-8"))


def _entry(id_: str, text: str, expect: list[dict], part: str = "train", about: str = "ma") -> dict:
    return {
        "id": id_,
        "jurisdiction": "NY",
        "kind": "guidance",
        "structure": "task.prohibited.may-not",
        "about": about,
        "seen_at": ["https://www.op.nysed.gov/"],
        "text": text,
        "expect": expect,
    }


def _write(root: Path, part: str, entries: list[dict]) -> None:
    (root / part).mkdir(parents=True, exist_ok=True)
    (root / part / "tasks.jsonl").write_text("".join(json.dumps(e) + "\n" for e in entries), encoding="utf-8")


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    bar = "Medical assistants may not administer injections."
    _write(tmp_path, "train", [_entry("x-NY-001", bar, [{"field": "tasks.injections", "value": "prohibited"}])])
    # labelled wrongly on purpose: the normalizer's (right) reading must count as one wrong and one missed finding
    _write(tmp_path, "holdout", [_entry("x-NY-002", bar, [{"field": "tasks.injections", "value": "allowed"}])])
    return tmp_path


def test_scores_matches_wrong_and_missed_findings(small_corpus: Path) -> None:
    report = evaluate(load_corpus(small_corpus))
    assert (report.train.overall.tp, report.train.overall.fp, report.train.overall.fn) == (1, 0, 0)
    held = report.holdout.fields["tasks.injections"]
    assert (held.tp, held.fp, held.fn) == (0, 1, 1)
    assert report.corpus.overall.precision == 0.5 and report.corpus.overall.recall == 0.5
    assert sorted(m.kind for m in report.holdout.misses) == ["missed", "wrong"]
    assert any("holdout: precision" in f for f in report.failures())


def test_rule_values_from_definitions_are_counted(tmp_path: Path) -> None:
    text = "Medical assistants may not administer injections."
    _write(tmp_path, "train", [_entry("x-NY-003", text, [], about="nobody")])
    (tmp_path / "holdout").mkdir()
    report = evaluate(load_corpus(tmp_path))
    assert report.corpus.rule_values_from_nobody == 1
    assert any("side remarks" in f for f in report.failures())


def test_eval_command_exit_codes(small_corpus: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["eval", "--corpus", str(small_corpus), "--check"])
    assert result.exit_code == 4, result.output
    # x-NY-002 is the held-out passage read wrong: it is counted, never named
    assert "x-NY-002" not in result.output and "Below target" in result.output
    assert "Holdout: 2 misses, not listed" in result.output
    data = json.loads(runner.invoke(cli, ["eval", "--corpus", str(small_corpus), "--json"]).output)
    assert data["train"]["precision"] == 1.0 and data["holdout"]["recall"] == 0.0
    missing = runner.invoke(cli, ["eval", "--corpus", str(small_corpus / "nowhere")])
    assert missing.exit_code == 1 and "No phrasing corpus" in missing.output


def _raw_corpus() -> list[tuple[str, dict]]:
    rows = []
    for part in ("train", "holdout"):
        for path in sorted((DEFAULT_CORPUS / part).glob("*.jsonl")):
            rows += [(part, json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows


def test_corpus_entries_are_valid_unique_and_a_fifth_is_held_out() -> None:
    rows = _raw_corpus()
    assert len(rows) >= 800, f"the phrasing corpus has {len(rows)} passages; the issue asks for at least 800"
    validator = jsonschema.Draft202012Validator(SCHEMA)
    for _part, entry in rows:
        errors = list(validator.iter_errors(entry))
        assert not errors, f"{entry.get('id')}: {errors[0].message}"
    ids = Counter(entry["id"] for _part, entry in rows)
    assert not [i for i, n in ids.items() if n > 1]
    held = sum(1 for part, _e in rows if part == "holdout") / len(rows)
    assert 0.17 <= held <= 0.23, f"{held:.0%} of the corpus is held out; add.py sets a fifth aside"


FLOOR = DEFAULT_CORPUS / "floor.json"


@pytest.fixture(scope="module")
def corpus_report():
    entries: list[Entry] = load_corpus()
    assert len(entries) >= 800, f"only {len(entries)} passages to measure on"
    return evaluate(entries)


def test_accuracy_never_falls_below_the_recorded_floor(corpus_report) -> None:
    """A ratchet: the figures last measured and recorded in tests/corpus/floor.json may rise, never fall.
    Raise the floor (`python -m tracker.eval --write-floor`) when a change improves them."""
    floor = json.loads(FLOOR.read_text(encoding="utf-8"))
    now = floor_figures(corpus_report)
    fallen = [
        f"{name}: {now[name]:.4f} < floor {floor[name]:.4f}"
        for name in floor
        if not name.endswith("_count") and now[name] + 1e-9 < floor[name]
    ]
    fallen += [
        f"{name}: {now[name]} > floor {floor[name]}"
        for name in floor
        if name.endswith("_count") and now[name] > floor[name]
    ]
    misses = "\n".join(f"{m.kind} {m.entry.id}: {show_key(m.key)}" for m in corpus_report.train.misses[:60])
    assert not fallen, "\n".join(fallen) + "\n" + misses


def test_the_readme_shows_todays_accuracy_table(corpus_report) -> None:
    assert readme_table() == markdown_table(corpus_report), (
        "README.md's accuracy table is not today's: run `python -m tracker.eval --write-floor`"
    )


@pytest.mark.xfail(strict=True, reason="issue 12: the normalizer does not yet meet the accuracy targets")
def test_accuracy_targets_on_the_corpus_and_the_holdout(corpus_report) -> None:
    failures = corpus_report.failures()
    misses = "\n".join(f"{m.kind} {m.entry.id}: {m.key}" for m in corpus_report.train.misses[:80])
    assert not failures, "\n".join(failures) + "\n" + misses


def test_the_report_never_lists_a_holdout_miss(capsys) -> None:
    """The holdout is scored, never shown: neither the text report nor the JSON names one of its misses."""
    from tracker.eval import main

    main([])
    text = capsys.readouterr().out
    assert "[holdout]" not in text and "[train]" in text
    assert "holdout: " in text and "not listed" in text
    main(["--json"])
    data = json.loads(capsys.readouterr().out)
    assert data["holdout"]["misses"] == [] and data["holdout"]["miss_count"] > 0
    assert all(m["part"] == "train" for m in data["train"]["misses"])
