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

from bot.events.errors import (
    AlreadyStarted,
    DateInPast,
    EndBeforeStart,
    NotInAudience,
    UnknownEvent,
)
from bot.events.feeds import Feed, FeedAddress
from bot.events.model import EventSchedule
from bot.events.notices import CalendarInvite, EventDateChanged, EventReminder
from bot.events.service import Attendance, MyEvent
from bot.scheme import Event, Programme
from handlers.i18n import N_, _, clock_time, day, formatted, in_language, language, ngettext
from handlers.slack.rendering import SharedFile, file_view, message_view
from handlers.views.common import error_words, note
from handlers.views.mrkdwn import escape

RSVP_YES = "event_rsvp_yes"
RSVP_NO = "event_rsvp_no"
# Beside the replies on a face-to-face event's reminder: the request form, with the event chosen
# (handlers/requests.py answers it).
ASK_FOR_ADJUSTMENT = "request_ask_event"
# A person's reply, said back to them whole in each place it is shown (word order differs in Welsh).
TOLD_US = {
    "yes": N_("You told us you'll be there. You can change that below."),
    "no": N_("You told us you can't make it. You can change that below."),
}
YOU_SAID = {"yes": N_("You said you'll be there."), "no": N_("You said you can't make it.")}
YOU_SAID_IN_A_LIST = {"yes": N_("you said you'll be there"), "no": N_("you said you can't make it")}
NOT_FOR_YOU = {
    "mentees": N_("{title} is for mentees, so there is no reply to record from you."),
    "mentors": N_("{title} is for mentors, so there is no reply to record from you."),
    "everyone": N_("{title} is for everyone, so there is no reply to record from you."),
}

# Link buttons: Slack still tells the app of each press, which is acknowledged and nothing more.
CALENDAR_BUTTON = "event_calendar_"
# Where the web process serves an event's calendar file and each person's feed (with PUBLIC_URL).
EVENT_FILE_PATH = "/calendar/events/{token}.ics"
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


def in_readers_language(event: Event) -> Event:
    """The event's own words (title, venue, joining, description) as the programme file gives
    them in the reader's language, English where it gives none."""
    return event.in_language(language())


def when(
    programme: Programme, schedule: EventSchedule, event: Event, recipient_tz: str | None
) -> str:
    """'Thursday 13 November 2025, 11:00–15:00 UK time (GMT)', plus the person's own time when
    their Slack zone shows a different clock at that moment."""
    event = in_readers_language(event)
    if schedule.starts_at is None or schedule.ends_at is None:
        if event.expected:
            return _("date to be confirmed (expected {expected})").format(expected=event.expected)
        return _("date to be confirmed")
    zone = programme.zone
    start, end = schedule.starts_at.astimezone(zone), schedule.ends_at.astimezone(zone)
    # Translators: {zone} is GMT or BST, as the UK's clocks say.
    text = _("{day}, {start}–{end} UK time ({zone})").format(
        day=day(start), start=clock_time(start), end=clock_time(end), zone=f"{start:%Z}"
    )
    own = _zone(recipient_tz)
    if own is not None and _wall_clock(schedule.starts_at, own) != _wall_clock(
        schedule.starts_at, zone
    ):
        own_start, own_end = schedule.starts_at.astimezone(own), schedule.ends_at.astimezone(own)
        times = {"start": clock_time(own_start), "end": clock_time(own_end), "zone": recipient_tz}
        if own_start.date() == start.date():
            # Translators: {uk_time} is the day and time in the UK; {zone} is the reader's own
            # time zone as Slack names it, such as America/New_York.
            text = _("{uk_time}; {start}–{end} in your time zone ({zone})").format(
                uk_time=text, **times
            )
        else:
            text = _("{uk_time}; {weekday} {start}–{end} in your time zone ({zone})").format(
                uk_time=text, weekday=formatted(own_start, "EEEE"), **times
            )
    return text


def where(event: Event) -> str:
    event = in_readers_language(event)
    if event.format == "face_to_face":
        if event.venue:
            return _("Face to face at {venue}").format(venue=event.venue)
        return _("Face to face (venue to be confirmed)")
    return event.joining or _("Online")


def describe_offset(offset: timedelta) -> str:
    """P7D → 'in 7 days', P1D → 'tomorrow', PT1H → 'in 1 hour'."""
    if offset == timedelta(days=1):
        return _("tomorrow")
    if offset.days and not offset.seconds:
        return ngettext("in {n} day", "in {n} days", offset.days).format(n=offset.days)
    hours, minutes = divmod(int(offset.total_seconds()) // 60, 60)
    if hours and not minutes:
        return ngettext("in {n} hour", "in {n} hours", hours).format(n=hours)
    # One message for every count, as the English has always said it ("in 1 minutes" included)
    return _("in {n} minutes").format(n=hours * 60 + minutes)


@message_view(EventReminder)
def reminder_message(notice: EventReminder) -> tuple[str, list[Block]]:
    event, programme = in_readers_language(notice.event), notice.programme
    # Translators: {when} is "tomorrow", "in 7 days", "in 1 hour"…
    headline = _("{title} is {when}").format(title=event.title, when=describe_offset(notice.offset))
    when_text = when(programme, notice.schedule, event, notice.recipient_tz)
    blocks: list[Block] = [
        HeaderBlock(text=headline[:150]),
        SectionBlock(
            text=MarkdownTextObject(
                text=_("*When:* {when}\n*Where:* {where}").format(
                    when=when_text, where=where(event)
                )
            )
        ),
    ]
    if event.description:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=event.description)))
    blocks += _practicalities(event, programme)
    if notice.rsvp:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=_(TOLD_US[notice.rsvp]))]))
    replies = rsvp_buttons(event.id)
    if event.format == "face_to_face":
        replies.elements.append(
            ButtonElement(
                text=_("Ask for an adjustment…"), action_id=ASK_FOR_ADJUSTMENT, value=event.id
            )
        )
    blocks.append(replies)
    blocks += calendar_blocks(
        programme, event, notice.schedule, notice.public_url, notice.file_token
    )
    fallback = _("Reminder: {headline}. {when}. {where}.").format(
        headline=headline, when=when_text, where=where(event).rstrip(".")
    )
    return fallback, blocks


@message_view(EventDateChanged)
def date_changed_message(notice: EventDateChanged) -> tuple[str, list[Block]]:
    event, programme = in_readers_language(notice.event), notice.programme
    old = when(programme, notice.old, event, notice.recipient_tz)
    new = when(programme, notice.new, event, notice.recipient_tz)
    text = _("The date of {title} has changed. It is now {new} (it was {old}).").format(
        title=event.title, new=new, old=old
    )
    changed = _(
        ":calendar: *{title}* has a new date.\n*Now:* {new}\n*Was:* ~{old}~\n*Where:* {where}"
    ).format(title=event.title, new=new, old=old, where=where(event))
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=changed))]
    if not notice.new.is_tbc:
        calendar = (
            _("A new calendar file follows.") if notice.public_url is None else _(NEW_DATE_LINKS)
        )
        # Translators: {calendar} is a sentence on how to put the new date in a calendar.
        tell_again = _(
            "{calendar} Any reply you gave was for the old date, so please tell us again."
        ).format(calendar=calendar)
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=tell_again)]))
        blocks.append(rsvp_buttons(event.id))
        blocks += calendar_blocks(
            programme, event, notice.new, notice.public_url, notice.file_token
        )
    return text, blocks


NEW_DATE_LINKS = N_(
    "Put the new date in your calendar with the links below "
    "(a feed from `/mentoring calendar` follows changes by itself)."
)
FEED_TIP = N_(
    "Or subscribe once to all your scheme events, kept up to date: `/mentoring calendar`."
)


def calendar_blocks(
    programme: Programme,
    event: Event,
    schedule: EventSchedule,
    public_url: str | None,
    file_token: str | None = None,
) -> list[Block]:
    """ "Add to calendar" link buttons for a dated event; with a public address, also its calendar
    file as served by the web process (at `file_token`) and a word about the personal feed."""
    if schedule.is_tbc:
        return []
    buttons = [
        _link_button(
            _("Add to Google Calendar"), "google", google_calendar_url(programme, event, schedule)
        ),
        _link_button(
            _("Add to Outlook"), "outlook", outlook_calendar_url(programme, event, schedule)
        ),
    ]
    if public_url is None:
        return [ActionsBlock(block_id=f"calendar:{event.id}", elements=buttons)]
    if file_token is not None:
        file_url = event_file_url(public_url, file_token)
        buttons.append(_link_button(_("Calendar file (.ics)"), "file", file_url))
    return [
        ActionsBlock(block_id=f"calendar:{event.id}", elements=buttons),
        note(_(FEED_TIP)),
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


def event_file_url(public_url: str, token: str) -> str:
    return public_url.rstrip("/") + EVENT_FILE_PATH.format(token=token)


def feed_url(public_url: str, token: str) -> str:
    return public_url.rstrip("/") + FEED_PATH.format(token=token)


def calendar_summary(programme: Programme, event: Event) -> str:
    return f"{in_readers_language(event).title} ({programme.name})"


def calendar_details(programme: Programme, event: Event) -> str:
    """What a calendar entry says of the event: as the reminder does, in plain text."""
    event = in_readers_language(event)
    details = [event.description or "", where(event)]
    if event.format == "face_to_face":
        details.append(programme.travel_expenses_in(language()))
    details.append(
        _("Reasonable adjustments: {contact}").format(
            contact=programme.contacts.reasonable_adjustments
        )
    )
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
                text=_("I'll be there"), action_id=RSVP_YES, value=event_id, style="primary"
            ),
            ButtonElement(text=_("I can't make it"), action_id=RSVP_NO, value=event_id),
        ],
    )


def rsvp_confirmation(mine: MyEvent, programme: Programme) -> str:
    title = in_readers_language(mine.event).title
    if mine.answer == "yes":
        return _("Thank you, I've noted that you'll be at {title}. See you there!").format(
            title=title
        )
    return _(
        "Thank you for letting us know you can't make {title}. I won't send you more "
        "reminders for it. If you need reasonable adjustments to take part, contact {contact}."
    ).format(title=title, contact=programme.contacts.reasonable_adjustments)


def my_events_message(mine: list[MyEvent], programme: Programme, tz: str | None) -> str:
    if not mine:
        return _("You have no more scheme events coming up.")
    lines = [_("*Your upcoming scheme events*")]
    for item in mine:
        title = in_readers_language(item.event).title
        dated = when(programme, item.schedule, item.event, tz)
        line = f"• *{title}*: {dated}. {where(item.event)}"
        if item.answer:
            line += f" · {_(YOU_SAID_IN_A_LIST[item.answer])}"
        lines.append(line)
    return "\n".join(lines)


def next_event_message(mine: list[MyEvent], programme: Programme, tz: str | None) -> str:
    dated = [m for m in mine if not m.schedule.is_tbc]
    if not dated:
        return _(
            "You have no dated events coming up. "
            "`/mentoring events` lists those still to be confirmed."
        )
    item = dated[0]
    text = _("Your next event is *{title}*: {when}. {where}.").format(
        title=in_readers_language(item.event).title,
        when=when(programme, item.schedule, item.event, tz),
        where=where(item.event).rstrip("."),
    )
    return f"{text} {_(YOU_SAID[item.answer])}" if item.answer else text


def attendance_message(attendance: Attendance, programme: Programme) -> str:
    def names(people: list[str]) -> str:
        return ", ".join(map(escape, people)) if people else _("nobody")

    event, schedule = attendance.event, attendance.schedule
    heading = f"*{in_readers_language(event).title}*: {when(programme, schedule, event, None)}"
    lines = [
        heading,
        _("• Coming ({n}): {names}").format(
            n=len(attendance.coming), names=names(attendance.coming)
        ),
        _("• Can't make it ({n}): {names}").format(
            n=len(attendance.not_coming), names=names(attendance.not_coming)
        ),
        _("• No reply yet ({n}): {names}").format(
            n=len(attendance.no_reply), names=names(attendance.no_reply)
        ),
    ]
    return "\n".join(lines)


def team_events_message(attendances: list[Attendance], programme: Programme) -> str:
    lines = [_("*Scheme events*")]
    for a in attendances:
        lines.append(
            _(
                "• *{title}* (`{event_id}`): {when}: "
                "{coming} coming, {not_coming} can't, {no_reply} no reply"
            ).format(
                title=in_readers_language(a.event).title,
                event_id=a.event.id,
                when=when(programme, a.schedule, a.event, None),
                coming=len(a.coming),
                not_coming=len(a.not_coming),
                no_reply=len(a.no_reply),
            )
        )
    lines.append(_("`/mentoring team who EVENT` names them."))
    return "\n".join(lines)


def date_set_message(event: Event, schedule: EventSchedule, programme: Programme) -> str:
    return _(
        "Done: *{title}* is now {when}. Reminders are rescheduled, and anyone already invited "
        "has been told of the change."
    ).format(title=in_readers_language(event).title, when=when(programme, schedule, event, None))


# Worded where it is shown: `feeds_need_an_address()`.
FEEDS_NEED_AN_ADDRESS = N_(
    "Calendar feeds need the bot to have a public web address, and this one has none yet, "
    "so there is no feed to subscribe to. Each reminder has *Add to Google Calendar* and "
    "*Add to Outlook* buttons, and the first one brings a calendar file."
)


def feeds_need_an_address() -> str:
    return _(FEEDS_NEED_AN_ADDRESS)


def feed_message(address: FeedAddress, programme: Programme, public_url: str) -> str:
    """A new feed address with how to subscribe; or, for someone who has one, why it cannot be
    shown again and how to get another."""
    if address.token is None:
        had = (
            _("You already have a calendar feed (since {date}).").format(
                date=formatted(address.since.astimezone(programme.zone), "d MMMM y")
            )
            if address.since
            else _("You already have a calendar feed.")
        )
        return (
            had
            + " "
            + _(
                "I keep only a fingerprint of its address, so I can't show it again. If you have "
                "lost it, or shared it by mistake, `/mentoring calendar new` gives you a new "
                "address and stops the old one."
            )
        )
    return _(
        "*Your calendar feed* of every scheme event for you, kept up to date:\n"
        "`{address}`\n"
        "• Google Calendar: *Other calendars* › *+* › *From URL*, paste the address.\n"
        "• Outlook: *Add calendar* › *Subscribe from web*, paste the address.\n"
        "When a date changes, your calendar follows (calendar apps check every few hours); "
        "events you said you can't make are left out. The address is yours alone: anyone "
        "who has it can see your scheme events. `/mentoring calendar new` gives you a new "
        "one and stops this one."
    ).format(address=feed_url(public_url, address.token))


@error_words(UnknownEvent)
def unknown_event(error: UnknownEvent) -> str:
    return _("There is no event called `{event_id}`. The events are: {known}.").format(
        event_id=escape(error.event_id), known=", ".join(error.known_ids)
    )


@error_words(NotInAudience)
def not_in_audience(error: NotInAudience) -> str:
    return _(NOT_FOR_YOU[error.event.audience]).format(title=in_readers_language(error.event).title)


@error_words(AlreadyStarted)
def already_started(error: AlreadyStarted) -> str:
    return _("{title} has already started, so I can't change your reply.").format(
        title=in_readers_language(error.event).title
    )


@error_words(EndBeforeStart)
def end_before_start(error: EndBeforeStart) -> str:
    return _("The end time {end} must be after the start time {start}.").format(
        end=clock_time(error.end), start=clock_time(error.start)
    )


@error_words(DateInPast)
def date_in_past(_error: DateInPast) -> str:
    return _("That date and time has already passed. Please give a future date.")


def _practicalities(event: Event, programme: Programme) -> list[Block]:
    if event.format != "face_to_face":
        return []
    # Translators: {travel_expenses} is the programme file's own sentences on travel costs.
    words = _(
        "{travel_expenses} To ask for an adjustment or accommodation, or to say you can't "
        "travel, use the button below or contact {contact}."
    ).format(
        travel_expenses=programme.travel_expenses_in(language()),
        contact=programme.contacts.reasonable_adjustments,
    )
    return [ContextBlock(elements=[MarkdownTextObject(text=words)])]


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
    title = in_readers_language(invite.event).title
    return SharedFile(
        _calendar_bytes(invite), _("Add {title} to your calendar").format(title=title)
    )


# One calendar file per event date and language serves everyone: building one costs milliseconds.
_calendar_files: dict[tuple[object, ...], bytes] = {}
_calendar_lock = threading.Lock()


def _calendar_bytes(invite: CalendarInvite) -> bytes:
    version = (
        invite.event.id,
        invite.schedule.starts_at,
        invite.schedule.ends_at,
        invite.sequence,
        language(),
    )
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
    with in_language(feed.language):  # read by a calendar app, in its holder's language
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
