"""Requests: the form (from a face-to-face event's reminder, the Home tab or `/mentoring
request`), the team's buttons on a request in their channel (Acknowledge, Resolved…), the
approver's on an accommodation request in their DM and on their Home (Approve, Decline…), and
`/mentoring request` and `team requests`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.programme_forms import Slug
from bot.requests.model import KINDS, EventChoice, Kind, Source
from bot.requests.rules import event_problem
from bot.requests.service import RequestsService
from bot.scheme import Event
from bot.team import Team
from handlers.commands import CommandCall, Commands, FeatureAnswer
from handlers.grammar import Grammar, NotUnderstood, alone
from handlers.home import Home
from handlers.i18n import LANGUAGES
from handlers.listeners import Listen, listen
from handlers.middleware import Acting, Payload, RowId, acting, open_modal, parse
from handlers.views import events as events_view
from handlers.views import requests as view

ASKED = "request_asked"  # the kept request, from the form's ack to its delivery
RequestId = RowId


class AskForm(Payload):
    kind: Kind | None = None
    event: Slug | None = None
    details: str = ""


class AskOrigin(Payload):
    source: Source


class EventAsked(Payload):
    value: Slug  # the event's id, from its reminder


class RequestPressed(Payload):
    value: RequestId


class AnswerOrigin(Payload):
    request: RequestId


class NoteForm(Payload):
    note: str = ""


class ReasonForm(Payload):
    reason: str = ""


@dataclass(frozen=True)
class Requests:
    """What the requests' listeners and commands use."""

    requests: RequestsService
    team: Team
    home: Home


def register(app: App, commands: Commands, deps: Requests) -> None:
    listen(app, deps, LISTENERS)
    commands.answer(deps, COMMANDS)


def keep(deps: Requests, ack: Ack, context: BoltContext) -> None:
    # Kept first and acknowledged at once; posting comes after, so a slow Slack never holds
    # the form open past its 3 seconds. A mistake goes back to the form, beside its input.
    me = acting(context)
    form = parse(AskForm, {k: v for k, v in me.values.items() if v})
    source = parse(AskOrigin, me.metadata).source
    context[ASKED] = deps.requests.ask(
        me.person, form.kind, form.event, form.details, source, me.now
    )
    ack()


def deliver(deps: Requests, client: WebClient, context: BoltContext) -> None:
    if ASKED not in context:
        return  # the form went back with what was wrong
    me = acting(context)
    deps.requests.send(context[ASKED], me.now)
    if parse(AskOrigin, me.metadata).source == "home":
        deps.home.publish(client, me.person, me.now)


def _open_form(
    requests: RequestsService,
    client: WebClient,
    me: Acting,
    source: Source,
    kind: Kind | None = None,
    event_id: str | None = None,
) -> None:
    """The form, with the person's upcoming events to choose from (an event asked for that
    is not one of them is refused with theirs named)."""
    choices = requests.choices(me.person, me.now, event_id)
    modal = view.request_modal(choices, requests.programme, source, kind, event_id)
    open_modal(client, me, modal)


def from_home(deps: Requests, ack: Ack, client: WebClient, context: BoltContext) -> None:
    ack()
    _open_form(deps.requests, client, acting(context), "home")


def from_reminder(
    deps: Requests, ack: Ack, action: dict, client: WebClient, context: BoltContext
) -> None:
    ack()
    event_id = parse(EventAsked, action).value
    _open_form(deps.requests, client, acting(context), "event", event_id=event_id)


# On the request in the team's channel: the message follows each step by itself, and the
# member's own console is drawn again.


def acknowledge(
    deps: Requests, ack: Ack, action: dict, client: WebClient, context: BoltContext
) -> None:
    ack()
    me = acting(context)
    deps.requests.acknowledge(me.person, parse(RequestPressed, action).value, me.now)
    deps.home.publish(client, me.person, me.now)


def resolve(
    deps: Requests, ack: Ack, action: dict, client: WebClient, context: BoltContext
) -> None:
    ack()
    deps.team.require_member(acting(context).person)
    modal = view.resolve_modal(parse(RequestPressed, action).value)
    open_modal(client, acting(context), modal)


def resolved(deps: Requests, ack: Ack, client: WebClient, context: BoltContext) -> None:
    me = acting(context)
    request_id = parse(AnswerOrigin, me.metadata).request
    deps.requests.resolve(me.person, request_id, parse(NoteForm, me.values).note, me.now)
    ack()
    deps.home.publish(client, me.person, me.now)


# On an accommodation request in the approver's DM, or on her Home: checked against the
# programme file's approver when pressed; her Home, which lists what waits for her, is drawn
# again.


def approve(
    deps: Requests, ack: Ack, action: dict, client: WebClient, context: BoltContext
) -> None:
    ack()
    me = acting(context)
    deps.requests.approve(me.person, parse(RequestPressed, action).value, me.now)
    deps.home.publish(client, me.person, me.now)


def approve_on_home(
    deps: Requests, ack: Ack, action: dict, client: WebClient, context: BoltContext
) -> None:
    ack()
    me = acting(context)
    try:
        deps.requests.approve(me.person, parse(RequestPressed, action).value, me.now)
    finally:
        # Refused too (decided already, in the DM): the list shows where it stands now.
        deps.home.publish(client, me.person, me.now)


def decline(
    deps: Requests, ack: Ack, action: dict, client: WebClient, context: BoltContext
) -> None:
    ack()
    deps.requests.require_approver(acting(context).person)
    modal = view.decline_modal(parse(RequestPressed, action).value)
    open_modal(client, acting(context), modal)


def decline_on_home(
    deps: Requests, ack: Ack, action: dict, client: WebClient, context: BoltContext
) -> None:
    ack()
    deps.requests.require_approver(acting(context).person)
    modal = view.decline_modal(parse(RequestPressed, action).value, view.HOME_DECLINE_MODAL)
    open_modal(client, acting(context), modal)


def declined(deps: Requests, ack: Ack, client: WebClient, context: BoltContext) -> None:
    """The decline form, from the DM or the Home."""
    me = acting(context)
    request_id = parse(AnswerOrigin, me.metadata).request
    deps.requests.decline(me.person, request_id, parse(ReasonForm, me.values).reason, me.now)
    ack()
    deps.home.publish(client, me.person, me.now)


LISTENERS: list[Listen[Requests]] = [
    Listen(App.view, view.REQUEST_MODAL, keep, lazy=(deliver,)),
    Listen(App.action, view.ASK_FROM_HOME, from_home),
    Listen(App.action, events_view.ASK_FOR_ADJUSTMENT, from_reminder),
    Listen(App.action, view.ACKNOWLEDGE, acknowledge),
    Listen(App.action, view.RESOLVE, resolve),
    Listen(App.view, view.RESOLVE_MODAL, resolved),
    Listen(App.action, view.APPROVE, approve),
    Listen(App.action, view.DECLINE, decline),
    Listen(App.view, view.DECLINE_MODAL, declined),
    Listen(App.action, view.HOME_APPROVE, approve_on_home),
    Listen(App.action, view.HOME_DECLINE, decline_on_home),
    Listen(App.view, view.HOME_DECLINE_MODAL, declined),
]


def ask(deps: Requests, command: AskRequest, call: CommandCall) -> str | None:
    """The form, with the event named found among the person's; with none named where
    one is needed, or one that is not clear, the list of theirs and how to name one."""
    me, kind, requests = call.acting, command.kind, deps.requests
    # Only the events this kind of request can be about are listed, and numbered.
    choices = [
        c
        for c in requests.choices(me.person, me.now)
        if kind is None or event_problem(kind, c.event) is None
    ]
    chosen = event_named(command.event, choices) if command.event else None
    needed = kind is not None and event_problem(kind, None) == "needed"
    if (command.event and chosen is None) or (needed and not command.event):
        return view.which_event(choices, requests.programme, kind, command.event)
    _open_form(requests, call.client, me, "command", kind, chosen.event.id if chosen else None)
    return None


def team_requests(deps: Requests, _: TeamRequests, call: CommandCall) -> str:
    views = deps.requests.for_team(call.acting.person)
    return view.team_requests_message(views, deps.requests.programme)


# Its commands: what each reads as (GRAMMAR, composed into /mentoring by handlers/features.py),
# then who answers each (COMMANDS).


@dataclass(frozen=True)
class AskRequest:
    """`request [adjustment|accommodation|travel [EVENT]]`, or `can't travel [EVENT]`: the form,
    with those chosen. EVENT is as typed: its number in the list the bot shows, a clear part of
    its title, or its id; the listener finds which event it is."""

    kind: Kind | None = None
    event: str | None = None


@dataclass(frozen=True)
class TeamRequests:
    pass


def _request(words: list[str], typed: list[str]) -> AskRequest:
    if not words:
        return AskRequest()
    kind = next((k for k in KINDS if k == words[0]), None)
    if kind is None:
        raise NotUnderstood("request")
    return AskRequest(kind, " ".join(typed[1:]) or None)


def _cant_travel(_: list[str], typed: list[str]) -> AskRequest:
    return AskRequest("travel", " ".join(typed) or None)


GRAMMAR: Grammar = {
    ("request",): _request,
    # Ways of saying "can't travel" (a phone's curly apostrophe is made straight before this)
    **{(cant, "travel"): _cant_travel for cant in ("can't", "cant", "cannot")},
    ("team", "requests"): alone(TeamRequests()),
}


COMMANDS: list[tuple[type, FeatureAnswer[Requests]]] = [
    (AskRequest, ask),
    (TeamRequests, team_requests),
]


def event_named(said: str, choices: list[EventChoice]) -> EventChoice | None:
    """The event someone means by its number in the list, its id, or its title or a clear part
    of it (in English or Welsh); None when no one event fits."""
    words = " ".join(said.casefold().split())
    if words.isdecimal():
        number = int(words)
        return choices[number - 1] if 1 <= number <= len(choices) else None
    titles = [(c, _titles(c.event)) for c in choices]
    exact = [c for c, names in titles if words == c.event.id or words in names]
    part = re.compile(rf"\b{re.escape(words)}\b")
    found = exact or [c for c, names in titles if any(part.search(n) for n in names)]
    return found[0] if len(found) == 1 else None


def _titles(event: Event) -> set[str]:
    return {" ".join(event.in_language(ln).title.casefold().split()) for ln in LANGUAGES}
