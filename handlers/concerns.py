"""Concerns: the concern form (from `/mentoring concern`, a pairing, a check-in or a DM), and the
team's buttons on alerts: Acknowledge, I'll take this, Resolved (with a note)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field
from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.concerns.model import Urgency
from bot.concerns.service import ConcernsService
from bot.team import Team
from handlers.commands import CommandCall, Commands
from handlers.grammar import RaiseConcern, TeamAlerts
from handlers.home import Home
from handlers.middleware import Acting, Payload, RowId, acting, open_modal, parse, part
from handlers.views import concerns as view

Source = Literal["command", "pairing", "checkin", "dm", "home", "shortcut", "message"]
# A message's address in Slack, as the message shortcut's payload gives its parts.
ChannelId = Annotated[str, Field(pattern=r"^[CDG][A-Z0-9]+$")]
MessageLink = Annotated[
    str, Field(pattern=r"^https://slack\.com/archives/[CDG][A-Z0-9]+/p[0-9]{16}$")
]


class ConcernForm(Payload):
    text: str = ""
    urgency: Urgency = "soon"
    contact: str = ""


class ConcernOrigin(Payload):
    source: Source = "command"
    about: MessageLink | None = None


class ShortcutMessage(Payload):
    """Checked as the form's metadata will be, so a link made here is never refused there."""

    channel: ChannelId
    ts: Annotated[str, Field(pattern=r"^[0-9]{10}\.[0-9]{6}$")]

    @property
    def link(self) -> str:
        return f"https://slack.com/archives/{self.channel}/p{self.ts.replace('.', '')}"


class ConcernPressed(Payload):
    value: RowId  # the concern's id


class ResolveOrigin(Payload):
    concern: RowId


class ResolveForm(Payload):
    note: str = ""


def register(
    app: App, commands: Commands, concerns: ConcernsService, team: Team, home: Home
) -> None:
    _register_raising(app, commands, concerns)
    _register_team_buttons(app, concerns, team, home)
    commands.on(TeamAlerts, lambda _, call: _team_alerts(concerns, call))


def _register_raising(app: App, commands: Commands, concerns: ConcernsService) -> None:
    @app.action(view.RAISE)
    def raise_from_dm(ack: Ack, body: dict, client: WebClient, context: BoltContext) -> None:
        ack()
        source = "home" if part(body, "container").get("type") == "view" else "dm"
        open_modal(client, acting(context), view.concern_modal(source))

    @app.shortcut(view.TELL_SHORTCUT)
    def raise_from_shortcut(ack: Ack, client: WebClient, context: BoltContext) -> None:
        ack()
        open_modal(client, acting(context), view.concern_modal("shortcut"))

    @app.shortcut(view.TELL_ABOUT_MESSAGE)
    def raise_about_message(ack: Ack, body: dict, client: WebClient, context: BoltContext) -> None:
        ack()
        message = parse(
            ShortcutMessage,
            {"channel": part(body, "channel").get("id"), "ts": body.get("message_ts")},
        )
        modal = view.concern_modal("message", about=message.link)
        open_modal(client, acting(context), modal)

    def keep(ack: Ack, context: BoltContext) -> None:
        # Kept first and acknowledged at once; posting to the team's channel comes after, so a
        # slow Slack never holds the form open past its 3 seconds. Errors (an empty text) come
        # back in the form through the global error handler.
        me = acting(context)
        form = parse(ConcernForm, {k: v for k, v in me.values.items() if v})
        origin = parse(ConcernOrigin, me.metadata)
        text = form.text
        if origin.about and text.strip():
            text += "\n\n" + view.ABOUT_MESSAGE.format(link=origin.about)
        concerns.raise_concern(me.person, origin.source, text, me.now, form.urgency, form.contact)
        ack()

    def deliver(context: BoltContext) -> None:
        concerns.deliver_pending(acting(context).now)

    app.view(view.CONCERN_MODAL)(ack=keep, lazy=[deliver])

    def open_form(_: RaiseConcern, call: CommandCall) -> None:
        open_modal(call.client, call.acting, view.concern_modal("command"))

    commands.on(RaiseConcern, open_form)


def _register_team_buttons(app: App, concerns: ConcernsService, team: Team, home: Home) -> None:
    # Each step brings the alert up to date through the outbox (ConcernForTeam is a revision),
    # whichever surface took it; the member's own console is drawn again here.
    @app.action(view.ACKNOWLEDGE)
    def acknowledge(ack: Ack, action: dict, client: WebClient, context: BoltContext) -> None:
        ack()
        me = acting(context)
        concerns.acknowledge(me.person, parse(ConcernPressed, action).value, me.now)
        home.publish(client, me.person, me.now)

    @app.action(view.TAKE)
    def take(ack: Ack, action: dict, client: WebClient, context: BoltContext) -> None:
        ack()
        me = acting(context)
        concerns.take(me.person, parse(ConcernPressed, action).value, me.now)
        home.publish(client, me.person, me.now)

    @app.action(view.RESOLVE)
    def resolve(
        ack: Ack, body: dict, action: dict, client: WebClient, context: BoltContext
    ) -> None:
        ack()
        team.require_member(acting(context).person)
        concern_id = parse(ConcernPressed, action).value
        open_modal(client, acting(context), view.resolve_modal(concern_id))

    @app.view(view.RESOLVE_MODAL)
    def resolved(ack: Ack, client: WebClient, context: BoltContext) -> None:
        me = acting(context)
        resolve_from_form(concerns, me)
        ack()
        home.publish(client, me.person, me.now)


def resolve_from_form(concerns: ConcernsService, me: Acting) -> None:
    """The resolve form, from an alert's button or the console."""
    concern_id = parse(ResolveOrigin, me.metadata).concern
    concerns.resolve(me.person, concern_id, parse(ResolveForm, me.values).note, me.now)


def _team_alerts(concerns: ConcernsService, call: CommandCall) -> str:
    return view.alerts_message(concerns.open_alerts(call.acting.person), call.acting.now)
