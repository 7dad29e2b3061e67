"""A closed cohort's retention over the real storage: thirteen pairs' year (tests/outcomes/
stored_cohort.py), with a concern, a request and an application in its people's own words, kept
for two years after its last day. Then its personal data is erased: the outcomes report gives
the same figures as before, and nothing in any table names anyone of it or holds their words;
Sunita, who mentors in 2026-27 too, keeps that enrolment, her name and her language."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Engine, inspect, text

from bot.applications.model import Answers, Applicant
from bot.applications.service import ApplicationsService
from bot.cohorts.model import KeptCohort
from bot.cohorts.notices import CohortErased
from bot.cohorts.service import Expired, RetentionService
from bot.outcomes.service import OutcomesService
from bot.participants.service import import_participants
from bot.scheme import Applications, Choice
from tests.cast import COHORT_PEOPLE, EMAILS, NAMES
from tests.outcomes.stored_cohort import IDENTIFYING, REPORTED, thirteen_pairs
from tests.services import (
    GRACE,
    SUNITA,
    TEAM_CHANNEL,
    WORKSPACE,
    Scheme,
    WorkspaceDirectory,
    scheme_with_cohort,
)

KEPT_FOR_TWO_YEARS = date(2028, 9, 30)  # the shipped programme ends 30 September 2026, P2Y on
ERASED = datetime(2028, 10, 1, 8, tzinfo=UTC)  # 09:00 in London, the morning after
NEXT_YEAR_JOINS = datetime(2026, 10, 1, 8, tzinfo=UTC)
CONCERN = "My mentor keeps cancelling on me"
REQUEST = "A ramp at the venue, please: I use a wheelchair"
APPLICANT = Applicant("anwen.price@example.nhs.uk", "Anwen Price", "UAPPLY001", "cy")
APPLIED = Answers(
    role="mentee",
    profession="radiographer",
    nation="wales",
    band="6",
    employer="Cardiff and Vale UHB",
    themes=("leading-change",),
    format="either",
    availability=("weekday-daytime",),
    line_manager_email="manager.of.anwen@example.nhs.uk",
    for_the_team="I work compressed hours on Fridays",
)
# What the cohort's people typed: none of it may be left anywhere.
WORDS = [CONCERN, REQUEST, "Chair a team meeting", "Apply for a band 7 post"] + [
    "Every other Tuesday",
    "Not clinical cases",
    "Career plans",
    "To lead a team",
    APPLIED.employer,
    APPLIED.for_the_team,
    "manager.of.anwen",
]


def retention(scheme: Scheme) -> RetentionService:
    return RetentionService(scheme.programme, scheme.uow, scheme.deliveries, scheme.team)


def outcomes(scheme: Scheme) -> OutcomesService:
    return OutcomesService(scheme.programme, scheme.uow, scheme.deliveries, scheme.team)


def in_their_words(scheme: Scheme) -> None:
    """A concern, a request and an application to 2025-26, each in the person's own words."""
    scheme.concerns.raise_concern(GRACE, "command", CONCERN, REPORTED)
    asked = scheme.requests.ask(SUNITA, "adjustment", None, REQUEST, "command", REPORTED)
    scheme.requests.send(asked, REPORTED)
    window = Applications(
        opens=datetime(2025, 9, 1, tzinfo=UTC),
        closes=datetime(2026, 12, 1, tzinfo=UTC),
        themes=[Choice(id="leading-change", en="Leading change", cy="Arwain newid")],
    )
    programme = scheme.programme.model_copy(update={"applications": window})
    ApplicationsService(programme, scheme.uow, scheme.deliveries, scheme.team).apply(
        APPLICANT, APPLIED, REPORTED
    )


def sunita_mentors_next_year(scheme: Scheme) -> None:
    sunita = next(p for p in COHORT_PEOPLE if p.slack_id == SUNITA)
    import_participants(
        f"name,email,role,slack_id\n{sunita.name},{sunita.email},mentor,{SUNITA}\n",
        scheme.uow.for_cohort("2026-27"),
        WorkspaceDirectory(WORKSPACE),
        NEXT_YEAR_JOINS,
    )
    with scheme.uow.for_cohort("2026-27")() as uow:
        person = uow.participants.by_slack_id(SUNITA)
        assert person is not None
        uow.participants.set_language(person.id, "cy", NEXT_YEAR_JOINS)
        uow.commit()


@pytest.fixture(scope="module")
def year() -> Iterator[Scheme]:
    """The year, then the next year's enrolment; set up once (it takes a few seconds). The dry
    run's test comes first: the others erase, and erasing again must change nothing."""
    with scheme_with_cohort() as scheme:
        thirteen_pairs(scheme)
        in_their_words(scheme)
        sunita_mentors_next_year(scheme)
        yield scheme


def everything_stored(scheme: Scheme) -> str:
    """Every row of every table, as text (the outbox's kept notices too)."""
    engine: Engine = scheme.uow._sessions.kw["bind"]  # type: ignore[attr-defined]
    with engine.connect() as connection:
        return "\n".join(
            repr(tuple(row))
            for table in inspect(connection).get_table_names()
            for row in connection.execute(text(f"SELECT * FROM {table}"))  # noqa: S608
        )


def test_a_cohort_s_keep_until_is_its_last_day_and_the_time_its_file_keeps_it_for(
    year: Scheme,
) -> None:
    kept = retention(year)
    assert kept.register() == KeptCohort("2025-26", date(2026, 9, 30), KEPT_FOR_TWO_YEARS)

    assert kept.erase_expired(datetime(2028, 10, 1, 7, 59, tzinfo=UTC)) == []
    assert kept.upcoming(REPORTED) == ERASED
    assert kept.erase_expired(ERASED, dry_run=True) == [Expired("2025-26", 26, erased=False)]
    assert "Career plans" in everything_stored(year), "a dry run erases nothing"


def test_an_expired_cohort_is_erased_keeping_its_figures_and_nothing_that_names_anyone(
    year: Scheme,
) -> None:
    kept = retention(year)
    kept.register()
    before = outcomes(year).cohort_report(REPORTED)

    assert kept.erase_expired(ERASED) == [Expired("2025-26", 26, erased=True)]

    assert outcomes(year).cohort_report(REPORTED) == before
    stored = everything_stored(year)
    continuing = {SUNITA, NAMES[SUNITA], EMAILS[SUNITA]}
    for identifying in [*IDENTIFYING, *NAMES.values(), *EMAILS.values(), *WORDS]:
        if identifying not in continuing:
            assert identifying not in stored, identifying
    assert APPLICANT.name not in stored and APPLICANT.email not in stored
    assert year.messenger.of(CohortErased) == [(TEAM_CHANNEL, CohortErased("2025-26", 26))]
    [erased] = kept.cohorts()
    assert (erased.erased_at, erased.erased_people) == (ERASED, 26)
    assert kept.upcoming(ERASED) is None


def test_someone_enrolled_in_a_later_cohort_keeps_that_enrolment_their_name_and_language(
    year: Scheme,
) -> None:
    kept = retention(year)
    kept.register()
    kept.erase_expired(ERASED)

    with year.uow() as uow:
        assert uow.participants.by_email(EMAILS[SUNITA]) is None
    with year.uow.for_cohort("2026-27")() as uow:
        later = uow.participants.by_slack_id(SUNITA)
    assert later is not None
    assert (later.name, later.email, later.role, later.language) == (
        NAMES[SUNITA],
        EMAILS[SUNITA],
        "mentor",
        "cy",
    )


def test_erasing_again_changes_nothing_and_tells_no_one_twice(year: Scheme) -> None:
    kept = retention(year)
    kept.register()
    kept.erase_expired(ERASED)
    stored = everything_stored(year)

    assert kept.erase_expired(ERASED.replace(day=2)) == []
    kept.register()  # the app started again with the old file: erased stays erased
    assert kept.erase_expired(ERASED.replace(day=3)) == []
    assert everything_stored(year) == stored
    assert len(year.messenger.of(CohortErased)) == 1
