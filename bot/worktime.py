"""Working time: when people may be nudged. Working hours on working days, in each recipient's
own zone (the programme's zone for anyone whose zone is unknown), never past the scheme's end."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.scheme import Programme


@dataclass(frozen=True)
class Calendar:
    """When people may be nudged. `zone` is the programme's: it stands in for unknown zones and
    decides which day it is for the scheme as a whole."""

    start: time
    end: time
    bank_holidays: frozenset[date]
    zone: ZoneInfo
    last_day: date = date.max

    def working_time(self, at: datetime, zones: Iterable[str | None]) -> datetime:
        """The first moment from `at` that is inside working hours on a working day for
        everyone; if their days never overlap, for the first of them."""
        places = [self.zone_of(z) for z in zones] or [self.zone]
        candidate = at
        for _ in range(64):
            later = max((self._next_open(candidate, zone) for zone in places), default=candidate)
            if later == candidate:
                return candidate
            candidate = later
        return self._next_open(at, places[0])

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
        at = self.working_time(start, [self.zone.key])
        while True:
            local = at.astimezone(self.zone)
            close = datetime.combine(local.date(), self.end, tzinfo=self.zone).astimezone(UTC)
            if at + left <= close:
                return at + left
            left -= close - at
            at = self.working_time(close, [self.zone.key])

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


def working_calendar(programme: Programme) -> Calendar:
    hours = programme.checkins.working_hours
    return Calendar(
        hours.start,
        hours.end,
        frozenset(programme.bank_holidays),
        programme.zone,
        programme.last_day,
    )
