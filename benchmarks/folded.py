"""Summarize a py-spy folded-stack file (`py-spy record --format raw`): where the time goes, per process.

    python benchmarks/folded.py PROFILE.txt [--top 25] [--under settle_jurisdiction]

Prints, for each process, its share of the samples and the functions with the
most inclusive time (a function counted once per stack); with --under FUNC,
also what FUNC's time is spent on (its direct callees, by line).
"""

from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("path")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--idle", action="store_true", help="keep idle samples (py-spy marks none by default)")
    ap.add_argument("--under", help="also break down this function's time by its direct callees")
    args = ap.parse_args()
    below: Counter = Counter()
    per_proc: dict[str, Counter] = defaultdict(Counter)
    self_time: dict[str, Counter] = defaultdict(Counter)
    totals: Counter = Counter()
    with open(args.path, encoding="utf-8", errors="replace") as folded:
        for line in folded:
            stack, _, count = line.rstrip("\n").rpartition(" ")
            if not stack:
                continue
            n = int(count)
            frames = stack.split(";")
            procs = [i for i, f in enumerate(frames) if f.startswith("process ")]
            proc = frames[procs[-1]] if procs else "process"
            frames = frames[procs[-1] :] if procs else ["process", *frames]
            proc = re.sub(r'process (\d+):"([^"]*)".*', lambda m: f"{m.group(1)} {m.group(2)[:70]}", proc)
            totals[proc] += n
            if args.under:
                hit = next((i for i, f in enumerate(frames) if f.startswith(args.under + " ")), None)
                if hit is not None:
                    callee = frames[hit + 1] if hit + 1 < len(frames) else "(itself)"
                    below[re.sub(r"\s*\(([^)]*/)?(site-packages/|main/)?([^)]*)\)", r" (\3)", callee)] += n
            seen = set()
            last = ""
            for f in frames[1:]:
                name = re.sub(r"\s*\(([^)]*/)?(site-packages/|main/)?([^)]*)\)", r" (\3)", f)
                name = re.sub(r":\d+\)$", ")", name)
                last = name
                if name not in seen:
                    seen.add(name)
                    per_proc[proc][name] += n
            self_time[proc][last] += n
    grand = sum(totals.values())
    for proc, n in totals.most_common():
        print(f"\n== {proc}: {n} samples ({100 * n / grand:.0f}%)")
        print("  inclusive:")
        for name, c in per_proc[proc].most_common(args.top):
            print(f"  {100 * c / n:5.1f}%  {name[:150]}")
        print("  self:")
        for name, c in self_time[proc].most_common(args.top):
            print(f"  {100 * c / n:5.1f}%  {name[:150]}")
    if args.under:
        total = sum(below.values())
        print(
            f"\n== inside {args.under}: {total} samples ({100 * total / max(grand, 1):.0f}% of all), by callee and line"
        )
        for name, c in below.most_common(args.top):
            print(f"  {100 * c / max(total, 1):5.1f}%  {name[:150]}")


if __name__ == "__main__":
    main()
