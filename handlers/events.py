"""Events: the "I'll be there" / "I can't make it" buttons on reminders, the commands
`/mentoring events`, `next`, `calendar`, `event date`, `team who` and `team events`, and, with
PUBLIC_URL, the calendar files and personal feeds served over plain HTTP under /calendar/ at
secret addresses."""

from __future__ import annotations

import re
from collections.abc import Iterable
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from slack_bolt import Ack, App, BoltContext, Respond

from bot.events.model import Answer
from bot.events.service import EventsService
from bot.scheme import Slug
from handlers.commands import CommandCall, Commands
from handlers.grammar import (
    CalendarFeed,
    SetEventDate,
    ShowEvents,
    ShowNext,
    TeamEvents,
    WhoIsComing,
)
from handlers.middleware import Payload, acting, parse
from handlers.slack.http import mount
from handlers.views import events as view

CALENDAR_PREFIX = "/calendar/"
# The paths view.EVENT_FILE_PATH and view.FEED_PATH make; anything else under the prefix is 404.
_EVENT_FILE = re.compile(r"^/calendar/events/([A-Za-z0-9_-]{43})\.ics$")
_FEED = re.compile(r"^/calendar/feed/([A-Za-z0-9_-]{20,100})\.ics$")


class RsvpPressed(Payload):
    action_id: str
    value: Slug  # the event's id


def register(app: App, commands: Commands, events: EventsService) -> None:
    _register_replies(app, events)
    _register_commands(commands, events)
    _register_calendar(app, commands, events)


def _register_replies(app: App, events: EventsService) -> None:
    @app.action(re.compile(f"^({view.RSVP_YES}|{view.RSVP_NO})$"))
    def reply(ack: Ack, action: dict, respond: Respond, context: BoltContext) -> None:
        ack()
        pressed, me = parse(RsvpPressed, action), acting(context)
        answer: Answer = "yes" if pressed.action_id == view.RSVP_YES else "no"
        mine = events.reply(me.person, pressed.value, answer, me.now)
        respond(
            text=view.rsvp_confirmation(mine, events.programme),
            replace_original=False,
            response_type="ephemeral",
        )


def _register_commands(commands: Commands, events: EventsService) -> None:
    programme = events.programme

    def show_events(_: ShowEvents, call: CommandCall) -> str:
        mine = events.my_events(call.acting.person, call.acting.now)
        return view.my_events_message(mine.events, programme, mine.tz)

    def show_next(_: ShowNext, call: CommandCall) -> str:
        mine = events.my_events(call.acting.person, call.acting.now)
        return view.next_event_message(mine.events, programme, mine.tz)

    def set_date(command: SetEventDate, call: CommandCall) -> str:
        dated = events.set_date(
            call.acting.person,
            command.event_id,
            command.day,
            command.start,
            command.end,
            call.acting.now,
        )
        return view.date_set_message(dated.event, dated.schedule, programme)

    def who_is_coming(command: WhoIsComing, call: CommandCall) -> str:
        attendance = events.attendance(call.acting.person, command.event_id)
        return view.attendance_message(attendance, programme)

    def team_events(_: TeamEvents, call: CommandCall) -> str:
        return view.team_events_message(events.all_attendance(call.acting.person), programme)

    commands.on(ShowEvents, show_events)
    commands.on(ShowNext, show_next)
    commands.on(SetEventDate, set_date)
    commands.on(WhoIsComing, who_is_coming)
    commands.on(TeamEvents, team_events)


def _register_calendar(app: App, commands: Commands, events: EventsService) -> None:
    """The add-to-calendar buttons, `/mentoring calendar`, and the files and feeds over HTTP."""

    @app.action(re.compile(f"^{view.CALENDAR_BUTTON}"))
    def calendar_link(ack: Ack) -> None:
        """The browser opens the link; Slack only wants to hear that the press was received."""
        ack()

    def calendar_feed(command: CalendarFeed, call: CommandCall) -> str:
        if events.public_url is None:
            return view.feeds_need_an_address()
        address = events.feeds.address(call.acting.person, call.acting.now, command.renew)
        return view.feed_message(address, events.programme, events.public_url)

    commands.on(CalendarFeed, calendar_feed)
    # Without a public address nothing links to the files and feeds: none is served.
    if events.public_url is not None:
        mount(app, CALENDAR_PREFIX, calendar_routes(events))


def calendar_routes(events: EventsService) -> WSGIApplication:
    """GET an event's current calendar file or a person's feed, each by its secret address.
    Anything unknown, revoked, out of date or malformed is a bare 404: no word on whether such an
    event or person is."""

    def serve(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return _answer(start_response, "405 Method Not Allowed", [("Allow", "GET, HEAD")])
        path = str(environ.get("PATH_INFO", ""))
        if (event := _EVENT_FILE.match(path)) and (invite := events.feeds.event_file(event[1])):
            disposition = f'attachment; filename="{invite.filename}"'
            return _calendar(start_response, view.ics_for(invite), disposition, environ)
        if (token := _FEED.match(path)) and (feed := events.feeds.feed(token[1])):
            return _calendar(start_response, view.feed_ics(feed), "inline", environ)
        return _answer(start_response, "404 Not Found", [])

    return serve


def _calendar(
    start_response: StartResponse, body: bytes, disposition: str, environ: WSGIEnvironment
) -> Iterable[bytes]:
    """Always the current version (no-cache); never kept by a shared cache (private), since a
    feed's address is a secret."""
    start_response(
        "200 OK",
        [
            ("Content-Type", "text/calendar; charset=utf-8"),
            ("Content-Length", str(len(body))),
            ("Content-Disposition", disposition),
            ("Cache-Control", "private, no-cache"),
        ],
    )
    return [] if environ.get("REQUEST_METHOD") == "HEAD" else [body]


def _answer(
    start_response: StartResponse, status: str, headers: list[tuple[str, str]]
) -> Iterable[bytes]:
    start_response(status, [("Content-Type", "text/plain"), ("Content-Length", "0"), *headers])
    return []
