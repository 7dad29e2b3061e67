"""The next cohort's carried dates over the real storage: nothing is sent for a date still to
confirm, and once the team confirms it the reminders go as for any other date."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time

import pytest

from bot.cohorts.model import Cohort
from bot.cohorts.rules import next_programme
from bot.evaluations.service import EvaluationsService
from bot.events.feeds import file_key
from bot.events.notices import EventReminder
from bot.events.service import EventsService
from bot.programme_file import programme_settings
from bot.scheme import SHIPPED_PROGRAMME, Programme
from bot.worktime import working_calendar
from storage.database import make_sessions
from storage.unit_of_work import SqlUnitOfWorkFactory
from tests.services import (
    COHORT_CSV,
    GRACE,
    JAMIE,
    OLIVER,
    SERVER_SECRET,
    SUNITA,
    TEAM_LEAD,
    Scheme,
    build_scheme,
    fresh_database,
)

NEXT_YEAR = Programme.model_validate(
    next_programme(programme_settings(SHIPPED_PROGRAMME), Cohort("2025-26"), Cohort("2026-27"))
)
EVERYONE = (GRACE, OLIVER, SUNITA, JAMIE)
START = datetime(2026, 9, 1, 8, tzinfo=UTC)
# The launch carried from Thursday 13 November 2025: Thursday 12 November 2026, 11:00 GMT
CARRIED_LAUNCH = datetime(2026, 11, 12, 11, tzinfo=UTC)


@pytest.fixture
def scheme() -> Iterator[Scheme]:
    engine = fresh_database()
    try:
        scheme = build_scheme(SqlUnitOfWorkFactory(make_sessions(engine)))
        scheme.events = EventsService(
            NEXT_YEAR,
            scheme.uow,
            scheme.deliveries,
            scheme.team,
            scheme.changes,
            file_key=file_key(SERVER_SECRET),
        )
        scheme.events.apply_programme_file(START)
        scheme.import_people(COHORT_CSV, START)
        yield scheme
    finally:
        engine.dispose()


def test_a_carried_date_sends_nothing_until_the_team_confirms_it(scheme: Scheme) -> None:
    week_before = datetime(2026, 11, 5, 11, tzinfo=UTC)
    assert scheme.events.upcoming(week_before) is None
    assert scheme.events.run_due(week_before) == 0

    now = datetime(2026, 10, 1, 9, tzinfo=UTC)
    confirmed = scheme.events.set_date(
        TEAM_LEAD, "launch", date(2026, 11, 12), time(11), time(15), now
    )

    assert confirmed.schedule.starts_at == CARRIED_LAUNCH
    assert scheme.events.upcoming(now) == week_before
    scheme.events.run_due(week_before)
    reminded = {to: notice.event.id for to, notice in scheme.messenger.of(EventReminder)}
    assert reminded == dict.fromkeys(EVERYONE, "launch")


def test_a_form_whose_dates_are_to_confirm_asks_nobody(scheme: Scheme) -> None:
    evaluations = EvaluationsService(
        NEXT_YEAR,
        scheme.uow,
        scheme.deliveries,
        scheme.team,
        working_calendar(NEXT_YEAR),
        scheme.changes,
    )
    carried_baseline_open = datetime(2026, 11, 20, 12, tzinfo=UTC)

    assert evaluations.pending(carried_baseline_open) == []
    assert evaluations.run_due(carried_baseline_open) == 0
