"""Change tracking: review fields and audit trail, alert audiences and deliveries, per-source failure counts.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 04:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("changes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("audience", sa.String(length=20), nullable=False, server_default="compliance"))
        batch_op.add_column(sa.Column("supersedes_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("reviewed_by", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("review_note", sa.Text(), nullable=True))
        batch_op.create_foreign_key(
            "fk_changes_supersedes_id", "changes", ["supersedes_id"], ["id"], ondelete="SET NULL"
        )
        batch_op.create_index("ix_changes_jur_field", ["jurisdiction", "profession", "field"], unique=False)
    # source and extraction problems found by runs go to the engineers' channels
    op.execute("UPDATE changes SET audience = 'health' WHERE category IN ('fetch', 'extraction')")

    op.create_table(
        "change_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("change_id", sa.Integer(), nullable=False),
        sa.Column("from_status", sa.String(length=20), nullable=False),
        sa.Column("to_status", sa.String(length=20), nullable=False),
        sa.Column("reviewer", sa.String(length=200), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["change_id"], ["changes.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("change_reviews", schema=None) as batch_op:
        batch_op.create_index("ix_change_reviews_change", ["change_id"], unique=False)

    op.create_table(
        "alert_deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("channel", sa.Text(), nullable=False),
        sa.Column("channel_key", sa.String(length=80), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("change_count", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("alert_deliveries", schema=None) as batch_op:
        batch_op.create_index("ix_alert_deliveries_key", ["channel_key", "status"], unique=False)

    op.create_table(
        "alert_delivery_items",
        sa.Column("delivery_id", sa.Integer(), nullable=False),
        sa.Column("change_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["change_id"], ["changes.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["delivery_id"], ["alert_deliveries.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("delivery_id", "change_id"),
    )
    with op.batch_alter_table("alert_delivery_items", schema=None) as batch_op:
        batch_op.create_index("ix_alert_delivery_items_change", ["change_id"], unique=False)

    op.create_table(
        "source_health",
        sa.Column("jurisdiction", sa.String(length=2), nullable=False),
        sa.Column("profession", sa.String(length=60), nullable=False),
        sa.Column("source_id", sa.String(length=200), nullable=False),
        sa.Column("consecutive_failures", sa.Integer(), nullable=False),
        sa.Column("first_failed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_failed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("jurisdiction", "profession", "source_id"),
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table("source_health")
    with op.batch_alter_table("alert_delivery_items", schema=None) as batch_op:
        batch_op.drop_index("ix_alert_delivery_items_change")
    op.drop_table("alert_delivery_items")
    with op.batch_alter_table("alert_deliveries", schema=None) as batch_op:
        batch_op.drop_index("ix_alert_deliveries_key")
    op.drop_table("alert_deliveries")
    with op.batch_alter_table("change_reviews", schema=None) as batch_op:
        batch_op.drop_index("ix_change_reviews_change")
    op.drop_table("change_reviews")
    with op.batch_alter_table("changes", schema=None) as batch_op:
        batch_op.drop_index("ix_changes_jur_field")
        batch_op.drop_constraint("fk_changes_supersedes_id", type_="foreignkey")
        batch_op.drop_column("review_note")
        batch_op.drop_column("reviewed_at")
        batch_op.drop_column("reviewed_by")
        batch_op.drop_column("supersedes_id")
        batch_op.drop_column("audience")
