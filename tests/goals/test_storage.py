"""Goals in storage, on SQLite and PostgreSQL: each free-text agreement stored before goals is kept
as the pair's first goal and its boundaries, losing nothing (and put back on a downgrade); the
cohort's counts read only the cohort's own pairs."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, select, text

from bot.goals.model import Boundaries, Goal, GoalDraft
from storage.database import make_engine, make_sessions, upgrade_schema
from storage.goals import GoalRecord
from storage.unit_of_work import SqlUnitOfWorkFactory
from tests.services import migrating

pytestmark = pytest.mark.both_databases

NOW = datetime(2026, 1, 5, 10, tzinfo=UTC)
WRITTEN = datetime(2025, 11, 21, 12, 30)  # as the database holds it: naive UTC
# (pair, goals, availability, topics, contact) as pairs wrote them in the free-text form
AGREEMENTS = [
    (1, "Confidence to apply for a band 8b post\nand to chair meetings", "Tuesdays", "", "Slack"),
    (2, "Lead an audit", "", "", ""),
    (3, "", "", "Leadership, not clinical casework", ""),
    (4, "  ", "", "", ""),  # saved empty: nothing to keep
]


def alembic(engine: Engine, direction: str, revision: str) -> None:
    with migrating(engine, direction, revision):
        pass


def pairs_with_agreements(engine: Engine) -> None:
    """Four pairs, each with an agreement, as stored before goals."""
    with engine.begin() as connection:
        for n in range(1, 9):
            connection.execute(
                text(
                    "INSERT INTO participants (id, email, name, role, created_at, updated_at) "
                    "VALUES (:n, :email, :name, :role, :at, :at)"
                ),
                {
                    "n": n,
                    "email": f"p{n}@example.org",
                    "name": f"P{n}",
                    "role": "mentee",
                    "at": WRITTEN,
                },
            )
        for pair, goals, availability, topics, contact in AGREEMENTS:
            connection.execute(
                text(
                    "INSERT INTO pairs (id, mentor_id, mentee_id, status, stage, created_at) "
                    "VALUES (:p, :mentor, :mentee, 'active', 'negotiation', :at)"
                ),
                {"p": pair, "mentor": 2 * pair - 1, "mentee": 2 * pair, "at": WRITTEN},
            )
            connection.execute(
                text(
                    "INSERT INTO agreements (pair_id, goals, availability, topics, contact, "
                    "updated_at, updated_by) VALUES (:p, :g, :a, :t, :c, :at, :by)"
                ),
                {
                    "p": pair,
                    "g": goals,
                    "a": availability,
                    "t": topics,
                    "c": contact,
                    "at": WRITTEN,
                    "by": 2 * pair,
                },
            )


def test_each_agreement_is_kept_as_a_goal_and_boundaries_losing_nothing(database_url: str) -> None:
    engine = make_engine(database_url)
    alembic(engine, "upgrade", "0012")
    pairs_with_agreements(engine)
    upgrade_schema(engine)

    with SqlUnitOfWorkFactory(make_sessions(engine))() as uow:
        kept = {pair: uow.goals.for_pair(pair) for pair in (1, 2, 3, 4)}
        bounds = {pair: uow.boundaries.get(pair) for pair in (1, 2, 3, 4)}
    assert kept[1] == [
        Goal(kept[1][0].id, 1, 1, "Confidence to apply for a band 8b post\nand to chair meetings")
    ]
    assert [g.draft for g in kept[2]] == [GoalDraft("Lead an audit")]
    assert kept[3] == kept[4] == []
    assert bounds == {
        1: Boundaries("Tuesdays", "", "Slack"),
        2: Boundaries(),
        3: Boundaries("", "Leadership, not clinical casework", ""),
        4: Boundaries(),
    }
    with make_sessions(engine)() as session:
        made = session.scalars(select(GoalRecord).where(GoalRecord.pair_id == 1)).one()
    written = WRITTEN.replace(tzinfo=UTC)
    assert (made.created_at, made.updated_at, made.updated_by) == (written, written, 2), (
        "when and by whom, as the agreement was"
    )
    engine.dispose()


def test_a_downgrade_puts_the_goals_and_boundaries_back_in_an_agreement(database_url: str) -> None:
    engine = make_engine(database_url)
    alembic(engine, "upgrade", "0012")
    pairs_with_agreements(engine)
    upgrade_schema(engine)
    with SqlUnitOfWorkFactory(make_sessions(engine))() as uow:
        uow.goals.replace(2, {1: GoalDraft("Lead an audit"), 2: GoalDraft("Teach")}, 4, NOW)
        uow.commit()
    alembic(engine, "downgrade", "0012")

    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT pair_id, goals, availability, topics, contact FROM agreements ORDER BY pair_id"
            )
        ).all()
    assert [tuple(r) for r in rows] == [
        (1, AGREEMENTS[0][1], "Tuesdays", "", "Slack"),
        (2, "Lead an audit\nTeach", "", "", ""),
        (3, "", "", "Leadership, not clinical casework", ""),
    ]
    upgrade_schema(engine)
    engine.dispose()


def test_the_cohorts_goals_are_its_own_pairs_goals(engine: Engine) -> None:
    with engine.begin() as connection:
        for cohort, pair in (("2025-26", 1), ("2024-25", 2)):
            for n in (2 * pair - 1, 2 * pair):
                connection.execute(
                    text(
                        "INSERT INTO participants (id, email, name, role, cohort, created_at, "
                        "updated_at) VALUES (:n, :email, :name, 'mentee', :cohort, :at, :at)"
                    ),
                    {
                        "n": n,
                        "email": f"p{n}@example.org",
                        "name": f"P{n}",
                        "cohort": cohort,
                        "at": WRITTEN,
                    },
                )
            connection.execute(
                text(
                    "INSERT INTO pairs (id, mentor_id, mentee_id, status, stage, cohort, created_at) "
                    "VALUES (:p, :mentor, :mentee, 'active', 'negotiation', :cohort, :at)"
                ),
                {
                    "p": pair,
                    "mentor": 2 * pair - 1,
                    "mentee": 2 * pair,
                    "cohort": cohort,
                    "at": WRITTEN,
                },
            )
    this_year = SqlUnitOfWorkFactory(make_sessions(engine), cohort="2025-26")
    last_year = SqlUnitOfWorkFactory(make_sessions(engine), cohort="2024-25")
    for uow_of, pair, goals in ((this_year, 1, 2), (last_year, 2, 3)):
        with uow_of() as uow:
            drafts = {n: GoalDraft(f"goal {n}") for n in range(1, goals + 1)}
            uow.goals.replace(pair, drafts, 2 * pair, NOW)
            uow.commit()

    for uow_of, pair, goals in ((this_year, 1, 2), (last_year, 2, 3)):
        with uow_of() as uow:
            assert [(g.pair_id, g.position) for g in uow.goals.of_cohort()] == [
                (pair, n) for n in range(1, goals + 1)
            ]
