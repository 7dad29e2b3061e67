"""Everything people read about events: words and Block Kit layout, as pure functions."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from urllib.parse import quote, urlencode
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar, Timezone
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

from bot.events.feeds import Feed, FeedAddress
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
from handlers.views.common import error_words, note
from handlers.views.mrkdwn import escape

RSVP_YES = "event_rsvp_yes"
RSVP_NO = "event_rsvp_no"
# Beside the replies on a face-to-face event's reminder: the request form, with the event chosen
# (handlers/requests.py answers it).
ASK_FOR_ADJUSTMENT = "request_ask_event"
ANSWER_WORDS = {"yes": "you'll be there", "no": "you can't make it"}

# Link buttons: Slack still tells the app of each press, which is acknowledged and nothing more.
CALENDAR_BUTTON = "event_calendar_"
# Where the web process serves an event's calendar file and each person's feed (with PUBLIC_URL).
EVENT_FILE_PATH = "/calendar/events/{event_id}.ics"
FEED_PATH = "/calendar/feed/{token}.ics"

# Add-to-calendar links. Neither service documents them officially; the parameters are those
# collected in https://github.com/InteractionDesignFoundation/add-event-to-calendar-docs:
# services/google.md (action=TEMPLATE, text, dates=YYYYMMDDTHHmmSSZ/YYYYMMDDTHHmmSSZ in UTC,
# details, location) and services/outlook-web.md (path=/calendar/action/compose, rru=addevent,
# subject, startdt and enddt as YYYY-MM-DDTHH:mm:SSZ in UTC, body, location).
GOOGLE_CALENDAR = "https://calendar.google.com/calendar/render"
OUTLOOK_CALENDAR = "https://outlook.office.com/calendar/0/deeplink/compose"
# Block Kit's button element: "url … Maximum length is 3000 characters."
BUTTON_URL_LIMIT = 3000


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
    replies = rsvp_buttons(event.id)
    if event.format == "face_to_face":
        replies.elements.append(
            ButtonElement(
                text="Ask for an adjustment…", action_id=ASK_FOR_ADJUSTMENT, value=event.id
            )
        )
    blocks.append(replies)
    blocks += calendar_blocks(programme, event, notice.schedule, notice.public_url)
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
        calendar = "A new calendar file follows." if notice.public_url is None else NEW_DATE_LINKS
        blocks.append(
            ContextBlock(
                elements=[
                    MarkdownTextObject(
                        text=f"{calendar} Any reply you gave was for the old date, so please tell us again."
                    )
                ]
            )
        )
        blocks.append(rsvp_buttons(event.id))
        blocks += calendar_blocks(programme, event, notice.new, notice.public_url)
    return text, blocks


NEW_DATE_LINKS = (
    "Put the new date in your calendar with the links below "
    "(a feed from `/mentoring calendar` follows changes by itself)."
)
FEED_TIP = "Or subscribe once to all your scheme events, kept up to date: `/mentoring calendar`."


def calendar_blocks(
    programme: Programme, event: Event, schedule: EventSchedule, public_url: str | None
) -> list[Block]:
    """ "Add to calendar" link buttons for a dated event; with a public address, also its calendar
    file as served by the web process and a word about the personal feed."""
    if schedule.is_tbc:
        return []
    buttons = [
        _link_button(
            "Add to Google Calendar", "google", google_calendar_url(programme, event, schedule)
        ),
        _link_button("Add to Outlook", "outlook", outlook_calendar_url(programme, event, schedule)),
    ]
    if public_url is None:
        return [ActionsBlock(block_id=f"calendar:{event.id}", elements=buttons)]
    buttons.append(
        _link_button("Calendar file (.ics)", "file", event_file_url(public_url, event.id))
    )
    return [
        ActionsBlock(block_id=f"calendar:{event.id}", elements=buttons),
        note(FEED_TIP),
    ]


def _link_button(text: str, name: str, url: str) -> ButtonElement:
    return ButtonElement(text=text, action_id=f"{CALENDAR_BUTTON}{name}", url=url)


def google_calendar_url(programme: Programme, event: Event, schedule: EventSchedule) -> str:
    """A Google Calendar "new event" page for the event, its times in UTC."""
    start, end = _utc_times(schedule)
    return _fitted(
        lambda details: _url(
            GOOGLE_CALENDAR,
            {
                "action": "TEMPLATE",
                "text": calendar_summary(programme, event),
                "dates": f"{start:%Y%m%dT%H%M%SZ}/{end:%Y%m%dT%H%M%SZ}",
                "details": details,
                "location": where(event),
            },
        ),
        calendar_details(programme, event),
    )


def outlook_calendar_url(programme: Programme, event: Event, schedule: EventSchedule) -> str:
    """An Outlook on the web (Microsoft 365) "new event" form for the event, its times in UTC."""
    start, end = _utc_times(schedule)
    return _fitted(
        lambda body: _url(
            OUTLOOK_CALENDAR,
            {
                "path": "/calendar/action/compose",
                "rru": "addevent",
                "subject": calendar_summary(programme, event),
                "startdt": f"{start:%Y-%m-%dT%H:%M:%SZ}",
                "enddt": f"{end:%Y-%m-%dT%H:%M:%SZ}",
                "body": body,
                "location": where(event),
            },
        ),
        calendar_details(programme, event),
    )


def event_file_url(public_url: str, event_id: str) -> str:
    return public_url.rstrip("/") + EVENT_FILE_PATH.format(event_id=quote(event_id))


def feed_url(public_url: str, token: str) -> str:
    return public_url.rstrip("/") + FEED_PATH.format(token=token)


def calendar_summary(programme: Programme, event: Event) -> str:
    return f"{event.title} ({programme.name})"


def calendar_details(programme: Programme, event: Event) -> str:
    """What a calendar entry says of the event: as the reminder does, in plain text."""
    details = [event.description or "", where(event)]
    if event.format == "face_to_face":
        details.append(programme.travel_expenses)
    details.append(f"Reasonable adjustments: {programme.contacts.reasonable_adjustments}")
    return "\n\n".join(d for d in details if d)


def _utc_times(schedule: EventSchedule) -> tuple[datetime, datetime]:
    assert schedule.starts_at is not None and schedule.ends_at is not None, "no link for TBC"
    return schedule.starts_at.astimezone(UTC), schedule.ends_at.astimezone(UTC)


def _url(base: str, parameters: dict[str, str]) -> str:
    """Every value percent-encoded as UTF-8 (a space as %20, which both services read)."""
    return f"{base}?{urlencode(parameters, quote_via=quote, safe='/')}"


def _fitted(link: Callable[[str], str], details: str) -> str:
    """The link with as much of the details as keeps it within a Slack button's limit (found by
    halving: a character takes 1 to 12 characters once encoded); cut details end with "…"."""
    if len(url := link(details)) <= BUTTON_URL_LIMIT:
        return url
    fits, too_long = 0, len(details)
    while too_long - fits > 1:
        middle = (fits + too_long) // 2
        if len(link(f"{details[:middle]}…")) <= BUTTON_URL_LIMIT:
            fits = middle
        else:
            too_long = middle
    return link(f"{details[:fits]}…" if fits else "")


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


FEEDS_NEED_AN_ADDRESS = (
    "Calendar feeds need the bot to have a public web address, and this one has none yet, "
    "so there is no feed to subscribe to. Each reminder has *Add to Google Calendar* and "
    "*Add to Outlook* buttons, and the first one brings a calendar file."
)


def feed_message(address: FeedAddress, programme: Programme, public_url: str) -> str:
    """A new feed address with how to subscribe; or, for someone who has one, why it cannot be
    shown again and how to get another."""
    if address.token is None:
        made = address.since.astimezone(programme.zone) if address.since else None
        since = f" (since {made.day} {made:%B %Y})" if made else ""
        return (
            f"You already have a calendar feed{since}. I keep only a fingerprint of its "
            "address, so I can't show it again. If you have lost it, or shared it by mistake, "
            "`/mentoring calendar new` gives you a new address and stops the old one."
        )
    return (
        "*Your calendar feed* of every scheme event for you, kept up to date:\n"
        f"`{feed_url(public_url, address.token)}`\n"
        "• Google Calendar: *Other calendars* › *+* › *From URL*, paste the address.\n"
        "• Outlook: *Add calendar* › *Subscribe from web*, paste the address.\n"
        "When a date changes, your calendar follows (calendar apps check every few hours); "
        "events you said you can't make are left out. The address is yours alone: anyone "
        "who has it can see your scheme events. `/mentoring calendar new` gives you a new "
        "one and stops this one."
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
                    text=f"{programme.travel_expenses} To ask for an adjustment or accommodation, or to say you can't travel, use the button below or contact {programme.contacts.reasonable_adjustments}."
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
    calendar = _calendar()
    calendar.add_component(_calendar_entry(invite, stamp or datetime.now(UTC)))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def feed_ics(feed: Feed, stamp: datetime | None = None) -> bytes:
    """A person's calendar feed: each of their events as `ics_for` writes it (same UID, same
    SEQUENCE), so an event added from a reminder's file and the feed's stay one entry. Calendar
    apps are asked to look again every hour; most choose their own pace."""
    calendar = _calendar()
    calendar.add("x-wr-calname", feed.programme.name)
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    for invite in feed.events:
        calendar.add_component(_calendar_entry(invite, stamp or datetime.now(UTC)))
    calendar.add_missing_timezones()
    if not feed.events:
        # A calendar must hold at least one component; the programme's zone is harmless.
        calendar.add_component(Timezone.from_tzid(feed.programme.timezone))
    return calendar.to_ical()


def _calendar() -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//SoR Leadership Mentoring Scheme//mentorbot//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    return calendar


def _calendar_entry(invite: CalendarInvite, stamp: datetime) -> CalendarEvent:
    schedule, event, zone = invite.schedule, invite.event, invite.programme.zone
    assert schedule.starts_at is not None and schedule.ends_at is not None, (
        "no file for a TBC event"
    )
    entry = CalendarEvent()
    entry.add("uid", f"{event.id}@mentorbot.lms")
    entry.add("sequence", invite.sequence)
    entry.add("dtstamp", stamp)
    entry.add("dtstart", schedule.starts_at.astimezone(zone))
    entry.add("dtend", schedule.ends_at.astimezone(zone))
    entry.add("summary", calendar_summary(invite.programme, event))
    entry.add("location", where(event))
    entry.add("description", calendar_details(invite.programme, event))
    return entry
