"""CPD: `/mentoring cpd` (and the Home's button once there is something in the record) brings
the person's CPD record for the scheme to their own DM, as a Word document and a PDF in their
language; an empty record is refused kindly (the error handler words it)."""

from __future__ import annotations

from dataclasses import dataclass

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.cpd.service import CpdService
from handlers.commands import CommandCall, Commands, FeatureAnswer
from handlers.grammar import Grammar, alone
from handlers.home import Home
from handlers.listeners import Listen, listen
from handlers.middleware import acting
from handlers.views import cpd as view


@dataclass(frozen=True)
class Cpd:
    """What the CPD listener and command use."""

    cpd: CpdService
    home: Home


def register(app: App, commands: Commands, deps: Cpd) -> None:
    listen(app, deps, LISTENERS)
    commands.answer(deps, COMMANDS)


def cpd_on_home(deps: Cpd, ack: Ack, client: WebClient, context: BoltContext) -> None:
    ack()
    me = acting(context)
    deps.cpd.send_mine(me.person, me.now)
    deps.home.publish(client, me.person, me.now, view.cpd_said())


LISTENERS: list[Listen[Cpd]] = [Listen(App.action, view.HOME_CPD, cpd_on_home)]


@dataclass(frozen=True)
class MyCpdRecord:
    """`cpd` (`dpp`): my CPD record, in our DM."""


def my_cpd_record(deps: Cpd, _command: MyCpdRecord, call: CommandCall) -> str:
    deps.cpd.send_mine(call.acting.person, call.acting.now)
    return view.cpd_sent()


GRAMMAR: Grammar = {("cpd",): alone(MyCpdRecord())}


COMMANDS: list[tuple[type, FeatureAnswer[Cpd]]] = [(MyCpdRecord, my_cpd_record)]
