"""`/mentoring`: the text is parsed into a typed command (by the features' grammars, composed in
handlers/features.py), and the feature that registered that command answers it, privately, to
the person who asked."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.team import Team
from handlers.grammar import Help
from handlers.listeners import Listen, listen
from handlers.middleware import Acting, acting
from handlers.views import commands as view

C = TypeVar("C")
D = TypeVar("D")


@dataclass(frozen=True)
class CommandCall:
    """What a command's answer may use besides the command: who, when (and the trigger), and
    for commands that open a modal the client."""

    acting: Acting
    client: WebClient


Answer = Callable[[Any, CommandCall], str | None]
# A feature's answer to one of its commands: its dependencies, the command, the call.
FeatureAnswer = Callable[[D, Any, CommandCall], str | None]


class Commands:
    """Each feature adds the commands it answers; `None` as an answer means it opened a modal.
    `parse` reads the text into a command (handlers/features.py's, which knows every feature:
    this module imports none of them)."""

    def __init__(self, parse: Callable[[str], object]) -> None:
        self.parse = parse
        self._answers: dict[type, Answer] = {}

    def on(self, command: type[C], answer: Callable[[C, CommandCall], str | None]) -> None:
        self._answers[command] = answer

    def answer(self, deps: D, table: Iterable[tuple[type, FeatureAnswer[D]]]) -> None:
        """A feature's table of (command, module-level answer), its dependencies bound."""
        for command, answer in table:
            self._answers[command] = partial(answer, deps)

    def register(
        self,
        app: App,
        team: Team,
        on_the_scheme: Callable[[str], bool],
        is_approver: Callable[[str], bool],
    ) -> None:
        self.on(Help, lambda help, call: _help(help, call, team, on_the_scheme, is_approver))
        listen(app, self, LISTENERS)

    def reply(self, parsed: object, call: CommandCall) -> str | None:
        return self._answers[type(parsed)](parsed, call)


def mentoring(
    commands: Commands,
    ack: Ack,
    command: dict,
    respond: Respond,
    client: WebClient,
    context: BoltContext,
) -> None:
    ack()
    parsed = commands.parse(str(command.get("text") or ""))
    reply = commands.reply(parsed, CommandCall(acting(context), client))
    if reply is not None:
        respond(text=reply, response_type="ephemeral")


LISTENERS: list[Listen[Commands]] = [Listen(App.command, "/mentoring", mentoring)]


def _help(
    help: Help,
    call: CommandCall,
    team: Team,
    on_the_scheme: Callable[[str], bool],
    is_approver: Callable[[str], bool],
) -> str:
    """The commands the person can use: a participant's, or for someone not on the scheme the
    few that are theirs too (and, for the project team and the approver, where theirs are)."""
    person = call.acting.person
    if help.team:
        team.require_member(person)
        return view.usage(view.TEAM_USAGE)
    if on_the_scheme(person):
        return view.usage(view.USAGE)
    if team.is_member(person):
        return view.usage(view.TEAM_MEMBER_USAGE)
    return view.usage(view.APPROVER_USAGE if is_approver(person) else view.NEWCOMER_USAGE)
