"""The scheme's events as plain data: when each actually happens, when its reminders fall, a
person's reply, and the stable keys that name each moment (the delivery ledger stores key +
recipient, so a moment is sent at most once to each person, whichever process gets to it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal


@dataclass(frozen=True)
class EventSchedule:
    """When an event actually happens: the file's date, or the team's later change. None is TBC."""

    event_id: str
    starts_at: datetime | None
    ends_at: datetime | None

    @property
    def is_tbc(self) -> bool:
        return self.starts_at is None


@dataclass(frozen=True)
class ReminderMoment:
    event_id: str
    starts_at: datetime
    offset: timedelta
    at: datetime

    @property
    def key(self) -> str:
        """Includes the start, so a rescheduled event gets fresh reminders for its new date."""
        return reminder_key(self.event_id, self.starts_at, self.offset)


def reminder_key(event_id: str, starts_at: datetime, offset: timedelta) -> str:
    return f"reminder:{event_id}:{date_stamp(starts_at)}:{iso_duration(offset)}"


def date_stamp(starts_at: datetime | None) -> str:
    """An event's date in keys: a message about one date is not a message about another."""
    return f"{starts_at:%Y%m%dT%H%MZ}" if starts_at else "TBC"


def iso_duration(offset: timedelta) -> str:
    """timedelta(days=1) → 'P1D', timedelta(hours=1, minutes=30) → 'PT1H30M'."""
    days, seconds = offset.days, offset.seconds
    hours, minutes = divmod(seconds // 60, 60)
    time_part = "".join(f"{n}{unit}" for n, unit in ((hours, "H"), (minutes, "M")) if n)
    return "P" + (f"{days}D" if days else "") + (f"T{time_part}" if time_part else "")


# A person's reply to an event's invitation
Answer = Literal["yes", "no"]
