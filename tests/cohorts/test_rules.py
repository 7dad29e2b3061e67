"""Starting the next cohort from the last: pure rules, literal dates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.cohorts.model import Cohort
from bot.cohorts.rules import moved, next_programme, same_weekday_years_on
from bot.events.rules import file_schedule
from bot.programme_file import programme_settings
from bot.scheme import SHIPPED_PROGRAMME, Programme


@pytest.mark.parametrize(
    ("day", "years", "expected"),
    [
        (date(2025, 10, 21), 1, date(2026, 10, 20)),  # the launch: a Tuesday, a Tuesday again
        (date(2025, 11, 13), 1, date(2026, 11, 12)),  # Thursday → Thursday
        (date(2026, 9, 17), 1, date(2027, 9, 16)),
        (date(2024, 2, 29), 1, date(2025, 2, 27)),  # the 28th's nearest Thursday
        (date(2025, 10, 21), 2, date(2027, 10, 19)),
        (date(2023, 1, 2), 1, date(2024, 1, 1)),  # Monday → Monday, across a leap day
    ],
)
def test_a_date_moves_to_the_same_weekday_nearest_its_anniversary(
    day: date, years: int, expected: date
) -> None:
    found = same_weekday_years_on(day, years)
    assert found == expected
    assert found.weekday() == day.weekday()
    anniversary = date(day.year + years, day.month, min(day.day, 28) if day.month == 2 else day.day)
    assert abs((found - anniversary).days) <= 3


def test_a_forms_opening_moves_with_its_day_at_the_same_time() -> None:
    opens = datetime(2025, 11, 17, 9, 0, tzinfo=UTC)
    assert moved(opens, 1) == datetime(2026, 11, 16, 9, 0, tzinfo=UTC)


def test_the_next_cohort_carries_every_event_and_form_a_year_on_to_confirm() -> None:
    last = programme_settings(SHIPPED_PROGRAMME)
    carried = next_programme(last, Cohort("2025-26"), Cohort("2026-27"))
    programme = Programme.model_validate(carried)
    before = Programme.model_validate(last)

    assert programme.cohort == "2026-27"
    assert programme.name == "SoR Leadership Mentoring Scheme 2026-27"
    assert [e.id for e in programme.events] == [e.id for e in before.events]  # ids kept
    for old, new in zip(before.events, programme.events, strict=True):
        if old.date == "TBC":
            assert new.date == "TBC" and not new.to_confirm
            continue
        assert isinstance(old.date, date) and isinstance(new.date, date)
        assert new.to_confirm and new.date.weekday() == old.date.weekday()
        assert timedelta(days=362) <= new.date - old.date <= timedelta(days=368)
        assert (new.start, new.end, new.venue) == (old.start, old.end, old.venue)
        # nothing is sent for a date still to confirm
        assert file_schedule(programme, new).starts_at is None
    assert [f.id for f in programme.evaluations.forms] == [f.id for f in before.evaluations.forms]
    assert all(f.to_confirm for f in programme.evaluations.forms)
    assert programme.applications is not None and before.applications is not None
    assert programme.applications.opens.date() == date(2026, 6, 1)  # Monday → Monday
    assert programme.applications.themes == before.applications.themes
    assert programme.bank_holidays.add == []  # the last year's days off are not next year's
    assert programme.last_day == date(2027, 9, 29)


def test_a_tbc_event_cannot_be_marked_to_confirm() -> None:
    settings = programme_settings(SHIPPED_PROGRAMME)
    tbc = next(e for e in settings["events"] if e["date"] == "TBC")
    tbc["to_confirm"] = True
    with pytest.raises(ValueError, match="a TBC event has no date to confirm"):
        Programme.model_validate(settings)
