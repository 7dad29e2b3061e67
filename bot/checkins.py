"""Pure rules for check-ins: when a pair is next asked, when it is followed up or nudged, when
the nudge may be sent (working hours, no weekends or bank holidays), and when a pair needs the
team's attention. Every rule is a function of (pair history, now)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from bot.pairs import Pair
from bot.programme import CheckIns, Programme

CheckInAnswer = Literal["yes", "not_yet"]
MomentKind = Literal["check_in", "deliver", "follow_up", "acceptance_nudge"]
UK = ZoneInfo("Europe/London")


@dataclass(frozen=True)
class CheckIn:
    id: int
    pair_id: int
    number: int
    created_at: datetime
    sent_at: datetime | None = None
    answer: CheckInAnswer | None = None
    answered_at: datetime | None = None
    followed_up_at: datetime | None = None


@dataclass(frozen=True)
class PairState:
    """What the rules need to know about one pair."""

    pair: Pair
    checkins: Sequence[CheckIn]  # oldest first
    last_meeting: date | None
    paused_until: date | None  # the later of the two members' pauses
    zones: tuple[str | None, ...]

    @property
    def latest(self) -> CheckIn | None:
        return self.checkins[-1] if self.checkins else None


@dataclass(frozen=True)
class PairMoment:
    pair_id: int
    kind: MomentKind
    at: datetime


@dataclass(frozen=True)
class Calendar:
    """When people may be nudged."""

    start: time
    end: time
    bank_holidays: frozenset[date]
    last_day: date = date.max

    def working_time(self, at: datetime, zones: Iterable[str | None]) -> datetime:
        """The first moment from `at` that is inside working hours on a working day for
        everyone; if their days never overlap, for the first of them."""
        places = [_zone(z) for z in zones] or [UK]
        candidate = at
        for _ in range(64):
            later = max((self._next_open(candidate, zone) for zone in places), default=candidate)
            if later == candidate:
                return candidate
            candidate = later
        return self._next_open(at, places[0])

    def _next_open(self, at: datetime, zone: ZoneInfo) -> datetime:
        local = at.astimezone(zone)
        day = local.date()
        if self._working_day(day) and self.start <= local.time() < self.end:
            return at
        if not (self._working_day(day) and local.time() < self.start):
            day += timedelta(days=1)
        while not self._working_day(day):
            day += timedelta(days=1)
        return datetime.combine(day, self.start, tzinfo=zone).astimezone(UTC)

    def _working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self.bank_holidays


def pending_moments(
    state: PairState, rules: CheckIns, calendar: Calendar, now: datetime
) -> list[PairMoment]:
    """What the pair is waiting for next, each at the time it may be sent."""
    pair, latest = state.pair, state.latest
    if pair.status == "awaiting":
        if pair.acceptance_nudged_at is None:
            at = calendar.working_time(pair.created_at + rules.acceptance_nudge_after, state.zones)
            return [PairMoment(pair.id, "acceptance_nudge", at)]
        return []
    if pair.status != "active" or pair.activated_at is None:
        return []
    if latest is not None and latest.sent_at is None:
        return [PairMoment(pair.id, "deliver", latest.created_at)]  # made, but never confirmed sent
    base = latest.sent_at if latest and latest.sent_at else pair.activated_at
    due = base + rules.cadence[pair.stage]
    if state.paused_until is not None:
        resume = datetime.combine(state.paused_until, time(0), tzinfo=UK).astimezone(UTC)
        due = max(due, resume)
    next_check_in = calendar.working_time(due, state.zones)
    if next_check_in.astimezone(UK).date() > calendar.last_day:
        return []  # the scheme is over: no more nudges
    moments = [PairMoment(pair.id, "check_in", next_check_in)]
    if latest and latest.sent_at and latest.answer is None and latest.followed_up_at is None:
        follow_up = calendar.working_time(latest.sent_at + rules.follow_up_after, state.zones)
        if follow_up < moments[0].at:
            moments.insert(0, PairMoment(pair.id, "follow_up", follow_up))
    return moments


def due_moments(
    states: Iterable[PairState], rules: CheckIns, calendar: Calendar, now: datetime
) -> list[PairMoment]:
    """For each pair, the one thing due now: a new check-in supersedes a follow-up of the last."""
    due: list[PairMoment] = []
    for state in states:
        ready = [m for m in pending_moments(state, rules, calendar, now) if m.at <= now]
        if ready:
            due.append(ready[-1])
    return due


def needs_attention(state: PairState, rules: CheckIns, now: datetime) -> str | None:
    """Why the team should look at this pair, or None."""
    pair = state.pair
    if pair.status != "active" or pair.activated_at is None:
        return None
    answers = [c.answer for c in state.checkins if c.answer]
    streak = rules.attention_after_not_yet
    if len(answers) >= streak and all(a == "not_yet" for a in answers[-streak:]):
        return f"answered “Not yet” {streak} times in a row"
    since = (
        datetime.combine(state.last_meeting, time(0), tzinfo=UK)
        if state.last_meeting
        else pair.activated_at
    )
    paused = state.paused_until is not None and state.paused_until > now.astimezone(UK).date()
    if not paused and now - since >= rules.attention_without_meeting:
        weeks = (now - since).days // 7
        return f"no meeting logged for {weeks} weeks"
    return None


def _zone(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name) if name else UK
    except (KeyError, ValueError):
        return UK


def working_calendar(programme: Programme) -> Calendar:
    hours = programme.checkins.working_hours
    return Calendar(hours.start, hours.end, frozenset(programme.bank_holidays), programme.last_day)
