"""goals: a pair's learning goals (up to five), the check-ins' questions about them and their
answers, and its boundaries, in place of the one free-text agreement. Each stored agreement is
kept, losing nothing: its learning goals become the pair's first goal (its words as they were),
its availability, topics and contact the pair's boundaries, with the same time and author. A
downgrade puts them back in an agreement (the goals' words one a line).

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    _create_goals()
    _create_boundaries()
    op.execute(
        "INSERT INTO goals (pair_id, position, what, how_known, progress, created_at, updated_at,"
        " updated_by) SELECT pair_id, 1, goals, '', 'not_started', updated_at, updated_at,"
        " updated_by FROM agreements WHERE TRIM(goals) <> ''"
    )
    op.execute(
        "INSERT INTO boundaries (pair_id, availability, topics, contact, updated_at, updated_by)"
        " SELECT pair_id, availability, topics, contact, updated_at, updated_by FROM agreements"
        " WHERE TRIM(availability) <> '' OR TRIM(topics) <> '' OR TRIM(contact) <> ''"
    )
    op.drop_table("agreements")


def _create_goals() -> None:
    op.create_table(
        "goals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pair_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("how_known", sa.Text(), nullable=False),
        sa.Column("by_when", sa.Date(), nullable=True),
        sa.Column("confidence_start", sa.Integer(), nullable=True),
        sa.Column("confidence_end", sa.Integer(), nullable=True),
        sa.Column("progress", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["pair_id"], ["pairs.id"]),
        sa.ForeignKeyConstraint(["updated_by"], ["participants.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("pair_id", "position", name="uq_goals_pair_position"),
    )
    op.create_index("ix_goals_pair_id", "goals", ["pair_id"])
    op.create_table(
        "goal_checkins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("checkin_id", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("asked_at", sa.DateTime(), nullable=False),
        sa.Column("progress", sa.String(length=12), nullable=True),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.Column("answered_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["checkin_id"], ["checkins.id"]),
        sa.ForeignKeyConstraint(["goal_id"], ["goals.id"]),
        sa.ForeignKeyConstraint(["answered_by"], ["participants.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("checkin_id"),
    )
    op.create_index("ix_goal_checkins_goal_id", "goal_checkins", ["goal_id"])


def _create_boundaries() -> None:
    op.create_table(
        "boundaries",
        sa.Column("pair_id", sa.Integer(), nullable=False),
        sa.Column("availability", sa.Text(), nullable=False),
        sa.Column("topics", sa.Text(), nullable=False),
        sa.Column("contact", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["pair_id"], ["pairs.id"]),
        sa.ForeignKeyConstraint(["updated_by"], ["participants.id"]),
        sa.PrimaryKeyConstraint("pair_id"),
    )


def downgrade() -> None:
    op.create_table(
        "agreements",
        sa.Column("pair_id", sa.Integer(), nullable=False),
        sa.Column("goals", sa.Text(), nullable=False),
        sa.Column("availability", sa.Text(), nullable=False),
        sa.Column("topics", sa.Text(), nullable=False),
        sa.Column("contact", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["pair_id"], ["pairs.id"]),
        sa.ForeignKeyConstraint(["updated_by"], ["participants.id"]),
        sa.PrimaryKeyConstraint("pair_id"),
    )
    _agreements_back(op.get_bind())
    op.drop_table("boundaries")
    op.drop_index("ix_goal_checkins_goal_id", "goal_checkins")
    op.drop_table("goal_checkins")
    op.drop_index("ix_goals_pair_id", "goals")
    op.drop_table("goals")


def _agreements_back(connection: sa.Connection) -> None:
    """Each pair's goals (their words, one a line, in order) and boundaries as an agreement."""
    goals: dict[int, list[tuple[str, object, object]]] = {}
    for pair_id, what, updated_at, updated_by in connection.execute(
        sa.text("SELECT pair_id, what, updated_at, updated_by FROM goals ORDER BY position")
    ):
        goals.setdefault(pair_id, []).append((what, updated_at, updated_by))
    bounds = {
        row.pair_id: row
        for row in connection.execute(
            sa.text(
                "SELECT pair_id, availability, topics, contact, updated_at, updated_by FROM boundaries"
            )
        )
    }
    insert = sa.text(
        "INSERT INTO agreements (pair_id, goals, availability, topics, contact, updated_at,"
        " updated_by) VALUES (:pair_id, :goals, :availability, :topics, :contact, :updated_at,"
        " :updated_by)"
    )
    for pair_id in sorted(goals.keys() | bounds.keys()):
        kept, bound = goals.get(pair_id, []), bounds.get(pair_id)
        latest = max(
            [(at, by) for _, at, by in kept]
            + ([(bound.updated_at, bound.updated_by)] if bound else []),
            key=lambda made: str(made[0]),
        )
        connection.execute(
            insert,
            {
                "pair_id": pair_id,
                "goals": "\n".join(what for what, _, _ in kept),
                "availability": bound.availability if bound else "",
                "topics": bound.topics if bound else "",
                "contact": bound.contact if bound else "",
                "updated_at": latest[0],
                "updated_by": latest[1],
            },
        )
