"""The REST API under /api/v1, with its OpenAPI document at /api/v1/openapi.json.

Every request carries `Authorization: Bearer <token>` (a per-user token made on the desk's account
page or with `licensure tokens add`); the token's user's role decides what it may do, as on the pages:
viewers read, reviewers also decide and correct. Nothing here reads a session cookie, so the API
needs no CSRF token.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field
from sqlalchemy import select

from tracker import corrections, registry
from tracker import review as workflow
from tracker.alerts import change_dict
from tracker.models import Change, User
from tracker.overview import state_rows
from tracker.registry import RegistryError
from tracker.review import ReviewError
from tracker.web import accounts, queries
from tracker.web.app import checked_filters, filters_from_query

bearer = HTTPBearer(auto_error=False, description="A per-user API token (lt_...).")


Id = Annotated[int, Path(ge=1, le=2_147_483_647)]  # the ids the database can hold


class Problem(BaseModel):
    detail: str


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """The error answers a route may give, documented in the OpenAPI document."""
    why = {
        400: "A filter or value the API does not take; `detail` says which it takes.",
        401: "No valid API token.",
        403: "The token's user lacks the role.",
        404: "No such jurisdiction, record, change or run.",
        409: "The change is already in the asked status.",
    }
    return {code: {"model": Problem, "description": why[code]} for code in (401, *codes)}


EXPORT_TYPES: dict[str, dict[str, Any]] = {
    "text/csv": {},
    "application/json": {},
    "text/markdown": {},
    "text/html": {},
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {},
}


class Decision(BaseModel):
    decision: Literal["accepted", "dismissed", "needs-legal"]
    note: str | None = Field(default=None, max_length=5000)


class CorrectionIn(BaseModel):
    jurisdiction: str = Field(min_length=2, max_length=2, examples=["WA"])
    field: str = Field(examples=["education.min_clock_hours"], description=", ".join(corrections.FIELDS))
    value: int | str | list[str] = Field(
        examples=[720, "license", ["CMA (AAMA)", "RMA (AMT)"], ["regulation: WAC 246-827-0200"]],
        description="A word, a number of hours, or a list field's items (a list, or one string with one a line).",
    )
    note: str | None = Field(default=None, max_length=5000)
    citation: str | None = Field(default=None, max_length=1000)
    change_id: int | None = Field(default=None, ge=1, le=2_147_483_647)


def create_api(desk: Any) -> FastAPI:
    api = FastAPI(
        title="licensure-tracker review desk API",
        version="1.0.0",
        description=__doc__,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    api.state.desk = desk

    def caller(role: str):
        def check(request: Request, cred: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> User:
            user = None
            if cred is not None and cred.scheme.lower() == "bearer":
                with desk.db.session() as s:
                    user = accounts.token_user(s, cred.credentials)
            if user is None:
                raise HTTPException(401, "A valid API token is needed.", headers={"WWW-Authenticate": "Bearer"})
            if not accounts.can(user, role):
                raise HTTPException(403, f"This needs the {role} role; the token's user is a {user.role}.")
            return user

        return check

    viewer, reviewer = Depends(caller("viewer")), Depends(caller("reviewer"))
    _record_routes(api, desk, viewer)
    _change_routes(api, desk, viewer)
    _write_routes(api, desk, viewer, reviewer)
    _export_and_run_routes(api, desk, viewer)
    return api


def _record_routes(api: FastAPI, desk: Any, viewer: Any) -> None:
    """Jurisdictions and records."""

    @api.get(
        "/jurisdictions", responses=_errors(403), summary="Every jurisdiction with its regulator, credential and health"
    )
    def jurisdictions(user: User = viewer) -> list[dict[str, Any]]:
        with desk.db.session() as s:
            return state_rows(s)

    @api.get(
        "/records/{code}",
        responses=_errors(400, 403, 404),
        summary="A jurisdiction's record (with the corrections in force), now or as of a date",
    )
    def record(code: str, as_of: str | None = Query(None, description="YYYY-MM-DD"), user: User = viewer) -> Any:
        jur = _jur(code)
        when = _day(as_of, end=True)
        with desk.db.session() as s:
            version = queries.version_at(s, jur.code, jur.profession, when)
            if version is None:
                raise HTTPException(404, f"No record for {jur.code}" + (f" on {as_of}." if as_of else " yet."))
            found = corrections.in_force(s, jur.code, jur.profession, version.record, when)
            return {
                "jurisdiction": jur.code,
                "version": version.version,
                "recorded_at": version.created_at.isoformat().replace("+00:00", "Z"),
                "record": corrections.apply(version.record, found),
                "corrections": [corrections.correction_dict(c) for c in found.values()],
            }


def _change_routes(api: FastAPI, desk: Any, viewer: Any) -> None:
    """The changes, with the queue's filters, and one change with its trail."""

    @api.get(
        "/changes", responses=_errors(400, 403), summary="Recorded changes, newest first, with the queue's filters"
    )
    def changes(
        unchecked: Annotated[queries.Filters, Depends(filters_from_query("any"))], user: User = viewer
    ) -> dict[str, Any]:
        f = checked_filters(unchecked)
        with desk.db.session() as s:
            q = queries.queue(s, f)
            return {
                "total": q.total,
                "page": f.page,
                "pages": q.pages,
                "per_state": dict(q.per_state),
                "changes": [change_dict(c) for c in q.changes],
            }

    @api.get("/changes/{change_id}", responses=_errors(403, 404), summary="One change with its review trail")
    def change(change_id: Id, user: User = viewer) -> dict[str, Any]:
        with desk.db.session() as s:
            c = s.get(Change, change_id)
            if c is None:
                raise HTTPException(404, f"There is no change #{change_id}.")
            return {**change_dict(c), "reviews": [workflow.review_dict(r) for r in workflow.trail(s, change_id)]}


def _write_routes(api: FastAPI, desk: Any, viewer: Any, reviewer: Any) -> None:
    """Decisions and corrections (reviewers), and the list of corrections."""

    @api.post(
        "/changes/{change_id}/decisions",
        status_code=201,
        responses=_errors(403, 404, 409),
        summary="Record a review decision",
    )
    def decide(change_id: Id, body: Decision, user: User = reviewer) -> dict[str, Any]:
        try:
            with desk.db.session() as s:
                c = workflow.review(s, change_id, body.decision, user.name, body.note)
                return {**change_dict(c), "reviews": [workflow.review_dict(r) for r in workflow.trail(s, change_id)]}
        except ReviewError as exc:
            code = 404 if "There is no change" in str(exc) else 409
            raise HTTPException(code, str(exc)) from None

    @api.get("/corrections", responses=_errors(403), summary="Reviewers' corrections, newest first")
    def list_corrections(state: str = "", user: User = viewer) -> list[dict[str, Any]]:
        from tracker.models import Correction

        with desk.db.session() as s:
            query = select(Correction).order_by(Correction.id.desc()).limit(1000)
            if state:
                query = query.where(Correction.jurisdiction == state.upper())
            return [corrections.correction_dict(c) for c in s.scalars(query).all()]

    @api.post(
        "/corrections",
        status_code=201,
        responses=_errors(400, 403, 404),
        summary="Set the right value for a field, verified by the caller",
    )
    def correct(body: CorrectionIn, user: User = reviewer) -> dict[str, Any]:
        jur = _jur(body.jurisdiction)
        try:
            with desk.db.session() as s:
                change_id = body.change_id if body.change_id and s.get(Change, body.change_id) else None
                item = corrections.correct(
                    s, jur.code, jur.profession, body.field, body.value, user.name, body.note, body.citation, change_id
                )
                return corrections.correction_dict(item)
        except corrections.CorrectionError as exc:
            raise HTTPException(400, str(exc)) from None


def _export_and_run_routes(api: FastAPI, desk: Any, viewer: Any) -> None:
    """Exports in every format, and the runs."""

    @api.get(
        "/exports/{kind}",
        summary="The state table in one format (json is what `licensure export --format json` writes)",
        responses={200: {"content": EXPORT_TYPES, "description": "The table in that format."}, **_errors(400, 403)},
    )
    def export(
        request: Request,
        kind: Literal["csv", "xlsx", "json", "md", "html"],
        as_of: str = "",
        changed_since: str = "",
        states: str = "",
        fields: str = "",
        user: User = viewer,
    ) -> Response:
        from tracker.web.pages import export_response

        response = export_response(request, kind, as_of, changed_since, states, fields)
        if kind == "json":
            return JSONResponse(json.loads(bytes(response.body)))
        return response

    @api.get("/runs", responses=_errors(403), summary="Run history, newest first")
    def runs(limit: int = Query(20, ge=1, le=500), user: User = viewer) -> list[dict[str, Any]]:
        from tracker.runhistory import list_runs

        with desk.db.session() as s:
            return list_runs(s, limit=limit)

    @api.get(
        "/runs/{run_id}", responses=_errors(403, 404), summary="One run in detail, with each failed source and why"
    )
    def run(run_id: Id, user: User = viewer) -> dict[str, Any]:
        from tracker.runhistory import run_detail

        with desk.db.session() as s:
            detail = run_detail(s, run_id, desk.settings)
        if detail is None:
            raise HTTPException(404, f"There is no run #{run_id}.")
        for key in ("crawl_log", "report"):  # paths on the server are not the caller's business
            detail[key] = bool(detail.get(key))
        return detail


def _jur(code: str) -> registry.Jurisdiction:
    try:
        return registry.get(code)
    except RegistryError:
        raise HTTPException(404, f"There is no jurisdiction {code[:10]!r}.") from None


def _day(text: str | None, end: bool = False) -> Any:
    try:
        return queries.day(text or "", "as_of", end=end)
    except queries.FilterError as exc:
        raise HTTPException(400, str(exc)) from None
