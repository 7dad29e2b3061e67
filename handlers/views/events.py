"""Everything people read about events: words and Block Kit layout, as pure functions."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar
from icalendar import Event as CalendarEvent
from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.events.notices import CalendarInvite, EventDateChanged, EventReminder
from bot.events.rules import EventSchedule
from bot.events.service import (
    AlreadyStarted,
    Attendance,
    DateInPast,
    EndBeforeStart,
    MyEvent,
    NotInAudience,
    UnknownEvent,
)
from bot.scheme import Event, Programme
from handlers.slack.rendering import SharedFile, file_view, message_view
from handlers.views.common import error_words
from handlers.views.mrkdwn import escape

RSVP_YES = "event_rsvp_yes"
RSVP_NO = "event_rsvp_no"
ANSWER_WORDS = {"yes": "you'll be there", "no": "you can't make it"}


def when(
    programme: Programme, schedule: EventSchedule, event: Event, recipient_tz: str | None
) -> str:
    """'Thursday 13 November 2025, 11:00–15:00 UK time (GMT)', plus the person's own time when
    their Slack zone shows a different clock at that moment."""
    if schedule.starts_at is None or schedule.ends_at is None:
        expected = f" (expected {event.expected})" if event.expected else ""
        return f"date to be confirmed{expected}"
    zone = programme.zone
    start, end = schedule.starts_at.astimezone(zone), schedule.ends_at.astimezone(zone)
    text = f"{start:%A} {start.day} {start:%B %Y}, {start:%H:%M}–{end:%H:%M} UK time ({start:%Z})"
    own = _zone(recipient_tz)
    if own is not None and _wall_clock(schedule.starts_at, own) != _wall_clock(
        schedule.starts_at, zone
    ):
        own_start, own_end = schedule.starts_at.astimezone(own), schedule.ends_at.astimezone(own)
        day = "" if own_start.date() == start.date() else f"{own_start:%A} "
        text += f"; {day}{own_start:%H:%M}–{own_end:%H:%M} in your time zone ({recipient_tz})"
    return text


def where(event: Event) -> str:
    if event.format == "face_to_face":
        return (
            f"Face to face at {event.venue}"
            if event.venue
            else "Face to face (venue to be confirmed)"
        )
    return event.joining or "Online"


def describe_offset(offset: timedelta) -> str:
    """P7D → 'in 7 days', P1D → 'tomorrow', PT1H → 'in 1 hour'."""
    if offset == timedelta(days=1):
        return "tomorrow"
    if offset.days and not offset.seconds:
        return f"in {offset.days} days" if offset.days > 1 else "in 1 day"
    hours, minutes = divmod(int(offset.total_seconds()) // 60, 60)
    if hours and not minutes:
        return f"in {hours} hour{'s' if hours > 1 else ''}"
    return f"in {hours * 60 + minutes} minutes"


@message_view(EventReminder)
def reminder_message(notice: EventReminder) -> tuple[str, list[Block]]:
    event, programme = notice.event, notice.programme
    headline = f"{event.title} is {describe_offset(notice.offset)}"
    when_text = when(programme, notice.schedule, event, notice.recipient_tz)
    blocks: list[Block] = [
        HeaderBlock(text=headline[:150]),
        SectionBlock(text=MarkdownTextObject(text=f"*When:* {when_text}\n*Where:* {where(event)}")),
    ]
    if event.description:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=event.description)))
    blocks += _practicalities(event, programme)
    if notice.rsvp:
        blocks.append(
            ContextBlock(
                elements=[
                    MarkdownTextObject(
                        text=f"You told us {ANSWER_WORDS[notice.rsvp]}. You can change that below."
                    )
                ]
            )
        )
    blocks.append(rsvp_buttons(event.id))
    return f"Reminder: {headline}. {when_text}. {where(event).rstrip('.')}.", blocks


@message_view(EventDateChanged)
def date_changed_message(notice: EventDateChanged) -> tuple[str, list[Block]]:
    event, programme = notice.event, notice.programme
    old = when(programme, notice.old, event, notice.recipient_tz)
    new = when(programme, notice.new, event, notice.recipient_tz)
    text = f"The date of {event.title} has changed. It is now {new} (it was {old})."
    blocks: list[Block] = [
        SectionBlock(
            text=MarkdownTextObject(
                text=f":calendar: *{event.title}* has a new date.\n*Now:* {new}\n*Was:* ~{old}~\n*Where:* {where(event)}"
            )
        ),
    ]
    if not notice.new.is_tbc:
        blocks.append(
            ContextBlock(
                elements=[
                    MarkdownTextObject(
                        text="A new calendar file follows. Any reply you gave was for the old date, so please tell us again."
                    )
                ]
            )
        )
        blocks.append(rsvp_buttons(event.id))
    return text, blocks


def rsvp_buttons(event_id: str) -> ActionsBlock:
    return ActionsBlock(
        block_id=f"rsvp:{event_id}",
        elements=[
            ButtonElement(
                text="I'll be there", action_id=RSVP_YES, value=event_id, style="primary"
            ),
            ButtonElement(text="I can't make it", action_id=RSVP_NO, value=event_id),
        ],
    )


def rsvp_confirmation(mine: MyEvent, programme: Programme) -> str:
    if mine.answer == "yes":
        return f"Thank you, I've noted that you'll be at {mine.event.title}. See you there!"
    return (
        f"Thank you for letting us know you can't make {mine.event.title}. I won't send you more "
        f"reminders for it. If you need reasonable adjustments to take part, contact "
        f"{programme.contacts.reasonable_adjustments}."
    )


def my_events_message(mine: list[MyEvent], programme: Programme, tz: str | None) -> str:
    if not mine:
        return "You have no more scheme events coming up."
    lines = ["*Your upcoming scheme events*"]
    for item in mine:
        reply = f" · you said {ANSWER_WORDS[item.answer]}" if item.answer else ""
        lines.append(
            f"• *{item.event.title}*: {when(programme, item.schedule, item.event, tz)}. {where(item.event)}{reply}"
        )
    return "\n".join(lines)


def next_event_message(mine: list[MyEvent], programme: Programme, tz: str | None) -> str:
    dated = [m for m in mine if not m.schedule.is_tbc]
    if not dated:
        return "You have no dated events coming up. `/mentoring events` lists those still to be confirmed."
    item = dated[0]
    reply = f" You said {ANSWER_WORDS[item.answer]}." if item.answer else ""
    place = where(item.event).rstrip(".")
    return f"Your next event is *{item.event.title}*: {when(programme, item.schedule, item.event, tz)}. {place}.{reply}"


def attendance_message(attendance: Attendance, programme: Programme) -> str:
    def names(people: list[str]) -> str:
        return ", ".join(map(escape, people)) if people else "nobody"

    heading = f"*{attendance.event.title}*: {when(programme, attendance.schedule, attendance.event, None)}"
    return (
        f"{heading}\n"
        f"• Coming ({len(attendance.coming)}): {names(attendance.coming)}\n"
        f"• Can't make it ({len(attendance.not_coming)}): {names(attendance.not_coming)}\n"
        f"• No reply yet ({len(attendance.no_reply)}): {names(attendance.no_reply)}"
    )


def team_events_message(attendances: list[Attendance], programme: Programme) -> str:
    lines = ["*Scheme events*"]
    for a in attendances:
        lines.append(
            f"• *{a.event.title}* (`{a.event.id}`): {when(programme, a.schedule, a.event, None)}: "
            f"{len(a.coming)} coming, {len(a.not_coming)} can't, {len(a.no_reply)} no reply"
        )
    lines.append("`/mentoring team who EVENT` names them.")
    return "\n".join(lines)


def date_set_message(event: Event, schedule: EventSchedule, programme: Programme) -> str:
    return (
        f"Done: *{event.title}* is now {when(programme, schedule, event, None)}. Reminders are "
        "rescheduled, and anyone already invited has been told of the change."
    )


@error_words(UnknownEvent)
def unknown_event(error: UnknownEvent) -> str:
    return (
        f"There is no event called `{escape(error.event_id)}`. "
        f"The events are: {', '.join(error.known_ids)}."
    )


@error_words(NotInAudience)
def not_in_audience(error: NotInAudience) -> str:
    event = error.event
    return f"{event.title} is for {event.audience}, so there is no reply to record from you."


@error_words(AlreadyStarted)
def already_started(error: AlreadyStarted) -> str:
    return f"{error.event.title} has already started, so I can't change your reply."


@error_words(EndBeforeStart)
def end_before_start(error: EndBeforeStart) -> str:
    return f"The end time {error.end:%H:%M} must be after the start time {error.start:%H:%M}."


@error_words(DateInPast)
def date_in_past(_: DateInPast) -> str:
    return "That date and time has already passed. Please give a future date."


def _practicalities(event: Event, programme: Programme) -> list[Block]:
    if event.format != "face_to_face":
        return []
    return [
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text=f"{programme.travel_expenses} For reasonable adjustments, contact {programme.contacts.reasonable_adjustments}."
                )
            ]
        )
    ]


def _zone(name: str | None) -> ZoneInfo | None:
    try:
        return ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _wall_clock(moment: datetime, zone: ZoneInfo) -> tuple[int, int, int]:
    local = moment.astimezone(zone)
    return local.day, local.hour, local.minute


@file_view(CalendarInvite)
def calendar_file(invite: CalendarInvite) -> SharedFile:
    return SharedFile(_calendar_bytes(invite), f"Add {invite.event.title} to your calendar")


# One calendar file per event date serves everyone: building one costs milliseconds.
_calendar_files: dict[tuple[object, ...], bytes] = {}
_calendar_lock = threading.Lock()


def _calendar_bytes(invite: CalendarInvite) -> bytes:
    version = (invite.event.id, invite.schedule.starts_at, invite.schedule.ends_at, invite.sequence)
    with _calendar_lock:
        if version not in _calendar_files:
            _calendar_files[version] = ics_for(invite)
        return _calendar_files[version]


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
