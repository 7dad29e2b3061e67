"""Pure decisions about the scheme's calendar: when reminders fall, which are due now, and where
each event sits in the calendar (each moment's stable key is its data's, in model.py)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.events.model import EventSchedule, ReminderMoment
from bot.programme_forms import Audience
from bot.scheme import Event, Programme

CHANGE_NOTICE_COVERS = timedelta(days=1)


def file_schedule(programme: Programme, event: Event) -> EventSchedule:
    """The file's date; none while it is TBC or carried from last year and still to confirm, so
    nothing is sent for it until the team confirms it."""
    if event.date == "TBC" or event.to_confirm or event.start is None or event.end is None:
        return EventSchedule(event.id, None, None)
    return EventSchedule(
        event.id,
        programme.local_datetime(event.date, event.start).astimezone(UTC),
        programme.local_datetime(event.date, event.end).astimezone(UTC),
    )


def current_schedules(
    programme: Programme,
    stored: Mapping[str, EventSchedule],
    recorded: Mapping[str, EventSchedule],
) -> dict[str, EventSchedule]:
    """Each of the programme's events as every process sees it, from the file and what is stored
    (`stored`: the current dates; `recorded`: the file's dates when they were stored). A date the
    team set holds while the file still says what it said then; otherwise the file's date holds,
    whether or not the clock has yet stored it, so a web process that starts before any clock
    answers as the clock will."""
    schedules: dict[str, EventSchedule] = {}
    for event in programme.events:
        in_file = file_schedule(programme, event)
        kept = event.id in stored and recorded.get(event.id) == in_file
        schedules[event.id] = stored[event.id] if kept else in_file
    return schedules


def reminder_time(starts_at: datetime, offset: timedelta, zone: ZoneInfo) -> datetime:
    """Whole days are counted on the local calendar, so "a week before" a 10:00 event is 10:00
    on that day even across a clock change; the rest of the offset is elapsed time."""
    local = starts_at.astimezone(zone).replace(tzinfo=None) - timedelta(days=offset.days)
    return local.replace(tzinfo=zone).astimezone(UTC) - timedelta(seconds=offset.seconds)


def reminder_moments(
    schedules: Iterable[EventSchedule], offsets: Sequence[timedelta], zone: ZoneInfo
) -> list[ReminderMoment]:
    moments = [
        ReminderMoment(s.event_id, s.starts_at, offset, reminder_time(s.starts_at, offset, zone))
        for s in schedules
        if s.starts_at is not None
        for offset in offsets
    ]
    return sorted(moments, key=lambda m: (m.at, m.event_id))


def upcoming_reminder_times(
    schedules: Iterable[EventSchedule], offsets: Sequence[timedelta], zone: ZoneInfo, now: datetime
) -> list[ReminderMoment]:
    """The moments still to come: what the scheduler must wake up for."""
    return [m for m in reminder_moments(schedules, offsets, zone) if m.at > now]


def due_reminders(
    schedules: Iterable[EventSchedule], offsets: Sequence[timedelta], zone: ZoneInfo, now: datetime
) -> list[ReminderMoment]:
    """For each event that has not begun, the latest reminder whose time has come.

    This is also the policy for what was missed while the bot was down: a person gets the one
    reminder that fits the time left (not the week-before one on the eve of the event), and
    nothing once the event has begun.
    """
    due: dict[str, ReminderMoment] = {}
    for moment in reminder_moments(schedules, offsets, zone):
        if moment.at <= now < moment.starts_at:
            due[moment.event_id] = moment
    return list(due.values())


def covered_by_change_notice(
    schedule: EventSchedule, offsets: Sequence[timedelta], zone: ZoneInfo, now: datetime
) -> list[ReminderMoment]:
    """The reminders for a new date that a "date changed" message, sent now, makes redundant:
    day-scale ones already due or falling within a day of it. The hour-before nudge still goes."""
    return [
        m
        for m in reminder_moments([schedule], offsets, zone)
        if m.offset >= CHANGE_NOTICE_COVERS and m.at <= now + CHANGE_NOTICE_COVERS
    ]


def calendar_order(
    events: Sequence[Event], schedules: Mapping[str, EventSchedule]
) -> dict[str, tuple[datetime, int]]:
    """A sort key for each event, by its place in the scheme's calendar: a dated event at its
    start; one still to be confirmed just before the next dated event after it in the programme
    file, which lists events in the order they are expected. So January's TBC networking is not
    shown after September's celebration, and a date set for one event moves no other."""
    keys: dict[str, tuple[datetime, int]] = {}
    after = datetime.max.replace(tzinfo=UTC)
    for index, event in reversed(list(enumerate(events))):
        starts = schedules[event.id].starts_at
        keys[event.id] = (starts or after, index)
        after = starts or after
    return keys


def in_audience(role: str, audience: Audience) -> bool:
    return audience == "everyone" or audience == f"{role}s"
