"""Benchmark: the tracker's full cycle against urlwatch and the fetch floor, on N synthetic agency pages.

    pip install -r benchmarks/requirements.txt     # urlwatch, psutil, py-spy
    python benchmarks/run.py                        # N = 500, 2000, 5000; 3 runs each -> RESULTS-table.md
    python benchmarks/run.py --with-20000           # adds N = 20,000
    python benchmarks/run.py --sizes 200 --repeat 1 --out /tmp/r.md   # a quick look
    python benchmarks/run.py --sizes 5000 --repeat 1 --no-urlwatch --no-floor --profile   # where the time goes

For each N it generates a snapshot of N pages over the 51 jurisdictions
(benchmarks/synth.py) and, `--repeat` times over, from an empty start:

- tracker: `licensure run --snapshot DIR` (crawl in a subprocess, normalize,
  validate, diff, store in SQLite, alert, report, table), as a separate
  process tree, with the generated jurisdiction declarations
  (LICENSURE_JURISDICTIONS_PACKAGE); its snapshot server runs in a process
  of its own, a child of the run (tracker.replay.SnapshotProcess), so it is
  in the tracker's figures;
- urlwatch (stock): one job per page (the routed loopback URL), its cache in
  the temporary directory, stdout reporter only;
- urlwatch + index: the same, with one index on its cache's page key, made by
  the harness after the cold cycle and before the warm ones: `CREATE INDEX IF
  NOT EXISTS bench_cacheentry_guid ON CacheEntry (guid)` on the cache database
  (see URLWATCH_INDEX);
- fetch floor (benchmarks/floor.py): the tracker's own crawl (the same Scrapy
  engine, spiders, settings, HTTP cache and conditional requests) with an item
  pipeline that only counts; its warm cycles are the floor's revalidation of
  the same pages (every page a conditional request);

each peer against the same snapshot server in a process of its own
(`python -m tracker.replay`, as the tracker starts it) whose CPU time and
memory are added to the peer's; each for three cycles: cold (empty database / cache), warm with nothing
changed (every page revalidated: 304), and warm with 1% of the pages edited.

Measured per cycle: wall time; CPU time (user + system) of the whole process
tree, from wait4() rusage (children that were waited for are included);
peak memory as the largest sum of RSS over the process tree, sampled every
20 ms with psutil (shared pages counted once per process, so it overstates
a little). The table shows medians; the JSON file keeps every run, with the
peak split by process (`peak_parts_mb`: the run, its crawl subprocess and the
replay server at the moment the tree peaked; `part_peaks_mb`: each one's own
peak), which says where the memory goes.

With --profile, after the measured runs, one more tracker pass (not in the
table) runs each cycle under py-spy, sampling the whole process tree (the
run and its crawl subprocess); benchmarks/folded.py summarizes each profile
into profile-n<N>-<cycle>.txt beside --out.

The per-changed-page cost (normalize, validate, diff, store) comes from the
tracker's settle timings (logs/run-N-settle.json): for each jurisdiction
with changed pages in the warm 1% cycle, its settle time divided by its
number of changed pages.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

import synth  # noqa: E402 - found through the sys.path entry above (benchmarks/ is not a package)

CYCLES = ("cold", "warm, nothing changed", "warm, 1% changed")
CHANGED_FRACTION = 0.01
SAMPLE_SECONDS = 0.02


@dataclass
class Measure:
    wall: float
    cpu: float
    peak_rss_mb: float
    returncode: int
    extra: dict = field(default_factory=dict)


def _tree(proc):
    try:
        return [proc, *proc.children(recursive=True)]
    except Exception:
        return [proc]


def _role(proc) -> str:
    """A short name for a process of the tree, from its command line: which part holds the memory."""
    try:
        cmd = " ".join(proc.cmdline())
    except Exception:
        return "gone"
    for needle, role in (("tracker.replay", "replay server"), ("scrapers.crawl", "crawl"), ("floor.py", "crawl")):
        if needle in cmd:
            return role
    if "tracker" in cmd and " run" in cmd:
        return "run"
    return Path(cmd.split(" ", 1)[0]).name or "other"


def _rss(procs, roles: dict[int, str] | None = None, parts: dict[str, int] | None = None) -> int:
    """The summed RSS of procs; with `parts`, also each role's RSS (roles caches pid -> role)."""
    total = 0
    for p in procs:
        try:
            rss = p.memory_info().rss
        except Exception:
            continue
        total += rss
        if parts is not None and roles is not None:
            role = roles.get(p.pid) or _role(p)
            if role in ("crawl", "replay server"):  # the others may be a child that has not exec'd yet: ask again
                roles[p.pid] = role
            parts[role] = parts.get(role, 0) + rss
    return total


def measure(cmd: list[str], env: dict[str, str], cwd: Path, log: Path, also=None) -> Measure:
    """Run cmd to the end; wall time, CPU of the tree (rusage), peak summed RSS of the tree (+ `also`).

    Without psutil the peak is ru_maxrss: the largest single process of the tree, not the sum.
    """
    try:
        import psutil
    except ImportError:
        psutil = None
    extra_proc = psutil.Process(also) if (also and psutil) else None
    extra_cpu0 = sum(extra_proc.cpu_times()[:2]) if extra_proc else 0.0
    start = time.perf_counter()
    with open(log, "ab") as out:
        child = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        root = psutil.Process(child.pid) if psutil else None
        peak = 0
        roles: dict[int, str] = {}
        part_peaks: dict[str, int] = {}  # each part's own peak
        at_peak: dict[str, int] = {}  # each part's RSS when the tree peaked
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if root is not None:
                procs = _tree(root) + ([extra_proc] if extra_proc else [])
                parts: dict[str, int] = {}
                total = _rss(procs, roles, parts)
                if total > peak:
                    peak, at_peak = total, parts
                for role, rss in parts.items():
                    part_peaks[role] = max(part_peaks.get(role, 0), rss)
            time.sleep(SAMPLE_SECONDS)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    if extra_proc:
        cpu += sum(extra_proc.cpu_times()[:2]) - extra_cpu0
    if root is None:
        peak = usage.ru_maxrss * 1024  # kilobytes on Linux
    extra: dict = {"peak_is": "tree sum" if root is not None else "largest process"}
    if root is not None:
        extra["peak_parts_mb"] = {role: round(rss / 2**20, 1) for role, rss in sorted(at_peak.items())}
        extra["part_peaks_mb"] = {role: round(rss / 2**20, 1) for role, rss in sorted(part_peaks.items())}
    return Measure(wall, cpu, peak / 2**20, child.returncode, extra)


# --- tracker -----------------------------------------------------------------------


def tracker_env(site: Path, data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LICENSURE_")}
    env.update(
        {
            "LICENSURE_DATA_DIR": str(data_dir),
            "LICENSURE_JURISDICTIONS_PACKAGE": synth.PACKAGE,
            "PYTHONPATH": os.pathsep.join([str(site / "pkg"), str(REPO)]),
            "COLUMNS": "200",
        }
    )
    return env


def tracker_cycle(site: Path, data_dir: Path, log: Path, profile: Path | None = None) -> Measure:
    cmd = [sys.executable, "-m", "tracker", "run", "--snapshot", str(site / "snapshot")]
    if profile is not None:
        raw = profile.with_suffix(".folded")
        cmd = [
            py_spy(),
            "record",
            "--subprocesses",
            "--format",
            "raw",
            "--rate",
            "100",
            "--output",
            str(raw),
            "--",
            *cmd,
        ]
    m = measure(cmd, tracker_env(site, data_dir), site, log)
    m.extra.update(settle_stats(data_dir))
    if profile is not None:
        summary = subprocess.run(
            [sys.executable, str(HERE / "folded.py"), str(raw), "--top", "40", "--under", "settle_jurisdiction"],
            capture_output=True,
            text=True,
            check=True,
        )
        profile.write_text(summary.stdout, encoding="utf-8")
    return m


def py_spy() -> str:
    exe = shutil.which("py-spy", path=str(Path(sys.executable).parent)) or shutil.which("py-spy")
    if exe is None:
        raise SystemExit("--profile needs py-spy: pip install -r benchmarks/requirements.txt")
    return exe


def settle_stats(data_dir: Path) -> dict:
    """Per-changed-page cost from the newest run's settle timings."""
    logs = sorted((data_dir / "logs").glob("run-*-settle.json"), key=lambda p: int(p.name.split("-")[1]))
    if not logs:
        return {}
    data = json.loads(logs[-1].read_text(encoding="utf-8"))
    per_page = [j["seconds"] / j["pages_read"] for j in data["jurisdictions"] if j.get("pages_read")]
    return {
        "settle_seconds": data.get("settle_seconds"),
        "crawl_seconds": data.get("crawl_seconds"),
        "read_ahead_pages": data.get("read_ahead_pages"),
        "read_ahead_wait_seconds": data.get("read_ahead_wait_seconds"),
        "pages_read": sum(j.get("pages_read", 0) for j in data["jurisdictions"]),
        "pages_unchanged": sum(j.get("pages_unchanged", 0) for j in data["jurisdictions"]),
        "per_changed_page_ms": [round(x * 1000, 2) for x in per_page],
    }


# --- urlwatch ----------------------------------------------------------------------

URLWATCH_CONFIG = """\
display:
  new: false
  error: true
  unchanged: false
  empty-diff: false
report:
  text:
    details: true
    footer: false
    line_length: 75
    minimal: false
    separate: false
  stdout:
    enabled: true
    color: false
  html: {enabled: false}
  markdown: {enabled: false}
  email: {enabled: false}
job_defaults:
  all: {}
  shell: {}
  url: {}
  browser: {}
"""


def urlwatch_files(work: Path, base_url: str, pages: dict) -> tuple[Path, Path]:
    from tracker.snapshots import route_url

    urls = work / "urls.yaml"
    with open(urls, "w", encoding="utf-8") as out:
        docs = []
        for plist in pages.values():
            for p in plist:
                docs.append(f"name: {p.source_id}\nurl: {route_url(base_url, p.url)}\n")
        out.write("---\n".join(docs))
    config = work / "urlwatch.yaml"
    config.write_text(URLWATCH_CONFIG, encoding="utf-8")
    return urls, config


def start_server(site: Path) -> tuple[subprocess.Popen, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tracker.replay", str(site / "snapshot")], env=env, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    base = proc.stdout.readline().strip()
    if not base.startswith("http://127.0.0.1:"):
        proc.kill()
        raise RuntimeError(f"the snapshot server did not start (got {base!r})")
    return proc, base


def stop_server(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def urlwatch_cycle(site: Path, state: Path, pages: dict, log: Path) -> Measure:
    server, base = start_server(site)  # a fresh server per cycle, as `licensure run` starts one per run
    try:
        urls, config = urlwatch_files(state, base, pages)
        exe = shutil.which("urlwatch", path=str(Path(sys.executable).parent)) or "urlwatch"
        cmd = [exe, "--urls", str(urls), "--config", str(config), "--cache", str(state / "cache.db")]
        env = {**os.environ, "HOME": str(state), "XDG_CONFIG_HOME": str(state), "XDG_CACHE_HOME": str(state)}
        return measure(cmd, env, state, log, also=server.pid)
    finally:
        stop_server(server)


# The index the strongest urlwatch gets, created by the harness on its cache database (SQLite, written by
# minidb) after its cold cycle and before its first warm cycle; urlwatch looks each job's latest entry up
# by guid (`WHERE guid = ? ORDER BY timestamp DESC, tries DESC LIMIT 1`), which stock minidb answers with a
# scan of the whole table. The table is `CacheEntry`; sqlite_master is asked in case minidb names it so.
URLWATCH_INDEX = "CREATE INDEX IF NOT EXISTS bench_cacheentry_guid ON {table} (guid)"


def index_urlwatch_cache(cache: Path) -> tuple[str, float]:
    """Add the page-key index to urlwatch's cache; returns the statement and the seconds it took."""
    import sqlite3

    started = time.perf_counter()
    with sqlite3.connect(cache) as db:
        names = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        table = next(n for n in names if n.lower() == "cacheentry")
        sql = URLWATCH_INDEX.format(table=table)
        db.execute(sql)
    return sql, time.perf_counter() - started


def floor_cycle(site: Path, state: Path, log: Path) -> Measure:
    """The fetch floor (benchmarks/floor.py): the same crawl and server, no tracker work; its HTTP cache in
    `state`, so the second cycle revalidates every page."""
    server, base = start_server(site)
    try:
        cmd = [
            sys.executable,
            str(HERE / "floor.py"),
            "--snapshot-url",
            base,
            "--httpcache-dir",
            str(state / "httpcache"),
        ]
        return measure(cmd, tracker_env(site, state), state, log, also=server.pid)
    finally:
        stop_server(server)


# --- one size -----------------------------------------------------------------------


TOOLS = ("tracker", "urlwatch", "urlwatch-indexed", "floor")


def one_cycle(tool: str, site: Path, state: Path, pages: dict, log: Path) -> Measure:
    if tool == "tracker":
        return tracker_cycle(site, state, log)
    if tool == "floor":
        return floor_cycle(site, state, log)
    return urlwatch_cycle(site, state, pages, log)


def run_size(n: int, repeat: int, work: Path, tools: list[str], say, profile_dir: Path | None) -> dict:
    site = work / f"n{n}"
    t0 = time.perf_counter()
    pages = synth.generate(site, n)
    say(f"N={n}: generated {n} pages in {time.perf_counter() - t0:.1f} s")
    runs: dict[str, dict[str, list[dict]]] = {t: {c: [] for c in CYCLES} for t in TOOLS}
    log = work / f"n{n}.log"
    for r in range(1, repeat + 1):
        for tool in tools:
            state = site / f"{tool}-{r}"
            shutil.rmtree(state, ignore_errors=True)
            state.mkdir(parents=True)
            for cycle in CYCLES:
                changed = []
                if cycle == CYCLES[2]:
                    changed = synth.change_pages(site, pages, CHANGED_FRACTION, generation=r)
                m = one_cycle(tool, site, state, pages, log)
                if changed:
                    synth.restore_pages(site, changed)
                if m.returncode not in (0, 4):
                    raise RuntimeError(f"{tool} {cycle} at N={n} exited {m.returncode}; see {log}")
                if tool == "urlwatch-indexed" and cycle == CYCLES[0]:
                    sql, seconds = index_urlwatch_cache(state / "cache.db")
                    m.extra.update(index_sql=sql, index_seconds=round(seconds, 4))
                m.extra["changed_pages"] = len(changed)
                runs[tool][cycle].append(asdict(m))
                say(
                    f"N={n} run {r} {tool:16s} {cycle:22s} wall {m.wall:7.2f} s  cpu {m.cpu:7.2f} s  "
                    f"peak {m.peak_rss_mb:6.1f} MB {_parts(m)}"
                    + (f"  changed-page median {_median_ms(m)}" if changed and tool == "tracker" else "")
                )
    if profile_dir is not None:
        profile_pass(site, pages, log, profile_dir, n, say)
    return {"n": n, "runs": runs}


def profile_pass(site: Path, pages: dict, log: Path, profile_dir: Path, n: int, say) -> None:
    """One more tracker pass over the three cycles under py-spy; not part of the measurements."""
    state = site / "tracker-profile"
    shutil.rmtree(state, ignore_errors=True)
    state.mkdir(parents=True)
    for cycle in CYCLES:
        changed = synth.change_pages(site, pages, CHANGED_FRACTION, generation=99) if cycle == CYCLES[2] else []
        name = {CYCLES[0]: "cold", CYCLES[1]: "warm-unchanged", CYCLES[2]: "warm-1pct-changed"}[cycle]
        target = profile_dir / f"profile-n{n}-{name}.txt"
        try:
            tracker_cycle(site, state, log, target)
        finally:
            if changed:
                synth.restore_pages(site, changed)
        say(f"N={n} profile of {cycle}: {target}")


def _parts(m: Measure) -> str:
    parts = m.extra.get("peak_parts_mb") or {}
    return "(" + ", ".join(f"{role} {mb:.0f}" for role, mb in parts.items()) + ")" if parts else ""


def _median_ms(m: Measure) -> str:
    xs = m.extra.get("per_changed_page_ms") or []
    return f"{statistics.median(xs):.1f} ms over {len(xs)} jurisdictions" if xs else "-"


# --- report -----------------------------------------------------------------------------


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {}
    for pkg in ("licensure-tracker", "scrapy", "twisted", "sqlalchemy", "lxml", "urlwatch", "requests", "psutil"):
        try:
            versions[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            versions[pkg] = "not installed"
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "packages": versions,
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def _fmt(x: float | None, digits: int = 2) -> str:
    return "-" if x is None else f"{x:.{digits}f}"


def _say(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _med(rows: list[dict], key: str) -> float | None:
    vals = [r[key] for r in rows]
    return statistics.median(vals) if vals else None


LABELS = {"tracker": "tracker", "urlwatch": "urlwatch", "urlwatch-indexed": "urlwatch + index", "floor": "fetch floor"}


def _ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}" if a and b else "-"


def table(results: list[dict], mach: dict, repeat: int) -> str:
    """Wall seconds of the four, and the tracker's wall time as a ratio of each peer's."""
    head = " | ".join(f"{LABELS[t]} wall s" for t in TOOLS)
    lines = [
        f"| N | cycle | {head} | tracker / urlwatch | tracker / urlwatch + index | tracker / fetch floor |",
        "|---:|---|" + "---:|" * (len(TOOLS) + 3),
    ]
    for res in results:
        for cycle in CYCLES:
            walls = [_med(res["runs"][t][cycle], "wall") for t in TOOLS]
            cells = " | ".join(_fmt(w) for w in walls)
            ratios = " | ".join(_ratio(walls[0], w) for w in walls[1:])
            lines.append(f"| {res['n']:,} | {cycle} | {cells} | {ratios} |")
    return "\n".join(lines)


def resources_table(results: list[dict]) -> str:
    """CPU seconds (the whole process tree, server included) and peak memory of each."""
    head = " | ".join(f"{LABELS[t]} CPU s | {LABELS[t]} peak MB" for t in TOOLS)
    lines = [f"| N | cycle | {head} |", "|---:|---|" + "---:|" * (2 * len(TOOLS))]
    for res in results:
        for cycle in CYCLES:
            cells = []
            for t in TOOLS:
                rows = res["runs"][t][cycle]
                cells += [_fmt(_med(rows, "cpu")), _fmt(_med(rows, "peak_rss_mb"), 0)]
            lines.append(f"| {res['n']:,} | {cycle} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def changed_page_table(results: list[dict]) -> str:
    lines = [
        "| N | changed pages | jurisdictions re-read | median ms per changed page | max ms "
        "| settle s (all 51) | crawl s |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for res in results:
        rows = res["runs"]["tracker"][CYCLES[2]]
        if not rows:
            continue
        per = [x for r in rows for x in r["extra"].get("per_changed_page_ms", [])]
        settle = [r["extra"].get("settle_seconds") for r in rows if r["extra"].get("settle_seconds") is not None]
        crawl = [r["extra"].get("crawl_seconds") for r in rows if r["extra"].get("crawl_seconds") is not None]
        lines.append(
            f"| {res['n']:,} | {rows[0]['extra'].get('changed_pages', '-')} | "
            f"{statistics.median([len(r['extra'].get('per_changed_page_ms', [])) for r in rows]):.0f} | "
            f"{statistics.median(per):.1f} | {max(per):.1f} | "
            f"{statistics.median(settle):.2f} | {statistics.median(crawl):.2f} |"
            if per and settle and crawl
            else f"| {res['n']:,} | - | - | - | - | - | - |"
        )
    return "\n".join(lines)


def machine_text(mach: dict) -> str:
    pk = ", ".join(f"{k} {v}" for k, v in mach["packages"].items())
    return (
        f"- CPU: {mach['cpu']}, {mach['cores']} cores; memory {mach['memory_gb']} GB; {mach['os']}\n"
        f"- Python {mach['python']}; {pk}\n- measured {mach['date']}"
    )


def render(results: list[dict], mach: dict, command: str) -> str:
    repeat = max((len(r["runs"]["tracker"][CYCLES[0]]) for r in results), default=0)
    return (
        f"Generated by `{command}` (medians of {repeat} run(s) per row).\n\n{machine_text(mach)}\n\n"
        f"Wall time (medians):\n\n{table(results, mach, repeat)}\n\n"
        f"CPU time of the process tree (the snapshot server's included) and peak memory (medians):\n\n"
        f"{resources_table(results)}\n\n"
        f"Per changed page (warm 1% cycle, tracker): settle time of each jurisdiction with changed pages divided "
        f"by its changed pages; median and maximum over every such jurisdiction of every run.\n\n"
        f"{changed_page_table(results)}\n"
    )


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="500,2000,5000", help="comma-separated page counts (default 500,2000,5000)")
    parser.add_argument("--with-20000", action="store_true", help="add N = 20,000")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per size and cycle; the table shows medians (default 3)"
    )
    parser.add_argument("--no-urlwatch", action="store_true", help="leave out both urlwatch peers")
    parser.add_argument("--no-floor", action="store_true", help="leave out the fetch floor")
    parser.add_argument(
        "--stock-urlwatch-max",
        type=int,
        metavar="N",
        help="measure stock urlwatch only up to N pages (its warm cycles grow faster than linearly)",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="then profile one more tracker pass with py-spy (not measured); summaries go beside --out",
    )
    parser.add_argument(
        "--out",
        default=str(HERE / "RESULTS-table.md"),
        help="Markdown file for the generated tables (default benchmarks/RESULTS-table.md)",
    )
    parser.add_argument("--json", help="also write every measurement as JSON to this file (after each size)")
    parser.add_argument("--work", help="working directory (default: a temporary one, removed afterwards)")
    parser.add_argument(
        "--from-json", metavar="FILE", help="only render the tables from a --json file of an earlier run"
    )
    return parser.parse_args(argv)


def _tools(args: argparse.Namespace, n: int) -> list[str]:
    tools = ["tracker"]
    if not args.no_urlwatch:
        if args.stock_urlwatch_max is None or n <= args.stock_urlwatch_max:
            tools.append("urlwatch")
        tools.append("urlwatch-indexed")
    if not args.no_floor:
        tools.append("floor")
    return tools


def _command(args: argparse.Namespace, sizes: list[int]) -> str:
    command = f"python benchmarks/run.py --sizes {','.join(map(str, sizes))} --repeat {args.repeat}"
    command += " --no-urlwatch" if args.no_urlwatch else ""
    command += " --no-floor" if args.no_floor else ""
    command += f" --stock-urlwatch-max {args.stock_urlwatch_max}" if args.stock_urlwatch_max is not None else ""
    return command


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    if args.from_json:
        saved = json.loads(Path(args.from_json).read_text(encoding="utf-8"))
        text = render(saved["results"], saved["machine"], saved.get("command", "python benchmarks/run.py"))
        Path(args.out).write_text(text, encoding="utf-8")
        print(text)
        return 0
    sizes = [int(s.replace("_", "").replace(",", "")) for s in args.sizes.split(",") if s.strip()]
    if args.with_20000 and 20000 not in sizes:
        sizes.append(20000)
    if not args.no_urlwatch and shutil.which("urlwatch", path=str(Path(sys.executable).parent)) is None:
        print(
            "urlwatch is not installed: pip install -r benchmarks/requirements.txt (or pass --no-urlwatch)",
            file=sys.stderr,
        )
        return 2
    out = Path(args.out)
    profile_dir = out.parent if args.profile else None
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="licensure-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    mach, command = machine(), _command(args, sizes)
    results = []
    try:
        for n in sizes:
            results.append(run_size(n, args.repeat, work, _tools(args, n), _say, profile_dir))
            if args.json:  # after each size: a run stopped half-way keeps what it measured
                Path(args.json).write_text(
                    json.dumps({"machine": mach, "command": command, "results": results}, indent=1), encoding="utf-8"
                )
            if not args.work:
                shutil.rmtree(work / f"n{n}", ignore_errors=True)
    finally:
        if not args.work and not results:
            shutil.rmtree(work, ignore_errors=True)
    text = render(results, mach, command)
    out.write_text(text, encoding="utf-8")
    _say(f"wrote {out}")
    print(text)
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
