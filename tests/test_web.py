"""The review desk over a real database: signing in, the queue, a change, decisions, corrections, the API.

The data is real: WA's pages from the two bundled snapshots settled by the pipeline (a 600 -> 720
clock-hours change with its stored pages), plus seeded changes whose scraped text carries a
<script> and an onerror payload. Pages are driven through the framework's test client.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from sqlalchemy import event

import schemas
from tests.tracking import EVIL, seed_changes, settle, snapshot_items
from tracker import corrections, storage
from tracker.cli import cli
from tracker.db import Database
from tracker.diff import values_hash
from tracker.models import Change, ChangeReview, Correction
from tracker.web import accounts
from tracker.web.server import create_app

T0 = datetime(2026, 5, 1, 12, tzinfo=UTC)
T1 = datetime(2026, 11, 1, 12, tzinfo=UTC)
T2 = datetime(2026, 12, 1, 12, tzinfo=UTC)
PASSWORDS = {"ada": "admin-password-1", "rita": "reviewer-password", "vic": "viewer-password"}
ROLES = {"ada": "admin", "rita": "reviewer", "vic": "viewer"}


@dataclass
class Desk:
    settings: Any
    db: Database
    app: Any
    wa_change: int  # WA's real clock-hours change (600 -> 720)
    evil: dict[str, int]  # seeded changes whose scraped text is hostile

    def client(self) -> TestClient:
        return TestClient(self.app, base_url="http://testserver", follow_redirects=False)


def make_desk(settings) -> Desk:
    db = Database(settings.database_url)
    settle(db, "WA", snapshot_items("2026-05-01", "WA"), T0, settings)
    settle(db, "WA", snapshot_items("2026-11-01", "WA"), T1, settings)
    evil = seed_changes(db, evil=True)
    with db.session() as s:
        wa = s.query(Change).filter_by(jurisdiction="WA", field="education.min_clock_hours", run_id=2).one().id
        for name, role in ROLES.items():
            accounts.add_user(s, name, role, PASSWORDS[name])
    return Desk(settings, db, create_app(settings, database=db), wa, evil)


@pytest.fixture
def desk(settings):
    d = make_desk(settings)
    yield d
    d.db.dispose()


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "the page has no CSRF field"
    return found.group(1)


def sign_in(client: TestClient, name: str, password: str | None = None, next: str = "/queue"):
    token = csrf_of(client.get("/login").text)
    return client.post(
        "/login", data={"name": name, "password": password or PASSWORDS[name], "csrf": token, "next": next}
    )


def signed(desk: Desk, name: str) -> TestClient:
    client = desk.client()
    assert sign_in(client, name).status_code == 303
    return client


# --- signing in -------------------------------------------------------------------------------------------------


def test_pages_need_a_signed_in_user_and_the_cookie_is_httponly_samesite(desk):
    client = desk.client()
    answer = client.get("/changes/1")
    assert answer.status_code == 303 and answer.headers["location"] == "/login?next=%2Fchanges%2F1"
    answer = sign_in(client, "rita", next="/changes/1")
    assert answer.status_code == 303 and answer.headers["location"] == "/changes/1"
    cookie = next(v for k, v in answer.headers.multi_items() if k == "set-cookie" and v.startswith("desk_session="))
    assert "httponly" in cookie.lower() and "samesite=lax" in cookie.lower()
    assert client.get("/queue").status_code == 200
    logout = client.post("/logout", data={"csrf": csrf_of(client.get("/queue").text)})
    assert logout.status_code == 303
    assert client.get("/queue").status_code == 303  # signed out


def test_signing_out_revokes_the_session_on_the_server_so_a_copied_cookie_stops_working(desk):
    client = signed(desk, "rita")
    thief = desk.client()
    thief.cookies.set("desk_session", client.cookies["desk_session"])  # a copy of the cookie, taken before
    assert thief.get("/queue").status_code == 200
    assert client.post("/logout", data={"csrf": csrf_of(client.get("/queue").text)}).status_code == 303
    assert thief.get("/queue").status_code == 303  # the copy no longer signs anyone in
    assert thief.get("/queue").headers["location"].startswith("/login")
    assert sign_in(client, "rita").status_code == 303 and client.get("/queue").status_code == 200  # signing in anew


def test_wrong_password_is_refused_and_repeated_failures_lock_the_name(desk):
    client = desk.client()
    for _ in range(accounts.MAX_FAILURES):
        answer = sign_in(client, "rita", "wrong password")
        assert answer.status_code == 401 and "Wrong name or password" in answer.text
    answer = sign_in(client, "rita")  # the right password, but too late
    assert answer.status_code == 401 and "Too many failed sign-ins" in answer.text
    assert sign_in(desk.client(), "vic").status_code == 303  # another name still works


def test_many_failures_from_one_address_lock_it_for_every_name(desk):
    client = desk.client()
    for i in range(accounts.MAX_FAILURES_PER_ADDRESS):
        sign_in(client, f"guess{i}", "wrong password")
    answer = sign_in(client, "vic")
    assert answer.status_code == 401 and "Too many failed sign-ins" in answer.text


def test_sign_in_never_redirects_off_the_site(desk):
    for target in ("//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"):
        answer = sign_in(desk.client(), "vic", next=target)
        assert answer.status_code == 303 and answer.headers["location"] == "/queue", target


def test_a_form_without_its_csrf_token_is_refused(desk):
    client = signed(desk, "rita")
    answer = client.post(f"/changes/{desk.wa_change}/decide", data={"decision": "accept"})
    assert answer.status_code == 403
    answer = client.post(f"/changes/{desk.wa_change}/decide", data={"decision": "accept", "csrf": "forged"})
    assert answer.status_code == 403
    answer = desk.client().post("/login", data={"name": "rita", "password": PASSWORDS["rita"]})
    assert answer.status_code == 403
    with desk.db.session() as s:
        assert s.query(ChangeReview).count() == 0
        assert s.get(Change, desk.wa_change).status == "open"


def test_every_page_carries_a_strict_content_security_policy(desk):
    client = signed(desk, "vic")
    for path in ("/login", "/queue", f"/changes/{desk.wa_change}", "/states/WA", "/runs", "/account"):
        csp = client.get(path).headers["content-security-policy"]
        assert "script-src 'self'" in csp and "style-src 'self'" in csp and "unsafe-inline" not in csp, path
        assert "frame-ancestors 'none'" in csp
    dashboard = client.get("/dashboard")
    assert dashboard.status_code == 200 and "<script>" in dashboard.text and "Washington" in dashboard.text
    csp = dashboard.headers["content-security-policy"]
    assert "script-src 'sha256-" in csp and "unsafe-inline" not in csp  # only its own inline script, by hash


# --- the queue and a change --------------------------------------------------------------------------------------


def test_the_queue_lists_open_changes_newest_first_with_filters_and_counts(desk):
    client = signed(desk, "vic")
    page = client.get("/queue").text
    assert f'href="/changes/{desk.wa_change}"' in page
    assert re.search(r">WA \d+</a>", page) and re.search(r">CA \d+</a>", page)
    ids = [int(x) for x in re.findall(r'<td><a href="/changes/(\d+)">', page)]
    with desk.db.session() as s:
        stamps = [s.get(Change, i).created_at for i in ids]
    assert stamps == sorted(stamps, reverse=True)

    only_ca = client.get("/queue", params={"state": "ca"}).text
    assert f'href="/changes/{desk.evil["ca_text"]}"' in only_ca and f'href="/changes/{desk.wa_change}"' not in only_ca
    tightened = client.get("/queue", params={"direction": "tightened"}).text
    assert (
        f'href="/changes/{desk.wa_change}"' in tightened and f'href="/changes/{desk.evil["ca_text"]}"' not in tightened
    )
    later = client.get("/queue", params={"since": "2099-01-01"}).text
    assert "Nothing here for these filters" in later
    problems = client.get("/queue", params={"tab": "problems"}).text  # engineers' problems in their own tab
    assert (
        f'href="/changes/{desk.evil["ny_fetch"]}"' in problems and f'href="/changes/{desk.wa_change}"' not in problems
    )
    assert client.get("/queue", params={"status": "bogus"}).status_code == 400


def test_a_change_shows_before_after_marked_words_the_source_and_the_page_as_text(desk):
    page = signed(desk, "vic").get(f"/changes/{desk.wa_change}").text
    assert 'id="before">600<' in page and 'id="after">720<' in page
    assert "<mark>600</mark>" in page and "<mark>720</mark>" in page
    assert 'href="/runs/2"' in page
    text = re.search(r'<pre class="page-text" id="page-text">(.*?)</pre>', page, re.S)
    assert text and "720 clock hours" in text.group(1) and "<p>" not in text.group(1)
    assert "deciding needs the reviewer role" in page and 'id="decide"' not in page


def test_a_reviewer_decides_and_the_decision_is_attributed_to_them(desk):
    client = signed(desk, "rita")
    page = client.get(f"/changes/{desk.wa_change}").text
    answer = client.post(
        f"/changes/{desk.wa_change}/decide",
        data={"decision": "needs-legal", "note": "ask counsel", "csrf": csrf_of(page)},
    )
    assert answer.status_code == 303
    page = client.get(f"/changes/{desk.wa_change}").text
    assert 'id="status">needs-legal<' in page and "by rita" in page and "ask counsel" in page
    client.post(f"/changes/{desk.wa_change}/decide", data={"decision": "accept", "csrf": csrf_of(page)})
    with desk.db.session() as s:
        trail = [(r.from_status, r.to_status, r.reviewer, r.note) for r in s.query(ChangeReview).order_by("id")]
    assert trail == [("open", "needs-legal", "rita", "ask counsel"), ("needs-legal", "accepted", "rita", None)]
    assert f'href="/changes/{desk.wa_change}"' not in client.get("/queue").text  # no longer open


def test_a_viewer_gets_403_on_every_write(desk):
    client = signed(desk, "vic")
    token = csrf_of(client.get("/queue").text)
    writes = [
        (f"/changes/{desk.wa_change}/decide", {"decision": "accept"}),
        ("/corrections", {"state": "WA", "field": "education.min_clock_hours", "value": "700"}),
        ("/admin/users", {"name": "mallory", "role": "admin"}),
        ("/admin/users/1", {"action": "disable"}),
    ]
    for path, data in writes:
        assert client.post(path, data={**data, "csrf": token}).status_code == 403, path
    assert client.get("/admin/users").status_code == 403
    with desk.db.session() as s:
        assert s.query(ChangeReview).count() == 0 and s.query(Correction).count() == 0
        assert accounts.get_user(s, "mallory") is None and accounts.get_user(s, "ada").active


def test_errors_are_plain_desk_pages_for_browsers_and_json_under_the_api(desk):
    vic = signed(desk, "vic")
    for path, status, title in [
        ("/changes/999999", 404, "Not found"),
        ("/no/such/page", 404, "Not found"),
        ("/admin/users", 403, "Not allowed"),
        ("/changes/not-a-number", 422, "Not a valid request"),
        ("/queue?page=many", 422, "Not a valid request"),
    ]:
        answer = vic.get(path)
        assert answer.status_code == status, path
        assert answer.headers["content-type"].startswith("text/html"), path
        assert f"<h1>{title}" in answer.text and 'href="/static/desk.css"' in answer.text, path
        assert "vic (viewer)" in answer.text  # the signed-in user keeps the desk's navigation
    assert "change_id" in vic.get("/changes/not-a-number").text  # says what was wrong
    assert "<h1>Not found" in desk.client().get("/no/such/page").text  # signed out too
    api = desk.client()
    for path, status in [("/api/v1/changes/not-a-number", 401), ("/api/v1/nothing", 404), ("/api/v9/x", 404)]:
        answer = api.get(path)
        assert answer.status_code == status and "detail" in answer.json(), path


def test_scraped_markup_is_shown_escaped_and_unsafe_links_are_not_links(desk):
    client = signed(desk, "vic")
    for path in (f"/changes/{desk.evil['ca_text']}", f"/changes/{desk.evil['wa_req']}", "/queue", "/states/CA"):
        page = client.get(path).text
        assert "<script>document" not in page and "<img src=x" not in page, path
    page = client.get(f"/changes/{desk.evil['ca_text']}").text
    assert "&lt;script&gt;document.title=" in page and "&lt;img src=x onerror=" in page
    assert 'href="javascript:' not in page and "not a web address; not linked" in page


# --- corrections -------------------------------------------------------------------------------------------------


def _correct(client: TestClient, value: str, next: str = "/states/WA") -> Any:
    page = client.get("/states/WA").text
    return client.post(
        "/corrections",
        data={
            "state": "WA",
            "field": "education.min_clock_hours",
            "value": value,
            "note": "the rule says 700",
            "citation": "WAC 246-827-0200",
            "next": next,
            "csrf": csrf_of(page),
        },
    )


def _csv_hours(client: TestClient) -> str:
    lines = client.get("/exports/csv").text.splitlines()
    header = lines[0].split(",")
    wa = next(line for line in lines if line.startswith("WA,"))
    import csv

    row = next(csv.reader([wa]))
    return row[header.index(next(h for h in header if "clock" in h.lower()))]


def test_a_correction_is_verified_by_its_reviewer_used_by_exports_and_reopened_when_evidence_changes(desk):
    client = signed(desk, "rita")
    assert _csv_hours(client) == "720"
    assert _correct(client, "700").status_code == 303
    page = client.get("/states/WA").text
    row = re.search(r'id="field-education-min_clock_hours">(.*?)</tr>', page, re.S).group(1)
    assert ">700<" in row and "verified by rita on" in row
    assert _csv_hours(client) == "700"
    exported = client.get("/exports/json").json()
    cell = exported["rows"][[r["jurisdiction"] for r in exported["rows"]].index("WA")]
    assert "700" in json.dumps(cell) and "Verified by rita" in json.dumps(cell)
    assert [e.message for e in schemas.validator("export").iter_errors(exported)] == []
    assert _correct(client, "seven hundred").status_code == 303  # refused, said why
    assert "is not a value for" in client.get("/states/WA").text

    # a run reads the source anew and its evidence for the field changed: the run reopens the correction
    settle(desk.db, "WA", snapshot_items("2026-05-01", "WA"), T2, desk.settings)
    with desk.db.session() as s:
        assert [c.status for c in s.query(Correction).order_by("id")] == ["reopened"]
    assert _csv_hours(client) == "600"
    queue = client.get("/queue").text
    assert "Corrections to check again" in queue and "the source&#39;s evidence for this field changed" in queue


LISTS = {  # list-valued corrections of WA's record, as a reviewer types them (one item a line)
    "credential.national_certifications": "cma\nRMA (AMT)",  # the record reads none
    "citations": "RCW 18.360.050\nregulation: WAC 246-827-0200\nbill: HB 1234 (failed)",  # the first: kind kept
    "tasks.iv.conditions": "direct supervision\ncredential: MA-C\n10 training hours",
}
# a sentence of the source behind each field, and the same sentence reworded: the field's evidence changes
REWORDED = {
    "credential.national_certifications": (
        b"such as CMA (AAMA), RMA (AMT), NCMA (NCCT) or CCMA (NHA), does not",
        b"such as CMA (AAMA) or RMA (AMT), does not",
    ),
    "citations": (
        b"Statutory Authority: RCW 18.360.030 and 18.360.070",
        b"Statutory Authority: RCW 18.360.030, 18.360.060 and 18.360.070",
    ),
    "tasks.iv.conditions": (
        b"the minimum standards the secretary establishes by rule for intravenous",
        b"the minimum standards the secretary sets by rule for intravenous",
    ),
}


def _wa_pages_with(*fields: str) -> list[dict[str, Any]]:
    """WA's pages of the newer snapshot, with the sentences behind these fields reworded."""
    items = snapshot_items("2026-11-01", "WA")
    for name in fields:
        old, new = REWORDED[name]
        assert sum(item["body"].count(old) for item in items) >= 1, name
        items = [{**item, "body": item["body"].replace(old, new)} for item in items]
    return items


def _export_row(client: TestClient, kind: str) -> Any:
    """WA's row of an export: CSV and XLSX as {column: text}, JSON as its row."""
    import csv
    import io

    answer = client.get(f"/exports/{kind}")
    assert answer.status_code == 200, kind
    if kind == "json":
        rows = answer.json()["rows"]
        return rows[[r["jurisdiction"] for r in rows].index("WA")]
    if kind == "csv":
        return next(r for r in csv.DictReader(io.StringIO(answer.text)) if r["jurisdiction"] == "WA")
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(answer.content))  # XLSX: the evidence sheet's WA lines, {field: value}
    lines = [[c.value for c in row] for row in book["Evidence"].iter_rows(min_row=3)]
    return {line[1]: str(line[2]) for line in lines if str(line[0]).startswith("WA") or line[0] == "Washington"}


def test_list_valued_corrections_are_verified_exported_and_reopen_when_their_own_evidence_changes(desk):
    """Citations, national certifications and a task's conditions, corrected on the web, end to end."""
    client = signed(desk, "rita")
    page = client.get("/states/WA").text
    for field in LISTS:  # each has a form of its own, holding the record's items one a line
        form = re.search(rf'name="field" value="{re.escape(field)}">(.*?)</form>', page, re.S)
        assert form and "<textarea" in form.group(1), field
    assert "statute: RCW 18.360.050\n" in page and "credential: MA-C" in page  # what the record reads now
    for field, value in LISTS.items():
        answer = client.post(
            "/corrections",
            data={"state": "WA", "field": field, "value": value, "note": "checked", "csrf": csrf_of(page)},
        )
        assert answer.status_code == 303, field
        assert "verified by you" in client.get("/states/WA").text, field

    page = client.get("/states/WA").text
    today = datetime.now(UTC).strftime("%Y-%m-%d")
    for field, shown in [
        ("credential.national_certifications", "CMA (AAMA), RMA (AMT)"),
        ("citations", "RCW 18.360.050, WAC 246-827-0200, HB 1234"),
        ("tasks.iv.conditions", "MA-C; direct supervision; 10 training hours"),
    ]:
        row = re.search(rf'id="field-{field.replace(".", "-")}">(.*?)</tr>', page, re.S).group(1)
        assert f">{shown}<" in row and f"verified by rita on {today}" in row, (field, row[:300])
        assert "Verified by rita on" in row  # the evidence column names the reviewer first
    with desk.db.session() as s:
        item = s.query(Correction).filter_by(field="citations").one()
        assert item.value == ["statute: RCW 18.360.050", "regulation: WAC 246-827-0200", "bill: HB 1234 (failed)"]
        assert "statute: RCW 18.360.070" in item.extracted_value and item.corrected_by == "rita"

    csv_row = _export_row(client, "csv")
    assert csv_row["national_certifications"].split("; ") == ["CMA (AAMA)", "RMA (AMT)"]
    assert csv_row["citations"].split("; ") == ["RCW 18.360.050", "WAC 246-827-0200", "HB 1234"]
    xlsx_row = _export_row(client, "xlsx")
    assert "10 training hours" in xlsx_row["IV therapy"], xlsx_row
    json_row = _export_row(client, "json")
    iv = json_row["cells"]["task_iv"] if "cells" in json_row else json_row["task_iv"]
    assert iv["value"]["conditions"] == {"credential_types": ["MA-C"], "supervision": "direct", "training_hours": 10}
    assert "Verified by rita" in json.dumps(iv)
    assert "10 training hours" in client.get("/exports/html").text
    record = client.get("/api/v1/records/WA", headers=_token(desk, "vic")).json()["record"]
    assert [c["identifier"] for c in record["citations"]] == ["RCW 18.360.050", "WAC 246-827-0200", "HB 1234"]
    assert record["citations"][2]["status"] == "failed" and record["citations"][0]["status"] == "in-force"
    assert [e.message for e in schemas.validator("requirement-record").iter_errors(record)] == []

    # a run finds the certification sentence reworded: that correction alone reopens, the others hold
    settle(desk.db, "WA", _wa_pages_with("credential.national_certifications"), T2, desk.settings)
    with desk.db.session() as s:
        status = {c.field: c.status for c in s.query(Correction)}
    assert status == {
        "credential.national_certifications": "reopened",
        "citations": "active",
        "tasks.iv.conditions": "active",
    }
    assert _export_row(client, "csv")["national_certifications"] == "none"  # the extracted value again
    assert "Corrections to check again" in client.get("/queue").text
    # then the authority line and the IV standard: the citations and the IV conditions reopen too
    settle(desk.db, "WA", _wa_pages_with(*REWORDED), datetime(2026, 12, 2, 12, tzinfo=UTC), desk.settings)
    with desk.db.session() as s:
        assert {c.status for c in s.query(Correction)} == {"reopened"}
    csv_row = _export_row(client, "csv")
    assert "RCW 18.360.070" in csv_row["citations"] and "HB 1234" not in csv_row["citations"]


def _wa_change(s: Any, field: str, old: Any, new: Any, summary: str, **more: Any) -> int:
    """A requirement change of one of WA's fields, recorded outside a run."""
    return storage.add_change(
        s,
        run_id=None,
        jurisdiction="WA",
        profession="medical-assistant",
        category="requirement",
        field=field,
        kind="changed",
        old_value=old,
        new_value=new,
        summary=summary,
        **more,
    ).id


def test_a_change_of_a_list_field_offers_its_items_one_a_line_and_a_correction_from_it_names_it(desk):
    with desk.db.session() as s:
        old, new = {"credential_types": ["MA-C"]}, {"credential_types": ["MA-C"], "supervision": "direct"}
        change = _wa_change(s, "tasks.iv.conditions", old, new, "IV therapy: conditions changed")
    client = signed(desk, "rita")
    page = client.get(f"/changes/{change}").text
    form = re.search(r'<textarea name="value"[^>]*>(.*?)</textarea>', page, re.S)
    assert form and form.group(1).split("\n") == ["direct supervision", "credential: MA-C"], page[
        page.index("record now reads") :
    ][:300]
    answer = client.post(
        "/corrections",
        data={
            "state": "WA",
            "field": "tasks.iv.conditions",
            "value": form.group(1) + "\nonly in a clinic",
            "change_id": str(change),
            "next": f"/changes/{change}",
            "csrf": csrf_of(page),
        },
    )
    assert answer.headers["location"] == f"/changes/{change}"
    with desk.db.session() as s:
        item = s.query(Correction).one()
        assert (item.change_id, item.corrected_by) == (change, "rita")
        assert item.value == {"credential_types": ["MA-C"], "other": ["only in a clinic"], "supervision": "direct"}
    shown = client.get(f"/changes/{change}").text
    assert "credential types MA-C; other only in a clinic; supervision direct by rita" in shown


def test_a_list_correction_that_cannot_be_read_is_refused_with_the_reason(desk):
    client = signed(desk, "rita")
    for field, value, reason in [
        ("credential.national_certifications", "CPR card", "is not a national certification; use CMA (AAMA)"),
        ("citations", "HB 9999", "Say what kind of citation &#39;HB 9999&#39; is"),
    ]:
        page = client.get("/states/WA").text
        client.post("/corrections", data={"state": "WA", "field": field, "value": value, "csrf": csrf_of(page)})
        assert reason in client.get("/states/WA").text, field
    with desk.db.session() as s:
        assert s.query(Correction).count() == 0
    reviewer = _token(desk, "rita")
    body = {"jurisdiction": "WA", "field": "credential.national_certifications", "value": ["NCMA", "CCMA (NHA)"]}
    answer = desk.client().post("/api/v1/corrections", json=body, headers=reviewer)
    assert answer.status_code == 201 and answer.json()["value"] == ["NCMA (NCCT)", "CCMA (NHA)"]
    body = {"jurisdiction": "WA", "field": "citations", "value": ["HB 9999"]}
    answer = desk.client().post("/api/v1/corrections", json=body, headers=reviewer)
    assert answer.status_code == 400 and "Say what kind of citation" in answer.json()["detail"]


def test_licensure_show_and_the_change_report_show_a_reviewers_correction(desk):
    client = signed(desk, "rita")
    assert _correct(client, "700").status_code == 303
    url, runner = desk.settings.database_url, CliRunner(env={"COLUMNS": "300"})
    shown = runner.invoke(cli, ["show", "WA", "--db", url])
    assert shown.exit_code == 0, shown.output
    row = next(line for line in shown.output.splitlines() if "min clock hours" in line)
    assert "700 — verified by rita on" in row and "(extracted: 720)" in row
    assert "Verified by rita" in shown.output  # the evidence line names the reviewer, the note and the citation
    as_json = json.loads(runner.invoke(cli, ["show", "WA", "--json", "--db", url]).output)
    assert as_json["education"]["min_clock_hours"]["value"] == 700
    for fmt in ("md", "html"):
        report = runner.invoke(cli, ["report", "--state", "WA", "--format", fmt, "--db", url])
        assert report.exit_code == 0, report.output
        assert "verified by rita on" in report.output and "700" in report.output, fmt
        assert "extracted: 720" in report.output and "WAC 246-827-0200" in report.output, fmt


def test_opening_pages_writes_nothing_to_the_database(desk):
    """GET never writes: a correction whose evidence changed outside a run stays as it is until a run settles."""
    client = signed(desk, "rita")
    assert _correct(client, "700").status_code == 303
    with desk.db.session() as s:
        current = storage.current_version(s, "WA", "medical-assistant")
        record = json.loads(json.dumps(current.record))
        record["education"]["min_clock_hours"]["evidence"][0]["excerpt"] = "At least 720 hours, as amended."
        storage.append_version(s, None, "WA", "medical-assistant", record, values_hash(record))
    writes: list[str] = []

    def spy(conn, cursor, statement, *args):
        if statement.lstrip().split(None, 1)[0].upper() in ("INSERT", "UPDATE", "DELETE"):
            writes.append(statement)

    event.listen(desk.db.engine, "before_cursor_execute", spy)
    try:
        pages = ["/queue", "/queue?status=any", "/states/WA", "/states", f"/changes/{desk.wa_change}", "/runs"]
        for path in [*pages, "/exports/csv", "/dashboard", "/account"]:
            assert client.get(path).status_code == 200, path
    finally:
        event.remove(desk.db.engine, "before_cursor_execute", spy)
    assert writes == []
    assert _csv_hours(client) == "720"  # the correction no longer holds, so it is not applied...
    with desk.db.session() as s:  # ...but only a run's settlement reopens it
        assert [c.status for c in s.query(Correction)] == ["active"]


def test_a_correction_made_from_a_change_page_returns_there_and_names_the_change(desk):
    client = signed(desk, "rita")
    page = client.get(f"/changes/{desk.wa_change}").text
    assert "Correct the value" in page
    answer = client.post(
        "/corrections",
        data={
            "state": "WA",
            "field": "education.min_clock_hours",
            "value": "720",
            "change_id": str(desk.wa_change),
            "next": f"/changes/{desk.wa_change}",
            "csrf": csrf_of(page),
        },
    )
    assert answer.headers["location"] == f"/changes/{desk.wa_change}"
    with desk.db.session() as s:
        item = s.query(Correction).one()
        assert (item.change_id, item.corrected_by, item.value, item.status) == (desk.wa_change, "rita", 720, "active")
        assert corrections.in_force(
            s, "WA", "medical-assistant", storage.current_version(s, "WA", "medical-assistant").record
        )


def test_the_state_page_shows_evidence_history_and_the_record_as_of_a_date(desk):
    client = signed(desk, "vic")
    now = client.get("/states/WA").text
    assert "Version 2" in now and "720" in now and 'id="timeline"' in now
    before = client.get("/states/WA", params={"as_of": "2026-06-01"}).text
    assert "Version 1" in before
    row = re.search(r'id="field-education-min_clock_hours">(.*?)</tr>', before, re.S).group(1)
    assert ">600<" in row
    assert "No record on 2026-01-01" in client.get("/states/WA", params={"as_of": "2026-01-01"}).text


# --- admins ------------------------------------------------------------------------------------------------------


def test_an_admin_adds_and_disables_users_and_a_disabled_users_session_ends(desk):
    vic = signed(desk, "vic")
    admin = signed(desk, "ada")
    page = admin.get("/admin/users").text
    admin.post("/admin/users", data={"name": "nina", "role": "reviewer", "csrf": csrf_of(page)})
    page = admin.get("/admin/users").text
    password = re.search(r'<code id="one-time">([^<]+)</code>', page).group(1)
    assert sign_in(desk.client(), "nina", password).status_code == 303
    assert "one-time" not in admin.get("/admin/users").text  # shown once

    with desk.db.session() as s:
        vic_id = accounts.get_user(s, "vic").id
    admin.post(f"/admin/users/{vic_id}", data={"action": "disable", "csrf": csrf_of(page)})
    assert vic.get("/queue").status_code == 303  # the open session no longer works
    assert sign_in(desk.client(), "vic").status_code == 401


# --- the REST API ------------------------------------------------------------------------------------------------


def _token(desk: Desk, name: str) -> dict[str, str]:
    with desk.db.session() as s:
        _, token = accounts.create_token(s, accounts.get_user(s, name), "test")
    return {"Authorization": f"Bearer {token}"}


def test_the_api_needs_a_token_and_keeps_the_roles(desk):
    client = desk.client()
    assert client.get("/api/v1/changes").status_code == 401
    assert client.get("/api/v1/changes", headers={"Authorization": "Bearer lt_nope"}).status_code == 401
    viewer, reviewer = _token(desk, "vic"), _token(desk, "rita")
    listed = client.get("/api/v1/changes", params={"state": "WA", "status": "open"}, headers=viewer).json()
    assert desk.wa_change in [c["id"] for c in listed["changes"]]
    url = f"/api/v1/changes/{desk.wa_change}/decisions"
    assert client.post(url, json={"decision": "accepted"}, headers=viewer).status_code == 403
    answer = client.post(url, json={"decision": "accepted", "note": "from the API"}, headers=reviewer)
    assert answer.status_code == 201 and answer.json()["reviews"][0]["by"] == "rita"
    assert client.post(url, json={"decision": "accepted"}, headers=reviewer).status_code == 409
    fix = {"jurisdiction": "WA", "field": "education.min_clock_hours", "value": 700}
    assert client.post("/api/v1/corrections", json=fix, headers=viewer).status_code == 403
    assert client.post("/api/v1/corrections", json=fix, headers=reviewer).status_code == 201
    record = client.get("/api/v1/records/WA", headers=viewer).json()
    assert record["record"]["education"]["min_clock_hours"]["value"] == 700
    old = client.get("/api/v1/records/WA", params={"as_of": "2026-06-01"}, headers=viewer).json()
    assert old["version"] == 1 and old["record"]["education"]["min_clock_hours"]["value"] == 600
    spec = client.get("/api/v1/openapi.json").json()
    assert {"/changes", "/records/{code}", "/corrections", "/exports/{kind}", "/runs"} <= set(spec["paths"])


def test_the_api_json_export_is_what_the_command_line_writes(desk, tmp_path):
    viewer = _token(desk, "vic")
    api = desk.client().get("/api/v1/exports/json", headers=viewer).json()
    out = tmp_path / "t.json"
    result = CliRunner().invoke(cli, ["export", "-o", str(out), "--format", "json", "--db", desk.settings.database_url])
    assert result.exit_code == 0, result.output
    assert api == json.loads(out.read_text())


def test_a_revoked_token_or_a_disabled_users_token_is_refused(desk):
    headers = _token(desk, "vic")
    client = desk.client()
    assert client.get("/api/v1/runs", headers=headers).status_code == 200
    with desk.db.session() as s:
        accounts.set_active(s, accounts.get_user(s, "vic"), False)
    assert client.get("/api/v1/runs", headers=headers).status_code == 401


# --- the command line --------------------------------------------------------------------------------------------


def test_users_and_tokens_commands(sqlite_settings):
    url = sqlite_settings.database_url
    runner = CliRunner()
    added = runner.invoke(cli, ["users", "add", "Ann Lee", "--role", "admin", "--db", url])
    assert added.exit_code == 0, added.output
    password = re.search(r"One-time password: (\S+)", added.output).group(1)
    with Database(url) as db, db.session() as s:
        assert accounts.authenticate(s, "ann lee", password).role == "admin"
    again = runner.invoke(cli, ["users", "add", "Ann Lee", "--db", url])
    assert again.exit_code == 1 and "already a user" in again.output
    prompted = runner.invoke(
        cli,
        ["users", "add", "Bo", "--role", "viewer", "--password-prompt", "--db", url],
        input="bo-password-1\nbo-password-1\n",
    )
    assert prompted.exit_code == 0 and "One-time" not in prompted.output
    listed = runner.invoke(cli, ["users", "list", "--json", "--db", url])
    assert [u["name"] for u in json.loads(listed.output)] == ["Ann Lee", "Bo"]
    token = runner.invoke(cli, ["tokens", "add", "Bo", "--name", "script", "--db", url])
    assert token.exit_code == 0 and "lt_" in token.output
    assert runner.invoke(cli, ["tokens", "revoke", "1", "--db", url]).exit_code == 0
    assert json.loads(runner.invoke(cli, ["tokens", "list", "--json", "--db", url]).output)[0]["revoked_at"]
    last = runner.invoke(cli, ["users", "disable", "Ann Lee", "--db", url])
    assert last.exit_code == 1 and "only active admin" in last.output
    assert EVIL  # the hostile payload the fixtures seed is the shared one


def test_admins_see_jobs_and_channels_with_their_secrets_hidden(desk):
    from dataclasses import replace

    secret = "hunter2-s3cret"
    settings = replace(desk.settings, alert_urls=(f"json://alerts:{secret}@127.0.0.1:9/hook",))
    app = create_app(settings, database=desk.db)
    admin = TestClient(app, base_url="http://testserver", follow_redirects=False)
    assert sign_in(admin, "ada").status_code == 303
    page = admin.get("/admin/jobs").text
    assert 'id="jobs"' in page and "daily" in page and "127.0.0.1" in page and secret not in page
    for path in ("/runs", "/runs/2", "/queue", "/states/WA", "/admin/users"):
        assert secret not in admin.get(path).text, path
    viewer = TestClient(app, base_url="http://testserver", follow_redirects=False)
    sign_in(viewer, "vic")
    assert viewer.get("/admin/jobs").status_code == 403


def test_a_change_of_a_field_already_decided_links_back_to_the_earlier_decision(desk):
    with desk.db.session() as s:
        from tracker import review

        review.review(s, desk.wa_change, "accepted", "rita")
        summary = "Minimum program clock hours: 720 → 800 (tightened)"
        again = _wa_change(s, "education.min_clock_hours", 720, 800, summary, supersedes_id=desk.wa_change)
    client = signed(desk, "vic")
    page = client.get(f"/changes/{again}").text
    assert f'href="/changes/{desk.wa_change}"' in page and "open for review once more" in page
    assert f'href="/changes/{again}"' in client.get(f"/changes/{desk.wa_change}").text
    assert f'href="/changes/{again}"' in client.get("/queue").text


def test_changing_the_password_signs_out_the_other_sessions(desk):
    here, elsewhere = signed(desk, "rita"), signed(desk, "rita")
    page = here.get("/account").text
    answer = here.post(
        "/account/password", data={"current": PASSWORDS["rita"], "new": "a-new-password-2", "csrf": csrf_of(page)}
    )
    assert answer.status_code == 303 and "Your password is changed" in here.get("/account").text
    assert elsewhere.get("/queue").status_code == 303  # signed out
    assert sign_in(desk.client(), "rita", "a-new-password-2").status_code == 303


def test_licensure_serve_runs_the_desk_over_the_configured_database(sqlite_settings):
    import subprocess
    import sys
    import time
    import urllib.request

    from tests.tracking import free_port

    port = free_port()
    url = sqlite_settings.database_url
    command = [sys.executable, "-m", "tracker", "serve", "--port", str(port), "--db", url]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=2) as answer:
                    page, headers = answer.read().decode(), answer.headers
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "licensure serve did not start"
                time.sleep(0.3)
        assert 'name="csrf"' in page and "script-src 'self'" in headers["content-security-policy"]
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0]
    assert "No users yet" in output and "licensure users add" in output
