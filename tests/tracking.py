"""Helpers for the change-tracking tests: real loopback servers (SMTP, webhook) and real runs without a crawl.

Nothing here stands in for the project's code: changes go through
`storage` and `settle_jurisdiction`, alerts through Apprise to servers
listening on 127.0.0.1.
"""

from __future__ import annotations

import json
import socket
import threading
from dataclasses import dataclass, field
from datetime import datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from tracker import registry, storage
from tracker.config import Settings
from tracker.db import Database
from tracker.settlement import settle_jurisdiction

REPO = Path(__file__).resolve().parent.parent
SNAPSHOTS = REPO / "scrapers" / "snapshots"

EVIL = (
    '<script>document.title="PWNED";document.body.setAttribute("data-pwned","1")</script>'
    "<img src=x onerror=\"document.title='PWNED'\"><b>bold</b>"
)
EVIL_URL = "javascript:document.title='PWNED'"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- SMTP ---------------------------------------------------------------------------


class SmtpServer:
    """aiosmtpd on loopback, with a login (so the URL carries a password), collecting every message."""

    user, password = "tracker", "s3cret-Smtp-Pa55"

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult

        self.messages: list[EmailMessage] = []
        self.port = free_port()
        outer = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                outer.messages.append(message_from_bytes(envelope.content, policy=policy.default))
                return "250 OK"

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = auth_data.login.decode() == outer.user and auth_data.password.decode() == outer.password
            return AuthResult(success=ok)

        self.controller = Controller(
            Handler(), hostname="127.0.0.1", port=self.port, authenticator=authenticator, auth_require_tls=False
        )

    @property
    def url(self) -> str:
        return (
            f"mailto://{self.user}:{self.password}@127.0.0.1:{self.port}"
            "?from=tracker@example.org&to=compliance@example.org"
        )

    def __enter__(self) -> SmtpServer:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()

    @staticmethod
    def html(msg: EmailMessage) -> str:
        part = msg.get_body(preferencelist=("html",))
        assert part is not None, "the email has no HTML part"
        return part.get_content()


# --- webhook --------------------------------------------------------------------------


@dataclass
class Webhook:
    """A loopback HTTP receiver for Apprise json:// posts; can refuse the next N posts with HTTP 500."""

    token: str = "hook-T0ken-9f8e7d"
    posts: list[dict[str, Any]] = field(default_factory=list)
    refusals: list[dict[str, Any]] = field(default_factory=list)
    fail_next: int = 0

    def __post_init__(self) -> None:
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                record = {"path": self.path, "headers": dict(self.headers), "json": json.loads(body or b"{}")}
                if outer.fail_next > 0:
                    outer.fail_next -= 1
                    outer.refusals.append(record)
                    self.send_response(500)
                else:
                    outer.posts.append(record)
                    self.send_response(200)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str = "hook") -> str:
        return f"json://alerts:{self.token}@127.0.0.1:{self.server.server_port}/{path}?token={self.token}"

    def __enter__(self) -> Webhook:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


# --- changes and runs -------------------------------------------------------------------


def add(session: Any, run_id: int | None, code: str, category: str, field_name: str, summary: str, **values: Any):
    audience = "health" if category in ("fetch", "extraction") else "compliance"
    base: dict[str, Any] = {
        "run_id": run_id,
        "jurisdiction": code,
        "profession": "medical-assistant",
        "category": category,
        "field": field_name,
        "kind": "changed",
        "direction": None,
        "old_value": None,
        "new_value": None,
        "evidence_before": [],
        "evidence_after": [],
        "source_url": None,
        "content_hash": None,
        "summary": summary,
        "audience": audience,
    }
    base.update(values)
    return storage.add_change(session, **base)


def seed_changes(db: Database, evil: bool = False) -> dict[str, int]:
    """One run's worth of changes in three jurisdictions, inserted in an order that sorting must fix."""
    extra = f" {EVIL}" if evil else ""
    with db.session() as s:
        run = storage.start_run(s, "manual", ["CA", "NY", "WA"])
        ids = {}
        ids["ca_text"] = add(
            s,
            run.id,
            "CA",
            "text",
            "sources.ca-faq",
            "Source ca-faq: the page's wording changed" + extra,
            old_value="sha256:" + "1" * 64,
            new_value="sha256:" + "2" * 64,
            evidence_before=[{"source_id": "ca-faq", "excerpt": "Medical assistants are unlicensed."}],
            evidence_after=[{"source_id": "ca-faq", "excerpt": "Medical assistants hold no license." + extra}],
            source_url=EVIL_URL if evil else "https://www.mbc.ca.gov/FAQs/",
        ).id
        ids["ny_fetch"] = add(
            s,
            run.id,
            "NY",
            "fetch",
            "sources.ny-op",
            "Source problem: the site answered HTTP 503",
            kind="problem",
            new_value="the site answered HTTP 503",
            source_url="https://www.op.nysed.gov/x",
        ).id
        ids["wa_text"] = add(
            s,
            run.id,
            "WA",
            "text",
            "sources.wa-doh",
            "Source wa-doh: the page's wording changed",
            source_url="https://doh.wa.gov/ma",
        ).id
        ids["wa_req"] = add(
            s,
            run.id,
            "WA",
            "requirement",
            "education.min_clock_hours",
            "Minimum program clock hours: 600 → 720 (tightened)" + extra,
            old_value=600,
            new_value=720,
            direction="tightened",
            evidence_before=[
                {
                    "source_id": "wa-wac",
                    "excerpt": "The program must consist of at least 600 clock hours of instruction.",
                }
            ],
            evidence_after=[
                {
                    "source_id": "wa-wac",
                    "excerpt": "The program must consist of at least 720 clock hours of instruction." + extra,
                }
            ],
            source_url="https://app.leg.wa.gov/WAC/default.aspx?cite=246-827-0200",
            content_hash="sha256:" + "c" * 64,
        ).id
    return ids


def snapshot_items(snapshot: str, code: str) -> list[dict[str, Any]]:
    """Fetch items for one jurisdiction's pages in a bundled snapshot (its base snapshot's pages included)."""
    from tests.faults.runs import snapshot_pages

    return snapshot_pages(snapshot, code)


def settle(db: Database, code: str, items: list[dict[str, Any]], now: datetime, settings: Settings):
    """One run of one jurisdiction over the given fetch results: the pipeline after the crawl."""
    with db.session() as s:
        run = storage.start_run(s, "manual", [code])
        for item in items:
            storage.store_fetch(s, run.id, {**item, "fetched_at": now})
        outcome = settle_jurisdiction(s, run.id, registry.get(code), now=now, settings=settings)
        storage.finish_run(s, run.id, "succeeded")
    return outcome
