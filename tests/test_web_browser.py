"""The review desk in real headless Chromium (Playwright driving Debian's `chromium`), served by uvicorn.

As a user: sign in, filter the queue, open a change, accept it, correct a value, see it in the export.
As an attacker: a viewer cannot decide, a form posted from another page without the CSRF token is
refused, scraped <script> and onerror payloads show as text and never run, the policy is in force,
and guessing passwords gets locked out.

Set LICENSURE_DESK_SCREENSHOTS=DIR to also save the queue and a change page as PNGs (docs/ holds them).
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.test_web import PASSWORDS, Desk, make_desk
from tests.tracking import free_port
from tracker.models import Change, ChangeReview
from tracker.web import accounts

LOU = "lou-password-1"  # a viewer only the lockout test signs in as
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (apt-get install -y chromium; .ci/run installs it)"
)
playwright_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")


class LiveDesk:
    """The desk's app served by uvicorn on a loopback port, in a thread."""

    def __init__(self, desk: Desk) -> None:
        import uvicorn

        self.desk = desk
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(desk.app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveDesk:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            assert time.monotonic() < deadline, "the desk did not start"
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def live(module_settings) -> Iterator[LiveDesk]:
    """One desk per database (SQLite, and PostgreSQL when configured) for the module's tests: each test leaves
    what it asserts on others untouched (the flows decide and correct only WA's clock hours, the lockout
    guesses only lou's password)."""
    desk = make_desk(module_settings)
    with desk.db.session() as s:
        accounts.add_user(s, "lou", "viewer", LOU)
    with LiveDesk(desk) as server:
        yield server
    desk.db.dispose()


def untouched(desk: Desk, change_id: int) -> tuple[str, int]:
    """A change's status and the length of its trail, to show a refused request changed neither."""
    with desk.db.session() as s:
        trail = s.query(ChangeReview).filter_by(change_id=change_id).count()
        return s.get(Change, change_id).status, trail


@pytest.fixture
def page(browser, live):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.errors = errors
    yield tab
    context.close()


def sign_in(page, live: LiveDesk, name: str, password: str | None = None) -> None:
    page.goto(f"{live.url}/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", password or PASSWORDS[name])
    page.click("button[type=submit]")


SCREENSHOTS = os.environ.get("LICENSURE_DESK_SCREENSHOTS")
SHOWN = ("WA", "CA", "NY", "TX", "OR", "FL", "CO", "AZ")  # states whose two snapshots the screenshots show


def test_a_reviewer_filters_opens_accepts_corrects_and_sees_it_in_the_export(page, live):
    sign_in(page, live, "rita")
    assert page.url.endswith("/queue")
    page.fill("input[name=state]", "WA")
    page.click("#filters button[type=submit]")
    rows = page.locator("#queue tbody tr")
    assert rows.count() >= 1 and all(r.startswith("#") for r in rows.locator("td:first-child").all_inner_texts())
    assert set(rows.locator("td:nth-child(2)").all_inner_texts()) == {"WA"}

    page.click(f"a[href='/changes/{live.desk.wa_change}'].summary")
    assert page.inner_text("#before") == "600" and page.inner_text("#after") == "720"
    assert page.locator("td.after mark", has_text="720").count() >= 1
    page.fill("#decide textarea[name=note]", "new rule from 1 January")
    page.click("#decide button[value=accept]")
    assert page.inner_text("#status") == "accepted"
    assert "rita" in page.inner_text("#trail") and "new rule from 1 January" in page.inner_text("#trail")

    page.goto(f"{live.url}/states/WA")
    row = page.locator("#field-education-min_clock_hours")
    row.locator("summary").click()
    row.locator("input[name=value]").fill("700")
    row.locator("input[name=citation]").fill("WAC 246-827-0200")
    row.locator("button[type=submit]").click()
    assert "verified by rita" in page.locator("#field-education-min_clock_hours").inner_text()
    row = page.locator("#field-credential-national_certifications")  # a list: one item a line
    row.locator("summary").click()
    row.locator("textarea[name=value]").fill("CMA (AAMA)\nRMA (AMT)")
    row.locator("button[type=submit]").click()
    row = page.locator("#field-credential-national_certifications")
    assert "CMA (AAMA), RMA (AMT)" in row.inner_text() and "verified by rita" in row.inner_text()
    csv_text = page.context.request.get(f"{live.url}/exports/csv").text()
    wa = next(line for line in csv_text.splitlines() if line.startswith("WA,"))
    assert ",700," in wa and ",CMA (AAMA); RMA (AMT)," in wa
    assert page.errors == []


def test_a_viewer_sees_no_decision_buttons_and_a_forced_post_is_refused(page, live):
    target = live.desk.evil["wa_text"]  # open, and no test decides it
    before = untouched(live.desk, target)
    assert before == ("open", 0)
    sign_in(page, live, "vic")
    page.goto(f"{live.url}/changes/{target}")
    assert page.locator("#decide").count() == 0 and "deciding needs the reviewer role" in page.content()
    token = page.locator("input[name=csrf]").first.get_attribute("value")
    answer = page.context.request.post(
        f"{live.url}/changes/{target}/decide", form={"decision": "accept", "csrf": token}
    )
    assert answer.status == 403
    assert untouched(live.desk, target) == before


def _attacker_site(target: str) -> tuple[ThreadingHTTPServer, str]:
    """Another site on loopback whose page posts a decision to the desk as soon as it loads."""
    html = (
        f'<form id="f" method="post" action="{target}"><input name="decision" value="accept"></form>'
        '<script>document.getElementById("f").submit()</script>'
    ).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("content-type", "text/html")
            self.end_headers()
            self.wfile.write(html)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def test_a_form_posted_from_another_page_without_the_csrf_token_is_refused(page, live):
    target = live.desk.evil["wa_text"]
    before = untouched(live.desk, target)
    assert before == ("open", 0)
    sign_in(page, live, "rita")  # signed in: the browser holds the desk's session cookie
    server, url = _attacker_site(f"{live.url}/changes/{target}/decide")
    try:
        with page.expect_response(lambda r: r.url.endswith("/decide")) as answer:
            page.goto(url)
        assert answer.value.status == 403
    finally:
        server.shutdown()
    assert untouched(live.desk, target) == before


def test_scraped_script_and_onerror_payloads_show_as_text_and_never_run(page, live):
    sign_in(page, live, "vic")
    evil = live.desk.evil
    for path in (f"/changes/{evil['ca_text']}", f"/changes/{evil['wa_req']}", "/queue", "/states/CA"):
        answer = page.goto(f"{live.url}{path}")
        csp = answer.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        page.wait_for_load_state("load")
        assert page.title() != "PWNED" and page.get_attribute("body", "data-pwned") is None, path
        assert page.locator("main script, main img").count() == 0, path
    page.goto(f"{live.url}/changes/{live.desk.evil['ca_text']}")
    assert "<script>document.title" in page.inner_text("#evidence")
    assert page.locator("a[href^='javascript:']").count() == 0
    page.goto(f"{live.url}/dashboard")  # the live dashboard's own script runs (allowed by its hash)
    page.wait_for_selector("body[data-rendered='1']")
    assert page.title() != "PWNED"
    assert page.errors == []


def test_repeated_wrong_passwords_lock_the_sign_in(page, live):
    for _ in range(accounts.MAX_FAILURES):
        sign_in(page, live, "lou", "not the password")
        assert "Wrong name or password" in page.inner_text("main")
    sign_in(page, live, "lou", LOU)
    assert page.url.endswith("/login") and "Too many failed sign-ins" in page.inner_text("main")


@pytest.mark.skipif(not SCREENSHOTS, reason="set LICENSURE_DESK_SCREENSHOTS=DIR to save the README's screenshots")
def test_screenshots_of_the_queue_and_a_change(browser, sqlite_settings):
    from tests.test_web import ROLES, T0, T1
    from tests.tracking import settle, snapshot_items
    from tracker.db import Database
    from tracker.web.server import create_app

    db = Database(sqlite_settings.database_url)
    for moment, snapshot in ((T0, "2026-05-01"), (T1, "2026-11-01")):
        for code in SHOWN:
            settle(db, code, snapshot_items(snapshot, code), moment, sqlite_settings)
    with db.session() as s:
        accounts.add_user(s, "rita", ROLES["rita"], PASSWORDS["rita"])
        wa = s.query(Change).filter_by(jurisdiction="WA", field="education.min_clock_hours").one().id
    desk = Desk(sqlite_settings, db, create_app(sqlite_settings, database=db), wa, {})
    folder = Path(SCREENSHOTS or ".")
    folder.mkdir(parents=True, exist_ok=True)
    with LiveDesk(desk) as live:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        sign_in(page, live, "rita")
        page.screenshot(path=str(folder / "desk-queue.png"))
        page.goto(f"{live.url}/changes/{wa}")
        page.screenshot(path=str(folder / "desk-change.png"))
        page.close()
    db.dispose()
