"""outbox: each kept message's notice, expiry, attempts and whether it is one file for many;
the channels behind DMs

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("deliveries") as table:
        table.add_column(sa.Column("notice", sa.LargeBinary(), nullable=True))
        table.add_column(sa.Column("expires_at", sa.DateTime(), nullable=True))
        table.add_column(sa.Column("attempts", sa.Integer(), server_default="0", nullable=False))
        table.add_column(
            sa.Column("shared", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        table.alter_column("claimed_at", existing_type=sa.DateTime(), nullable=True)
    op.create_table(
        "slack_channels",
        sa.Column("address", sa.String(length=255), nullable=False),
        sa.Column("channel_id", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("address"),
    )


def downgrade() -> None:
    op.drop_table("slack_channels")
    with op.batch_alter_table("deliveries") as table:
        table.alter_column("claimed_at", existing_type=sa.DateTime(), nullable=False)
        table.drop_column("shared")
        table.drop_column("attempts")
        table.drop_column("expires_at")
        table.drop_column("notice")
