"""What the events feature tells people, as data: reminders, calendar files, date changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import ClassVar

from bot.events.model import EventSchedule, date_stamp, reminder_key
from bot.notices import FileNotice, Notice
from bot.scheme import Event, Programme


@dataclass(frozen=True)
class EventReminder(Notice):
    """`public_url`: where this deployment serves calendar files and feeds, when it has an
    address the public can reach (None: the calendar file comes as an attachment instead)."""

    programme: Programme
    event: Event
    schedule: EventSchedule
    offset: timedelta
    recipient_tz: str | None
    rsvp: str | None
    public_url: str | None = None
    file_token: str | None = None  # its calendar file's address there (feeds.file_token)

    kind: ClassVar[str] = "reminder"

    @property
    def subject(self) -> str:
        return self.event.id

    @property
    def key(self) -> str:
        assert self.schedule.starts_at is not None
        return reminder_key(self.event.id, self.schedule.starts_at, self.offset)


@dataclass(frozen=True)
class CalendarInvite(FileNotice):
    """An add-to-calendar file; sequence grows with each date change so calendars update. One
    file per date serves everyone."""

    for_many: ClassVar[bool] = True
    kind: ClassVar[str] = "calendar"

    programme: Programme
    event: Event
    schedule: EventSchedule
    sequence: int

    @property
    def filename(self) -> str:
        assert self.schedule.starts_at is not None
        return f"{self.event.id}-{self.schedule.starts_at:%Y%m%d%H%M}.ics"

    @property
    def subject(self) -> str:
        return self.event.id

    @property
    def key(self) -> str:
        return f"calendar:{self.event.id}:{date_stamp(self.schedule.starts_at)}"


@dataclass(frozen=True)
class EventDateChanged(Notice):
    programme: Programme
    event: Event
    old: EventSchedule
    new: EventSchedule
    recipient_tz: str | None
    public_url: str | None = None  # as EventReminder's
    file_token: str | None = None  # as EventReminder's

    kind: ClassVar[str] = "date-changed"

    @property
    def subject(self) -> str:
        return self.event.id

    @property
    def key(self) -> str:
        """Keyed by the new date, so a second change is told too."""
        return f"date-changed:{self.event.id}:{date_stamp(self.new.starts_at)}"
