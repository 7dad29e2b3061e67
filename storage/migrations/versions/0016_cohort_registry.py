"""cohort_registry: each cohort the bot has run, with its last day, how long its personal data is
kept (until which day) and when it was erased, so a cohort's retention is known after its
programme file is gone; and a participant row anonymised with its cohort, still counted in that
cohort's figures. Every cohort found in stored rows is registered with an unknown end: its data
is kept until the team acts.

Revision ID: 0016
Revises: 0015
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

# Every table whose rows carry their cohort, as 0012 to 0015 left them.
SCOPED = (
    "participants",
    "pairs",
    "concerns",
    "requests",
    "evaluation_responses",
    "rsvps",
    "event_schedules",
    "applications",
    "pulse_questions",
    "match_choices",
)


def upgrade() -> None:
    op.create_table(
        "cohort_registry",
        sa.Column("id", sa.String(length=7), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("keep_until", sa.Date(), nullable=True),
        sa.Column("erased_at", sa.DateTime(), nullable=True),
        sa.Column("erased_people", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("participants") as batch:
        batch.add_column(
            sa.Column("anonymised", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    found = " UNION ".join(f"SELECT DISTINCT cohort FROM {table}" for table in SCOPED)
    op.execute(f"INSERT INTO cohort_registry (id) SELECT cohort FROM ({found}) AS stored")


def downgrade() -> None:
    with op.batch_alter_table("participants") as batch:
        batch.drop_column("anonymised")
    op.drop_table("cohort_registry")
