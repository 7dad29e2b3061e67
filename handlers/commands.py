"""`/mentoring`: the text is parsed into a typed command (handlers/grammar.py), and the feature
that registered that command answers it, privately, to the person who asked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.team import Team
from handlers.grammar import Help, parse_command
from handlers.i18n import _
from handlers.middleware import Acting, acting
from handlers.views import commands as view

C = TypeVar("C")


@dataclass(frozen=True)
class CommandCall:
    """What a command's answer may use besides the command: who, when (and the trigger), and
    for commands that open a modal the client."""

    acting: Acting
    client: WebClient


Answer = Callable[[Any, CommandCall], str | None]


class Commands:
    """Each feature adds the commands it answers; `None` as an answer means it opened a modal."""

    def __init__(self) -> None:
        self._answers: dict[type, Answer] = {}

    def on(self, command: type[C], answer: Callable[[C, CommandCall], str | None]) -> None:
        self._answers[command] = answer

    def register(self, app: App, team: Team) -> None:
        self.on(Help, lambda help, call: _help(help, call, team))

        @app.command("/mentoring")
        def mentoring(
            ack: Ack, command: dict, respond: Respond, client: WebClient, context: BoltContext
        ) -> None:
            ack()
            parsed = parse_command(str(command.get("text") or ""))
            call = CommandCall(acting(context), client)
            reply = self._answers[type(parsed)](parsed, call)
            if reply is not None:
                respond(text=reply, response_type="ephemeral")


def _help(help: Help, call: CommandCall, team: Team) -> str:
    if help.team:
        team.require_member(call.acting.person)
        return _(view.TEAM_USAGE)
    return _(view.USAGE)
