"""The cohorts feature in Slack: the console's Start button, which sends the next cohort's
programme file to the team's channel (the command line's `mentorbot cohort new` writes it to
disk instead)."""

from __future__ import annotations

from dataclasses import dataclass

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.cohorts.service import CohortsService
from bot.errors import UserError
from bot.team import Team
from handlers.home import Home
from handlers.listeners import Listen, listen
from handlers.middleware import acting
from handlers.views import cohorts as view
from handlers.views.common import user_error
from handlers.views.hub import Said

STARTING = "console_starting_cohort"  # pressed by a team member, from the ack to the sending


@dataclass(frozen=True)
class Cohorts:
    cohorts: CohortsService
    team: Team
    home: Home


def register(app: App, deps: Cohorts) -> None:
    listen(app, deps, LISTENERS)


def start_asked(deps: Cohorts, ack: Ack, context: BoltContext) -> None:
    deps.team.require_member(acting(context).person)
    context[STARTING] = True
    ack()


def start_next(deps: Cohorts, client: WebClient, context: BoltContext) -> None:
    """Says at once under the button that the file is on its way, then that it is there."""
    if STARTING not in context:
        return  # refused, and told so
    me, channel = acting(context), deps.team.channel
    deps.home.publish(client, me.person, me.now, view.said(None, channel))
    try:
        said = view.said(deps.cohorts.start_next(me.person, me.now), channel)
    except UserError as error:
        said = Said(view.BLOCK, user_error(error))
    deps.home.publish(client, me.person, me.now, said)


LISTENERS: list[Listen[Cohorts]] = [
    Listen(App.action, view.START_NEXT, start_asked, lazy=(start_next,)),
]
