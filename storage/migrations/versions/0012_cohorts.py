"""cohorts: each run of the scheme keeps its own people, pairs, replies, answers, concerns and
requests; everything stored until now is cohort 2025-26's, losing nothing. A participant row is
a person's enrolment in one cohort (email and Slack id unique within it); an event's dates are
kept per cohort, since event ids stay the same year on year.

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

FIRST = "2025-26"
SCOPED = ("participants", "pairs", "concerns", "requests", "evaluation_responses", "rsvps")
# SQLite's unnamed constraints get these names when its tables are rebuilt; PostgreSQL named
# them itself when 0001 made them.
NAMES = {"uq": "uq_%(table_name)s_%(column_0_name)s", "pk": "pk_%(table_name)s"}


def _cohort() -> sa.Column:
    return sa.Column("cohort", sa.String(length=7), nullable=False, server_default=FIRST)


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for table in SCOPED:
        with op.batch_alter_table(table, naming_convention=NAMES) as batch:
            batch.add_column(_cohort())
            batch.create_index(f"ix_{table}_cohort", ["cohort"])
    with op.batch_alter_table("participants", naming_convention=NAMES) as batch:
        for column in ("email", "slack_user_id"):
            name = f"participants_{column}_key" if postgres else f"uq_participants_{column}"
            batch.drop_constraint(name, type_="unique")
            batch.create_unique_constraint(f"uq_participants_cohort_{column}", ["cohort", column])
    with op.batch_alter_table("event_schedules", naming_convention=NAMES) as batch:
        batch.add_column(_cohort())
        batch.create_index("ix_event_schedules_cohort", ["cohort"])
        batch.drop_constraint(
            "event_schedules_pkey" if postgres else "pk_event_schedules", type_="primary"
        )
        batch.create_primary_key("pk_event_schedules", ["cohort", "event_id"])


def downgrade() -> None:
    with op.batch_alter_table("event_schedules", naming_convention=NAMES) as batch:
        batch.drop_constraint("pk_event_schedules", type_="primary")
        batch.create_primary_key("event_schedules_pkey", ["event_id"])
        batch.drop_index("ix_event_schedules_cohort")
        batch.drop_column("cohort")
    with op.batch_alter_table("participants", naming_convention=NAMES) as batch:
        for column in ("email", "slack_user_id"):
            batch.drop_constraint(f"uq_participants_cohort_{column}", type_="unique")
            batch.create_unique_constraint(f"participants_{column}_key", [column])
    for table in SCOPED:
        with op.batch_alter_table(table, naming_convention=NAMES) as batch:
            batch.drop_index(f"ix_{table}_cohort")
            batch.drop_column("cohort")
