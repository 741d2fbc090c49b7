"""The review desk's application: the pages (tracker/web/pages.py) and the REST API under /api/v1.

app = create_app(settings)          # what `licensure serve` runs with uvicorn
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.middleware.sessions import SessionMiddleware

from tracker.config import Settings
from tracker.db import Database
from tracker.web import accounts, api, pages
from tracker.web.app import (
    HERE,
    SESSION_HOURS,
    Desk,
    LoginRequired,
    SecurityHeaders,
    current_user,
    environment,
    render,
    safe_next,
)


def create_app(settings: Settings, secure_cookies: bool = False, database: Database | None = None) -> FastAPI:
    """The desk over this settings' database (upgraded to the newest schema)."""
    db = database or Database(settings.database_url)
    with db.session() as s:
        secret = accounts.session_secret(s)
    app = FastAPI(title="licensure-tracker review desk", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.desk = Desk(settings, db, environment())
    app.add_middleware(
        SessionMiddleware,
        secret_key=secret,
        session_cookie="desk_session",
        max_age=SESSION_HOURS * 3600,
        same_site="lax",
        https_only=secure_cookies,
    )
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(pages.router)
    app.mount("/api/v1", api.create_api(app.state.desk))

    @app.exception_handler(LoginRequired)
    async def to_login(request: Request, exc: LoginRequired) -> Response:
        return RedirectResponse("/login?" + urlencode({"next": safe_next(exc.path)}), status_code=303)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return error_page(request, exc.status_code, str(exc.detail), exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        return error_page(request, 422, invalid_text(exc))

    return app


ERROR_TITLES = {400: "Not a valid request", 401: "Not signed in", 403: "Not allowed", 404: "Not found"}
ERROR_TITLES |= {405: "Not allowed here", 409: "Already done", 422: "Not a valid request"}


def error_page(request: Request, status: int, message: str, headers: Mapping[str, str] | None = None) -> Response:
    """An error as a plain page of the desk for browsers; as JSON (`{"detail": ...}`) under /api/."""
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": message}, status_code=status, headers=headers)
    if request.url.path.startswith("/static/"):
        return Response(message, status_code=status, media_type="text/plain", headers=headers)
    title = ERROR_TITLES.get(status, "Cannot do that")
    answer = render(request, "error.html", current_user(request), status, title=title, message=message, code=status)
    answer.headers.update(headers or {})
    return answer


def invalid_text(exc: RequestValidationError) -> str:
    """What was wrong with a request, in one line a person can read (which field, and why)."""
    parts = []
    for error in exc.errors()[:5]:
        where = ".".join(str(x) for x in error.get("loc", ())[1:]) or "the request"
        parts.append(f"{where}: {error.get('msg', 'not valid')}")
    return "This address or form is not valid (" + "; ".join(parts) + ")."
