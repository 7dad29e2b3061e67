"""Outcomes: the console's "Outcomes report" button and `/mentoring team report` bring the
cohort's outcomes report, a PDF and a CSV in the asker's language, to the project team's private
channel; the Home says under the button that it is on its way, then that it is there."""

from __future__ import annotations

from dataclasses import dataclass

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.errors import UserError
from bot.outcomes.service import OutcomesService
from bot.team import Team
from handlers.commands import CommandCall, Commands, FeatureAnswer
from handlers.grammar import Grammar, alone
from handlers.home import Home
from handlers.i18n import language
from handlers.listeners import Listen, listen
from handlers.middleware import acting
from handlers.views import outcomes as view
from handlers.views.common import user_error

SENDING = "outcomes_sending"  # the report asked for, from the ack to its sending


@dataclass(frozen=True)
class Outcomes:
    """What the outcomes' listeners and command use."""

    outcomes: OutcomesService
    team: Team
    home: Home


def register(app: App, commands: Commands, deps: Outcomes) -> None:
    listen(app, deps, LISTENERS)
    commands.answer(deps, COMMANDS)


# Drawing the report takes a second or two: the Home says at once, under the button, that it is
# on its way and where to, then that it is there.


def report_asked(deps: Outcomes, ack: Ack, context: BoltContext) -> None:
    deps.team.require_member(acting(context).person)  # anyone else is refused now
    context[SENDING] = True
    ack()


def send_report(deps: Outcomes, client: WebClient, context: BoltContext) -> None:
    if SENDING not in context:
        return  # refused, and told so
    me, channel = acting(context), deps.team.channel
    deps.home.publish(client, me.person, me.now, view.report_said(view.ON_ITS_WAY, channel))
    said = view.report_not_sent()
    try:
        sent = deps.outcomes.send(me.person, language(), me.now)
        said = view.report_said(view.ARRIVED if sent else view.DELAYED, channel)
    except UserError as error:
        said = view.report_not_sent(user_error(error))
    finally:
        deps.home.publish(client, me.person, me.now, said)


LISTENERS: list[Listen[Outcomes]] = [
    Listen(App.action, view.REPORT, report_asked, lazy=(send_report,)),
]


# Its command: what it reads as (GRAMMAR, composed into /mentoring by handlers/features.py), then
# who answers it (COMMANDS).


@dataclass(frozen=True)
class TeamReport:
    """`team report`: the cohort's outcomes report, to the team's channel."""


def team_report(deps: Outcomes, _command: TeamReport, call: CommandCall) -> str:
    me = call.acting
    deps.outcomes.keep(me.person, language(), me.now)
    return view.report_words(view.ON_ITS_WAY, deps.team.channel)


GRAMMAR: Grammar = {("team", "report"): alone(TeamReport())}


COMMANDS: list[tuple[type, FeatureAnswer[Outcomes]]] = [(TeamReport, team_report)]
