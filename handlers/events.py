"""Events: the "I'll be there" / "I can't make it" buttons on reminders, the commands
`/mentoring events`, `next`, `calendar`, `event date`, `team who` and `team events`, and, with
PUBLIC_URL, the calendar files and personal feeds served over plain HTTP under /calendar/ at
secret addresses."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.events.model import Answer
from bot.events.service import EventsService
from bot.programme_forms import Slug
from bot.team import Team
from handlers.commands import CommandCall, Commands, FeatureAnswer
from handlers.grammar import Grammar, NotUnderstood, alone
from handlers.home import Home
from handlers.listeners import Listen, listen
from handlers.middleware import Payload, acting, open_modal, parse
from handlers.slack.http import mount
from handlers.views import events as view

CALENDAR_PREFIX = "/calendar/"
# The paths view.EVENT_FILE_PATH and view.FEED_PATH make; anything else under the prefix is 404.
_EVENT_FILE = re.compile(r"^/calendar/events/([A-Za-z0-9_-]{43})\.ics$")
_FEED = re.compile(r"^/calendar/feed/([A-Za-z0-9_-]{20,100})\.ics$")


class RsvpPressed(Payload):
    action_id: str
    value: Slug  # the event's id


class EventPressed(Payload):
    value: Slug


class EventOrigin(Payload):
    event: Slug


class DateForm(Payload):
    day: date
    start: time
    end: time


@dataclass(frozen=True)
class Events:
    """What the events' listeners and commands use."""

    events: EventsService
    team: Team
    home: Home


def register(app: App, commands: Commands, deps: Events) -> None:
    listen(app, deps, LISTENERS)
    commands.answer(deps, COMMANDS)
    # Without a public address nothing links to the files and feeds: none is served.
    if deps.events.public_url is not None:
        mount(app, CALENDAR_PREFIX, calendar_routes(deps.events))


def reply(deps: Events, ack: Ack, action: dict, respond: Respond, context: BoltContext) -> None:
    """I'll be there / I can't make it, on a reminder."""
    ack()
    pressed, me = parse(RsvpPressed, action), acting(context)
    answer: Answer = "yes" if pressed.action_id == view.RSVP_YES else "no"
    mine = deps.events.reply(me.person, pressed.value, answer, me.now)
    respond(
        text=view.rsvp_confirmation(mine, deps.events.programme),
        replace_original=False,
        response_type="ephemeral",
    )


def reply_on_home(
    deps: Events, ack: Ack, action: dict, client: WebClient, context: BoltContext
) -> None:
    ack()
    me = acting(context)
    pressed = parse(RsvpPressed, action)
    answer: Answer = "yes" if pressed.action_id == view.HOME_RSVP_YES else "no"
    deps.events.reply(me.person, pressed.value, answer, me.now)
    deps.home.publish(client, me.person, me.now)


def calendar_link(deps: Events, ack: Ack) -> None:
    """The browser opens the link; Slack only wants to hear that the press was received."""
    ack()


def feed_on_home(deps: Events, ack: Ack, client: WebClient, context: BoltContext) -> None:
    ack()
    me = acting(context)
    open_modal(client, me, view.feed_modal(_feed_text(deps.events, me.person, me.now)))


def _feed_text(events: EventsService, person: str, now: datetime, renew: bool = False) -> str:
    if events.public_url is None:
        return view.feeds_need_an_address()
    address = events.feeds.address(person, now, renew)
    return view.feed_message(address, events.programme, events.public_url)


def open_set_date(
    deps: Events, ack: Ack, action: dict, client: WebClient, context: BoltContext
) -> None:
    """The console's Set date."""
    ack()
    deps.team.require_member(acting(context).person)
    event = deps.events.programme.event(parse(EventPressed, action).value)
    if event is not None:
        open_modal(client, acting(context), view.set_date_modal(event, deps.events.programme))


def set_date(deps: Events, ack: Ack, client: WebClient, context: BoltContext) -> None:
    me = acting(context)
    event_id = parse(EventOrigin, me.metadata).event
    form = parse(DateForm, me.values)
    deps.events.set_date(me.person, event_id, form.day, form.start, form.end, me.now)
    ack()
    deps.home.publish(client, me.person, me.now)


def who(deps: Events, ack: Ack, action: dict, client: WebClient, context: BoltContext) -> None:
    """The console's Who's coming."""
    ack()
    me = acting(context)
    attendance = deps.events.attendance(me.person, parse(EventPressed, action).value)
    open_modal(client, me, view.who_modal(attendance))


LISTENERS: list[Listen[Events]] = [
    Listen(App.action, re.compile(f"^({view.RSVP_YES}|{view.RSVP_NO})$"), reply),
    Listen(App.action, re.compile(f"^{view.CALENDAR_BUTTON}"), calendar_link),
    Listen(App.action, view.HOME_RSVP_YES, reply_on_home),
    Listen(App.action, view.HOME_RSVP_NO, reply_on_home),
    Listen(App.action, view.HOME_CALENDAR_FEED, feed_on_home),
    Listen(App.action, view.SET_DATE, open_set_date),
    Listen(App.view, view.SET_DATE_MODAL, set_date),
    Listen(App.action, view.WHO, who),
]


def show_events(deps: Events, _: ShowEvents, call: CommandCall) -> str:
    mine = deps.events.my_events(call.acting.person, call.acting.now)
    return view.my_events_message(mine.events, deps.events.programme, mine.tz)


def show_next(deps: Events, _: ShowNext, call: CommandCall) -> str:
    mine = deps.events.my_events(call.acting.person, call.acting.now)
    return view.next_event_message(mine.events, deps.events.programme, mine.tz)


def date_event(deps: Events, command: SetEventDate, call: CommandCall) -> str:
    me = call.acting
    dated = deps.events.set_date(
        me.person, command.event_id, command.day, command.start, command.end, me.now
    )
    return view.date_set_message(dated.event, dated.schedule, deps.events.programme)


def who_is_coming(deps: Events, command: WhoIsComing, call: CommandCall) -> str:
    attendance = deps.events.attendance(call.acting.person, command.event_id)
    return view.attendance_message(attendance, deps.events.programme)


def team_events(deps: Events, _: TeamEvents, call: CommandCall) -> str:
    attendance = deps.events.all_attendance(call.acting.person)
    return view.team_events_message(attendance, deps.events.programme)


def calendar_feed(deps: Events, command: CalendarFeed, call: CommandCall) -> str:
    return _feed_text(deps.events, call.acting.person, call.acting.now, command.renew)


# Its commands: what each reads as (GRAMMAR, composed into /mentoring by handlers/features.py),
# then who answers each (COMMANDS).


@dataclass(frozen=True)
class ShowEvents:
    pass


@dataclass(frozen=True)
class ShowNext:
    pass


@dataclass(frozen=True)
class CalendarFeed:
    """`calendar`: my feed's address; `calendar new`: a new one, the old one stopped."""

    renew: bool = False


@dataclass(frozen=True)
class SetEventDate:
    event_id: str
    day: date
    start: time
    end: time


@dataclass(frozen=True)
class WhoIsComing:
    event_id: str


@dataclass(frozen=True)
class TeamEvents:
    pass


_DATE_COMMAND = re.compile(
    r"^(?P<event>\S+)\s+(?P<day>\d{4}-\d{2}-\d{2})\s+"
    r"(?P<start>\d{1,2}:\d{2})\s*[-–]\s*(?P<end>\d{1,2}:\d{2})$"
)


def _calendar_feed(words: list[str], _: list[str]) -> CalendarFeed | None:
    return {(): CalendarFeed(), ("new",): CalendarFeed(renew=True)}.get(tuple(words))


def _event_date(words: list[str], _: list[str]) -> SetEventDate:
    """`event date EVENT YYYY-MM-DD HH:MM-HH:MM`, in the programme's zone."""
    match = _DATE_COMMAND.match(" ".join(words))
    if not match:
        raise NotUnderstood("event-date")
    try:
        day = date.fromisoformat(match["day"])
    except ValueError:
        raise NotUnderstood("event-date-day", match["day"]) from None
    return SetEventDate(match["event"], day, _clock_time(match["start"]), _clock_time(match["end"]))


def _clock_time(text: str) -> time:
    hours, minutes = (int(part) for part in text.split(":"))
    if hours > 23 or minutes > 59:
        raise NotUnderstood("time", text)
    return time(hours, minutes)


def _who(words: list[str], _: list[str]) -> WhoIsComing:
    if len(words) != 1:
        raise NotUnderstood("team-who")
    return WhoIsComing(words[0])


GRAMMAR: Grammar = {
    ("events",): alone(ShowEvents()),
    ("next",): alone(ShowNext()),
    ("calendar",): _calendar_feed,
    ("event", "date"): _event_date,
    ("team", "who"): _who,
    ("team", "events"): alone(TeamEvents()),
}


COMMANDS: list[tuple[type, FeatureAnswer[Events]]] = [
    (ShowEvents, show_events),
    (ShowNext, show_next),
    (SetEventDate, date_event),
    (WhoIsComing, who_is_coming),
    (TeamEvents, team_events),
    (CalendarFeed, calendar_feed),
]


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
