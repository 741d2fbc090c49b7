"""The review desk's queue: one index covering its filters and counts (status, category, state, direction, date).

It replaces the category/date index of 0003: the queue's counts per state and per tab then read the
index alone, never the changes' wide rows; and one state's queue reads that state's rows of its status,
newest first (benchmarks/RESULTS.md, "The review desk's queue").

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04 03:00:00

"""

from collections.abc import Sequence

from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("changes", schema=None) as batch_op:
        batch_op.drop_index("ix_changes_category_created")
        batch_op.create_index(
            "ix_changes_queue", ["status", "category", "jurisdiction", "direction", "created_at"], unique=False
        )
        batch_op.create_index("ix_changes_jur_status_created", ["jurisdiction", "status", "created_at"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("changes", schema=None) as batch_op:
        batch_op.drop_index("ix_changes_jur_status_created")
        batch_op.drop_index("ix_changes_queue")
        batch_op.create_index("ix_changes_category_created", ["category", "created_at"], unique=False)
