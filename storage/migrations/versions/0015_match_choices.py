"""match_choices: the steering group's choice for each mentee of a cohort (approved, swapped,
left unmatched, or the suggestion as last shown), by application (a new table; nothing stored
changes)

Revision ID: 0015
Revises: 0014
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "match_choices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cohort", sa.String(length=7), nullable=False),
        sa.Column("mentee_application", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("mentor_application", sa.Integer(), nullable=True),
        sa.Column("chosen_by", sa.String(length=20), nullable=True),
        sa.Column("chosen_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["mentee_application"], ["applications.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["mentor_application"], ["applications.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("mentee_application"),
    )
    op.create_index("ix_match_choices_cohort", "match_choices", ["cohort"])


def downgrade() -> None:
    op.drop_index("ix_match_choices_cohort", "match_choices")
    op.drop_table("match_choices")
