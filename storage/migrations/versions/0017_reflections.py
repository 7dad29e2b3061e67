"""reflections: what each person wrote at the close of their pairing (what they achieved, what they
learned, what next) or after a meeting, and the invitations made to write them, each the cohort's.

Revision ID: 0017
Revises: 0016
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reflections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cohort", sa.String(length=7), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("pair_id", sa.Integer(), nullable=False),
        sa.Column("moment", sa.String(length=10), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("met_on", sa.Date(), nullable=True),
        sa.Column("achieved", sa.Text(), nullable=False),
        sa.Column("learned", sa.Text(), nullable=False),
        sa.Column("next_steps", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("written_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["pair_id"], ["pairs.id"]),
        sa.ForeignKeyConstraint(["participant_id"], ["participants.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    op.create_index("ix_reflections_cohort", "reflections", ["cohort"])
    op.create_index("ix_reflections_pair_id", "reflections", ["pair_id"])
    op.create_index("ix_reflections_participant_id", "reflections", ["participant_id"])
    op.create_table(
        "reflection_invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cohort", sa.String(length=7), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("pair_id", sa.Integer(), nullable=False),
        sa.Column("invited_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["pair_id"], ["pairs.id"]),
        sa.ForeignKeyConstraint(["participant_id"], ["participants.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    op.create_index("ix_reflection_invitations_cohort", "reflection_invitations", ["cohort"])
    op.create_index(
        "ix_reflection_invitations_participant_id", "reflection_invitations", ["participant_id"]
    )


def downgrade() -> None:
    op.drop_index("ix_reflection_invitations_participant_id", "reflection_invitations")
    op.drop_index("ix_reflection_invitations_cohort", "reflection_invitations")
    op.drop_table("reflection_invitations")
    op.drop_index("ix_reflections_participant_id", "reflections")
    op.drop_index("ix_reflections_pair_id", "reflections")
    op.drop_index("ix_reflections_cohort", "reflections")
    op.drop_table("reflections")
