"""The review desk's commands: `serve` (the web application), `users` and `tokens`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click
from rich.markup import escape
from sqlalchemy.orm import Session

from tracker.commands.common import (
    Fail,
    db_options,
    err,
    friendly,
    listing,
    open_database,
    out,
    print_rows,
    reading,
    require_free_port,
    settings_for,
    toggle,
)
from tracker.db import Database, redact


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (behind a reverse proxy).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
@toggle("secure-cookies", False, "Send the session cookie over HTTPS only (set it when a TLS proxy is in front).")
@click.option("--proxy-headers", is_flag=True, help="Trust X-Forwarded-For/-Proto from --forwarded-allow-ips.")
@click.option("--forwarded-allow-ips", default="127.0.0.1", show_default=True, help="The proxy's addresses.")
@db_options
@click.pass_context
@friendly
def serve(
    ctx: click.Context,
    host: str,
    port: int,
    secure_cookies: bool,
    proxy_headers: bool,
    forwarded_allow_ips: str,
    db: str | None,
    data_dir: str | None,
) -> None:
    """Serve the review desk: the queue, changes, corrections, states, the dashboard and /api/v1.

    Create the first user with `licensure users add NAME --role admin`.
    """
    import uvicorn

    from tracker.web.server import create_app

    require_free_port(host, port)
    settings = settings_for(ctx, db, data_dir)
    app = create_app(settings, secure_cookies=secure_cookies)
    with app.state.desk.db.session() as s:
        from tracker.web import accounts

        if not accounts.list_users(s):
            err.print("[bold yellow]No users yet:[/] create one with `licensure users add NAME --role admin`.")
    err.print(f"Review desk on http://{host}:{port}/ over {redact(settings.database_url)}; Ctrl-C stops it.")
    uvicorn.run(
        app,
        host=host,
        port=port,
        proxy_headers=proxy_headers,
        forwarded_allow_ips=forwarded_allow_ips,
        server_header=False,
        log_level="info",
    )


@click.group("users")
def users() -> None:
    """The review desk's users: viewer (reads), reviewer (decides and corrects), admin (users and tokens)."""


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["viewer", "reviewer", "admin"]), default="viewer", show_default=True)
@click.option("--password-prompt", is_flag=True, help="Type the password (asked twice) instead of getting one.")
@db_options
@click.pass_context
@friendly
def users_add(ctx: click.Context, name: str, role: str, password_prompt: bool, db: str | None, data_dir: str | None):
    """Create a user; prints a one-time password unless --password-prompt is given."""
    from tracker.web import accounts

    password = (
        click.prompt("Password", hide_input=True, confirmation_prompt=True)
        if password_prompt
        else accounts.new_password()
    )
    with open_database(ctx, db, data_dir) as database:  # the only desk command that may create the database
        _account_action(database, lambda s: accounts.add_user(s, name, role, password))
    out.print(f"User {escape(name)} ({role}) created.")
    if not password_prompt:
        out.print(f"One-time password: {password}")
        out.print("Sign in with it and change it on the account page.")


def _account_action(database: Database, action):
    from tracker.web import accounts

    try:
        with database.session() as s:
            return action(s)
    except accounts.AccountError as exc:
        raise Fail(str(exc)) from None


def _user(s, name: str):
    from tracker.web import accounts

    user = accounts.get_user(s, name)
    if user is None:
        raise accounts.AccountError(f"There is no user named {name!r}; `licensure users list` lists them.")
    return user


def _user_rows(accounts: Any, s: Session) -> list[dict[str, Any]]:
    return [
        {
            "name": u.name,
            "role": u.role,
            "active": u.active,
            "last_login_at": u.last_login_at.isoformat() if u.last_login_at else None,
        }
        for u in accounts.list_users(s)
    ]


def _token_rows(accounts: Any, s: Session) -> list[dict[str, Any]]:
    return [
        {
            "id": t.id,
            "user": u.name,
            "name": t.name,
            "prefix": t.prefix,
            "created_at": t.created_at.isoformat(),
            "last_used_at": t.last_used_at.isoformat() if t.last_used_at else None,
            "revoked_at": t.revoked_at.isoformat() if t.revoked_at else None,
        }
        for t, u in accounts.tokens(s)
    ]


def _user_cells(r: dict[str, Any]) -> tuple[str, ...]:
    return (escape(r["name"]), r["role"], "yes" if r["active"] else "disabled", (r["last_login_at"] or "never")[:16])


def _token_cells(r: dict[str, Any]) -> tuple[str, ...]:
    return (
        str(r["id"]),
        escape(r["user"]),
        escape(r["name"]),
        r["prefix"] + "…",
        r["created_at"][:16],
        (r["last_used_at"] or "never")[:16],
        (r["revoked_at"] or "")[:16],
    )


def _account_listing(
    ctx: click.Context,
    as_json: bool,
    db: str | None,
    data_dir: str | None,
    rows_of: Callable[[Any, Session], list[dict[str, Any]]],
    **table: Any,
) -> None:
    """`users list` and `tokens list`: read the rows with `rows_of(accounts, session)`, print them (print_rows)."""
    from tracker.web import accounts

    with reading(ctx, db, data_dir) as s:
        rows = rows_of(accounts, s)
    print_rows(rows, as_json, **table)


@users.command("list")
@listing
def users_list(ctx: click.Context, as_json: bool, db: str | None, data_dir: str | None) -> None:
    """List the users with their role, whether they are active and their last sign-in."""
    columns = ("Name", "Role", "Active", "Last sign-in")
    _account_listing(
        ctx, as_json, db, data_dir, _user_rows, title="Review desk users", columns=columns, cells=_user_cells
    )


def _activation(active: bool) -> None:
    """`users disable` and `users enable`: one command each, the same code."""
    word = "enabled" if active else "disabled"
    doc = (
        "Enable a disabled user again."
        if active
        else "Disable a user: their sessions and API tokens stop working at once."
    )

    @users.command("enable" if active else "disable", help=doc)
    @click.argument("name")
    @db_options
    @click.pass_context
    @friendly
    def command(ctx: click.Context, name: str, db: str | None, data_dir: str | None) -> None:
        from tracker.web import accounts

        with open_database(ctx, db, data_dir, create=False) as database:
            _account_action(database, lambda s: accounts.set_active(s, _user(s, name), active))
        out.print(f"User {escape(name)} is {word}.")


_activation(False)
_activation(True)


@users.command("set-role")
@click.argument("name")
@click.argument("role", type=click.Choice(["viewer", "reviewer", "admin"]))
@db_options
@click.pass_context
@friendly
def users_set_role(ctx: click.Context, name: str, role: str, db: str | None, data_dir: str | None) -> None:
    """Give a user another role."""
    from tracker.web import accounts

    with open_database(ctx, db, data_dir, create=False) as database:
        _account_action(database, lambda s: accounts.set_role(s, _user(s, name), role))
    out.print(f"User {escape(name)} is now {role}.")


@users.command("reset-password")
@click.argument("name")
@click.option("--password-prompt", is_flag=True, help="Type the new password instead of getting a one-time one.")
@db_options
@click.pass_context
@friendly
def users_reset(ctx: click.Context, name: str, password_prompt: bool, db: str | None, data_dir: str | None) -> None:
    """Set a new password for a user (their open sessions are signed out)."""
    from tracker.web import accounts

    password = (
        click.prompt("Password", hide_input=True, confirmation_prompt=True)
        if password_prompt
        else accounts.new_password()
    )
    with open_database(ctx, db, data_dir, create=False) as database:
        _account_action(database, lambda s: accounts.set_password(s, _user(s, name), password))
    out.print(f"Password of {escape(name)} changed." + ("" if password_prompt else f" One-time password: {password}"))


@click.group("tokens")
def tokens() -> None:
    """API tokens for /api/v1: each belongs to a user and has that user's role."""


@tokens.command("add")
@click.argument("user")
@click.option("--name", "label", default="token", show_default=True, help="What the token is for.")
@db_options
@click.pass_context
@friendly
def tokens_add(ctx: click.Context, user: str, label: str, db: str | None, data_dir: str | None) -> None:
    """Create an API token for USER; it is printed once and only its hash is kept."""
    from tracker.web import accounts

    with open_database(ctx, db, data_dir, create=False) as database:
        row, token = _account_action(database, lambda s: accounts.create_token(s, _user(s, user), label))
    out.print(f"Token #{row.id} for {escape(user)}: {token}")
    out.print("Send it as `Authorization: Bearer <token>`; it is not shown again.")


@tokens.command("list")
@listing
def tokens_list(ctx: click.Context, as_json: bool, db: str | None, data_dir: str | None) -> None:
    """List the API tokens (never the tokens themselves)."""
    columns = ("ID", "User", "Name", "Starts", "Created", "Last used", "Revoked")
    _account_listing(ctx, as_json, db, data_dir, _token_rows, title="API tokens", columns=columns, cells=_token_cells)


@tokens.command("revoke")
@click.argument("token_id", type=int)
@db_options
@click.pass_context
@friendly
def tokens_revoke(ctx: click.Context, token_id: int, db: str | None, data_dir: str | None) -> None:
    """Revoke token ID: requests with it are refused from now on."""
    from tracker.models import ApiToken
    from tracker.storage import now

    with open_database(ctx, db, data_dir, create=False) as database, database.session() as s:
        row = s.get(ApiToken, token_id)
        if row is None:
            raise Fail(f"There is no token #{token_id}; `licensure tokens list` lists them.")
        row.revoked_at = row.revoked_at or now()
    out.print(f"Token #{token_id} is revoked.")
