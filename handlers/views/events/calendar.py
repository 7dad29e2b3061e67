"""The events' calendars: the links and files that put an event in a calendar, and the feed
of all of a person's events."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from urllib.parse import quote, urlencode

from icalendar import Calendar, Timezone
from icalendar import Event as CalendarEvent
from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
)

from bot.events.feeds import Feed
from bot.events.model import EventSchedule
from bot.events.notices import CalendarInvite
from bot.scheme import Event, Programme
from handlers.i18n import N_, _, in_language, language
from handlers.slack.rendering import SharedFile, file_view
from handlers.views.common import note
from handlers.views.events.describe import in_readers_language, where

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


FEED_TIP = N_(
    "Or subscribe once to all your scheme events, kept up to date: `/mentoring calendar`."
)
