"""SQLAlchemy 2 models. The schema itself is owned by Alembic (tracker/migrations).

History is append-only: a record version, a fetch or a change is never
updated in place except for its review/alert bookkeeping columns, and the
current record of a jurisdiction is a pointer in `jurisdiction_status`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

JSONType = JSON().with_variant(JSONB(), "postgresql")


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on every backend (SQLite stores naive values)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSONType, list[Any]: JSONType, datetime: UTCDateTime}


class Run(Base):
    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    trigger: Mapped[str] = mapped_column(String(20), default="manual")
    status: Mapped[str] = mapped_column(String(20), default="running")
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    snapshot: Mapped[str | None] = mapped_column(String(200))
    jurisdictions: Mapped[list[Any]] = mapped_column(default=list)
    pages_fetched: Mapped[int] = mapped_column(default=0)
    pages_not_modified: Mapped[int] = mapped_column(default=0)
    pages_failed: Mapped[int] = mapped_column(default=0)
    records_changed: Mapped[int] = mapped_column(default=0)
    alerts_sent: Mapped[int] = mapped_column(default=0)
    error: Mapped[str | None] = mapped_column(Text)
    host: Mapped[str | None] = mapped_column(String(200))
    pid: Mapped[int | None]


class PageBody(Base):
    """Raw bytes of a fetched page, stored once per distinct content."""

    __tablename__ = "page_bodies"

    content_hash: Mapped[str] = mapped_column(String(71), primary_key=True)
    body: Mapped[bytes] = mapped_column(LargeBinary)
    size: Mapped[int] = mapped_column(BigInteger)
    first_seen_at: Mapped[datetime] = mapped_column(default=utcnow)


class Fetch(Base):
    """One attempt to fetch one source in one run."""

    __tablename__ = "fetches"
    __table_args__ = (Index("ix_fetches_run_jur", "run_id", "jurisdiction"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"))
    jurisdiction: Mapped[str] = mapped_column(String(2))
    profession: Mapped[str] = mapped_column(String(60), default="medical-assistant")
    source_id: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    url: Mapped[str] = mapped_column(Text)
    final_url: Mapped[str | None] = mapped_column(Text)
    http_status: Mapped[int | None]
    not_modified: Mapped[bool] = mapped_column(Boolean, default=False)
    content_hash: Mapped[str | None] = mapped_column(ForeignKey("page_bodies.content_hash"))
    content_type: Mapped[str | None] = mapped_column(String(200))
    error: Mapped[str | None] = mapped_column(Text)
    fetched_at: Mapped[datetime] = mapped_column(default=utcnow)


class RecordVersion(Base):
    """An immutable, schema-valid requirement record."""

    __tablename__ = "record_versions"
    __table_args__ = (UniqueConstraint("jurisdiction", "profession", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    jurisdiction: Mapped[str] = mapped_column(String(2))
    profession: Mapped[str] = mapped_column(String(60))
    version: Mapped[int]
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    record: Mapped[dict[str, Any]]
    values_hash: Mapped[str] = mapped_column(String(71))
    normalizer: Mapped[str] = mapped_column(String(100))
    normalizer_version: Mapped[str] = mapped_column(String(20))


class ExtractionFailure(Base):
    """A record that could not be built or failed validation: kept for engineers, never current."""

    __tablename__ = "extraction_failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id", ondelete="SET NULL"))
    jurisdiction: Mapped[str] = mapped_column(String(2))
    profession: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    reason: Mapped[str] = mapped_column(Text)
    errors: Mapped[list[Any]] = mapped_column(default=list)
    record: Mapped[dict[str, Any] | None] = mapped_column(JSONType)


class Change(Base):
    """One classified change: a field of a record, or the health of a source."""

    __tablename__ = "changes"
    __table_args__ = (
        Index("ix_changes_jur_created", "jurisdiction", "created_at"),
        Index("ix_changes_jur_field", "jurisdiction", "profession", "field"),
        Index("ix_changes_status_created", "status", "created_at"),  # the review desk's queue
        # covers the queue's filters and counts (tracker/web/queries.py)
        Index("ix_changes_queue", "status", "category", "jurisdiction", "direction", "created_at"),
        Index("ix_changes_jur_status_created", "jurisdiction", "status", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id", ondelete="SET NULL"))
    jurisdiction: Mapped[str] = mapped_column(String(2))
    profession: Mapped[str] = mapped_column(String(60))
    category: Mapped[str] = mapped_column(String(20))  # requirement|administrative|text|extraction|fetch
    field: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))  # added|removed|changed|problem|recovered
    direction: Mapped[str | None] = mapped_column(String(20))
    old_value: Mapped[Any] = mapped_column(JSONType, nullable=True)
    new_value: Mapped[Any] = mapped_column(JSONType, nullable=True)
    evidence_before: Mapped[list[Any]] = mapped_column(default=list)
    evidence_after: Mapped[list[Any]] = mapped_column(default=list)
    source_url: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str | None] = mapped_column(String(71))
    summary: Mapped[str] = mapped_column(Text)
    from_version_id: Mapped[int | None] = mapped_column(ForeignKey("record_versions.id"))
    to_version_id: Mapped[int | None] = mapped_column(ForeignKey("record_versions.id"))
    status: Mapped[str] = mapped_column(String(20), default="open")  # open|accepted|dismissed|needs-legal
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    alerted_at: Mapped[datetime | None]
    # who is told: compliance (rule, wording, flap), health (run-found problems: engineers' channels, or
    # every channel when no engineers' channel is set), engineers (reparse: engineers' channels only),
    # none (a repeat flip of a field already reported as flapping: recorded, never alerted)
    audience: Mapped[str] = mapped_column(String(20), default="compliance", server_default="compliance")
    # the previous change of the same field (a re-change of an accepted change, or the change a flap reverts)
    supersedes_id: Mapped[int | None] = mapped_column(
        ForeignKey("changes.id", ondelete="SET NULL", name="fk_changes_supersedes_id")
    )
    reviewed_by: Mapped[str | None] = mapped_column(String(200))
    reviewed_at: Mapped[datetime | None]
    review_note: Mapped[str | None] = mapped_column(Text)


class ChangeReview(Base):
    """The audit trail: one row per review action, never updated or deleted."""

    __tablename__ = "change_reviews"
    __table_args__ = (Index("ix_change_reviews_change", "change_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    change_id: Mapped[int] = mapped_column(ForeignKey("changes.id", ondelete="CASCADE"))
    from_status: Mapped[str] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    reviewer: Mapped[str] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AlertDelivery(Base):
    """One digest sent (or not) to one channel: the channel is stored redacted, never with its secrets."""

    __tablename__ = "alert_deliveries"
    __table_args__ = (Index("ix_alert_deliveries_key", "channel_key", "status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id", ondelete="SET NULL"))
    channel: Mapped[str] = mapped_column(Text)  # redacted URL or sink name, safe to show
    channel_key: Mapped[str] = mapped_column(String(80))  # stable id (a hash for URLs)
    status: Mapped[str] = mapped_column(String(20))  # sent|failed
    attempts: Mapped[int] = mapped_column(default=0)
    error: Mapped[str | None] = mapped_column(Text)  # redacted
    change_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AlertDeliveryItem(Base):
    """Which changes a delivery carried."""

    __tablename__ = "alert_delivery_items"
    __table_args__ = (Index("ix_alert_delivery_items_change", "change_id"),)

    delivery_id: Mapped[int] = mapped_column(ForeignKey("alert_deliveries.id", ondelete="CASCADE"), primary_key=True)
    change_id: Mapped[int] = mapped_column(ForeignKey("changes.id", ondelete="CASCADE"), primary_key=True)


class SourceHealth(Base):
    """Consecutive failed fetches of one source, so intermittent failures alert only after N in a row."""

    __tablename__ = "source_health"

    jurisdiction: Mapped[str] = mapped_column(String(2), primary_key=True)
    profession: Mapped[str] = mapped_column(String(60), primary_key=True)
    source_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    consecutive_failures: Mapped[int] = mapped_column(default=0)
    first_failed_at: Mapped[datetime | None]
    last_failed_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)


class JurisdictionStatus(Base):
    """Where each jurisdiction stands now: its current record and its health."""

    __tablename__ = "jurisdiction_status"

    jurisdiction: Mapped[str] = mapped_column(String(2), primary_key=True)
    profession: Mapped[str] = mapped_column(String(60), primary_key=True)
    current_version_id: Mapped[int | None] = mapped_column(ForeignKey("record_versions.id"))
    last_fetched_at: Mapped[datetime | None]
    last_verified_at: Mapped[datetime | None]
    last_changed_at: Mapped[datetime | None]
    health: Mapped[str] = mapped_column(String(20), default="unknown")  # ok|fetch-problem|extraction-problem|unknown
    health_detail: Mapped[str | None] = mapped_column(Text)
    consecutive_failures: Mapped[int] = mapped_column(default=0)


# --- the review desk (tracker/web): users, API tokens, login throttling, corrections ---------------------------


class User(Base):
    """A person who signs in to the review desk; `role` is viewer, reviewer or admin."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    role: Mapped[str] = mapped_column(String(20), default="viewer")
    password_hash: Mapped[str] = mapped_column(Text)  # argon2id
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]
    # kept in each session cookie; signing out raises it, so every earlier cookie of the user stops working
    session_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class ApiToken(Base):
    """A per-user token for the REST API; only its SHA-256 is stored, the token is shown once."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))  # the first characters, to tell tokens apart
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]


class LoginThrottle(Base):
    """Failed sign-ins per key (`user:NAME` or `ip:ADDRESS`), so guessing is slowed down."""

    __tablename__ = "login_throttle"

    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    window_start: Mapped[datetime] = mapped_column(default=utcnow)
    locked_until: Mapped[datetime | None]


class DeskSecret(Base):
    """Secrets the web application keeps in the database (the session-signing key), shared by every host."""

    __tablename__ = "desk_secrets"

    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Correction(Base):
    """A reviewer's value for one field of a jurisdiction's record, used instead of the extracted one.

    It holds while the source's evidence for the field is what it was when the reviewer checked it
    (`evidence_hash`); when that evidence changes, the correction is reopened for review.
    """

    __tablename__ = "corrections"
    __table_args__ = (Index("ix_corrections_jur_field", "jurisdiction", "profession", "field"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    jurisdiction: Mapped[str] = mapped_column(String(2))
    profession: Mapped[str] = mapped_column(String(60))
    field: Mapped[str] = mapped_column(String(200))
    value: Mapped[Any] = mapped_column(JSONType, nullable=True)
    extracted_value: Mapped[Any] = mapped_column(JSONType, nullable=True)
    note: Mapped[str | None] = mapped_column(Text)
    citation: Mapped[str | None] = mapped_column(Text)
    corrected_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    evidence_hash: Mapped[str] = mapped_column(String(71))
    version_id: Mapped[int | None] = mapped_column(ForeignKey("record_versions.id", ondelete="SET NULL"))
    change_id: Mapped[int | None] = mapped_column(ForeignKey("changes.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(20), default="active")  # active|reopened|replaced|withdrawn
    closed_at: Mapped[datetime | None]
    closed_reason: Mapped[str | None] = mapped_column(Text)
