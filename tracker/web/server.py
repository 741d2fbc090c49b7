"""The review desk's application: the pages (tracker/web/pages.py) and the REST API under /api/v1.

app = create_app(settings)          # what `licensure serve` runs with uvicorn
"""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.middleware.sessions import SessionMiddleware

from tracker.config import Settings
from tracker.db import Database
from tracker.web import accounts, api, pages
from tracker.web.app import HERE, SESSION_HOURS, Desk, LoginRequired, SecurityHeaders, environment, render, safe_next


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
        if exc.status_code == 405 or request.url.path.startswith("/static/"):
            return Response(str(exc.detail), status_code=exc.status_code, media_type="text/plain")
        return render(request, "error.html", None, status_code=exc.status_code, message=str(exc.detail))

    return app
