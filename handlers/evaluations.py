"""Evaluations: the person's DMs (Events API, kept in the inbox before the ack), the answer
buttons, Start and Submit, and the team's `evaluations`, `export` and `chart` commands."""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import Field
from slack_bolt import Ack, App, BoltContext, Respond

from bot.evaluations.inbox import InboxService
from bot.evaluations.model import Ask, InboxItem
from bot.evaluations.service import AnswerButton, EvaluationsService
from bot.scheme import Slug
from handlers import i18n
from handlers.commands import CommandCall, Commands
from handlers.grammar import TeamChart, TeamEvaluations, TeamExport
from handlers.middleware import BadPayload, Payload, acting, parse, part
from handlers.views import evaluations as view

# A DM's channel id, the only place the bot answers a message it is sent.
DM_CHANNEL = r"^D[A-Z0-9]{2,20}$"


class Pressed(Payload):
    """Any evaluation button: its value, and what makes this press unique (the message, the
    button and Slack's stamp of the press), so its reply is sent once."""

    value: str = Field(max_length=2000)
    action_id: str = Field(min_length=1)
    action_ts: str = Field(min_length=1)
    text: dict[str, Any] = Field(default_factory=dict)

    def press(self, body: dict[str, Any]) -> str:
        message_ts = str(part(body, "container").get("message_ts", ""))
        return f"{message_ts}:{self.action_id}:{self.action_ts}"


class FormPressed(Pressed):
    value: Slug  # the form's id


class AnswerValue(Payload):
    """What the bot put in an answer button's value (it comes back from the client)."""

    u: str  # the person asked
    f: Slug  # the form
    q: Slug  # the question
    v: str = Field(max_length=200)


class DirectMessage(Payload):
    user: str = Field(min_length=1)
    channel: str = Field(min_length=1)
    ts: str = Field(min_length=1)
    text: str = ""


def register(
    app: App,
    commands: Commands,
    evaluations: EvaluationsService,
    inbox: InboxService,
    inline: bool = True,
) -> None:
    """inline: work on DMs in this process right after acknowledging them (one process, or a
    small deployment); otherwise the clock process drains the inbox."""
    _register_inbox(app, inbox, inline)
    _register_buttons(app, evaluations)
    _register_commands(commands, evaluations)


def _register_inbox(app: App, inbox: InboxService, inline: bool) -> None:
    def keep(ack: Ack, body: dict, event: dict, context: BoltContext) -> None:
        # Only a person's own words in their DM with the bot count; channels, edits and bots never do.
        if _from_a_person(event):
            dm = parse(DirectMessage, event)
            now = acting(context).now
            inbox.accept(
                InboxItem(body.get("event_id") or dm.ts, dm.user, dm.channel, dm.text, now)
            )
        ack()

    def work(context: BoltContext) -> None:
        inbox.drain(acting(context).now)

    app.event("message")(ack=keep, lazy=[work] if inline else [])


def _from_a_person(event: dict) -> bool:
    return (
        event.get("channel_type") == "im"
        and re.match(DM_CHANNEL, str(event.get("channel"))) is not None
        and not event.get("subtype")
        and not event.get("bot_id")
        and bool(event.get("user"))
    )


class Tick(Payload):
    """A ticked box of a pick-several question: its option's number, and the words beside it."""

    value: str = Field(pattern=r"^\d{1,2}$")
    text: dict[str, Any] = Field(default_factory=dict)


class Ticks(Payload):
    """The boxes ticked, as the message's state holds them when Done is pressed."""

    selected_options: list[Tick] = Field(default_factory=list, max_length=view.MAX_BOXES)


def _register_buttons(app: App, evaluations: EvaluationsService) -> None:
    @app.action(re.compile(f"^{view.ANSWER}:"))
    def answer(ack: Ack, body: dict, action: dict, respond: Respond, context: BoltContext) -> None:
        ack()
        pressed = parse(Pressed, action)
        chosen = _answer_value(pressed.value)
        shown = str(pressed.text.get("text", ""))
        _answer(evaluations, context, respond, body, pressed, chosen.v, shown)

    @app.action(view.TICK)
    def tick(ack: Ack) -> None:
        ack()  # a box ticked or unticked: nothing is answered until Done

    @app.action(view.TICKED)
    def ticked(ack: Ack, body: dict, action: dict, respond: Respond, context: BoltContext) -> None:
        ack()
        pressed = parse(Pressed, action)
        ticks = _ticks(body, str(action.get("block_id", ""))).selected_options
        numbers = ", ".join(t.value for t in ticks)
        shown = ", ".join(str(t.text.get("text", "")) for t in ticks)
        _answer(evaluations, context, respond, body, pressed, numbers, shown)

    @app.action(view.START)
    def start(ack: Ack, body: dict, action: dict, context: BoltContext) -> None:
        ack()
        me, pressed = acting(context), parse(FormPressed, action)
        evaluations.start(me.person, pressed.value, pressed.press(body), me.now)

    @app.action(view.SUBMIT)
    def submit(ack: Ack, body: dict, action: dict, respond: Respond, context: BoltContext) -> None:
        ack()
        me, pressed = acting(context), parse(FormPressed, action)
        evaluations.submit(me.person, pressed.value, pressed.press(body), me.now)
        _settle(respond, body, i18n._("Submit"))


def _answer(
    evaluations: EvaluationsService,
    context: BoltContext,
    respond: Respond,
    body: dict[str, Any],
    pressed: Pressed,
    value: str,
    shown: str,
) -> None:
    """An answer button or Done, through the same step as typing the answer; the question
    answered then shows what was chosen, unless the answer was refused."""
    me, asked = acting(context), _answer_value(pressed.value)
    button = AnswerButton(asked.u, asked.f, asked.q, value)
    answered = evaluations.button(me.person, button, pressed.press(body), me.now)
    if not (isinstance(answered.reply, Ask) and answered.reply.error is not None):
        _settle(respond, body, shown)


def _ticks(body: dict[str, Any], block_id: str) -> Ticks:
    """The boxes ticked in the Done button's block, from the state Slack sends with a press
    (none when it sends no state)."""
    values = part(part(body, "state"), "values")
    return parse(Ticks, part(part(values, block_id), view.TICK))


def _answer_value(raw: str) -> AnswerValue:
    try:
        loaded = json.loads(raw)
    except ValueError:
        raise BadPayload("answer button") from None
    return parse(AnswerValue, loaded)


def _settle(respond: Respond, body: dict[str, Any], chosen: str) -> None:
    """The question answered keeps its words and loses its buttons, showing the choice."""
    respond(text=view.settled(body.get("message") or {}, chosen), replace_original=True)


def _register_commands(commands: Commands, evaluations: EvaluationsService) -> None:
    def status(_: TeamEvaluations, call: CommandCall) -> str:
        return view.status_message(
            evaluations.status(call.acting.person, call.acting.now), call.acting.now
        )

    def export(command: TeamExport, call: CommandCall) -> str:
        evaluations.send_export(
            call.acting.person, command.form_id, command.pseudonymous, call.acting.now
        )
        return view.exported_reply(command.form_id)

    def chart(command: TeamChart, call: CommandCall) -> str:
        evaluations.post_results(call.acting.person, command.form_id, call.acting.now)
        return view.charted_reply(command.form_id)

    commands.on(TeamEvaluations, status)
    commands.on(TeamExport, export)
    commands.on(TeamChart, chart)
