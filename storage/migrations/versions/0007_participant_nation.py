"""participants: the nation whose bank holidays each person keeps (empty: the programme's) and
the language they read (empty: English, or their Slack locale's)

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("participants") as table:
        table.add_column(sa.Column("nation", sa.String(length=20), nullable=True))
        table.add_column(sa.Column("language", sa.String(length=8), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("participants") as table:
        table.drop_column("language")
        table.drop_column("nation")
