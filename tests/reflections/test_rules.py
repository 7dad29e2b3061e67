"""When each of a pair is invited to reflect at the close, when a meeting's reflection is offered,
what a reflection may hold, and what the team counts: literal times, the shipped programme (its
last day 30 September 2026, so its last month begins on 1 September)."""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.errors import TooLong
from bot.goals.errors import ConfidenceOutOfRange
from bot.goals.model import Goal
from bot.reflections.errors import NothingWritten
from bot.reflections.model import ClosureDraft, LoggedMeeting, Member, PairClosing, Reflection
from bot.reflections.rules import (
    PART_MAX,
    checked_closure,
    checked_meeting,
    closing_scores,
    closing_time,
    counts,
    invitations_due,
    last_month_begins,
    next_moment,
)
from bot.worktime import Calendar, Whereabouts, working_calendar
from tests.services import shipped_programme
from tests.world import uk

LONDON = Whereabouts("Europe/London", "england")
NEW_YORK = Whereabouts("America/New_York", "england")
GRACE, SUNITA = 1, 3


@functools.cache
def calendar() -> Calendar:
    return working_calendar(shipped_programme())


def pair(reached: datetime | None, *places: Whereabouts) -> PairClosing:
    places = places or (LONDON, LONDON)
    members = tuple(Member(n, place) for n, place in zip((GRACE, SUNITA), places, strict=False))
    return PairClosing(7, members, reached)


def due_at(
    pairs: list[PairClosing], now: datetime, invited: frozenset[str] = frozenset()
) -> dict[str, datetime]:
    return {d.key: d.at for d in invitations_due(pairs, [], invited, calendar(), now)}


# When to ask ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("last_day", "begins"),
    [
        (date(2026, 9, 30), date(2026, 9, 1)),  # a month's end: the month itself
        (date(2026, 7, 15), date(2026, 6, 16)),
        (date(2026, 3, 30), date(2026, 3, 1)),  # February is shorter
        (date(2026, 1, 15), date(2025, 12, 16)),  # across a new year
    ],
)
def test_the_last_month_begins_the_day_after_the_same_date_a_month_before(
    last_day: date, begins: date
) -> None:
    assert last_month_begins(last_day) == begins


def test_a_pair_reaching_coming_to_closure_is_invited_each_in_their_own_working_hours() -> None:
    reached = uk("2026-06-19 18:30")  # a Friday evening in London
    found = due_at([pair(reached, LONDON, NEW_YORK)], uk("2026-06-22 15:00"))
    assert found == {
        "closure:7:1": uk("2026-06-22 09:00"),  # Monday morning in London
        "closure:7:3": reached,  # half past one in New York: at once
    }


def test_nothing_is_due_before_the_moment_and_the_next_moment_is_that_moment() -> None:
    reached = uk("2026-06-17 10:00")
    before = uk("2026-06-17 09:59")
    assert due_at([pair(reached)], before) == {}
    assert next_moment([pair(reached)], [], set(), calendar(), before) == reached


def test_a_pair_still_going_is_invited_as_the_last_month_begins() -> None:
    """1 September 2026 is a Tuesday: 9 a.m. in London."""
    going = pair(None)
    assert next_moment([going], [], set(), calendar(), uk("2026-06-01 09:00")) == uk(
        "2026-09-01 09:00"
    )
    assert set(due_at([going], uk("2026-09-01 09:00"))) == {"closure:7:1", "closure:7:3"}


def test_an_invitation_made_is_never_due_again() -> None:
    reached = uk("2026-06-17 10:00")
    invited = {"closure:7:1", "closure:7:3"}
    assert due_at([pair(reached)], uk("2026-09-02 10:00"), invited) == {}
    assert next_moment([pair(reached)], [], invited, calendar(), uk("2026-09-02 10:00")) is None


def test_no_invitation_is_made_once_the_scheme_is_over() -> None:
    """The clock was away from the last month's start until after the last day."""
    assert due_at([pair(None)], uk("2026-10-01 10:00")) == {}
    assert next_moment([pair(None)], [], set(), calendar(), uk("2026-10-01 10:00")) is None


def test_a_meeting_s_reflection_is_offered_to_whoever_logged_it_as_they_log_it() -> None:
    logged = uk("2026-02-03 19:45")  # out of hours: the offer is the logging's answer
    meetings = [
        LoggedMeeting(11, 7, date(2026, 2, 3), SUNITA, logged),
        LoggedMeeting(12, 7, date(2026, 2, 2), None, logged),  # logged by someone erased
    ]
    [offer] = invitations_due([], meetings, set(), calendar(), logged)
    assert (offer.key, offer.participant_id, offer.meeting_id, offer.at) == (
        "meeting:11",
        SUNITA,
        11,
        logged,
    )
    assert invitations_due([], meetings, {"meeting:11"}, calendar(), logged) == []


def test_a_meeting_logged_more_than_a_day_ago_is_not_offered_late() -> None:
    logged = datetime(2026, 2, 3, 12, tzinfo=UTC)
    meetings = [LoggedMeeting(11, 7, date(2026, 2, 3), SUNITA, logged)]
    assert invitations_due([], meetings, set(), calendar(), logged + timedelta(days=2)) == []


def test_a_pair_may_reflect_in_coming_to_closure_or_in_the_last_month() -> None:
    last = date(2026, 9, 30)
    assert closing_time("coming_to_closure", date(2026, 5, 1), last)
    assert closing_time("enabling_growth", date(2026, 9, 1), last)
    assert not closing_time("enabling_growth", date(2026, 8, 31), last)
    assert not closing_time("enabling_growth", date(2026, 10, 1), last)


# What a reflection holds ---------------------------------------------------------------------


def test_a_closure_reflection_needs_one_part_at_least_each_stripped() -> None:
    assert checked_closure(ClosureDraft("", "  to listen  ", "")) == ClosureDraft("", "to listen")
    with pytest.raises(NothingWritten) as refused:
        checked_closure(ClosureDraft(" ", "", "\n"))
    assert refused.value.field == "achieved"


def test_each_part_is_refused_whole_past_a_third_of_the_cpd_record_s_closure_limit() -> None:
    assert PART_MAX == 1000
    with pytest.raises(TooLong) as refused:
        checked_closure(ClosureDraft("done", "", "x" * 1001))
    assert refused.value.field == "next_steps"


def test_a_meeting_s_reflection_is_a_few_lines_and_not_none() -> None:
    assert checked_meeting(" It went well. ") == "It went well."
    with pytest.raises(NothingWritten):
        checked_meeting("  ")
    with pytest.raises(TooLong):
        checked_meeting("x" * 1001)


def test_the_mentee_s_scores_are_kept_by_goal_and_one_off_the_scale_names_its_input() -> None:
    goals = [Goal(21, 7, 1, "Lead the huddle"), Goal(22, 7, 2, "Delegate the rota")]
    assert closing_scores(goals, {1: 8, 2: None}) == {21: 8}
    with pytest.raises(ConfidenceOutOfRange) as refused:
        closing_scores(goals, {2: 11})
    assert refused.value.field == "confidence_end_2"


def test_the_team_counts_numbers_only() -> None:
    at = datetime(2026, 6, 20, 10, tzinfo=UTC)
    kept = [
        Reflection(1, GRACE, 7, "closure", at, at, achieved="secret words"),
        Reflection(2, SUNITA, 7, "meeting", at, at, text="more words"),
    ]
    found = counts({"closure:7:1", "closure:7:3", "meeting:11"}, kept)
    assert (found.invited, found.at_closure, found.after_meetings) == (2, 1, 1)
