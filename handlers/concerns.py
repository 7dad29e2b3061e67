"""Concerns: the concern form (from `/mentoring concern`, a pairing, a check-in or a DM), and the
team's buttons on alerts and on the console: Acknowledge, I'll take this, Resolved (with a
note)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import Field
from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.concerns.model import Urgency
from bot.concerns.service import ConcernsService
from bot.scheme import Programme
from bot.team import Team
from handlers.commands import CommandCall, Commands, FeatureAnswer
from handlers.grammar import Grammar, alone
from handlers.home import Home
from handlers.listeners import Listen, listen
from handlers.middleware import Payload, RowId, acting, open_modal, parse, part
from handlers.views import concerns as view

CONSOLE_STEPS = re.compile(f"^{view.CONCERN}(acknowledge|take|resolve)$")
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
    pair: RowId | None = None  # the pair it is about, where what opened it names one


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


@dataclass(frozen=True)
class Concerns:
    """What the concerns' listeners and commands use."""

    concerns: ConcernsService
    team: Team
    home: Home
    programme: Programme  # whose zone the alerts list's times are in


def register(app: App, commands: Commands, deps: Concerns) -> None:
    listen(app, deps, LISTENERS)
    commands.answer(deps, COMMANDS)


def raise_from_dm(
    deps: Concerns, ack: Ack, body: dict, client: WebClient, context: BoltContext
) -> None:
    ack()
    source = "home" if part(body, "container").get("type") == "view" else "dm"
    open_modal(client, acting(context), view.concern_modal(source))


def raise_from_shortcut(deps: Concerns, ack: Ack, client: WebClient, context: BoltContext) -> None:
    ack()
    open_modal(client, acting(context), view.concern_modal("shortcut"))


def raise_about_message(
    deps: Concerns, ack: Ack, body: dict, client: WebClient, context: BoltContext
) -> None:
    ack()
    message = parse(
        ShortcutMessage,
        {"channel": part(body, "channel").get("id"), "ts": body.get("message_ts")},
    )
    modal = view.concern_modal("message", about=message.link)
    open_modal(client, acting(context), modal)


def keep(deps: Concerns, ack: Ack, context: BoltContext) -> None:
    # Kept first and acknowledged at once; posting to the team's channel comes after, so a
    # slow Slack never holds the form open past its 3 seconds. Errors (an empty text) come
    # back in the form through the global error handler.
    me = acting(context)
    form = parse(ConcernForm, {k: v for k, v in me.values.items() if v})
    origin = parse(ConcernOrigin, me.metadata)
    text = form.text
    if origin.about and text.strip():
        text += "\n\n" + view.ABOUT_MESSAGE.format(link=origin.about)
    deps.concerns.raise_concern(
        me.person, origin.source, text, me.now, form.urgency, form.contact, origin.pair
    )
    ack()


def deliver(deps: Concerns, context: BoltContext) -> None:
    deps.concerns.deliver_pending(acting(context).now)


# The team's steps. Each brings the alert up to date through the outbox (ConcernForTeam is a
# revision), whichever surface took it; the member's own console is drawn again.


def acknowledge(
    deps: Concerns, ack: Ack, action: dict, client: WebClient, context: BoltContext
) -> None:
    ack()
    me = acting(context)
    deps.concerns.acknowledge(me.person, parse(ConcernPressed, action).value, me.now)
    deps.home.publish(client, me.person, me.now)


def take(deps: Concerns, ack: Ack, action: dict, client: WebClient, context: BoltContext) -> None:
    ack()
    me = acting(context)
    deps.concerns.take(me.person, parse(ConcernPressed, action).value, me.now)
    deps.home.publish(client, me.person, me.now)


def resolve(
    deps: Concerns, ack: Ack, action: dict, client: WebClient, context: BoltContext
) -> None:
    ack()
    deps.team.require_member(acting(context).person)
    concern_id = parse(ConcernPressed, action).value
    open_modal(client, acting(context), view.resolve_modal(concern_id))


def resolved(deps: Concerns, ack: Ack, client: WebClient, context: BoltContext) -> None:
    """The resolve form, from an alert's button or the console."""
    me = acting(context)
    concern_id = parse(ResolveOrigin, me.metadata).concern
    deps.concerns.resolve(me.person, concern_id, parse(ResolveForm, me.values).note, me.now)
    ack()
    deps.home.publish(client, me.person, me.now)


def step_on_console(
    deps: Concerns, ack: Ack, action: dict, client: WebClient, context: BoltContext
) -> None:
    """Acknowledge, I'll take this or Resolved on the console."""
    ack()
    me = acting(context)
    concern_id = parse(ConcernPressed, action).value
    step = str(action.get("action_id", "")).rsplit("_", 1)[-1]
    if step == "resolve":
        deps.team.require_member(me.person)
        modal = view.resolve_modal(concern_id, view.CONSOLE_RESOLVE_MODAL)
        open_modal(client, me, modal)
        return
    try:
        if step == "acknowledge":
            deps.concerns.acknowledge(me.person, concern_id, me.now)
        else:
            deps.concerns.take(me.person, concern_id, me.now)
    finally:
        # Refused too (someone took that step first, in the channel): the console shows
        # where the concern stands now.
        deps.home.publish(client, me.person, me.now)


LISTENERS: list[Listen[Concerns]] = [
    Listen(App.action, view.RAISE, raise_from_dm),
    Listen(App.shortcut, view.TELL_SHORTCUT, raise_from_shortcut),
    Listen(App.shortcut, view.TELL_ABOUT_MESSAGE, raise_about_message),
    Listen(App.view, view.CONCERN_MODAL, keep, lazy=(deliver,)),
    Listen(App.action, view.ACKNOWLEDGE, acknowledge),
    Listen(App.action, view.TAKE, take),
    Listen(App.action, view.RESOLVE, resolve),
    Listen(App.view, view.RESOLVE_MODAL, resolved),
    Listen(App.action, CONSOLE_STEPS, step_on_console),
    Listen(App.view, view.CONSOLE_RESOLVE_MODAL, resolved),
]


def open_form(deps: Concerns, _: RaiseConcern, call: CommandCall) -> None:
    open_modal(call.client, call.acting, view.concern_modal("command"))


def team_alerts(deps: Concerns, _: TeamAlerts, call: CommandCall) -> str:
    alerts = deps.concerns.open_alerts(call.acting.person)
    return view.alerts_message(alerts, deps.programme)


# Its commands: what each reads as (GRAMMAR, composed into /mentoring by handlers/features.py),
# then who answers each (COMMANDS).


@dataclass(frozen=True)
class RaiseConcern:
    pass


@dataclass(frozen=True)
class TeamAlerts:
    pass


GRAMMAR: Grammar = {
    ("concern",): alone(RaiseConcern()),
    ("team", "alerts"): alone(TeamAlerts()),
}


COMMANDS: list[tuple[type, FeatureAnswer[Concerns]]] = [
    (RaiseConcern, open_form),
    (TeamAlerts, team_alerts),
]
