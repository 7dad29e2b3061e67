"""uq_pairs_current_mentee: a mentee is in one current (awaiting or active) pair at most, held by
the database as well as by the pairing rule, so that two processes pairing the same mentee at
once cannot both succeed (each checks the rule, then makes the pair). A mentor's one to three
are the rule's alone.

Revision ID: 0019
Revises: 0018
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

CURRENT = sa.text("status != 'ended'")


def upgrade() -> None:
    op.create_index(
        "uq_pairs_current_mentee",
        "pairs",
        ["mentee_id"],
        unique=True,
        sqlite_where=CURRENT,
        postgresql_where=CURRENT,
    )


def downgrade() -> None:
    op.drop_index("uq_pairs_current_mentee", table_name="pairs")
