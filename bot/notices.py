"""What the bot tells people, as plain data. handlers/ renders each notice for Slack, so the words
and layout live in one place and the domain only decides who is told what, and when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from bot.programme import Event, Programme
from bot.timeline import EventSchedule


@dataclass(frozen=True)
class EventReminder:
    programme: Programme
    event: Event
    schedule: EventSchedule
    offset: timedelta
    recipient_tz: str | None
    rsvp: str | None


@dataclass(frozen=True)
class CalendarInvite:
    """An add-to-calendar file; sequence grows with each date change so calendars update."""

    programme: Programme
    event: Event
    schedule: EventSchedule
    sequence: int

    @property
    def filename(self) -> str:
        assert self.schedule.starts_at is not None
        return f"{self.event.id}-{self.schedule.starts_at:%Y%m%d%H%M}.ics"


@dataclass(frozen=True)
class EventDateChanged:
    programme: Programme
    event: Event
    old: EventSchedule
    new: EventSchedule
    recipient_tz: str | None


Notice = EventReminder | CalendarInvite | EventDateChanged
