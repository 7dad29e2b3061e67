"""Retention's rules, with literal dates: until when a cohort's personal data is kept, when it is
erased, which cohorts are due, and which evaluation answers stay as results."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.cohorts.model import Cohort, KeptCohort
from bot.cohorts.rules import (
    answer_kept,
    erasure_moment,
    expired,
    later,
    next_erasure,
    next_programme,
    registered,
)
from bot.programme_file import programme_settings
from bot.programme_forms import Question
from bot.scheme import SHIPPED_PROGRAMME, Programme

LONDON = ZoneInfo("Europe/London")
OLD = KeptCohort("2024-25", date(2025, 9, 30), date(2027, 9, 30))
LAST = KeptCohort("2025-26", date(2026, 9, 30), date(2028, 9, 30))
FOREVER = KeptCohort("2023-24", None, None)  # found in stored rows: kept until the team acts
GONE = KeptCohort(
    "2022-23", date(2023, 9, 30), date(2024, 9, 30), datetime(2024, 10, 1, tzinfo=UTC)
)


@pytest.mark.parametrize(
    ("duration", "kept_until"),
    [
        ("P2Y", date(2028, 9, 30)),  # by the calendar, past 29 February 2028
        ("P730D", date(2028, 9, 29)),
        ("P18M", date(2028, 3, 30)),
        ("P1Y6M2W1D", date(2028, 4, 14)),
    ],
)
def test_the_data_is_kept_for_the_duration_after_the_last_day(
    duration: str, kept_until: date
) -> None:
    assert later(date(2026, 9, 30), duration) == kept_until


def test_a_month_on_from_a_month_s_end_is_the_next_month_s_last_day() -> None:
    assert later(date(2027, 1, 31), "P1M") == date(2027, 2, 28)
    assert later(date(2028, 1, 31), "P1M") == date(2028, 2, 29)


def test_a_cohort_is_erased_the_morning_after_its_last_day_kept_in_the_scheme_s_zone() -> None:
    assert erasure_moment(LAST, LONDON) == datetime(2028, 10, 1, 8, tzinfo=UTC)  # 09:00 BST
    assert erasure_moment(FOREVER, LONDON) is None
    assert erasure_moment(GONE, LONDON) is None


def test_only_cohorts_past_their_keep_until_and_not_yet_erased_are_due() -> None:
    cohorts = [LAST, FOREVER, GONE, OLD]

    assert expired(cohorts, datetime(2027, 10, 1, 7, 59, tzinfo=UTC), LONDON) == []
    assert expired(cohorts, datetime(2027, 10, 1, 8, tzinfo=UTC), LONDON) == [OLD]
    assert expired(cohorts, datetime(2040, 1, 1, tzinfo=UTC), LONDON) == [OLD, LAST]


def test_the_next_erasure_is_the_earliest_still_to_come_or_one_already_due() -> None:
    assert next_erasure([LAST, OLD, FOREVER], LONDON) == datetime(2027, 10, 1, 8, tzinfo=UTC)
    assert next_erasure([FOREVER, GONE], LONDON) is None


SCALE = Question(id="confidence", kind="scale", text="How confident?")
CHOICE = Question(id="format", kind="choice", text="How?", options=["In person", "Online"])
PICKS = Question(id="themes", kind="choices", text="Which?", options=["Change", "Quality"])
YES_NO = Question(id="applied", kind="yes_no", text="Applied?")
TEXT = Question(id="hopes", kind="text", text="Your hopes?")


@pytest.mark.parametrize(
    ("question", "value", "kept"),
    [
        (SCALE, 4, True),
        (None, 4, True),  # a number is a result whatever asked it
        (None, 2.5, True),
        (TEXT, None, True),  # skipped: nothing to erase
        (CHOICE, "Online", True),
        (PICKS, ["Change", "Quality"], True),
        (YES_NO, "no", True),
        (TEXT, "To lead a team", False),
        (CHOICE, "Whatever I typed", False),
        (PICKS, ["Change", "my own words"], False),
        (None, "Online", False),  # a form the programme no longer has: its words may be anyone's
    ],
)
def test_numbers_and_a_question_s_own_options_stay_and_typed_words_go(
    question: Question | None, value: object, kept: bool
) -> None:
    assert answer_kept(question, value) is kept


def test_the_next_cohort_s_file_keeps_its_data_as_long_as_the_last_s() -> None:
    """Its last day moves to the same weekday a year on (Wednesday 29 September 2027)."""
    carried = next_programme(
        programme_settings(SHIPPED_PROGRAMME), Cohort("2025-26"), Cohort("2026-27")
    )

    assert registered(Programme.model_validate(carried)) == KeptCohort(
        "2026-27", date(2027, 9, 29), date(2029, 9, 29)
    )
