"""concern state and audit trail (existing concerns count as open reports)

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "concern_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("concern_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("actor", sa.String(length=20), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["concern_id"],
            ["concerns.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("concern_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_concern_events_concern_id"), ["concern_id"], unique=False
        )

    with op.batch_alter_table("concerns", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("kind", sa.String(length=10), nullable=False, server_default="report")
        )
        batch_op.add_column(
            sa.Column("urgency", sa.String(length=10), nullable=False, server_default="soon")
        )
        batch_op.add_column(sa.Column("contact", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(
            sa.Column("status", sa.String(length=12), nullable=False, server_default="open")
        )
        batch_op.add_column(sa.Column("assignee", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("delivered_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("acknowledged_at", sa.DateTime(), nullable=True))


def downgrade() -> None:

    with op.batch_alter_table("concerns", schema=None) as batch_op:
        batch_op.drop_column("acknowledged_at")
        batch_op.drop_column("delivered_at")
        batch_op.drop_column("assignee")
        batch_op.drop_column("status")
        batch_op.drop_column("contact")
        batch_op.drop_column("urgency")
        batch_op.drop_column("kind")

    with op.batch_alter_table("concern_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_concern_events_concern_id"))

    op.drop_table("concern_events")
