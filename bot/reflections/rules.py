"""The pure rules of reflections: when each of a pair is invited to reflect at the close (the
pair reaching Coming to Closure, or the scheme's last month beginning for a pair still going,
whichever comes first, in each person's own working time), when a meeting's reflection is
offered to whoever logged it, what a reflection may hold, and what the team may count."""

from __future__ import annotations

import calendar as months
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta

from bot.cpd.rules import REFLECTION_MAX
from bot.errors import within
from bot.goals.errors import ConfidenceOutOfRange
from bot.goals.model import Goal
from bot.goals.rules import CLOSING, CONFIDENCE
from bot.reflections.errors import NothingWritten
from bot.reflections.model import (
    CLOSURE_PARTS,
    ClosureDraft,
    Due,
    LoggedMeeting,
    PairClosing,
    Reflection,
    ReflectionCounts,
)
from bot.scheme import Stage
from bot.worktime import Calendar

# Each of the closure's three parts may be a third of what the CPD record keeps of it.
PART_MAX = REFLECTION_MAX["closure"] // len(CLOSURE_PARTS)
MEETING_MAX = REFLECTION_MAX["meeting"]
# A meeting logged longer ago than this is not offered a reflection: the offer follows the
# logging (and meetings logged before reflections existed are left alone).
OFFER_WITHIN = timedelta(days=1)


# When to ask -----------------------------------------------------------------------------------


def closure_key(pair_id: int, participant_id: int) -> str:
    return f"closure:{pair_id}:{participant_id}"


def meeting_key(meeting_id: int) -> str:
    return f"meeting:{meeting_id}"


def last_month_begins(last_day: date) -> date:
    """The first day of the scheme's last month: the day after the same date a month before its
    last day, a month's end standing for a month's end (30 September: 1 September; 15 July: 16
    June; 30 March: 1 March, February being shorter)."""
    year, month = divmod(last_day.year * 12 + last_day.month - 2, 12)
    days_then = months.monthrange(year, month + 1)[1]
    month_end = last_day.day == months.monthrange(last_day.year, last_day.month)[1]
    day = days_then if month_end else min(last_day.day, days_then)
    return date(year, month + 1, day) + timedelta(days=1)


def closure_from(pair: PairClosing, calendar: Calendar) -> datetime:
    """When a pair still going is asked to reflect: on reaching Coming to Closure, or as the
    scheme's last month begins (in the programme's zone), whichever is first."""
    last_month = calendar.start_of(last_month_begins(calendar.last_day))
    if pair.reached_closure is None:
        return last_month
    return min(pair.reached_closure, last_month)


def closure_due(pairs: Iterable[PairClosing], calendar: Calendar, now: datetime) -> list[Due]:
    """Each member's invitation to reflect at the close, at the start of their own working time
    from the pair's moment; none that would fall after the scheme's last day, and none at all
    once it is over."""
    due: list[Due] = []
    if calendar.day_of(now) > calendar.last_day:
        return due
    for pair in pairs:
        start = closure_from(pair, calendar)
        for member in pair.members:
            at = calendar.working_time(start, [member.place])
            if calendar.day_of(at) <= calendar.last_day:
                key = closure_key(pair.pair_id, member.participant_id)
                due.append(Due(key, pair.pair_id, member.participant_id, "closure", at))
    return due


def meeting_offers(meetings: Iterable[LoggedMeeting], now: datetime) -> list[Due]:
    """The offer of a short reflection to whoever logged each meeting, as they log it; none for
    a meeting logged more than OFFER_WITHIN ago, or by no one still known."""
    return [
        Due(meeting_key(m.id), m.pair_id, m.logged_by, "meeting", m.logged_at, m.id)
        for m in meetings
        if m.logged_by is not None and m.logged_at > now - OFFER_WITHIN
    ]


def invitations_due(
    pairs: Iterable[PairClosing],
    meetings: Iterable[LoggedMeeting],
    invited: Collection[str],
    calendar: Calendar,
    now: datetime,
) -> list[Due]:
    """Every invitation due by `now` that was not made already (by its key)."""
    return [d for d in _waiting(pairs, meetings, invited, calendar, now) if d.at <= now]


def next_moment(
    pairs: Iterable[PairClosing],
    meetings: Iterable[LoggedMeeting],
    invited: Collection[str],
    calendar: Calendar,
    now: datetime,
) -> datetime | None:
    return min((d.at for d in _waiting(pairs, meetings, invited, calendar, now)), default=None)


def _waiting(
    pairs: Iterable[PairClosing],
    meetings: Iterable[LoggedMeeting],
    invited: Collection[str],
    calendar: Calendar,
    now: datetime,
) -> list[Due]:
    every = closure_due(pairs, calendar, now) + meeting_offers(meetings, now)
    return [d for d in every if d.key not in invited]


def closing_time(stage: Stage, today: date, last_day: date) -> bool:
    """Whether a pair may reflect at the close: in Coming to Closure, or in the last month."""
    return stage == CLOSING or last_month_begins(last_day) <= today <= last_day


# What a reflection holds -------------------------------------------------------------------------


def checked_closure(draft: ClosureDraft) -> ClosureDraft:
    """Each part stripped and within PART_MAX (TooLong names its input); NothingWritten when
    all three are empty."""
    kept = ClosureDraft(*(within(part, draft.part(part), PART_MAX) for part in CLOSURE_PARTS))
    if not any(kept.part(part) for part in CLOSURE_PARTS):
        raise NothingWritten(CLOSURE_PARTS[0])
    return kept


def checked_meeting(text: str) -> str:
    kept = within("reflection", text, MEETING_MAX)
    if not kept:
        raise NothingWritten("reflection")
    return kept


def closing_scores(goals: Sequence[Goal], scores: Mapping[int, int | None]) -> dict[int, int]:
    """The mentee's confidence again in each goal scored (`scores` by the goal's place, as the
    form's rows are), 1–10, by goal id; a goal not scored keeps what it had.
    ConfidenceOutOfRange names the goal's input."""
    kept: dict[int, int] = {}
    for goal in goals:
        score = scores.get(goal.position)
        if score is None:
            continue
        if score not in CONFIDENCE:
            raise ConfidenceOutOfRange(confidence_field(goal.position), score)
        kept[goal.id] = score
    return kept


def confidence_field(position: int) -> str:
    """The form's input for the closing confidence of the goal in `position`."""
    return f"confidence_end_{position}"


# What the team sees ----------------------------------------------------------------------------


def counts(invited: Collection[str], reflections: Iterable[Reflection]) -> ReflectionCounts:
    """How many were invited to reflect at the close, how many did, and how many short
    reflections followed meetings: numbers only."""
    kept = list(reflections)
    return ReflectionCounts(
        invited=sum(key.startswith("closure:") for key in invited),
        at_closure=sum(r.moment == "closure" for r in kept),
        after_meetings=sum(r.moment == "meeting" for r in kept),
    )
