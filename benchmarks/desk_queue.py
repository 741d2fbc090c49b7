"""The review desk's queue over 20,000 changes: how fast its first page and a filtered page answer.

    python benchmarks/desk_queue.py [--changes 20000] [--postgres URL] [--repeat 20]

Fills a fresh database (SQLite in a temporary folder; PostgreSQL in a schema of its own, dropped after)
with N changes spread over the 51 jurisdictions, the five categories, both directions, the four review
statuses and a year of dates, then signs in and times whole HTTP answers (routing, session, queries,
template) through the framework's test client. Prints a Markdown table (median and worst of --repeat).
Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa
from fastapi.testclient import TestClient

from tracker import registry
from tracker.config import Settings
from tracker.db import Database
from tracker.models import Change, Run
from tracker.web import accounts
from tracker.web.server import create_app

CATEGORIES = ["requirement"] * 4 + ["administrative", "text", "text", "extraction", "fetch"]
STATUSES = ["open"] * 5 + ["accepted", "accepted", "dismissed", "needs-legal"]
PAGES = {
    "first page": "/queue",
    "state WA, tightened": "/queue?state=WA&direction=tightened",
    "requirement, since a date": "/queue?category=requirement&since=2026-09-01",
    "accepted, page 20": "/queue?status=accepted&page=20",
    "engineers' tab": "/queue?tab=problems",
}


def fill(db: Database, n: int) -> None:
    rnd = random.Random(15)
    codes = sorted(registry.all_jurisdictions())
    start = datetime(2026, 1, 1, tzinfo=UTC)
    with db.session() as s:
        run = Run(trigger="manual", status="succeeded", started_at=start, jurisdictions=codes)
        s.add(run)
        s.flush()
        rows = []
        for i in range(n):
            category = rnd.choice(CATEGORIES)
            rows.append(
                {
                    "run_id": run.id,
                    "jurisdiction": rnd.choice(codes),
                    "profession": "medical-assistant",
                    "category": category,
                    "field": "education.min_clock_hours" if category == "requirement" else "sources.page",
                    "kind": "changed",
                    "direction": rnd.choice(["tightened", "loosened", None]) if category == "requirement" else None,
                    "old_value": 600,
                    "new_value": 720,
                    "evidence_before": [{"source_id": "page", "excerpt": "At least 600 clock hours."}],
                    "evidence_after": [{"source_id": "page", "excerpt": "At least 720 clock hours."}],
                    "summary": f"Minimum program clock hours: 600 → 720 (change {i})",
                    "status": rnd.choice(STATUSES),
                    "created_at": start + timedelta(minutes=rnd.randrange(365 * 24 * 60)),
                    "audience": "compliance",
                }
            )
        s.execute(sa.insert(Change), rows)
        accounts.add_user(s, "bench", "viewer", "bench-password-1")


def measure(url: str, n: int, repeat: int) -> dict[str, tuple[float, float]]:
    db = Database(url)
    fill(db, n)
    if db.engine.dialect.name == "postgresql":  # what autovacuum would have done after such an insert
        with db.engine.begin() as conn:
            conn.execute(sa.text("ANALYZE changes"))
    app = create_app(Settings(data_dir=Path(tempfile.mkdtemp()), database_url=url), database=db)
    client = TestClient(app, base_url="http://testserver")
    login = client.get("/login").text
    token = login.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    client.post("/login", data={"name": "bench", "password": "bench-password-1", "csrf": token})
    figures = {}
    for name, path in PAGES.items():
        assert client.get(path).status_code == 200, path  # warm: templates compiled, caches filled
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            client.get(path)
            times.append((time.perf_counter() - t0) * 1000)
        figures[name] = (statistics.median(times), max(times))
    db.dispose()
    return figures


def postgres_schema(base: str) -> tuple[str, sa.Engine, str]:
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(base)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options={quote(f'-csearch_path={schema}')}", admin, schema


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--changes", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--postgres", metavar="URL", help="also on PostgreSQL (a schema of its own, dropped after)")
    args = parser.parse_args()
    results = {"SQLite": measure(f"sqlite:///{tempfile.mkdtemp()}/bench.db", args.changes, args.repeat)}
    if args.postgres:
        url, admin, schema = postgres_schema(args.postgres)
        try:
            results["PostgreSQL"] = measure(url, args.changes, args.repeat)
        finally:
            with admin.begin() as conn:
                conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
    print(f"Queue pages over {args.changes:,} changes, whole HTTP answers, median / worst of {args.repeat} (ms):\n")
    print("| page | " + " | ".join(results) + " |")
    print("|---|" + "---|" * len(results))
    for name in PAGES:
        cells = [f"{results[db][name][0]:.0f} / {results[db][name][1]:.0f}" for db in results]
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
