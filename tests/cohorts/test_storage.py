"""Two cohorts in one database: each unit of work reads and writes its own cohort's people,
pairs, dates and answers; 2025-26's stay as they were while 2026-27 runs; a person back for a
second year keeps their language and nation; erasing someone erases every year of them; and
what was stored before cohorts is 2025-26's after the upgrade."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from bot.events.model import EventSchedule
from bot.participants.model import ParticipantRow
from storage.database import make_engine, make_sessions, upgrade_schema
from storage.unit_of_work import SqlUnitOfWorkFactory
from tests.storage.test_migrations import alembic

pytestmark = pytest.mark.both_databases

NOW = datetime(2026, 9, 1, 9, tzinfo=UTC)
LAUNCH = EventSchedule("launch", datetime(2025, 11, 13, 11, tzinfo=UTC), None)
LAUNCH_AGAIN = EventSchedule("launch", datetime(2026, 11, 12, 11, tzinfo=UTC), None)


def row(email: str, role: str, slack_id: str) -> ParticipantRow:
    name = email.split("@")[0]
    return ParticipantRow(line=2, name=name, email=email, role=role, slack_user_id=slack_id)  # type: ignore[arg-type]


@pytest.fixture
def years(database_url: str):  # type: ignore[no-untyped-def]
    engine = make_engine(database_url)
    upgrade_schema(engine)
    sessions = make_sessions(engine)
    yield (
        SqlUnitOfWorkFactory(sessions, cohort="2025-26"),
        SqlUnitOfWorkFactory(sessions, cohort="2026-27"),
    )
    engine.dispose()


def test_each_cohort_sees_only_its_own_and_the_last_stays_as_it_was(years) -> None:  # type: ignore[no-untyped-def]
    last, this = years
    with last() as uow:
        uow.participants.upsert(
            [row("sunita@nhs.uk", "mentee", "U1"), row("grace@nhs.uk", "mentor", "U2")], {}, NOW
        )
        sunita, grace = uow.participants.by_slack_id("U1"), uow.participants.by_slack_id("U2")
        assert sunita and grace
        uow.participants.set_language(sunita.id, "cy", NOW)
        uow.participants.set_nation(sunita.id, "wales", NOW)
        uow.pairs.add(grace.id, sunita.id, NOW)
        uow.schedules.save(LAUNCH, LAUNCH, NOW)
        uow.evaluations.invite("baseline", [sunita.id], NOW)
        uow.commit()

    with this() as uow:
        assert uow.participants.all() == [] and uow.pairs.current() == []
        assert uow.schedules.all() == {} and uow.evaluations.for_form("baseline") == []
        # Sunita comes back to mentor: a new enrolment, her language and nation kept
        uow.participants.upsert([row("sunita@nhs.uk", "mentor", "U1")], {}, NOW)
        uow.schedules.save(LAUNCH_AGAIN, LAUNCH_AGAIN, NOW)
        uow.commit()
        again = uow.participants.by_slack_id("U1")
        assert again is not None and again.role == "mentor"
        assert (again.language, again.nation) == ("cy", "wales")
        assert uow.pairs.earlier_cohorts() == {("sunita@nhs.uk", "grace@nhs.uk")}
        assert uow.schedules.all() == {"launch": LAUNCH_AGAIN}

    with last() as uow:
        kept = uow.participants.by_slack_id("U1")
        assert kept is not None and kept.role == "mentee" and kept.id != again.id
        assert [p.mentee_id for p in uow.pairs.current()] == [kept.id]
        assert uow.schedules.all() == {"launch": LAUNCH}
        assert [r.participant_id for r in uow.evaluations.for_form("baseline")] == [kept.id]
        assert uow.pairs.earlier_cohorts() == frozenset()


def test_erasing_someone_erases_every_year_of_them(years) -> None:  # type: ignore[no-untyped-def]
    last, this = years
    for cohort, role in ((last, "mentee"), (this, "mentor")):
        with cohort() as uow:
            uow.participants.upsert([row("sunita@nhs.uk", role, "U1")], {}, NOW)
            uow.commit()

    with this() as uow:
        person = uow.participants.by_slack_id("U1")
        assert person is not None
        uow.erasure.erase_participant(person.id, NOW)
        uow.commit()

    for cohort in (last, this):
        with cohort() as uow:
            assert uow.participants.by_slack_id("U1") is None
            assert [p.name for p in uow.participants.all()] == ["Erased participant"]


def test_what_was_stored_before_cohorts_is_2025_26s_after_the_upgrade(
    database_url: str,
) -> None:
    engine = make_engine(database_url)
    alembic(engine, "0011")
    at = NOW.replace(tzinfo=None)
    with engine.begin() as connection:
        for statement in (
            "INSERT INTO participants (email, name, role, slack_user_id, created_at, updated_at)"
            " VALUES ('a@b.org', 'A', 'mentee', 'U1', :n, :n), ('c@d.org', 'C', 'mentor', 'U2', :n, :n)",
            "INSERT INTO pairs (mentor_id, mentee_id, status, stage, created_at)"
            " VALUES (2, 1, 'active', 'preparing', :n)",
            "INSERT INTO event_schedules (event_id, starts_at, sequence, updated_at)"
            " VALUES ('launch', :n, 0, :n)",
            "INSERT INTO rsvps (event_id, participant_id, answer, answered_at)"
            " VALUES ('launch', 1, 'yes', :n)",
        ):
            connection.execute(text(statement), {"n": at})
    upgrade_schema(engine)
    sessions = make_sessions(engine)

    with SqlUnitOfWorkFactory(sessions, cohort="2025-26")() as uow:
        assert [p.email for p in uow.participants.all()] == ["a@b.org", "c@d.org"]
        assert len(uow.pairs.current()) == 1 and list(uow.schedules.all()) == ["launch"]
        assert uow.rsvps.answers() == {("launch", 1): "yes"}
    with SqlUnitOfWorkFactory(sessions, cohort="2026-27")() as uow:
        assert uow.participants.all() == [] and uow.rsvps.answers() == {}
    engine.dispose()
