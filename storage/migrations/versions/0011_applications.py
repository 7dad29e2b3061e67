"""applications: a person's application to a cohort, one per email and cohort (a new table;
nothing stored changes)

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "applications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cohort", sa.String(length=7), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("slack_user_id", sa.String(length=20), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("cohort", "email"),
    )
    op.create_index("ix_applications_cohort", "applications", ["cohort"])
    op.create_index("ix_applications_slack_user_id", "applications", ["slack_user_id"])


def downgrade() -> None:
    op.drop_index("ix_applications_slack_user_id", "applications")
    op.drop_index("ix_applications_cohort", "applications")
    op.drop_table("applications")
