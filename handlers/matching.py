"""Matching: the steering group's match on the console (Approve, Approve all, Swap mentor… with
what the whole match loses shown before it is made, Leave unmatched) and `/mentoring team
match`."""

from __future__ import annotations

from dataclasses import dataclass

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.errors import UserError
from bot.matching.service import MatchingService
from bot.participants.errors import ImportRejected
from handlers.commands import CommandCall, Commands, FeatureAnswer
from handlers.grammar import Grammar, alone
from handlers.home import Home
from handlers.listeners import Listen, listen
from handlers.middleware import Acting, Payload, RowId, acting, open_modal, parse
from handlers.views import matching as view
from handlers.views.common import user_error
from handlers.views.hub import Said

# Where the ack listener leaves the mentee pressed for, for the work after the ack.
APPROVING = "matching_approving"


class Pressed(Payload):
    value: RowId  # the mentee's application


class SwapForm(Payload):
    mentor: RowId  # the mentor's application, chosen from the form's menu


class SwapOrigin(Payload):
    mentee: RowId


class SwapChosen(Payload):
    mentee: RowId
    mentor: RowId


@dataclass(frozen=True)
class Matching:
    """What the matching's listeners and command use."""

    matching: MatchingService
    home: Home


def register(app: App, commands: Commands, deps: Matching) -> None:
    listen(app, deps, LISTENERS)
    commands.answer(deps, COMMANDS)


def acknowledge(deps: Matching, ack: Ack) -> None:
    ack()


def pressed(deps: Matching, ack: Ack, action: dict, context: BoltContext) -> None:
    """Read before the ack, so a button that is not the console's is refused kindly."""
    ack()
    context[APPROVING] = [parse(Pressed, action).value]


def approve(deps: Matching, client: WebClient, context: BoltContext) -> None:
    """After the ack: making pairs finds each person in Slack, which may take longer than
    Slack waits for an answer. How it went is said under the console's counts."""
    if APPROVING in context:
        _approving(deps, client, acting(context), context[APPROVING])


def approve_all(deps: Matching, client: WebClient, context: BoltContext) -> None:
    _approving(deps, client, acting(context), None)


def _approving(deps: Matching, client: WebClient, me: Acting, mentees: list[int] | None) -> None:
    try:
        said = view.made_words(deps.matching.approve(me.person, mentees, me.now))
    except ImportRejected as rejected:
        said = view.not_made_words(rejected)
    except UserError as error:  # decided by someone else just now, or not on the team
        said = user_error(error)
    deps.home.publish(client, me.person, me.now, Said(view.SUMMARY_BLOCK, said))


def leave_unmatched(
    deps: Matching, ack: Ack, action: dict, client: WebClient, context: BoltContext
) -> None:
    """The mentee is told kindly, once, in their DM; the console shows them as left."""
    ack()
    me = acting(context)
    try:
        deps.matching.leave_unmatched(me.person, parse(Pressed, action).value, me.now)
    finally:
        deps.home.publish(client, me.person, me.now)


def open_swap(
    deps: Matching, ack: Ack, action: dict, client: WebClient, context: BoltContext
) -> None:
    ack()
    me = acting(context)
    choices = deps.matching.swap_choices(me.person, parse(Pressed, action).value)
    open_modal(client, me, view.swap_modal(choices))


def show_swap(deps: Matching, ack: Ack, context: BoltContext) -> None:
    """What the swap would do to the whole match, in place of the form: nothing is changed."""
    me = acting(context)
    mentee = parse(SwapOrigin, me.metadata).mentee
    mentor = parse(SwapForm, me.values).mentor
    preview = deps.matching.swap(me.person, mentee, mentor)
    ack(response_action="update", view=view.swap_confirm_modal(preview))


def confirm_swap(deps: Matching, ack: Ack, client: WebClient, context: BoltContext) -> None:
    """The form has no input to show a refusal beside (the mentor taken meanwhile): it says
    so in its place."""
    me = acting(context)
    chosen = parse(SwapChosen, me.metadata)
    try:
        done = deps.matching.confirm_swap(me.person, chosen.mentee, chosen.mentor, me.now)
    except UserError as error:
        ack(response_action="update", view=view.not_swapped_modal(user_error(error)))
        return
    ack(response_action="update", view=view.swapped_modal(done))
    deps.home.publish(client, me.person, me.now)


LISTENERS: list[Listen[Matching]] = [
    Listen(App.action, view.APPROVE, pressed, lazy=(approve,)),
    Listen(App.action, view.APPROVE_ALL, acknowledge, lazy=(approve_all,)),
    Listen(App.action, view.LEAVE, leave_unmatched),
    Listen(App.action, view.SWAP, open_swap),
    Listen(App.view, view.SWAP_MODAL, show_swap),
    Listen(App.view, view.SWAP_CONFIRM_MODAL, confirm_swap),
]


# Its command: what it reads as (GRAMMAR, composed into /mentoring by handlers/features.py),
# then who answers it (COMMANDS).


@dataclass(frozen=True)
class TeamMatch:
    """`team match`: everyone's place in the steering group's match."""


def team_match(deps: Matching, _command: TeamMatch, call: CommandCall) -> str:
    match = deps.matching.current(call.acting.person)
    return view.team_match_message(match)


GRAMMAR: Grammar = {("team", "match"): alone(TeamMatch())}

COMMANDS: list[tuple[type, FeatureAnswer[Matching]]] = [(TeamMatch, team_match)]
