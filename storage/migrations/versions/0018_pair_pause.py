"""pairs.paused_until: the project team's hold on one pair's check-ins (while a concern is looked
into, say), apart from each person's own pause, so that holding one of a mentor's pairs leaves
their other mentees' check-ins going. Nothing stored is held: a team's pause made before this
was written on both people, and stays there.

Revision ID: 0018
Revises: 0017
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("pairs") as batch:
        batch.add_column(sa.Column("paused_until", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("pairs") as batch:
        batch.drop_column("paused_until")
