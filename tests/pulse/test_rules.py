"""When each of a pair is asked which question, which answers the team hears of, and what its
counts show: literal times, each person's own zone and nation. When a quiet pair is flagged is
the pairs' rule (tests/pairs/test_rules.py)."""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime

from bot.outcomes.model import Suppressed
from bot.pulse.model import Due, Latest, Member, PairPulse, Question, Worry
from bot.pulse.rules import (
    fit_table,
    latest_answers,
    pulse_table,
    question_due,
    questions_due,
    worries,
    worrying,
)
from bot.scheme import PulseSettings
from bot.worktime import Calendar, Whereabouts, working_calendar
from tests.services import shipped_programme
from tests.world import uk

SETTINGS = PulseSettings()
LONDON = Whereabouts("Europe/London", "england")
NEW_YORK = Whereabouts("America/New_York", "england")
GLASGOW = Whereabouts("Europe/London", "scotland")
GRACE, SUNITA = 1, 3


@functools.cache
def calendar() -> Calendar:
    return working_calendar(shipped_programme())


def pulse(
    logged: datetime,
    *places: Whereabouts,
    last_round: int | None = None,
    paused: date | None = None,
) -> PairPulse:
    members = tuple(Member(n, place, last_round) for n, place in enumerate(places, start=1))
    return PairPulse(7, members, logged, paused)


def due(p: PairPulse, now: datetime, member: int = 0) -> Due | None:
    return question_due(p, p.members[member], SETTINGS, calendar(), now)


# Asking ----------------------------------------------------------------------------------------


def test_the_fit_question_comes_once_the_first_meeting_is_logged_inside_working_hours() -> None:
    logged_in_hours = pulse(uk("2026-01-13 11:20"), LONDON)
    assert due(logged_in_hours, uk("2026-01-13 11:20")) == Due(7, 1, 0, uk("2026-01-13 11:20"))
    logged_at_night = pulse(uk("2026-01-16 20:15"), LONDON)  # a Friday evening
    assert due(logged_at_night, uk("2026-01-16 20:15")) == Due(7, 1, 0, uk("2026-01-19 09:00"))


def test_each_of_the_two_is_asked_in_their_own_working_hours() -> None:
    """Friday 18:00 in London is 13:00 in New York: Jamie is asked then, Sunita on Monday."""
    p = pulse(uk("2026-01-16 18:00"), LONDON, NEW_YORK)
    assert due(p, uk("2026-01-16 18:00"), 0) == Due(7, 1, 0, uk("2026-01-19 09:00"))
    assert due(p, uk("2026-01-16 18:00"), 1) == Due(7, 2, 0, uk("2026-01-16 18:00"))
    assert questions_due([p], SETTINGS, calendar(), uk("2026-01-16 18:00")) == [
        Due(7, 2, 0, uk("2026-01-16 18:00"))
    ]


def test_no_one_is_asked_on_a_bank_holiday_of_their_own_nation() -> None:
    """2 January is a bank holiday in Scotland and not in England."""
    p = pulse(uk("2025-11-03 09:30"), LONDON, GLASGOW, last_round=0)  # 60 days on: Fri 2 Jan
    now = uk("2026-01-02 09:30")
    assert due(p, now, 0) == Due(7, 1, 1, uk("2026-01-02 09:30"))
    assert due(p, now, 1) == Due(7, 2, 1, uk("2026-01-05 09:00"))


def test_a_pulse_comes_every_sixty_days_after_the_first_meeting_at_the_same_time_of_day() -> None:
    """Sixty days from Thursday 15 January is Monday 16 March; 120, Friday 15 May, past the
    clocks going forward: still 11:20 in London."""
    p = pulse(uk("2026-01-15 11:20"), LONDON, last_round=0)
    assert due(p, uk("2026-01-15 12:00")) == Due(7, 1, 1, uk("2026-03-16 11:20"))
    asked_once = pulse(uk("2026-01-15 11:20"), LONDON, last_round=1)
    assert due(asked_once, uk("2026-03-16 12:00")) == Due(7, 1, 2, uk("2026-05-15 11:20"))


def test_a_pulse_falling_at_the_weekend_waits_for_monday_morning() -> None:
    p = pulse(uk("2026-01-13 11:20"), LONDON, last_round=0)  # 60 days on: Saturday 14 March
    assert due(p, uk("2026-01-13 12:00")) == Due(7, 1, 1, uk("2026-03-16 09:00"))


def test_a_round_missed_altogether_is_not_asked_late_only_the_latest_due_is() -> None:
    p = pulse(uk("2026-01-13 11:20"), LONDON, last_round=0)
    assert due(p, uk("2026-05-20 10:00")) == Due(7, 1, 2, uk("2026-05-13 11:20"))


def test_no_question_while_the_pair_is_paused_and_none_once_the_scheme_is_over() -> None:
    paused = pulse(uk("2026-01-13 11:20"), LONDON, paused=date(2026, 2, 2))
    assert due(paused, uk("2026-01-13 12:00")) == Due(7, 1, 0, uk("2026-02-02 09:00"))
    late = pulse(uk("2026-08-20 10:00"), LONDON, last_round=0)  # 60 days on: October
    assert due(late, uk("2026-08-20 11:00")) is None


# What the team hears -----------------------------------------------------------------------


def answer(
    person: int, round_: int = 0, fit: str | None = None, score: int | None = None
) -> Question:
    at = datetime(2026, 1, 20, 10, tzinfo=UTC)
    return Question(person * 10 + round_, 7, person, round_, at, fit, score, at)  # type: ignore[arg-type]


def test_not_a_good_fit_from_either_one_asks_for_a_word() -> None:
    assert worrying([answer(GRACE, fit="good_fit"), answer(SUNITA, fit="not_a_good_fit")], SETTINGS)
    assert worrying([answer(SUNITA, fit="not_a_good_fit")], SETTINGS), "before the other answers"


def test_a_pulse_at_or_under_the_low_mark_asks_for_a_word() -> None:
    assert worrying([answer(GRACE, 1, score=2)], SETTINGS)
    assert not worrying([answer(GRACE, 1, score=3)], SETTINGS)


def test_two_answers_two_points_apart_ask_for_a_word_a_fit_on_the_pulse_s_scale() -> None:
    """A good fit is 5, not sure yet 3, not a good fit 1: five and three are two apart."""
    assert worrying([answer(GRACE, fit="good_fit"), answer(SUNITA, fit="not_sure_yet")], SETTINGS)
    assert not worrying([answer(GRACE, fit="good_fit"), answer(SUNITA, fit="good_fit")], SETTINGS)
    assert not worrying(
        [answer(GRACE, fit="not_sure_yet"), answer(SUNITA, fit="not_sure_yet")], SETTINGS
    )
    assert worrying([answer(GRACE, 1, score=5), answer(SUNITA, 1, score=3)], SETTINGS)
    assert not worrying([answer(GRACE, 1, score=4), answer(SUNITA, 1, score=3)], SETTINGS)


def test_each_pair_and_question_is_heard_of_once_and_an_unanswered_question_not_at_all() -> None:
    unanswered = Question(99, 7, SUNITA, 1, datetime(2026, 3, 16, tzinfo=UTC))
    questions = [
        answer(GRACE, fit="not_a_good_fit"),
        answer(SUNITA, fit="not_sure_yet"),
        answer(GRACE, 1, score=4),
        unanswered,
        answer(GRACE, 2, score=1),
        answer(SUNITA, 2, score=2),
    ]
    assert worries(questions, SETTINGS) == [Worry(7, 0), Worry(7, 2)]


def test_the_programme_sets_how_low_and_how_far_apart() -> None:
    strict = PulseSettings(low_at_most=3, apart_by=3)
    assert worrying([answer(GRACE, 1, score=3)], strict)
    assert not worrying([answer(GRACE, 1, score=5), answer(SUNITA, 1, score=4)], strict)
    assert not worrying([answer(GRACE, fit="good_fit"), answer(SUNITA, fit="not_sure_yet")], strict)


# The team's counts -------------------------------------------------------------------------


def test_each_person_counts_once_by_their_fit_and_their_latest_pulse() -> None:
    questions = [
        answer(GRACE, fit="good_fit"),
        answer(GRACE, 1, score=2),
        answer(GRACE, 2, score=4),
        answer(SUNITA, fit="not_sure_yet"),
        Question(50, 7, SUNITA, 1, datetime(2026, 3, 16, tzinfo=UTC)),  # not answered
        answer(5, fit="good_fit"),  # erased since: no role
    ]
    assert latest_answers(questions, {GRACE: "mentor", SUNITA: "mentee"}) == [
        Latest("mentor", "good_fit", 4),
        Latest("mentee", "not_sure_yet", None),
    ]


def test_a_count_under_ten_is_hidden_so_no_one_s_answer_can_be_told() -> None:
    latest = [Latest("mentee", "good_fit", 4) for _ in range(12)] + [
        Latest("mentee", "not_a_good_fit", 1),
        Latest("mentor", "good_fit", 5),
    ]
    fits, pulses = fit_table(latest), pulse_table(latest)
    assert fits.count("everyone", "all") == 14
    assert isinstance(fits.count("mentee", "not_a_good_fit"), Suppressed)
    assert isinstance(fits.count("mentor", "good_fit"), Suppressed)
    assert isinstance(pulses.count("mentee", "1"), Suppressed)
    assert isinstance(pulses.count("mentor", "5"), Suppressed)
    small = [(c.group, c.category) for t in (fits, pulses) for c in t.cells if c.count in range(10)]
    assert small == [], "no count under ten shows"
