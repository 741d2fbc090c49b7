"""CPU cost of the normalizer per page, over the bundled snapshots' pages and synthetic benchmark pages.

    python benchmarks/normalize_cost.py [--synthetic 120] [--passes 5] [--profile 25] [--digest]

Every page goes through the real reader (`tracker.normalize.read_page`) with its jurisdiction's own
rules. Each pass starts with every cache of the normalizer emptied (so a pass costs what a fresh
process pays for those pages) and is timed with `time.process_time`; the figure is the median of the
passes, in CPU milliseconds per page. `--profile N` prints cProfile's top N functions (by own time)
of one more pass. `--digest` prints a SHA-256 of every page's reading (its candidates, passages and
warnings), so two versions of the normalizer can be shown to read every page the same.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import importlib
import pkgutil
import pstats
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth

import tracker.normalize
from tracker import registry
from tracker.normalize import Page, read_page
from tracker.registry import Jurisdiction
from tracker.snapshots import HTML_CONTENT_TYPE, list_snapshots
from tracker.storage import content_hash

NOW = datetime(2026, 11, 1, tzinfo=UTC)
Work = list[tuple[Jurisdiction, Page]]


def bundled_pages() -> Work:
    """Every 200 HTML/PDF page of every bundled snapshot, with the jurisdiction whose domains it is on."""
    jurs = list(registry.all_jurisdictions().values())
    out: Work = []
    for snap in list_snapshots():
        for p in snap.pages:
            if p.status != 200 or p.file is None or p.url.endswith("/robots.txt"):
                continue
            jur = next((j for j in jurs if j.is_allowed(p.url)), None)
            if jur is None:
                continue
            src = jur.source_for_url(p.url, jur.sources[0].source_id)
            body = p.file.read_bytes()
            out.append((jur, Page(src.source_id, p.url, src.kind, body, p.content_type, NOW, 200, content_hash(body))))
    return out


def synthetic_pages(n: int) -> Work:
    """n pages of the benchmark's generator (benchmarks/synth.py), read with the real jurisdictions' rules."""
    jurs = {j.code: j for j in registry.all_jurisdictions().values()}
    out: Work = []
    with tempfile.TemporaryDirectory() as tmp:
        layout = synth.generate(Path(tmp), n)
        for code, pages in layout.items():
            for bp in pages:
                body = (Path(tmp) / "snapshot" / bp.file).read_bytes()
                page = Page(bp.source_id, bp.url, bp.kind, body, HTML_CONTENT_TYPE, NOW, 200, content_hash(body))
                out.append((jurs[code], page))
    return out


def clear_caches() -> None:
    """Empty every functools cache in the tracker.normalize package (a pass then starts cold)."""
    for info in pkgutil.iter_modules(tracker.normalize.__path__, "tracker.normalize."):
        module = importlib.import_module(info.name)
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()
    for value in list(vars(tracker.normalize).values()):
        if callable(getattr(value, "cache_clear", None)):
            value.cache_clear()


def one_pass(work: Work) -> float:
    clear_caches()
    start = time.process_time()
    for jur, page in work:
        read_page(jur, page)
    return time.process_time() - start


def digest(work: Work) -> str:
    clear_caches()
    h = hashlib.sha256()
    for jur, page in work:
        h.update(repr((page.source_id, page.url, read_page(jur, page))).encode())
    return h.hexdigest()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--synthetic", type=int, default=120, help="synthetic pages to generate (default 120)")
    ap.add_argument("--passes", type=int, default=5, help="timed passes; the median is reported (default 5)")
    ap.add_argument("--profile", type=int, default=0, help="print cProfile's top N functions of one more pass")
    ap.add_argument("--digest", action="store_true", help="print a SHA-256 of every page's reading")
    args = ap.parse_args(argv)

    sets = {"bundled": bundled_pages(), "synthetic": synthetic_pages(args.synthetic)}
    for name, work in sets.items():
        read_page(*work[0])  # imports and first-use compilation are not a page's cost
        times = [one_pass(work) for _ in range(args.passes)]
        ms = statistics.median(times) * 1000 / len(work)
        spread = f"{min(times) * 1000 / len(work):.2f}-{max(times) * 1000 / len(work):.2f}"
        print(f"{name}: {len(work)} pages, {ms:.2f} ms CPU per page (median of {args.passes}; range {spread})")
        if args.digest:
            print(f"{name} digest: {digest(work)}")
    if args.profile:
        work = [w for ws in sets.values() for w in ws]
        clear_caches()
        prof = cProfile.Profile()
        prof.enable()
        for jur, page in work:
            read_page(jur, page)
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(args.profile)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
