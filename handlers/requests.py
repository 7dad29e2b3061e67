"""Requests: the form (from a face-to-face event's reminder, the Home tab or `/mentoring
request`), the team's buttons on a request in their channel (Acknowledge, Resolved…), the
approver's on an accommodation request in their DM (Approve, Decline…), and `/mentoring team
requests`."""

from __future__ import annotations

import re

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.requests.model import EventChoice, Kind, Source
from bot.requests.rules import event_problem
from bot.requests.service import RequestsService
from bot.scheme import Event, Slug
from bot.team import Team
from handlers.commands import CommandCall, Commands
from handlers.grammar import AskRequest, TeamRequests
from handlers.home import Home
from handlers.i18n import LANGUAGES
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


def register(
    app: App, commands: Commands, requests: RequestsService, team: Team, home: Home
) -> None:
    _register_asking(app, commands, requests, home)
    _register_team_buttons(app, requests, team, home)
    _register_approval(app, requests, home)

    def team_requests(_: TeamRequests, call: CommandCall) -> str:
        views = requests.for_team(call.acting.person)
        return view.team_requests_message(views, requests.programme)

    commands.on(TeamRequests, team_requests)


def _register_asking(app: App, commands: Commands, requests: RequestsService, home: Home) -> None:
    _register_opening(app, commands, requests)

    def keep(ack: Ack, context: BoltContext) -> None:
        # Kept first and acknowledged at once; posting comes after, so a slow Slack never holds
        # the form open past its 3 seconds. A mistake goes back to the form, beside its input.
        me = acting(context)
        form = parse(AskForm, {k: v for k, v in me.values.items() if v})
        source = parse(AskOrigin, me.metadata).source
        context[ASKED] = requests.ask(
            me.person, form.kind, form.event, form.details, source, me.now
        )
        ack()

    def deliver(client: WebClient, context: BoltContext) -> None:
        if ASKED not in context:
            return  # the form went back with what was wrong
        me = acting(context)
        requests.send(context[ASKED], me.now)
        if parse(AskOrigin, me.metadata).source == "home":
            home.publish(client, me.person, me.now)

    app.view(view.REQUEST_MODAL)(ack=keep, lazy=[deliver])


def _register_opening(app: App, commands: Commands, requests: RequestsService) -> None:
    def open_form(
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

    @app.action(view.ASK_FROM_HOME)
    def from_home(ack: Ack, client: WebClient, context: BoltContext) -> None:
        ack()
        open_form(client, acting(context), "home")

    @app.action(events_view.ASK_FOR_ADJUSTMENT)
    def from_reminder(ack: Ack, action: dict, client: WebClient, context: BoltContext) -> None:
        ack()
        event_id = parse(EventAsked, action).value
        open_form(client, acting(context), "event", event_id=event_id)

    def from_command(command: AskRequest, call: CommandCall) -> str | None:
        """The form, with the event named found among the person's; with none named where
        one is needed, or one that is not clear, the list of theirs and how to name one."""
        me, kind = call.acting, command.kind
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
        open_form(call.client, me, "command", kind, chosen.event.id if chosen else None)
        return None

    commands.on(AskRequest, from_command)


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


def _register_team_buttons(app: App, requests: RequestsService, team: Team, home: Home) -> None:
    """On the request in the team's channel; the message follows each step by itself, and the
    member's own console is drawn again."""

    @app.action(view.ACKNOWLEDGE)
    def acknowledge(ack: Ack, action: dict, client: WebClient, context: BoltContext) -> None:
        ack()
        me = acting(context)
        requests.acknowledge(me.person, parse(RequestPressed, action).value, me.now)
        home.publish(client, me.person, me.now)

    @app.action(view.RESOLVE)
    def resolve(
        ack: Ack, body: dict, action: dict, client: WebClient, context: BoltContext
    ) -> None:
        ack()
        team.require_member(acting(context).person)
        modal = view.resolve_modal(parse(RequestPressed, action).value)
        open_modal(client, acting(context), modal)

    @app.view(view.RESOLVE_MODAL)
    def resolved(ack: Ack, client: WebClient, context: BoltContext) -> None:
        me = acting(context)
        request_id = parse(AnswerOrigin, me.metadata).request
        requests.resolve(me.person, request_id, parse(NoteForm, me.values).note, me.now)
        ack()
        home.publish(client, me.person, me.now)


def _register_approval(app: App, requests: RequestsService, home: Home) -> None:
    """On an accommodation request in the approver's DM: checked against the programme file's
    approver when pressed; her Home, which lists what waits for her, is drawn again."""

    @app.action(view.APPROVE)
    def approve(ack: Ack, action: dict, client: WebClient, context: BoltContext) -> None:
        ack()
        me = acting(context)
        requests.approve(me.person, parse(RequestPressed, action).value, me.now)
        home.publish(client, me.person, me.now)

    @app.action(view.DECLINE)
    def decline(
        ack: Ack, body: dict, action: dict, client: WebClient, context: BoltContext
    ) -> None:
        ack()
        requests.require_approver(acting(context).person)
        modal = view.decline_modal(parse(RequestPressed, action).value)
        open_modal(client, acting(context), modal)

    @app.view(view.DECLINE_MODAL)
    def declined(ack: Ack, client: WebClient, context: BoltContext) -> None:
        me = acting(context)
        request_id = parse(AnswerOrigin, me.metadata).request
        requests.decline(me.person, request_id, parse(ReasonForm, me.values).reason, me.now)
        ack()
        home.publish(client, me.person, me.now)
