"""participants: the language chosen by someone not on the scheme, by Slack id (a new table;
nothing stored changes: a participant's choice stays on their row)

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reader_languages",
        sa.Column("slack_user_id", sa.String(length=20), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("chosen_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("slack_user_id"),
    )


def downgrade() -> None:
    op.drop_table("reader_languages")
