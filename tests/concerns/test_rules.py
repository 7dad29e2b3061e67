"""Who may act on a concern, and why a pair needs the team's attention: pure rules, as data."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.concerns.rules import NoMeeting, NotYetStreak, attention_reason, can_act
from bot.pairs.rules import CheckIn, Pair, PairState
from bot.scheme import CheckIns
from bot.worktime import Calendar

UK = ZoneInfo("Europe/London")
RULES = CheckIns()
CALENDAR = Calendar(time(9), time(17, 30), frozenset(), UK)


def uk(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UK).astimezone(UTC)


def pair_state(*answers: str, last_meeting: date | None = None) -> PairState:
    pair = Pair(
        1,
        10,
        20,
        "active",
        "enabling_growth",
        uk("2026-01-02 10:00"),
        mentor_accepted_at=uk("2026-01-02 11:00"),
        mentee_accepted_at=uk("2026-01-05 10:00"),
    )
    checkins = [sent(n, answer) for n, answer in enumerate(answers, start=1)]
    return PairState(pair, checkins, last_meeting, None, ("Europe/London",))


def sent(number: int, answer: str) -> CheckIn:
    """The pair's check-in `number`, sent a week after the one before and answered."""
    at = uk("2026-01-12 10:00") + timedelta(weeks=number - 1)
    return CheckIn(number, 1, number, at, at, answer)  # type: ignore[arg-type]


def test_a_resolved_concern_is_left_alone_and_an_acknowledged_one_not_acknowledged_twice() -> None:
    assert can_act("resolved", "take") == "already_resolved"
    assert can_act("acknowledged", "acknowledge") == "already_acknowledged"
    assert can_act("acknowledged", "take") is None
    assert can_act("open", "acknowledge") is None


def test_not_yet_twice_in_a_row_is_the_reason_before_weeks_without_meeting() -> None:
    streak = pair_state("yes", "not_yet", "not_yet", last_meeting=date(2026, 1, 6))
    assert attention_reason(streak, RULES, CALENDAR, uk("2026-02-03 10:00")) == NotYetStreak(2)


def test_weeks_without_a_meeting_are_counted_whole() -> None:
    quiet = pair_state(last_meeting=date(2026, 1, 6))
    assert attention_reason(quiet, RULES, CALENDAR, uk("2026-02-16 10:00")) is None
    assert attention_reason(quiet, RULES, CALENDAR, uk("2026-02-24 10:00")) == NoMeeting(7)
