"""pulse: the questions asked of each person about how their pairing is going (the fit after
the pair's first meeting, then a pulse every so often) and their answers, each the cohort's.

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pulse_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cohort", sa.String(length=7), nullable=False),
        sa.Column("pair_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("asked_at", sa.DateTime(), nullable=False),
        sa.Column("fit", sa.String(length=16), nullable=True),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["pair_id"], ["pairs.id"]),
        sa.ForeignKeyConstraint(["participant_id"], ["participants.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("pair_id", "participant_id", "round", name="uq_pulse_questions_round"),
    )
    op.create_index("ix_pulse_questions_cohort", "pulse_questions", ["cohort"])
    op.create_index("ix_pulse_questions_pair_id", "pulse_questions", ["pair_id"])
    op.create_index("ix_pulse_questions_participant_id", "pulse_questions", ["participant_id"])


def downgrade() -> None:
    op.drop_index("ix_pulse_questions_participant_id", "pulse_questions")
    op.drop_index("ix_pulse_questions_pair_id", "pulse_questions")
    op.drop_index("ix_pulse_questions_cohort", "pulse_questions")
    op.drop_table("pulse_questions")
