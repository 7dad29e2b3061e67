"""Working time: when people may be nudged. Working hours on working days, in each recipient's
own zone (the programme's zone for anyone whose zone is unknown), never on a bank holiday of
the recipient's own nation, never past the scheme's end."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays

from bot.scheme import NATIONS, Nation, Programme

# The holidays library's codes for the UK's four nations (ISO 3166-2:GB)
SUBDIVISION: dict[Nation, str] = {
    "england": "ENG",
    "wales": "WLS",
    "scotland": "SCT",
    "northern_ireland": "NIR",
}


@dataclass(frozen=True)
class Whereabouts:
    """Where someone works: their zone decides their hours, their nation their bank holidays
    (the programme's when either is unknown)."""

    zone: str | None = None
    nation: Nation | None = None


@dataclass(frozen=True)
class Calendar:
    """When people may be nudged. `zone` is the programme's: it stands in for unknown zones and
    decides which day it is for the scheme as a whole. `bank_holidays` are the days off of the
    programme's own nation (the project team's, and anyone's whose nation is unknown);
    `nations` each nation's."""

    start: time
    end: time
    bank_holidays: frozenset[date]
    zone: ZoneInfo
    last_day: date = date.max
    nations: Mapping[Nation, frozenset[date]] = field(default_factory=dict)

    def working_time(self, at: datetime, people: Iterable[Whereabouts]) -> datetime:
        """The first moment from `at` that is inside working hours on a working day for
        everyone; if their days never overlap, for the first of them."""
        places = self._places(people)
        candidate = at
        for _ in range(64):
            later = max((self._next_open(candidate, *place) for place in places), default=candidate)
            if later == candidate:
                return candidate
            candidate = later
        return self._next_open(at, *places[0])

    def last_working_time_before(self, at: datetime, people: Iterable[Whereabouts]) -> datetime:
        """The latest moment up to `at` that is inside working hours on a working day for
        everyone (a minute before the day's end, when `at` is after it), so a nudge tied to a
        deadline moves earlier, never past it; if their days never overlap, for the first."""
        places = self._places(people)
        candidate = at
        for _ in range(64):
            earlier = min(self._last_open(candidate, *place) for place in places)
            if earlier == candidate:
                return candidate
            candidate = earlier
        return self._last_open(at, *places[0])

    def days_off(self, nation: Nation | None) -> frozenset[date]:
        return self.nations.get(nation, self.bank_holidays) if nation else self.bank_holidays

    def working_day_after(self, day: date, n: int, nation: Nation | None) -> date:
        """The `n`th working day after `day` (Monday to Friday, not a bank holiday of `nation`,
        the programme's own when it is unknown)."""
        days_off = self.days_off(nation)
        counted = 0
        while counted < n:
            day += timedelta(days=1)
            if _working(day, days_off):
                counted += 1
        return day

    def zone_of(self, name: str | None) -> ZoneInfo:
        """A person's zone, or the programme's when theirs is unknown or not a real zone."""
        try:
            return ZoneInfo(name) if name else self.zone
        except (KeyError, ValueError):
            return self.zone

    def day_of(self, at: datetime) -> date:
        """The scheme's date at `at`."""
        return at.astimezone(self.zone).date()

    def start_of(self, day: date) -> datetime:
        """Midnight of `day` in the programme's zone."""
        return datetime.combine(day, time(0), tzinfo=self.zone)

    def after_working_hours(self, start: datetime, hours: float) -> datetime:
        """The moment `hours` of working time (in the programme's zone) have passed since
        `start`: 4 working hours from Friday 16:00 is Monday 11:30."""
        left = timedelta(hours=hours)
        team = [Whereabouts(self.zone.key)]
        at = self.working_time(start, team)
        while True:
            local = at.astimezone(self.zone)
            close = datetime.combine(local.date(), self.end, tzinfo=self.zone).astimezone(UTC)
            if at + left <= close:
                return at + left
            left -= close - at
            at = self.working_time(close, team)

    def _places(self, people: Iterable[Whereabouts]) -> list[tuple[ZoneInfo, frozenset[date]]]:
        """Each person's zone and days off; the programme's when there is nobody."""
        places = [(self.zone_of(p.zone), self.days_off(p.nation)) for p in people]
        return places or [(self.zone, self.bank_holidays)]

    def _last_open(self, at: datetime, zone: ZoneInfo, days_off: frozenset[date]) -> datetime:
        local = at.astimezone(zone)
        day = local.date()
        if self._open(local, days_off):
            return at
        if not (_working(day, days_off) and local.time() >= self.end):
            day -= timedelta(days=1)
        while not _working(day, days_off):
            day -= timedelta(days=1)
        # Working hours end at `end` (exclusive): their last whole minute starts a minute before
        closing = datetime.combine(day, self.end, tzinfo=zone) - timedelta(minutes=1)
        return closing.astimezone(UTC)

    def _next_open(self, at: datetime, zone: ZoneInfo, days_off: frozenset[date]) -> datetime:
        local = at.astimezone(zone)
        day = local.date()
        if self._open(local, days_off):
            return at
        if not (_working(day, days_off) and local.time() < self.start):
            day += timedelta(days=1)
        while not _working(day, days_off):
            day += timedelta(days=1)
        return datetime.combine(day, self.start, tzinfo=zone).astimezone(UTC)

    def _open(self, local: datetime, days_off: frozenset[date]) -> bool:
        """Inside working hours on a working day, in the zone `local` is given in."""
        return _working(local.date(), days_off) and self.start <= local.time() < self.end


def _working(day: date, days_off: frozenset[date]) -> bool:
    return day.weekday() < 5 and day not in days_off


def working_calendar(programme: Programme) -> Calendar:
    hours = programme.checkins.working_hours
    nations = {nation: bank_holidays(programme, nation) for nation in NATIONS}
    return Calendar(
        hours.start,
        hours.end,
        nations[programme.default_nation],
        programme.zone,
        programme.last_day,
        nations,
    )


def bank_holidays(programme: Programme, nation: Nation) -> frozenset[date]:
    """The nation's bank holidays in the scheme's years, as the holidays library knows them,
    with the programme file's changes: days off for everyone added, working days taken out."""
    first = min(e.date for e in programme.events if isinstance(e.date, date)).year
    years = range(first, programme.last_day.year + 1)
    official = holidays.country_holidays("GB", subdiv=SUBDIVISION[nation], years=years)
    changes = programme.bank_holidays
    return (frozenset(official.keys()) | frozenset(changes.add)) - frozenset(changes.remove)
