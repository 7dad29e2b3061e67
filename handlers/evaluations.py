"""Evaluations: the person's DMs (Events API, kept in the inbox before the ack), the answer
buttons, Start and Submit, the console's chart and exports, and the team's `evaluations`,
`export` and `chart` commands."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from pydantic import Field
from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.errors import UserError
from bot.evaluations.inbox import InboxService
from bot.evaluations.model import Ask, InboxItem
from bot.evaluations.service import AnswerButton, EvaluationsService
from bot.programme_forms import Slug
from bot.scheme import Programme
from bot.team import Team
from handlers.commands import CommandCall, Commands, FeatureAnswer
from handlers.grammar import Grammar, NotUnderstood, alone
from handlers.home import Home
from handlers.listeners import Listen, listen
from handlers.middleware import BadPayload, Payload, acting, parse, part
from handlers.views import evaluations as view
from handlers.views.common import user_error

# A DM's channel id, the only place the bot answers a message it is sent.
DM_CHANNEL = r"^D[A-Z0-9]{2,20}$"
SENDING = "console_sending"  # the file asked for, from the ack to its sending
EXPORTS = re.compile(f"^{view.EXPORT}_(named|pseudonymous)$")


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


# A cohort as the team names it, after a form's id: "2025-26".
COHORT = r"\d{4}-\d{2}"


class ChartPressed(Payload):
    """The console's Chart: the form's id, then its cohort where several live cohorts are
    listed ("final 2025-26")."""

    value: str = Field(pattern=f"^[a-z0-9][a-z0-9-]*( {COHORT})?$", max_length=80)


class ExportPressed(Payload):
    form: Slug
    pseudonymous: bool
    cohort: str | None = Field(None, pattern=f"^{COHORT}$")


class FileAsked(Payload):
    form: Slug
    file: view.File
    cohort: str | None = None


class DirectMessage(Payload):
    user: str = Field(min_length=1)
    channel: str = Field(min_length=1)
    ts: str = Field(min_length=1)
    text: str = ""


@dataclass(frozen=True)
class Evaluations:
    """What the evaluations' listeners and commands use. inline: work on DMs in this process
    right after acknowledging them (one process, or a small deployment); otherwise the clock
    process drains the inbox."""

    evaluations: EvaluationsService
    inbox: InboxService
    team: Team
    home: Home
    programme: Programme  # whose zone the forms' days are in
    inline: bool = True


def register(app: App, commands: Commands, deps: Evaluations) -> None:
    listen(app, deps, LISTENERS)
    commands.answer(deps, COMMANDS)


def keep(deps: Evaluations, ack: Ack, body: dict, event: dict, context: BoltContext) -> None:
    # Only a person's own words in their DM with the bot count; channels, edits and bots never do.
    if _from_a_person(event):
        dm = parse(DirectMessage, event)
        now = acting(context).now
        deps.inbox.accept(
            InboxItem(body.get("event_id") or dm.ts, dm.user, dm.channel, dm.text, now)
        )
    ack()


def work(deps: Evaluations, context: BoltContext) -> None:
    if deps.inline:  # otherwise the clock process drains what was kept
        deps.inbox.drain(acting(context).now)


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


def answer(
    deps: Evaluations, ack: Ack, body: dict, action: dict, respond: Respond, context: BoltContext
) -> None:
    ack()
    pressed = parse(Pressed, action)
    chosen = _answer_value(pressed.value)
    shown = str(pressed.text.get("text", ""))
    _answer(deps.evaluations, context, respond, body, pressed, chosen.v, shown)


def tick(deps: Evaluations, ack: Ack) -> None:
    ack()  # a box ticked or unticked: nothing is answered until Done


def ticked(
    deps: Evaluations, ack: Ack, body: dict, action: dict, respond: Respond, context: BoltContext
) -> None:
    ack()
    pressed = parse(Pressed, action)
    ticks = _ticks(body, str(action.get("block_id", ""))).selected_options
    numbers = ", ".join(t.value for t in ticks)
    shown = ", ".join(str(t.text.get("text", "")) for t in ticks)
    _answer(deps.evaluations, context, respond, body, pressed, numbers, shown)


def start(deps: Evaluations, ack: Ack, body: dict, action: dict, context: BoltContext) -> None:
    ack()
    me, pressed = acting(context), parse(FormPressed, action)
    deps.evaluations.start(me.person, pressed.value, pressed.press(body), me.now)


def submit(
    deps: Evaluations, ack: Ack, body: dict, action: dict, respond: Respond, context: BoltContext
) -> None:
    ack()
    me, pressed = acting(context), parse(FormPressed, action)
    deps.evaluations.submit(me.person, pressed.value, pressed.press(body), me.now)
    _settle(respond, body, view.submit_label())


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


# The console's chart and exports take a second or two (counting, uploading): the Home says at
# once, under the button, that it is on its way and where to, then that it is there.


def file_asked(deps: Evaluations, ack: Ack, action: dict, context: BoltContext) -> None:
    me = acting(context)
    deps.team.require_member(me.person)
    file = _file_asked(action)
    deps.evaluations.form(file.form, file.cohort)  # a form no cohort has is refused now
    context[SENDING] = file
    ack()


def send_file(deps: Evaluations, client: WebClient, context: BoltContext) -> None:
    if SENDING not in context:
        return  # refused, and told so
    me, file, channel = acting(context), context[SENDING], deps.team.channel
    said = view.file_said(file.form, view.ON_ITS_WAY[file.file], channel, file.cohort)
    deps.home.publish(client, me.person, me.now, said)
    said = view.file_not_sent(file.form, cohort=file.cohort)
    try:
        if file.file == "chart":
            sent = deps.evaluations.post_results(me.person, file.form, me.now, file.cohort)
        else:
            pseudonymous = file.file == "pseudonymous"
            sent = deps.evaluations.send_export(
                me.person, file.form, pseudonymous, me.now, file.cohort
            )
        words = view.ARRIVED[file.file] if sent else view.DELAYED[file.file]
        said = view.file_said(file.form, words, channel, file.cohort)
    except UserError as error:
        said = view.file_not_sent(file.form, user_error(error), file.cohort)
    finally:
        deps.home.publish(client, me.person, me.now, said)


def _file_asked(action: dict[str, Any]) -> FileAsked:
    if action.get("action_id") == view.CHART:
        form, _, cohort = parse(ChartPressed, action).value.partition(" ")
        return FileAsked(form=form, file="chart", cohort=cohort or None)
    try:
        pressed = parse(ExportPressed, json.loads(str(action.get("value") or "")))
    except ValueError:
        pressed = parse(ExportPressed, None)
    file: view.File = "pseudonymous" if pressed.pseudonymous else "named"
    return FileAsked(form=pressed.form, file=file, cohort=pressed.cohort)


LISTENERS: list[Listen[Evaluations]] = [
    Listen(App.event, "message", keep, lazy=(work,)),
    Listen(App.action, re.compile(f"^{view.ANSWER}:"), answer),
    Listen(App.action, view.TICK, tick),
    Listen(App.action, view.TICKED, ticked),
    Listen(App.action, view.START, start),
    Listen(App.action, view.SUBMIT, submit),
    Listen(App.action, view.CHART, file_asked, lazy=(send_file,)),
    Listen(App.action, EXPORTS, file_asked, lazy=(send_file,)),
]


def status(deps: Evaluations, _: TeamEvaluations, call: CommandCall) -> str:
    now = call.acting.now
    forms = deps.evaluations.status(call.acting.person, now)
    return view.status_message(forms, deps.programme, now)


def export(deps: Evaluations, command: TeamExport, call: CommandCall) -> str:
    me, form, cohort = call.acting, command.form_id, command.cohort
    deps.evaluations.send_export(me.person, form, command.pseudonymous, me.now, cohort)
    return view.exported_reply(form, cohort, deps.evaluations.cohorts_with(form))


def chart(deps: Evaluations, command: TeamChart, call: CommandCall) -> str:
    me, form, cohort = call.acting, command.form_id, command.cohort
    deps.evaluations.post_results(me.person, form, me.now, cohort)
    return view.charted_reply(form, cohort, deps.evaluations.cohorts_with(form))


# Its commands: what each reads as (GRAMMAR, composed into /mentoring by handlers/features.py),
# then who answers each (COMMANDS).


@dataclass(frozen=True)
class TeamEvaluations:
    pass


@dataclass(frozen=True)
class TeamExport:
    form_id: str
    pseudonymous: bool
    cohort: str | None = None  # the live cohort named; none: the newest with the form


@dataclass(frozen=True)
class TeamChart:
    form_id: str
    cohort: str | None = None


def _cohort(words: list[str]) -> tuple[list[str], str | None]:
    """The words before a cohort named last ("2025-26"), and that cohort."""
    if len(words) > 1 and re.fullmatch(COHORT, words[-1]):
        return words[:-1], words[-1]
    return words, None


def _export(words: list[str], _: list[str]) -> TeamExport:
    """`team export FORM [pseudonymous] [COHORT]`."""
    words, cohort = _cohort(words)
    if len(words) in (1, 2) and words[1:] in ([], ["pseudonymous"]):
        return TeamExport(words[0], pseudonymous=len(words) == 2, cohort=cohort)
    raise NotUnderstood("team-export")


def _chart(words: list[str], _: list[str]) -> TeamChart | None:
    """`team chart FORM [COHORT]`."""
    words, cohort = _cohort(words)
    return TeamChart(words[0], cohort) if len(words) == 1 else None


GRAMMAR: Grammar = {
    ("team", "evaluations"): alone(TeamEvaluations()),
    ("team", "export"): _export,
    ("team", "chart"): _chart,
}


COMMANDS: list[tuple[type, FeatureAnswer[Evaluations]]] = [
    (TeamEvaluations, status),
    (TeamExport, export),
    (TeamChart, chart),
]
