"""Summarize a py-spy folded-stack file (`py-spy record --format raw`): where the time goes, per process.

    python benchmarks/folded.py PROFILE.txt [--top 25] [--match scrapers,tracker]

Prints, for each process, its share of the samples and the functions with the
most inclusive time (a function counted once per stack).
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
    args = ap.parse_args()
    per_proc: dict[str, Counter] = defaultdict(Counter)
    self_time: dict[str, Counter] = defaultdict(Counter)
    totals: Counter = Counter()
    for line in open(args.path, encoding="utf-8", errors="replace"):
        stack, _, count = line.rstrip("\n").rpartition(" ")
        if not stack:
            continue
        n = int(count)
        frames = stack.split(";")
        procs = [i for i, f in enumerate(frames) if f.startswith("process ")]
        proc = frames[procs[-1]] if procs else "process"
        frames = frames[procs[-1]:] if procs else ["process", *frames]
        proc = re.sub(r'process (\d+):"([^"]*)".*', lambda m: f"{m.group(1)} {m.group(2)[:70]}", proc)
        totals[proc] += n
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


if __name__ == "__main__":
    main()
