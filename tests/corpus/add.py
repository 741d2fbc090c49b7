"""Add a batch of labelled passages to the phrasing corpus, setting a fifth aside at random.

    python tests/corpus/add.py tests/corpus/incoming/credential-A1.jsonl

The batch's name before the first '-' is its topic (credential, tasks, supervision,
education, citations, noise, ...). Every entry is checked against clause.schema.json
and for a unique id; then the batch is shuffled with the operating system's random
source and round(n / 5) of its entries go to holdout/<topic>.jsonl, the rest to
train/<topic>.jsonl. The batch file is removed. Rules are tuned against train/ only:
never open holdout/ while writing a rule.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import jsonschema

HERE = Path(__file__).resolve().parent
SCHEMA = json.loads((HERE / "clause.schema.json").read_text(encoding="utf-8"))


def existing_ids() -> set[str]:
    ids: set[str] = set()
    for part in ("train", "holdout"):
        for path in (HERE / part).glob("*.jsonl"):
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    ids.add(json.loads(line)["id"])
    return ids


def load_batch(path: Path) -> list[dict]:
    validator = jsonschema.Draft202012Validator(SCHEMA)
    entries: list[dict] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SystemExit(f"{path}:{n}: not valid JSON ({exc.msg}); fix the line and run again.") from None
        errors = sorted(validator.iter_errors(entry), key=lambda e: list(e.path))
        if errors:
            where = "/".join(str(p) for p in errors[0].path) or "(entry)"
            raise SystemExit(f"{path}:{n}: {where}: {errors[0].message}; fix the entry and run again.")
        entries.append(entry)
    return entries


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    seen = existing_ids()
    for name in argv:
        path = Path(name)
        entries = load_batch(path)
        ids = [e["id"] for e in entries]
        dupes = sorted({i for i in ids if ids.count(i) > 1} | (set(ids) & seen))
        if dupes:
            raise SystemExit(f"{path}: ids already used: {', '.join(dupes)}; renumber them and run again.")
        topic = path.stem.split("-")[0]
        random.SystemRandom().shuffle(entries)
        cut = round(len(entries) / 5)
        for part, chunk in (("holdout", entries[:cut]), ("train", entries[cut:])):
            with (HERE / part / f"{topic}.jsonl").open("a", encoding="utf-8") as out:
                for entry in sorted(chunk, key=lambda e: e["id"]):
                    out.write(json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n")
        seen.update(ids)
        path.unlink()
        print(
            f"{path.name}: {len(entries)} entries, {cut} to holdout/{topic}.jsonl, "
            f"{len(entries) - cut} to train/{topic}.jsonl"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
