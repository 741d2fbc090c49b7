"""The state table in every format, from one database holding all 51 jurisdictions' history.

The module's database is built once: the older bundled snapshot settled on
2026-05-01, the newer on 2026-11-01 (the pipeline after the crawl, with those
clocks), so `--as-of 2026-06-01` must give the older records and
`--changed-since 2026-06-01` must mark exactly the planned rule changes.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from unittest import mock

import lxml.html
import openpyxl
import pytest
from click.testing import CliRunner

import schemas
from tests.conftest import REPO
from tracker import registry, storage
from tracker.cli import cli
from tracker.config import Settings
from tracker.db import Database
from tracker.exports import COLUMNS, FORMATS, ExportError, Options, build_table, render, table_rows
from tracker.exports.table import PATHS, content_hash
from tracker.exports.xlsx_export import CHANGED_FILL, LEVEL_FILL, TASK_FILL
from tracker.models import Change
from tracker.settlement import settle_jurisdiction
from tracker.snapshots import resolve_snapshot

T1 = datetime(2026, 5, 1, 12, tzinfo=UTC)
T2 = datetime(2026, 11, 1, 12, tzinfo=UTC)
JUNE = datetime(2026, 6, 1, 23, 59, 59, tzinfo=UTC)  # what `--as-of 2026-06-01` means
JUNE_START = datetime(2026, 6, 1, tzinfo=UTC)  # what `--changed-since 2026-06-01` means
ALL = sorted(registry.all_jurisdictions())
COLUMN_OF = {path: column for column, paths in PATHS.items() for path in paths}
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


# --- building a database with history, without a crawl ---------------------------------------


def snapshot_items(snapshot: str, code: str) -> list[dict[str, Any]]:
    """What a crawl of one jurisdiction in a bundled snapshot yields (moved pages and errors included)."""
    snap = resolve_snapshot(snapshot)
    jur = registry.get(code)
    items = []
    for page in snap.pages:
        if page.url.endswith("/robots.txt") or not jur.is_allowed(page.url):
            continue
        src = jur.source_for_url(page.url, jur.sources[0].source_id)
        item = {
            "jurisdiction": jur.code,
            "profession": jur.profession,
            "source_id": src.source_id,
            "kind": src.kind,
            "url": page.url,
            "http_status": page.status,
            "content_type": page.content_type,
            "body": None,
        }
        if page.is_redirect:
            item.update(final_url=page.location, http_status=200, body=b"moved")
        elif page.status < 400 and page.file:
            item["body"] = page.file.read_bytes()
        items.append(item)
    return items


@contextmanager
def clock(moment: datetime):
    with mock.patch("tracker.storage.now", return_value=moment):
        yield


def settle_snapshot(db: Database, settings: Settings, snapshot: str, moment: datetime, codes: list[str]) -> None:
    """One run per jurisdiction over the snapshot's pages, every timestamp at `moment`."""
    with clock(moment):
        for code in codes:
            with db.session() as s:
                run = storage.start_run(s, "manual", [code], snapshot)
                for item in snapshot_items(snapshot, code):
                    storage.store_fetch(s, run.id, {**item, "fetched_at": moment})
                settle_jurisdiction(s, run.id, registry.get(code), now=moment, settings=settings)
                storage.finish_run(s, run.id, "succeeded")


def export(db: Database, kind: str, **options: Any) -> bytes:
    with db.session() as s:
        return render(kind, build_table(s, Options(**options)))


def table(db: Database, **options: Any):
    with db.session() as s:
        return build_table(s, Options(**options))


def csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def workbook(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory):
    """All 51 jurisdictions: older snapshot on 2026-05-01, newer on 2026-11-01; exports as of June taken in between."""
    tmp = tmp_path_factory.mktemp("exports")
    settings = Settings(data_dir=tmp / "data", database_url=f"sqlite:///{tmp / 'history.db'}")
    db = Database(settings.database_url)
    settle_snapshot(db, settings, "2026-05-01", T1, ALL)
    early = {kind: export(db, kind, as_of=JUNE) for kind in FORMATS}
    settle_snapshot(db, settings, "2026-11-01", T2, ALL)
    with db.session() as s:  # a reviewer accepted the WA change
        wa = s.query(Change).filter_by(jurisdiction="WA", category="requirement").one()
        wa.status, wa.reviewed_by, wa.reviewed_at = "accepted", "Ann Lee", T2.replace(hour=15)
    yield type("History", (), {"db": db, "settings": settings, "early": early, "tmp": tmp})
    db.dispose()


def planned_cells(db: Database) -> set[tuple[str, str]]:
    """(state, column) for every rule change recorded after June, from the changes table."""
    with db.session() as s:
        return {
            (c.jurisdiction, COLUMN_OF[c.field])
            for c in storage.list_changes(s, since=JUNE_START)
            if c.category in ("requirement", "administrative") and c.field in COLUMN_OF
        }


# --- every format ------------------------------------------------------------------------------


def test_every_format_has_one_row_per_jurisdiction_the_as_of_date_and_one_content_hash(history):
    t = table(history.db)
    assert [r.code for r in t.rows] == ALL and len(ALL) == 51
    assert t.as_of == T2.replace(hour=15)  # the newest timestamp in the data: the review of the WA change
    digest = t.content_hash
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", digest)

    rows = csv_rows(export(history.db, "csv"))
    assert [r["jurisdiction"] for r in rows] == ALL
    assert list(rows[0]) == [*COLUMNS, "as_of", "content_hash"]
    assert {r["as_of"] for r in rows} == {"2026-11-01T15:00:00Z"} and {r["content_hash"] for r in rows} == {digest}

    doc = json.loads(export(history.db, "json"))
    assert [r["jurisdiction"] for r in doc["rows"]] == ALL
    assert doc["as_of"] == "2026-11-01T15:00:00Z" and doc["content_hash"] == digest

    md = export(history.db, "md").decode()
    assert "as of 2026-11-01 15:00 UTC" in md and digest in md
    assert sum(1 for line in md.splitlines() if re.match(r"^\| [A-Z]{2} \|", line)) == 51

    html = export(history.db, "html").decode()
    assert "2026-11-01 15:00 UTC" in html and digest in html
    page = lxml.html.fromstring(html)
    assert len(page.cssselect("#map .tile")) == 51 and len(page.cssselect("#states tbody tr")) == 51
    assert len(page.cssselect("section.detail")) == 51

    wb = workbook(export(history.db, "xlsx"))
    assert wb.sheetnames == ["Requirements", "Evidence", "Changes", "About"]
    ws = wb["Requirements"]
    assert "as of 2026-11-01 15:00 UTC" in ws["A1"].value and digest in ws["A1"].value
    assert [ws.cell(row=r, column=1).value for r in range(3, ws.max_row + 1)] == ALL
    assert wb.properties.identifier == digest


def plain(text: str) -> str:
    """A CSV or XLSX text without its confidence mark."""
    return text.removesuffix(" (inferred)")


def shown(fact: dict, value) -> str:
    """A record value as the CSV shows it: inferred values end in " (inferred)"."""
    return str(value) + (
        " (inferred)" if fact.get("read") == "inferred" and value not in ("unknown", "unaddressed") else ""
    )


def test_values_are_the_stored_records_and_unknown_is_never_blank_or_no(history):
    t = table(history.db)
    rows = {r["jurisdiction"]: r for r in csv_rows(export(history.db, "csv"))}
    with history.db.session() as s:
        for code in ALL:
            record = storage.current_version(s, code, "medical-assistant").record
            row = rows[code]
            req = record["credential"]["requirement"]
            assert row["credential_requirement"] == shown(req, req["value"])
            hours = record["education"]["min_clock_hours"]
            assert row["min_clock_hours"] == shown(hours, hours["value"])
            assert row["supervision"] == shown(record["supervision"], record["supervision"]["value"])
            for task, fact in record["tasks"].items():
                assert row[f"task_{task}"] == shown(fact, fact["status"])
            assert row["source_urls"] == "; ".join(src["url"] for src in record["sources"])
    assert rows["WA"]["min_clock_hours"] == "720" and rows["NY"]["health"] == "fetch-problem"
    with history.db.session() as s:  # the pre-package API the pipeline and older callers use
        legacy = table_rows(s)
    assert [r["jurisdiction"] for r in legacy] == ALL and list(legacy[0]) == COLUMNS
    assert all(legacy_row[k] == rows[legacy_row["jurisdiction"]][k] for legacy_row in legacy for k in COLUMNS)
    assert rows["CT"]["credential_requirement"] == "training (inferred)"  # from the vaccine training condition

    assert all(value.strip() for row in rows.values() for value in row.values()), "no cell may be blank"
    unknown = [(r.code, k) for r in t.rows for k in COLUMNS if r.cells[k].value == "unknown"]
    assert unknown, "the bundled data has unknown values"
    doc = {r["jurisdiction"]: r for r in json.loads(export(history.db, "json"))["rows"]}
    ws = workbook(export(history.db, "xlsx"))["Requirements"]
    xlsx_rows = {ws.cell(row=r, column=1).value: r for r in range(3, ws.max_row + 1)}
    for code, key in unknown:
        assert rows[code][key] == "unknown"
        assert doc[code]["cells"][key]["text"] == "unknown"
        assert ws.cell(row=xlsx_rows[code], column=COLUMNS.index(key) + 1).value == "unknown"
    # 'none' (the sources say there is none) stays distinct from unknown
    assert any(r.cells["credential_requirement"].text == "none" for r in t.rows)


def test_as_of_reads_stored_history_and_does_not_change_when_later_runs_add_data(history):
    june = {r["jurisdiction"]: r for r in csv_rows(export(history.db, "csv", as_of=JUNE))}
    now = {r["jurisdiction"]: r for r in csv_rows(export(history.db, "csv"))}

    def both(code: str, key: str) -> tuple[str, str]:  # the values, without the confidence mark
        return plain(june[code][key]), plain(now[code][key])

    assert both("WA", "min_clock_hours") == ("600", "720")
    assert both("UT", "credential_requirement") == ("registration", "none")
    assert both("CT", "credential_requirement") == ("none", "training")
    assert both("NM", "supervision") == ("general", "onsite")
    assert both("IL", "task_injections") == ("prohibited", "conditional")
    # health as it stood then: a month after the last check every state is stale; NY's page had not moved yet
    assert {r["health"] for r in june.values()} == {"stale"} and now["NY"]["health"] == "fetch-problem"
    june_no_staleness = {r.code: r for r in table(history.db, as_of=JUNE, stale_after_hours=0).rows}
    assert {r.text("health") for r in june_no_staleness.values()} == {"ok"}
    assert june_no_staleness["NY"].coverage.failing == []
    assert {r["last_verified"] for r in june.values()} == {"2026-05-01 12:00 UTC"}
    assert {r["as_of"] for r in june.values()} == {"2026-06-01T23:59:59Z"}

    # the same as-of export, made before and after the newer snapshot arrived: the same bytes
    for kind in FORMATS:
        assert export(history.db, kind, as_of=JUNE) == history.early[kind], kind

    # before any data: one row per jurisdiction, every value unknown, never checked
    empty = table(history.db, as_of=datetime(2026, 1, 1, tzinfo=UTC), states=ALL)
    assert len(empty.rows) == 51
    assert {r.text("credential_requirement") for r in empty.rows} == {"unknown"}
    assert {r.text("health") for r in empty.rows} == {"never checked"}
    assert {r.text("last_verified") for r in empty.rows} == {"never"}


def test_changed_since_marks_exactly_the_changed_cells_and_lists_the_period_changes(history):
    t = table(history.db, changed_since=JUNE_START)
    marked = {(r.code, k) for r in t.rows for k in r.changed}
    assert marked == planned_cells(history.db)
    assert ("WA", "min_clock_hours") in marked and ("UT", "credential_requirement") in marked
    wa = next(r for r in t.rows if r.code == "WA")
    assert wa.cells["min_clock_hours"].before == "600"

    rows = {r["jurisdiction"]: r for r in csv_rows(export(history.db, "csv", changed_since=JUNE_START))}
    assert rows["WA"]["changed_fields"] == "min_clock_hours" and rows["TX"]["changed_fields"] == "none"

    only = table(history.db, changed_since=JUNE_START, only_changed=True)
    assert [r.code for r in only.rows] == sorted({code for code, _ in marked})
    with pytest.raises(ExportError):
        table(history.db, only_changed=True)

    with history.db.session() as s:
        recorded = [c.id for c in storage.list_changes(s, since=JUNE_START)]
    assert [c.id for c in t.changes] == recorded and recorded
    assert {c.jurisdiction for c in t.changes if c.category == "fetch"} == {"NY", "OK"}

    # XLSX: changed cells amber, others not; the Changes sheet has every change with its review status
    wb = workbook(export(history.db, "xlsx", changed_since=JUNE_START))
    ws = wb["Requirements"]
    header = [c.value for c in ws[2]]
    assert header[-1] == "Changed since 2026-06-01"
    for r in range(3, ws.max_row + 1):
        code = ws.cell(row=r, column=1).value
        for col, key in enumerate(COLUMNS, start=1):
            amber = ws.cell(row=r, column=col).fill.start_color.rgb.endswith(CHANGED_FILL)
            assert amber == ((code, key) in marked), (code, key)
    changes = wb["Changes"]
    listed = {changes.cell(row=r, column=1).value: r for r in range(3, changes.max_row + 1)}
    assert sorted(listed) == sorted(recorded)
    status_col = [c.value for c in changes[2]].index("Review status") + 1
    wa_change = next(c for c in t.changes if c.jurisdiction == "WA" and c.category == "requirement")
    assert changes.cell(row=listed[wa_change.id], column=status_col).value == "accepted"
    assert changes.cell(row=listed[wa_change.id], column=status_col + 1).value == "Ann Lee"
    assert {changes.cell(row=r, column=status_col).value for r in listed.values()} == {"open", "accepted"}

    # the period ends at the as-of date: as of June nothing had changed since May
    assert table(history.db, as_of=JUNE, changed_since=datetime(2026, 5, 2, tzinfo=UTC)).changes == []


def test_fields_and_states_select_columns_and_rows(history):
    data = export(history.db, "csv", fields=["task_iv", "credential_requirement"], states=["WA", "CA"])
    rows = csv_rows(data)
    assert list(rows[0]) == ["jurisdiction", "task_iv", "credential_requirement", "as_of", "content_hash"]
    assert [r["jurisdiction"] for r in rows] == ["CA", "WA"]
    doc = json.loads(export(history.db, "json", fields=["task_iv"], states=["WA"]))
    assert [c["key"] for c in doc["columns"]] == ["jurisdiction", "task_iv"]
    assert set(doc["rows"][0]["cells"]) == {"jurisdiction", "task_iv"}
    ws = workbook(export(history.db, "xlsx", fields=["task_iv"], states=["WA", "CA"]))["Requirements"]
    assert [c.value for c in ws[2]] == ["State", "IV therapy"] and ws.max_row == 4
    html = lxml.html.fromstring(export(history.db, "html", fields=["task_iv"], states=["WA", "CA"]))
    assert [th.get("data-key") for th in html.cssselect("#states th")] == ["jurisdiction", "task_iv"]
    assert len(html.cssselect("#map .tile")) == 51 and len(html.cssselect("#map .tile.absent")) == 49
    with pytest.raises(ExportError, match="Unknown field"):
        table(history.db, fields=["fee"])


def test_json_validates_against_the_export_schema_and_its_hash_can_be_recomputed(history):
    schema = schemas.load("export")
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema" and schema["$id"]
    assert schema["$defs"]["column"]["enum"] == COLUMNS
    validator = schemas.validator("export")
    for options in (
        {},
        {"as_of": JUNE},
        {"changed_since": JUNE_START},
        {"fields": ["task_xray"], "states": ["TX"]},
        {"as_of": datetime(2026, 1, 1, tzinfo=UTC), "states": ["WA"]},
    ):
        doc = json.loads(export(history.db, "json", **options))
        problems = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc)]
        assert problems == [], options
        canonical = {
            "profession": doc["profession"],
            "as_of": doc["as_of"],
            "changed_since": doc["changed_since"],
            "columns": [c["key"] for c in doc["columns"]],
            "rows": [
                {"cells": {k: v["text"] for k, v in r["cells"].items()}, "changed": r["changed"]} for r in doc["rows"]
            ],
        }
        assert content_hash(canonical) == doc["content_hash"]
    doc = json.loads(export(history.db, "json", changed_since=JUNE_START))
    wa = next(r for r in doc["rows"] if r["jurisdiction"] == "WA")
    hours = wa["cells"]["min_clock_hours"]
    assert (hours["value"], hours["changed"], hours["before"]) == (720, True, "600")
    assert any("720 clock hours" in e["excerpt"] for e in hours["evidence"])


def test_xlsx_is_laid_out_for_compliance_staff(history):
    wb = workbook(export(history.db, "xlsx"))
    ws = wb["Requirements"]
    assert ws.freeze_panes == "C3"
    assert ws.auto_filter.ref == f"A2:{openpyxl.utils.get_column_letter(len(COLUMNS))}53"
    widths = [ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width for i in range(1, len(COLUMNS) + 1)]
    assert all(8 <= w <= 48 for w in widths)
    col = {key: i for i, key in enumerate(COLUMNS, start=1)}
    rows = {ws.cell(row=r, column=1).value: r for r in range(3, 54)}
    t = {r.code: r for r in table(history.db).rows}
    for code, r in rows.items():
        src = ws.cell(row=r, column=col["source_urls"])
        assert src.hyperlink is not None and src.hyperlink.target == t[code].cells["source_urls"].links[0]
        level = ws.cell(row=r, column=col["credential_requirement"])
        assert level.fill.start_color.rgb.endswith(LEVEL_FILL[plain(level.value)])
        iv = ws.cell(row=r, column=col["task_iv"])
        assert iv.fill.start_color.rgb.endswith(TASK_FILL[plain(iv.value)])
    assert ws.cell(row=rows["WA"], column=col["min_clock_hours"]).value == 720  # a number, for sorting

    ev = wb["Evidence"]
    assert [c.value for c in ev[2]] == ["State", "Field", "Value", "Changed", "Source", "Source URL", "Excerpt"]
    wa_hours = [
        r
        for r in range(3, ev.max_row + 1)
        if ev.cell(row=r, column=1).value == "WA" and ev.cell(row=r, column=2).value == "Min. program clock hours"
    ]
    assert wa_hours and any("720 clock hours" in ev.cell(row=r, column=7).value for r in wa_hours)
    assert all(ev.cell(row=r, column=6).hyperlink is not None for r in wa_hours)
    ct_conditions = [
        ev.cell(row=r, column=3).value
        for r in range(3, ev.max_row + 1)
        if ev.cell(row=r, column=1).value == "CT" and ev.cell(row=r, column=2).value == "Injections"
    ]
    assert ct_conditions and ct_conditions[0].startswith("conditional (") and "training hours" in ct_conditions[0]
    about = {wb["About"].cell(row=r, column=1).value: wb["About"].cell(row=r, column=2).value for r in range(3, 20)}
    assert about["Content hash"] == table(history.db).content_hash


# --- byte stability ----------------------------------------------------------------------------------


EXPORT_ALL = """
import sys
from pathlib import Path
from tracker.db import Database
from tracker.exports import FORMATS, Options, build_table, render
from datetime import datetime
db = Database(sys.argv[1])
out = Path(sys.argv[2])
with db.session() as s:
    t = build_table(s, Options(changed_since=datetime.fromisoformat("2026-06-01T00:00:00+00:00")))
    for kind in FORMATS:
        (out / f"table.{kind}").write_bytes(render(kind, t))
"""


def test_the_same_database_and_options_give_byte_identical_files(history, tmp_path):
    """Here and in two other processes with other hash seeds: the same bytes (as-of exports: see above)."""
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        out.mkdir()
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-c", EXPORT_ALL, history.settings.database_url, str(out)],
            check=True,
            env=env,
            cwd=REPO,
            timeout=120,
        )
        outputs.append({kind: (out / f"table.{kind}").read_bytes() for kind in FORMATS})
    here = {kind: export(history.db, kind, changed_since=JUNE_START) for kind in FORMATS}
    assert outputs[0] == outputs[1] == here
    with zipfile.ZipFile(io.BytesIO(here["xlsx"])) as z:
        assert {i.date_time for i in z.infolist()} == {(2026, 11, 1, 15, 0, 0)}


def test_generation_time_is_deterministic_by_default_and_an_option(history):
    assert table(history.db, as_of=JUNE).generated_at == JUNE
    assert table(history.db).generated_at == T2.replace(hour=15)
    stamped = table(history.db, generated_at=datetime(2027, 1, 2, 3, 4, 5, tzinfo=UTC))
    assert stamped.generated_at == datetime(2027, 1, 2, 3, 4, 5, tzinfo=UTC)
    # measured at a later generation time every jurisdiction is stale; the default time keeps them fresh
    assert {r.coverage.stale for r in stamped.rows} == {True}
    assert {r.text("health") for r in stamped.rows} <= {"stale", "fetch-problem"}
    fresh = table(history.db)
    assert {r.code for r in fresh.rows if r.coverage.stale} == {"NY", "OK"}  # their last good check was in May
    doc = json.loads(export(history.db, "json", generated_at=datetime(2027, 1, 2, tzinfo=UTC), as_of=JUNE))
    assert doc["generated_at"] == "2027-01-02T00:00:00Z" and doc["as_of"] == "2026-06-01T23:59:59Z"


# --- the command --------------------------------------------------------------------------------------


def test_cli_export_writes_each_format_and_prints_the_hash(history, tmp_path):
    runner = CliRunner()
    base = ["export", "--db", history.settings.database_url]
    hashes = set()
    for kind in FORMATS:
        out = tmp_path / f"t.{kind}"
        result = runner.invoke(cli, [*base, "-o", str(out), "--as-of", "2026-06-01", "--changed-since", "2026-05-01"])
        assert result.exit_code == 0, result.output
        assert out.read_bytes() == export(history.db, kind, as_of=JUNE, changed_since=datetime(2026, 5, 1, tzinfo=UTC))
        hashes.add(re.search(r"Content hash: (sha256:[0-9a-f]{64})", result.output).group(1))
    assert len(hashes) == 1
    result = runner.invoke(cli, [*base, "--format", "md", "-o", "-", "--states", "wa", "--fields", "min_clock_hours"])
    assert result.exit_code == 0 and "| WA | 720 |" in result.output
    for args, message in (
        (["-o", str(tmp_path / "t.txt")], "Cannot tell the format"),
        (["-o", str(tmp_path / "t.csv"), "--as-of", "June"], "is not a date"),
        (["-o", str(tmp_path / "t.csv"), "--fields", "fee"], "Unknown field"),
        (["-o", str(tmp_path / "t.csv"), "--states", "XX"], "Unknown jurisdiction"),
        (["-o", str(tmp_path / "t.csv"), "--only-changed"], "--changed-since"),
        (["-o", str(tmp_path / "t.csv"), "--as-of", "2026-05-01", "--changed-since", "2026-06-01"], "after --as-of"),
    ):
        result = runner.invoke(cli, [*base, *args])
        assert result.exit_code == 1 and message in result.output, (args, result.output)


# --- the dashboard in a real browser -----------------------------------------------------------------


def dump_dom(page: Path, query: str, profile: Path) -> lxml.html.HtmlElement:
    result = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-extensions",
            f"--user-data-dir={profile}",
            "--window-size=1400,1000",
            "--dump-dom",
            page.as_uri() + query,
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0 and result.stdout, result.stderr.decode(errors="replace")[-2000:]
    return lxml.html.fromstring(result.stdout)


@pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (apt-get install -y chromium; .ci/run installs it)"
)
def test_dashboard_renders_map_and_table_with_all_51_jurisdictions_in_chromium(history, tmp_path):
    page = tmp_path / "dashboard.html"
    page.write_bytes(export(history.db, "html", changed_since=JUNE_START))
    profile = tmp_path / "profile"
    t = {r.code: r for r in table(history.db).rows}

    dom = dump_dom(page, "", profile)
    body = dom.find("body")
    assert body.get("data-rendered") == "1", "the dashboard's script did not run"
    assert (body.get("data-tiles"), body.get("data-tiles-painted")) == ("51", "51")
    assert (body.get("data-rows"), body.get("data-rows-laid-out"), body.get("data-visible-rows")) == ("51", "51", "51")
    tiles = {a.get("data-code"): a for a in dom.cssselect("#map .tile")}
    assert sorted(tiles) == ALL
    assert all(tiles[c].get("data-value") == t[c].text("credential_requirement") for c in ALL)

    # switch the map to IV therapy; filter the table by a legend value
    dom = dump_dom(page, "?layer=task_iv&value=prohibited", profile)
    assert dom.find("body").get("data-layer") == "task_iv"
    tiles = {a.get("data-code"): a.get("data-value") for a in dom.cssselect("#map .tile")}
    assert tiles == {c: t[c].text("task_iv") for c in ALL}
    prohibited = sorted(c for c in ALL if t[c].text("task_iv") == "prohibited")
    assert (
        prohibited
        and [tr.get("data-code") for tr in dom.cssselect("#states tbody tr") if tr.get("hidden") is None] == prohibited
    )
    assert (
        sorted(a.get("data-code") for a in dom.cssselect("#map .tile") if "dim" not in a.get("class").split())
        == prohibited
    )

    # text filter, and sort by hours (largest first; unknown last)
    dom = dump_dom(page, "?q=washington&sort=min_clock_hours&dir=desc", profile)
    assert dom.find("body").get("data-visible-rows") == "1"
    dom = dump_dom(page, "?sort=min_clock_hours&dir=desc&changed=1", profile)
    order = [tr.get("data-code") for tr in dom.cssselect("#states tbody tr")]
    hours = [t[c].cells["min_clock_hours"].value for c in order]
    numbers = [h for h in hours if isinstance(h, int)]
    assert numbers == sorted(numbers, reverse=True) and hours[: len(numbers)] == numbers
    visible = {tr.get("data-code") for tr in dom.cssselect("#states tbody tr") if tr.get("hidden") is None}
    assert visible == {code for code, _ in planned_cells(history.db)}
