"""A cohort's erasure in storage, on SQLite and PostgreSQL: a person in every feature is named
nowhere after it, while the rows that make the cohort's counts stay; two processes erasing at
once erase it once; the upgrade registers each cohort found in stored rows, kept until the team
acts; and every column of free text is one the erasure names."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Engine, Text, text

from bot.cohorts.model import KeptCohort
from storage.base import Base
from storage.cohorts import ERASED, SqlCohorts
from storage.database import make_engine, make_sessions, upgrade_schema
from storage.unit_of_work import SqlUnitOfWorkFactory
from tests.storage.test_erasure import GRACE, SUNITA, a_scheme_with_sunita_in_every_feature
from tests.storage.test_migrations import alembic

pytestmark = pytest.mark.both_databases

ERASED_AT = datetime(2028, 10, 1, 8, tzinfo=UTC)
LAST = KeptCohort("2025-26", date(2026, 9, 30), date(2028, 9, 30))
# Free text a cohort's erasure deals with otherwise than by ERASED's blanking, and how.
ERASED_OTHERWISE = {
    ("deliveries", "notice"): "a message waiting to be sent; one naming the cohort's people goes",
    ("inbox", "text"): "a DM, deleted with the person's Slack id",
    ("applications", "answers"): "JSON: its free-text answers are blanked, its choices stay",
    ("boundaries", "availability"): "deleted with the cohort's pairs",
    ("boundaries", "topics"): "deleted with the cohort's pairs",
    ("boundaries", "contact"): "deleted with the cohort's pairs",
    ("participants", "about"): "emptied with the person's name",
    ("concern_events", "note"): "the team's note, emptied",
    ("request_events", "note"): "the team's note, emptied",
}


def never(*_: object) -> bool:
    return False


@pytest.fixture
def uow(engine: Engine) -> SqlUnitOfWorkFactory:
    return SqlUnitOfWorkFactory(make_sessions(engine))


def test_a_cohort_s_erasure_names_no_one_and_keeps_its_rows(
    engine: Engine, uow: SqlUnitOfWorkFactory
) -> None:
    sunita = a_scheme_with_sunita_in_every_feature(uow)
    with uow() as work:
        work.cohorts.record(LAST)
        assert work.cohorts.erase("2025-26", ERASED_AT, never) == 2
        work.commit()

    with uow() as work:
        erased = work.participants.get(sunita)
        assert erased is not None and erased.anonymised and erased.slack_user_id is None
        assert len(work.rsvps.answers()) == 1, "her reply is counted still"
        [concern] = work.concerns.all()
        assert (concern.text, concern.contact) == ("[erased]", "")
        [pair] = work.pairs.current()
        assert [m.topics for m in work.meetings.for_pair(pair.id)] == [""]
        assert [(g.what, g.how_known) for g in work.goals.for_pair(pair.id)] == [("", "")]
        assert work.cohorts.all() == [
            KeptCohort("2025-26", LAST.ends_on, LAST.keep_until, ERASED_AT, erased_people=2)
        ]
    with engine.connect() as connection:
        stored = "\n".join(
            repr(tuple(row))
            for table in Base.metadata.sorted_tables
            for row in connection.execute(table.select())
        )
    for word in (SUNITA.name, SUNITA.email, "USUNITA01", GRACE.name, "a worry", "first chat"):
        assert word not in stored, word


def test_of_two_processes_erasing_at_once_one_erases_and_the_other_does_nothing(
    database_url: str,
) -> None:
    engine = make_engine(database_url)
    upgrade_schema(engine)
    uow = SqlUnitOfWorkFactory(make_sessions(engine))
    a_scheme_with_sunita_in_every_feature(uow)
    with uow() as work:
        work.cohorts.record(LAST)
        work.commit()
    results: list[int | None] = []
    start = threading.Barrier(2)

    def erase() -> None:
        with uow() as work:
            start.wait()
            results.append(work.cohorts.erase("2025-26", ERASED_AT, never))
            work.commit()

    both = [threading.Thread(target=erase) for _ in range(2)]
    for thread in both:
        thread.start()
    for thread in both:
        thread.join()
    engine.dispose()
    assert sorted(results, key=lambda r: r is None) == [2, None]


def test_the_upgrade_registers_every_cohort_in_stored_rows_kept_until_the_team_acts(
    database_url: str,
) -> None:
    engine = make_engine(database_url)
    alembic(engine, "0015")
    naive = datetime(2026, 1, 5, 10)
    with engine.begin() as connection:
        for cohort, email in (("2025-26", "a@b.org"), ("2026-27", "a@b.org")):
            connection.execute(
                text(
                    "INSERT INTO participants (cohort, email, name, role, created_at, updated_at) "
                    "VALUES (:c, :e, 'A', 'mentee', :n, :n)"
                ),
                {"c": cohort, "e": email, "n": naive},
            )
    upgrade_schema(engine)
    with make_sessions(engine)() as session:
        registered = SqlCohorts(session).all()
    engine.dispose()
    assert registered == [KeptCohort("2025-26", None, None), KeptCohort("2026-27", None, None)]


def test_every_column_of_free_text_is_one_a_cohort_s_erasure_names() -> None:
    erased = {(table.__tablename__, column) for table, words in ERASED.items() for column in words}
    free_text = {
        (table.name, column.name)
        for table in Base.metadata.sorted_tables
        for column in table.columns
        if isinstance(column.type, Text)
    }
    unnamed = free_text - erased - ERASED_OTHERWISE.keys()
    assert not unnamed, (
        "say in storage/cohorts.py's ERASED what of these a cohort's erasure blanks (or here, "
        f"why they are not personal): {sorted(unnamed)}"
    )
