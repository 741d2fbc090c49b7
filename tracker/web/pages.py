"""The desk's pages: sign-in, the queue, a change, decisions and corrections, a state, the dashboard.

Reading needs the viewer role, deciding and correcting the reviewer role; every POST checks the
session's CSRF token first. Decisions and corrections are attributed to the signed-in user.
"""

from __future__ import annotations

import hashlib
import re
from base64 import b64encode
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, HTTPException, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tracker import corrections, exports, registry, storage
from tracker import history as hist
from tracker import review as workflow
from tracker.alerts import change_dict
from tracker.diff import show
from tracker.exports.table import ExportError, Options
from tracker.models import Change, User
from tracker.overview import state_rows
from tracker.registry import RegistryError
from tracker.review import ReviewError
from tracker.web import accounts, queries
from tracker.web.app import checked_filters, csrf_token, desk, filters_from_query, render, safe_next, signed_in

router = APIRouter(include_in_schema=False)
Id = Annotated[int, Path(ge=1, le=2_147_483_647)]  # the ids the database can hold
PROFESSION = "medical-assistant"
DECISION_WORDS = {"accept": "accepted", "dismiss": "dismissed", "needs-legal": "needs-legal"}


def check_csrf(request: Request, sent: str) -> None:
    expected = request.session.get("csrf")
    if not expected or not sent or not _same(sent, expected):
        raise HTTPException(403, "This form has expired or did not come from the desk; reload the page and retry.")


def _same(a: str, b: str) -> bool:
    import secrets

    return secrets.compare_digest(a.encode(), b.encode())


def flash(request: Request, text: str, kind: str = "ok") -> None:
    request.session["flash"] = [kind, text[:500]]


def back(path: str) -> RedirectResponse:
    return RedirectResponse(safe_next(path), status_code=303)


# --- signing in and out -----------------------------------------------------------------------------------------


@contextmanager
def shown_as_error(request: Request) -> Iterator[None]:
    """An account error inside (a session in it has rolled back) becomes the next page's error message."""
    try:
        yield
    except accounts.AccountError as exc:
        flash(request, str(exc), "error")


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/queue") -> Response:
    return render(request, "login.html", None, next=safe_next(next), error=None)


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request, name: str = Form(""), password: str = Form(""), csrf: str = Form(""), next: str = Form("/queue")
) -> Response:
    check_csrf(request, csrf)
    address = request.client.host if request.client else None
    error = None
    with desk(request).db.session() as s:  # a failure is counted (committed) before the error is shown
        try:
            user = accounts.authenticate(s, name, password, address)
            uid, stamp = user.id, accounts.session_stamp(user)
        except accounts.AccountError as exc:
            error = str(exc)
    if error is not None:
        return render(request, "login.html", None, status_code=401, next=safe_next(next), error=error)
    request.session.clear()  # a new session on sign-in: nothing from before carries over
    request.session.update(uid=uid, pw=stamp)
    csrf_token(request)
    return back(next)


@router.post("/logout")
def logout(request: Request, csrf: str = Form("")) -> Response:
    """Sign out: the user's sessions are revoked on the server, so a copy of this cookie stops working too."""
    check_csrf(request, csrf)
    uid = request.session.get("uid")
    if isinstance(uid, int):
        with desk(request).db.session() as s:
            user = s.get(User, uid)
            if user is not None and request.session.get("pw") == accounts.session_stamp(user):
                accounts.end_sessions(s, user)
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


@router.get("/favicon.ico")
def favicon() -> Response:
    return Response(status_code=204)  # no icon; answers browsers' automatic request without a 404


@router.get("/")
def home(request: Request) -> Response:
    signed_in(request)
    return RedirectResponse("/queue", status_code=303)


# --- the queue and a change ---------------------------------------------------------------------------------------


@router.get("/queue", response_class=HTMLResponse)
def queue_page(
    request: Request, unchecked: Annotated[queries.Filters, Depends(filters_from_query("open"))]
) -> Response:
    user = signed_in(request)
    filters = checked_filters(unchecked)
    with desk(request).db.session() as s:
        found = queries.queue(s, filters)
        reopened = corrections.reopened(s)
    return render(
        request,
        "queue.html",
        user,
        q=found,
        f=filters,
        reopened=reopened,
        tabs=queries.TABS,
        statuses=[*workflow.STATUSES, "any"],
        directions=queries.DIRECTIONS,
    )


@router.get("/changes/{change_id}", response_class=HTMLResponse)
def change_page(request: Request, change_id: Id) -> Response:
    user = signed_in(request)
    with desk(request).db.session() as s:
        change = s.get(Change, change_id)
        if change is None:
            raise HTTPException(404, f"There is no change #{change_id}.")
        context: dict[str, Any] = {
            "c": change,
            "pairs": queries.evidence_pairs(change),
            "trail": workflow.trail(s, change_id),
            "page_text": queries.page_text(s, change.content_hash),
            "later": queries.later_changes(s, change),
            "earlier": s.get(Change, change.supersedes_id) if change.supersedes_id else None,
            "correctable": corrections.FIELDS.get(change.field),
            "current": _current_value(s, change),
            "form_text": corrections.form_text,
            "field_corrections": [
                x
                for x in corrections.for_jurisdiction(s, change.jurisdiction, change.profession)
                if x.field == change.field
            ],
        }
    return render(request, "change.html", user, **context)


def _current_value(s: Any, change: Change) -> Any:
    spec = corrections.FIELDS.get(change.field)
    version = storage.current_version(s, change.jurisdiction, change.profession) if spec else None
    return corrections.extracted(version.record, change.field)[0] if version else None


@router.post("/changes/{change_id}/decide")
def decide(
    request: Request, change_id: Id, decision: str = Form(""), note: str = Form(""), csrf: str = Form("")
) -> Response:
    check_csrf(request, csrf)
    user = signed_in(request, "reviewer")
    to_status = DECISION_WORDS.get(decision)
    if to_status is None:
        raise HTTPException(400, "Choose accept, dismiss or needs legal review.")
    try:
        with desk(request).db.session() as s:
            workflow.review(s, change_id, to_status, user.name, note[:5000])
        flash(request, f"Change #{change_id} is now {to_status}.")
    except ReviewError as exc:
        flash(request, str(exc), "error")
    return back(f"/changes/{change_id}")


@router.post("/corrections")
def correct(
    request: Request,
    state: str = Form(""),
    field: str = Form(""),
    value: str = Form(""),
    note: str = Form(""),
    citation: str = Form(""),
    change_id: str = Form(""),
    next: str = Form(""),
    csrf: str = Form(""),
) -> Response:
    check_csrf(request, csrf)
    user = signed_in(request, "reviewer")
    jur = _jurisdiction(state)
    try:
        with desk(request).db.session() as s:
            item = corrections.correct(
                s,
                jur.code,
                jur.profession,
                field,
                value,
                user.name,
                note[:5000],
                citation[:1000],
                _change_id(s, change_id),
            )
            shown = show(item.value)
            flash(request, f"{corrections.FIELDS[field].label} for {jur.code} is now {shown}, verified by you.")
    except corrections.CorrectionError as exc:
        flash(request, str(exc), "error")
    return back(next or f"/states/{jur.code}")


def _change_id(s: Any, text: str) -> int | None:
    """The change a correction was made from, if it exists."""
    return int(text) if text.isdigit() and len(text) < 10 and s.get(Change, int(text)) is not None else None


@router.post("/corrections/{correction_id}/withdraw")
def withdraw(request: Request, correction_id: Id, next: str = Form(""), csrf: str = Form("")) -> Response:
    check_csrf(request, csrf)
    user = signed_in(request, "reviewer")
    try:
        with desk(request).db.session() as s:
            item = corrections.close(s, correction_id, user.name)
            code = item.jurisdiction
        flash(request, f"Correction #{correction_id} withdrawn; the extracted value shows again.")
    except corrections.CorrectionError as exc:
        flash(request, str(exc), "error")
        code = ""
    return back(next or (f"/states/{code}" if code else "/queue"))


# --- states, the dashboard, exports -------------------------------------------------------------------------------


def _jurisdiction(code: str) -> registry.Jurisdiction:
    try:
        return registry.get(code)
    except (RegistryError, KeyError, ValueError):
        raise HTTPException(404, f"There is no jurisdiction {code[:10]!r}.") from None


@router.get("/states", response_class=HTMLResponse)
def states_page(request: Request) -> Response:
    user = signed_in(request)
    with desk(request).db.session() as s:
        rows = state_rows(s)
    return render(request, "states.html", user, rows=rows)


@router.get("/states/{code}", response_class=HTMLResponse)
def state_page(request: Request, code: str, as_of: str = "") -> Response:
    user = signed_in(request)
    jur = _jurisdiction(code)
    try:
        when = queries.day(as_of, "as_of", end=True)
    except queries.FilterError as exc:
        raise HTTPException(400, str(exc)) from None
    with desk(request).db.session() as s:
        version = queries.version_at(s, jur.code, jur.profession, when)
        record = version.record if version else None
        in_force = corrections.in_force(s, jur.code, jur.profession, record, when) if record else {}
        context: dict[str, Any] = {
            "jur": jur,
            "version": version,
            "record": corrections.apply(record, in_force) if record else None,
            "in_force": in_force,
            "facts": _facts(corrections.apply(record, in_force)) if record else [],
            "versions": hist.versions(s, jur),
            "changes": list(reversed(hist.field_changes(s, jur))),
            "all_corrections": corrections.for_jurisdiction(s, jur.code, jur.profession),
            "fields": corrections.FIELDS,
            "as_of": as_of,
        }
    return render(request, "state.html", user, **context)


def _facts(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The record's values in reading order: label, field path, value, evidence and (for a correctable field)
    the value as the correction form shows it."""
    cred = record["credential"]
    rows = [
        ("Credential requirement", "credential.requirement", cred["requirement"]["value"], cred["requirement"]),
        (
            "State credentials",
            "credential.state_credentials",
            _names(cred["state_credentials"]["value"]),
            cred["state_credentials"],
        ),
        (
            "National certifications",
            "credential.national_certifications",
            cred["national_certifications"]["value"],
            cred["national_certifications"],
        ),
    ]
    for key, fact in record["education"].items():
        rows.append((f"Education: {key.replace('_', ' ')}", f"education.{key}", fact["value"], fact))
    rows.append(("Supervision", "supervision", record["supervision"]["value"], record["supervision"]))
    for task, fact in record["tasks"].items():
        rows.append((f"Task: {task.replace('_', ' ')}", f"tasks.{task}.status", fact["status"], fact))
        if fact["status"] == "conditional" or fact.get("conditions"):  # as the diff compares them
            conditions = _conditions(dict(sorted(fact["conditions"].items()))) or "no conditions"  # as exports
            rows.append((f"Task: {task.replace('_', ' ')}, conditions", f"tasks.{task}.conditions", conditions, fact))
    cites = [
        {"source_id": e["source_id"], "excerpt": e["excerpt"]} for c in record["citations"] for e in c["evidence"][:1]
    ]
    rows.append(
        ("Citations", "citations", [c["identifier"] for c in record["citations"]] or "unknown", {"evidence": cites})
    )
    return [
        {
            "label": a,
            "field": b,
            "value": c,
            "evidence": list({(e["source_id"], e["excerpt"]): e for e in d.get("evidence", [])}.values()),
            "form": corrections.form_text(b, corrections.extracted(record, b)[0]) if b in corrections.FIELDS else None,
        }
        for a, b, c, d in rows
    ]


def _names(value: Any) -> Any:
    if isinstance(value, list):
        return [f"{c['name']} ({c['abbreviation']})" if c.get("abbreviation") else c["name"] for c in value]
    return value


def _conditions(conditions: dict[str, Any]) -> str:
    from tracker.exports.table import condition_text

    return condition_text(conditions)


def _hashes(html: str, tag: str) -> list[str]:
    found = re.findall(rf"<{tag}>(.*?)</{tag}>", html, flags=re.S)
    return [f"'sha256-{b64encode(hashlib.sha256(t.encode()).digest()).decode()}'" for t in found]


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard(request: Request) -> Response:
    """The HTML export, live; its own inline script and style are allowed by their hashes, nothing else."""
    signed_in(request)
    with desk(request).db.session() as s:
        html = exports.render("html", exports.build_table(s, Options())).decode("utf-8")
    csp = (
        f"default-src 'none'; script-src {' '.join(_hashes(html, 'script')) or chr(39) + 'none' + chr(39)}; "
        f"style-src {' '.join(_hashes(html, 'style')) or chr(39) + 'none' + chr(39)}; img-src data:; "
        "form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
    )
    return HTMLResponse(html, headers={"content-security-policy": csp})


@router.get("/exports", response_class=HTMLResponse)
def exports_page(request: Request) -> Response:
    user = signed_in(request)
    return render(request, "exports.html", user, formats=exports.FORMATS)


@router.get("/exports/{kind}")
def export_file(
    request: Request, kind: str, as_of: str = "", changed_since: str = "", states: str = "", fields: str = ""
) -> Response:
    signed_in(request)
    return export_response(request, kind, as_of, changed_since, states, fields)


def export_response(request: Request, kind: str, as_of: str, changed_since: str, states: str, fields: str) -> Response:
    """One export as a download (shared by the pages and the API)."""
    if kind not in exports.FORMATS:
        raise HTTPException(404, f"Unknown format {kind[:20]!r}; use one of {', '.join(exports.FORMATS)}.")
    fmt = exports.FORMATS[kind]
    try:
        options = Options(
            as_of=queries.day(as_of, "as_of", end=True),
            changed_since=queries.day(changed_since, "changed_since"),
            states=[x.strip().upper() for x in states.split(",") if x.strip()] or None,
            fields=[x.strip() for x in fields.split(",") if x.strip()] or None,
            stale_after_hours=desk(request).settings.stale_after_hours,
        )
        with desk(request).db.session() as s:
            data = fmt.render(exports.build_table(s, options))
    except (queries.FilterError, ExportError, RegistryError) as exc:
        raise HTTPException(400, str(exc)) from None
    types = {
        "csv": "text/csv; charset=utf-8",
        "json": "application/json",
        "md": "text/markdown; charset=utf-8",
        "html": "text/html; charset=utf-8",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    headers = {"content-disposition": f'attachment; filename="requirements{fmt.suffix}"'}
    return Response(data, media_type=types[kind], headers=headers)


# --- runs and source health ----------------------------------------------------------------------------------------


@router.get("/runs", response_class=HTMLResponse)
def runs_page(request: Request) -> Response:
    user = signed_in(request)
    from tracker.runhistory import list_runs

    with desk(request).db.session() as s:
        runs = list_runs(s, limit=100)
        health = storage.all_statuses(s)
        failing = _failing_sources(s)
    return render(request, "runs.html", user, runs=runs, health=health, failing=failing)


def _failing_sources(s: Any) -> list[Any]:
    from sqlalchemy import select

    from tracker.models import SourceHealth

    query = select(SourceHealth).where(SourceHealth.consecutive_failures > 0)
    return list(s.scalars(query.order_by(SourceHealth.jurisdiction, SourceHealth.source_id)).all())


@router.get("/runs/{run_id}", response_class=HTMLResponse)
def run_page(request: Request, run_id: Id) -> Response:
    user = signed_in(request)
    from tracker.runhistory import run_detail

    with desk(request).db.session() as s:
        detail = run_detail(s, run_id, desk(request).settings)
    if detail is None:
        raise HTTPException(404, f"There is no run #{run_id}.")
    return render(request, "run.html", user, run=detail)


# --- the signed-in user's own account: password and API tokens ----------------------------------------------------


@router.get("/account", response_class=HTMLResponse)
def account_page(request: Request) -> Response:
    user = signed_in(request)
    with desk(request).db.session() as s:
        mine = accounts.tokens(s, user)
    new_token = request.session.pop("new_token", None)
    return render(request, "account.html", user, tokens=mine, new_token=new_token)


@router.post("/account/tokens")
def create_token(request: Request, name: str = Form(""), csrf: str = Form("")) -> Response:
    check_csrf(request, csrf)
    user = signed_in(request)
    with desk(request).db.session() as s:
        _, token = accounts.create_token(s, s.get(User, user.id) or user, name)
    request.session["new_token"] = token  # shown once on the next page, then gone
    return back("/account")


@router.post("/tokens/{token_id}/revoke")
def revoke_token(request: Request, token_id: Id, next: str = Form("/account"), csrf: str = Form("")) -> Response:
    check_csrf(request, csrf)
    user = signed_in(request)
    with shown_as_error(request):
        with desk(request).db.session() as s:
            accounts.revoke_token(s, token_id, user)
        flash(request, f"Token #{token_id} is revoked.")
    return back(next)


@router.post("/account/password")
def change_password(request: Request, current: str = Form(""), new: str = Form(""), csrf: str = Form("")) -> Response:
    check_csrf(request, csrf)
    user = signed_in(request)
    with desk(request).db.session() as s:
        try:
            me = accounts.authenticate(s, user.name, current, request.client.host if request.client else None)
            accounts.set_password(s, me, new)
            request.session["pw"] = accounts.session_stamp(me)
            flash(request, "Your password is changed; other sessions are signed out.")
        except accounts.AccountError as exc:
            flash(request, str(exc), "error")
    return back("/account")


# --- admins: users and every token --------------------------------------------------------------------------------


@router.get("/admin/users", response_class=HTMLResponse)
def users_page(request: Request) -> Response:
    user = signed_in(request, "admin")
    with desk(request).db.session() as s:
        users = accounts.list_users(s)
        every = accounts.tokens(s)
    return render(
        request,
        "users.html",
        user,
        users=users,
        tokens=every,
        roles=accounts.ROLES,
        one_time=request.session.pop("one_time", None),
    )


@router.post("/admin/users")
def add_user(request: Request, name: str = Form(""), role: str = Form("viewer"), csrf: str = Form("")) -> Response:
    check_csrf(request, csrf)
    signed_in(request, "admin")
    password = accounts.new_password()
    with shown_as_error(request):
        with desk(request).db.session() as s:
            accounts.add_user(s, name, role, password)
        request.session["one_time"] = [name.strip(), password]
    return back("/admin/users")


@router.post("/admin/users/{user_id}")
def change_user(
    request: Request, user_id: Id, action: str = Form(""), role: str = Form(""), csrf: str = Form("")
) -> Response:
    check_csrf(request, csrf)
    signed_in(request, "admin")
    with shown_as_error(request), desk(request).db.session() as s:
        target = s.get(User, user_id)
        if target is None:
            raise accounts.AccountError(f"There is no user #{user_id}.")
        if action == "disable":
            accounts.set_active(s, target, False)
        elif action == "enable":
            accounts.set_active(s, target, True)
        elif action == "role":
            accounts.set_role(s, target, role)
        elif action == "reset":
            password = accounts.new_password()
            accounts.set_password(s, target, password)
            request.session["one_time"] = [target.name, password]
        else:
            raise accounts.AccountError("Unknown action.")
        flash(request, f"{target.name}: done ({action}).")
    return back("/admin/users")


@router.get("/admin/jobs", response_class=HTMLResponse)
def jobs_page(request: Request) -> Response:
    """The scheduled jobs and the alert channels (labels only: secrets hidden), as `licensure jobs` and `channels`."""
    user = signed_in(request, "admin")
    from tracker import channels as channel_registry
    from tracker.jobfile import JobsFileError, load_jobs
    from tracker.jobrun import job_rows

    settings = desk(request).settings
    try:
        jobs, problem = job_rows(load_jobs(settings), desk(request).db), None
    except JobsFileError as exc:
        jobs, problem = [], str(exc)
    kinds = [
        {
            "kind": kind,
            "description": cls.description,
            "setting": cls.setting,
            "labels": [ch.label for ch in cls.from_settings(settings)],
        }
        for kind, cls in channel_registry.kinds().items()
    ]
    return render(request, "jobs.html", user, jobs=jobs, problem=problem, kinds=kinds)


def query_string(**params: Any) -> str:
    return urlencode({k: v for k, v in params.items() if v not in ("", None)})


__all__ = ["change_dict", "router"]
