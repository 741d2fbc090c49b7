"""The desk's users, roles, passwords (argon2id), API tokens and login throttling.

Roles are ordered: a `viewer` reads everything, a `reviewer` also decides and
corrects, an `admin` also manages users and tokens. Passwords are stored only
as argon2id hashes; API tokens only as their SHA-256 (the token is shown once).
After `MAX_FAILURES` failed sign-ins for one name (`MAX_FAILURES_PER_ADDRESS` from one address) within
`WINDOW`, further attempts are refused for `LOCKOUT` (then counted afresh).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tracker import storage
from tracker.models import ApiToken, DeskSecret, LoginThrottle, User

ROLES = ("viewer", "reviewer", "admin")
MAX_FAILURES = 5  # per name
MAX_FAILURES_PER_ADDRESS = 20  # per address (an office behind one address has several people)
WINDOW = timedelta(minutes=15)
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD = 10
TOKEN_PREFIX = "lt_"

_hasher = PasswordHasher()
# verified against when the name is unknown, so a wrong name costs as long as a wrong password
_DUMMY_HASH = _hasher.hash("not a password of anyone")


class AccountError(ValueError):
    """An account action cannot be done; the message is one plain sentence saying why."""


def can(user: User | None, role: str) -> bool:
    """Whether the user holds this role or a higher one (and is active)."""
    return bool(user and user.active and ROLES.index(user.role) >= ROLES.index(role))


def session_stamp(user: User) -> str:
    """What a session cookie keeps of its user, checked on every request: a digest of the password's hash
    (which it cannot be cracked from) and of the user's session version. A changed password or a sign-out
    (which raises the version) ends every session signed in before, a copied cookie too."""
    seed = f"{user.password_hash}\n{user.session_version or 0}"
    return hashlib.sha256(seed.encode("utf-8")).hexdigest()[:24]


def end_sessions(session: Session, user: User) -> None:
    """Revoke every session of this user (signing out does it): their cookies stop working at once."""
    user.session_version = (user.session_version or 0) + 1
    session.flush()


def new_password() -> str:
    """A one-time password: 16 random URL-safe characters."""
    return secrets.token_urlsafe(12)


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"A password needs at least {MIN_PASSWORD} characters.")


def get_user(session: Session, name: str) -> User | None:
    return session.scalars(select(User).where(func.lower(User.name) == name.strip().lower())).first()


def add_user(session: Session, name: str, role: str, password: str) -> User:
    name = (name or "").strip()
    if not name or len(name) > 200 or any(ch in name for ch in "\r\n\t"):
        raise AccountError("A user name must be 1 to 200 characters on one line.")
    if role not in ROLES:
        raise AccountError(f"{role!r} is not a role; use one of: {', '.join(ROLES)}.")
    if get_user(session, name) is not None:
        raise AccountError(f"There is already a user named {name!r}.")
    _check_password(password)
    user = User(name=name, role=role, password_hash=_hasher.hash(password), active=True, created_at=storage.now())
    session.add(user)
    session.flush()
    return user


def set_password(session: Session, user: User, password: str) -> None:
    _check_password(password)
    user.password_hash = _hasher.hash(password)
    session.flush()


def set_role(session: Session, user: User, role: str) -> None:
    if role not in ROLES:
        raise AccountError(f"{role!r} is not a role; use one of: {', '.join(ROLES)}.")
    if user.role == "admin" and role != "admin" and _last_admin(session, user):
        raise AccountError("This is the only active admin; make another admin first.")
    user.role = role
    session.flush()


def set_active(session: Session, user: User, active: bool) -> None:
    if not active and user.role == "admin" and _last_admin(session, user):
        raise AccountError("This is the only active admin; make another admin first.")
    user.active = active
    session.flush()


def _last_admin(session: Session, user: User) -> bool:
    others = session.scalar(
        select(func.count()).select_from(User).where(User.role == "admin", User.active, User.id != user.id)
    )
    return not others


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.name)).all())


# --- signing in ---------------------------------------------------------------------------------------------------


def locked(session: Session, keys: list[str], now: datetime | None = None) -> datetime | None:
    """Until when sign-ins for these keys are refused (None: they are not)."""
    now = now or storage.now()
    until = [
        t.locked_until
        for t in session.scalars(select(LoginThrottle).where(LoginThrottle.key.in_(keys))).all()
        if t.locked_until and t.locked_until > now
    ]
    return max(until) if until else None


def _fail(session: Session, keys: list[str], now: datetime) -> None:
    # rows of old failures go, so guessed names cannot fill the table
    session.execute(
        delete(LoginThrottle).where(
            LoginThrottle.window_start < now - WINDOW - LOCKOUT,
            LoginThrottle.locked_until.is_(None) | (LoginThrottle.locked_until < now),
        )
    )
    for key in keys:
        row = session.get(LoginThrottle, key)
        if row is None:
            row = LoginThrottle(key=key, failures=0, window_start=now)
            session.add(row)
        if now - row.window_start > WINDOW:
            row.failures, row.window_start = 0, now
        row.failures += 1
        if row.failures >= (MAX_FAILURES_PER_ADDRESS if key.startswith("ip:") else MAX_FAILURES):
            row.locked_until, row.failures, row.window_start = now + LOCKOUT, 0, now
    session.flush()


def authenticate(
    session: Session, name: str, password: str, address: str | None = None, now: datetime | None = None
) -> User:
    """The active user with this name and password; every failure is counted against the name and address."""
    now = now or storage.now()
    keys = [f"user:{(name or '').strip().lower()[:200]}", *([f"ip:{address}"] if address else [])]
    until = locked(session, keys, now)
    if until is not None:
        minutes = max(1, round((until - now).total_seconds() / 60))
        raise AccountError(f"Too many failed sign-ins; try again in {minutes} minute(s).")
    user = get_user(session, name or "")
    try:
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password or "")
        ok = user is not None and user.active
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        ok = False
    if not ok or user is None:
        _fail(session, keys, now)
        raise AccountError("Wrong name or password, or the account is disabled.")
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    for key in keys:
        row = session.get(LoginThrottle, key)
        if row is not None:
            session.delete(row)
    user.last_login_at = now
    session.flush()
    return user


# --- API tokens ---------------------------------------------------------------------------------------------------


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(session: Session, user: User, name: str) -> tuple[ApiToken, str]:
    """A new API token for the user: the row, and the token itself (shown once, never stored)."""
    name = (name or "").strip() or "token"
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(
        user_id=user.id, name=name[:200], token_hash=_digest(token), prefix=token[:10], created_at=storage.now()
    )
    session.add(row)
    session.flush()
    return row, token


def token_user(session: Session, token: str) -> User | None:
    """The active user an unrevoked token belongs to."""
    if not token or not token.startswith(TOKEN_PREFIX):
        return None
    row = session.scalars(select(ApiToken).where(ApiToken.token_hash == _digest(token))).first()
    if row is None or row.revoked_at is not None:
        return None
    user = session.get(User, row.user_id)
    if user is None or not user.active:
        return None
    row.last_used_at = storage.now()
    return user


def revoke_token(session: Session, token_id: int, by: User) -> ApiToken:
    row = session.get(ApiToken, token_id)
    if row is None or (row.user_id != by.id and not can(by, "admin")):
        raise AccountError(f"There is no token #{token_id} of yours.")
    if row.revoked_at is None:
        row.revoked_at = storage.now()
    session.flush()
    return row


def tokens(session: Session, user: User | None = None) -> list[tuple[ApiToken, User]]:
    query = select(ApiToken, User).join(User, User.id == ApiToken.user_id)
    if user is not None:
        query = query.where(ApiToken.user_id == user.id)
    return [(t, u) for t, u in session.execute(query.order_by(ApiToken.id.desc())).all()]


def session_secret(session: Session) -> str:
    """The key that signs session cookies: made once, kept in the database so every host shares it."""
    row = session.get(DeskSecret, "session-key")
    if row is None:
        try:
            with session.begin_nested():  # another host may make it at the same moment: then its key is used
                row = DeskSecret(name="session-key", value=secrets.token_urlsafe(48))
                session.add(row)
        except IntegrityError:
            row = session.get(DeskSecret, "session-key", populate_existing=True)
            assert row is not None
    return row.value
