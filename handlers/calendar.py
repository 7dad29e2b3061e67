"""The add-to-calendar file (.ics) for an event, built with the icalendar library."""

from __future__ import annotations

from datetime import UTC, datetime

from icalendar import Calendar
from icalendar import Event as CalendarEvent

from bot.notices import CalendarInvite
from handlers.events_view import where


def ics_for(invite: CalendarInvite, stamp: datetime | None = None) -> bytes:
    """One VEVENT in the programme's zone. UID is stable per event and SEQUENCE grows with each
    date change, so calendar apps update the entry instead of adding a second one."""
    schedule, event, zone = invite.schedule, invite.event, invite.programme.zone
    assert schedule.starts_at is not None and schedule.ends_at is not None, (
        "no file for a TBC event"
    )
    calendar = Calendar()
    calendar.add("prodid", "-//SoR Leadership Mentoring Scheme//mentorbot//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    entry = CalendarEvent()
    entry.add("uid", f"{event.id}@mentorbot.lms")
    entry.add("sequence", invite.sequence)
    entry.add("dtstamp", stamp or datetime.now(UTC))
    entry.add("dtstart", schedule.starts_at.astimezone(zone))
    entry.add("dtend", schedule.ends_at.astimezone(zone))
    entry.add("summary", f"{event.title} ({invite.programme.name})")
    entry.add("location", where(event))
    details = [event.description or "", where(event)]
    if event.format == "face_to_face":
        details.append(invite.programme.travel_expenses)
    details.append(f"Reasonable adjustments: {invite.programme.contacts.reasonable_adjustments}")
    entry.add("description", "\n\n".join(d for d in details if d))
    calendar.add_component(entry)
    calendar.add_missing_timezones()
    return calendar.to_ical()
