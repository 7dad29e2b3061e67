"""Pulse: the answer buttons on the questions about how a pairing is going (each in the person's
own DM: the answer takes the question's place, for them alone), and the team's `/mentoring team
pulse`, the counts. The console's counts are drawn by handlers/views/pulse/console.py."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import Field
from slack_bolt import Ack, App, BoltContext, Respond

from bot.pulse.service import PulseService
from handlers.commands import CommandCall, Commands, FeatureAnswer
from handlers.grammar import Grammar, alone
from handlers.listeners import Listen, listen
from handlers.middleware import Payload, RowId, acting, parse
from handlers.views import pulse as view


class AnswerPressed(Payload):
    action_id: str = Field(pattern=view.ANSWERED.pattern)
    value: RowId  # the question's id

    @property
    def answer(self) -> str:
        return self.action_id.removeprefix(view.ANSWER)


@dataclass(frozen=True)
class Pulse:
    """What the pulse's listeners and commands use."""

    pulse: PulseService


def register(app: App, commands: Commands, deps: Pulse) -> None:
    listen(app, deps, LISTENERS)
    commands.answer(deps, COMMANDS)


def answer(deps: Pulse, ack: Ack, action: dict, respond: Respond, context: BoltContext) -> None:
    """The answer is kept, and the question in their DM becomes its thank-you."""
    ack()
    me = acting(context)
    pressed = parse(AnswerPressed, action)
    answered = deps.pulse.answer(me.person, pressed.value, pressed.answer, me.now)
    text, blocks = view.thanked(answered)
    respond(text=text, blocks=[b.to_dict() for b in blocks], replace_original=True)


LISTENERS: list[Listen[Pulse]] = [
    Listen(App.action, view.ANSWERED, answer),
]


# Its commands: what each reads as (GRAMMAR, composed into /mentoring by handlers/features.py),
# then who answers each (COMMANDS).


@dataclass(frozen=True)
class TeamPulse:
    """`team pulse`: how the cohort's pairings are going, counted."""


def team_pulse(deps: Pulse, _command: TeamPulse, call: CommandCall) -> str:
    return view.team_pulse_message(deps.pulse.counts(call.acting.person))


GRAMMAR: Grammar = {("team", "pulse"): alone(TeamPulse())}


COMMANDS: list[tuple[type, FeatureAnswer[Pulse]]] = [(TeamPulse, team_pulse)]
