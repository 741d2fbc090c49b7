"""What the desk's pages share: the templates, the security headers, sessions, CSRF and the signed-in user.

The application itself is put together in tracker/web/server.py (`create_app`). Security, in one place:
- sessions live in a signed cookie (itsdangerous, via Starlette's SessionMiddleware): HttpOnly,
  SameSite=Lax, Secure when `secure_cookies` is set (behind TLS), 8 hours;
- every state-changing page request is a POST carrying the session's CSRF token (`require_csrf`);
- every answer carries a Content-Security-Policy that allows only the app's own scripts and styles
  (no inline script or style), plus nosniff, no framing and a same-origin referrer;
- redirects after sign-in only go to a path of this site (`safe_next`).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlencode

import jinja2
from fastapi import HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tracker.config import Settings
from tracker.db import Database
from tracker.diff import label, show
from tracker.models import User
from tracker.textsafe import safe_href
from tracker.web import accounts, queries

HERE = Path(__file__).parent
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; connect-src 'self'"
)
SESSION_HOURS = 8


@dataclass
class Desk:
    """What every route needs: the settings, the database and the templates."""

    settings: Settings
    db: Database
    templates: jinja2.Environment


class SecurityHeaders:
    """Adds the security headers to every answer (a route may set a stricter or hashed CSP of its own)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                extra = {
                    b"content-security-policy": CSP.encode(),
                    b"x-content-type-options": b"nosniff",
                    b"x-frame-options": b"DENY",
                    b"referrer-policy": b"same-origin",
                    b"cross-origin-opener-policy": b"same-origin",
                }
                headers += [(k, v) for k, v in extra.items() if k not in names]
                if not scope["path"].startswith("/static/"):
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every template, whatever its name: scraped text is always escaped
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(show=_show, label=label, safe_href=safe_href, when=_when, day=_day)
    env.globals.update(urlencode=urlencode)
    return env


def _show(value: Any) -> str:
    """A value as a reader would write it; a dict's keys in one order (PostgreSQL keeps JSON keys in its own)."""
    return show(dict(sorted(value.items())) if isinstance(value, dict) else value)


def _when(moment: Any) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "never"


def _day(moment: Any) -> str:
    return moment.strftime("%Y-%m-%d") if moment else ""


def desk(request: Request) -> Desk:
    return request.app.state.desk


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = secrets.token_urlsafe(32)
    return token


async def require_csrf(request: Request) -> dict[str, str]:
    """The posted form, if it carries this session's CSRF token; 403 otherwise."""
    form = await request.form()
    sent = form.get("csrf")
    expected = request.session.get("csrf")
    if not expected or not isinstance(sent, str) or not secrets.compare_digest(sent, expected):
        raise HTTPException(403, "This form has expired or did not come from the desk; reload the page and retry.")
    return {k: v for k, v in form.items() if isinstance(v, str)}


def safe_next(target: str | None) -> str:
    """A path on this site to go to after signing in; anything else (another host, a scheme) goes to the queue."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/queue"
    if any(ch in target for ch in "\r\n") or target.startswith("/api/"):
        return "/queue"
    return target


class LoginRequired(Exception):
    def __init__(self, path: str) -> None:
        self.path = path


def current_user(request: Request) -> User | None:
    """The user this request's session signs in (active, session not revoked), or None; never raises."""
    uid = request.session.get("uid")
    if not isinstance(uid, int):
        return None
    with desk(request).db.session() as s:
        user = s.get(User, uid)
    if user is None or not user.active or request.session.get("pw") != accounts.session_stamp(user):
        return None  # disabled, signed out, or the password changed since this session signed in
    return user


def signed_in(request: Request, role: str = "viewer") -> User:
    """The signed-in, active user holding `role`; no one signed in goes to the sign-in page, too low a role is 403."""
    user = current_user(request)
    if user is None:
        request.session.pop("uid", None)
        raise LoginRequired(request.url.path + (f"?{request.url.query}" if request.url.query else ""))
    if not accounts.can(user, role):
        raise HTTPException(403, f"This needs the {role} role; you are a {user.role}.")
    return user


def render(request: Request, name: str, user: User | None, status_code: int = 200, **context: Any) -> HTMLResponse:
    template = desk(request).templates.get_template(name)
    context.setdefault("flash", request.session.pop("flash", None))  # a message left by the last POST, shown once
    html = template.render(request=request, user=user, csrf=csrf_token(request), can=accounts.can, **context)
    return HTMLResponse(html, status_code=status_code)


def filters_from_query(default_status: str) -> Callable[..., queries.Filters]:
    """A dependency reading the queue's filters from the query string (the queue page's and the API's alike);
    the route checks them with `checked_filters` once it knows who asks."""

    def read(
        tab: Literal["compliance", "problems"] = "compliance",
        state: str = "",
        category: str = "",
        direction: str = "",
        status: str = default_status,
        since: str = "",
        until: str = "",
        page: int = Query(1, ge=1, le=100_000),
    ) -> queries.Filters:
        return queries.Filters(tab, state, category, direction, status, since, until, page)

    return read


def checked_filters(filters: queries.Filters) -> queries.Filters:
    """The queue's filters, checked: a wrong one is a 400 that names it."""
    try:
        return filters.check()
    except queries.FilterError as exc:
        raise HTTPException(400, str(exc)) from None
