"""Requests: the form (from a face-to-face event's reminder, the Home tab or `/mentoring
request`), the team's buttons on a request in their channel (Acknowledge, Resolved…), the
approver's on an accommodation request in their DM (Approve, Decline…), and `/mentoring team
requests`."""

from __future__ import annotations

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.requests.rules import Kind, Source
from bot.requests.service import RequestsService
from bot.scheme import Slug
from bot.team import Team
from handlers.commands import CommandCall, Commands
from handlers.grammar import AskRequest, TeamRequests
from handlers.home import Home
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
    _register_team_buttons(app, requests, team)
    _register_approval(app, requests)

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

    def from_command(command: AskRequest, call: CommandCall) -> None:
        open_form(call.client, call.acting, "command", command.kind, command.event_id)

    commands.on(AskRequest, from_command)


def _register_team_buttons(app: App, requests: RequestsService, team: Team) -> None:
    """On the request in the team's channel; the message follows each step by itself."""

    @app.action(view.ACKNOWLEDGE)
    def acknowledge(ack: Ack, action: dict, context: BoltContext) -> None:
        ack()
        me = acting(context)
        requests.acknowledge(me.person, parse(RequestPressed, action).value, me.now)

    @app.action(view.RESOLVE)
    def resolve(
        ack: Ack, body: dict, action: dict, client: WebClient, context: BoltContext
    ) -> None:
        ack()
        team.require_member(acting(context).person)
        modal = view.resolve_modal(parse(RequestPressed, action).value)
        open_modal(client, acting(context), modal)

    @app.view(view.RESOLVE_MODAL)
    def resolved(ack: Ack, context: BoltContext) -> None:
        me = acting(context)
        request_id = parse(AnswerOrigin, me.metadata).request
        requests.resolve(me.person, request_id, parse(NoteForm, me.values).note, me.now)
        ack()


def _register_approval(app: App, requests: RequestsService) -> None:
    """On an accommodation request in the approver's DM: checked against the programme file's
    approver when pressed."""

    @app.action(view.APPROVE)
    def approve(ack: Ack, action: dict, context: BoltContext) -> None:
        ack()
        me = acting(context)
        requests.approve(me.person, parse(RequestPressed, action).value, me.now)

    @app.action(view.DECLINE)
    def decline(
        ack: Ack, body: dict, action: dict, client: WebClient, context: BoltContext
    ) -> None:
        ack()
        requests.require_approver(acting(context).person)
        modal = view.decline_modal(parse(RequestPressed, action).value)
        open_modal(client, acting(context), modal)

    @app.view(view.DECLINE_MODAL)
    def declined(ack: Ack, context: BoltContext) -> None:
        me = acting(context)
        request_id = parse(AnswerOrigin, me.metadata).request
        requests.decline(me.person, request_id, parse(ReasonForm, me.values).reason, me.now)
        ack()
