"""Goals: the form of up to five goals and the boundaries (from a message's button, the Home or
`/mentoring goals`, which the old `agreement` still reads as), a check-in's progress buttons,
and the command's answer outside Negotiation: the goals, each with its story."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Literal

from pydantic import Field
from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.goals.model import Boundaries, GoalDraft, Progress
from bot.goals.rules import CONFIDENCE, MAX_GOALS
from bot.goals.service import GoalsService
from bot.pairs.model import PairChoice
from bot.scheme import Programme
from handlers.commands import CommandCall, Commands, FeatureAnswer
from handlers.grammar import Grammar, naming_partner
from handlers.home import Home
from handlers.listeners import Listen, listen
from handlers.middleware import Acting, BadPayload, Payload, RowId, acting, open_modal, parse
from handlers.views import goals as view


class GoalRow(Payload):
    """One goal's row of the form; its words' lengths are the domain's to check, beside them."""

    what: str = ""
    how_known: str = ""
    by_when: date | None = None
    confidence: Annotated[int, Field(ge=CONFIDENCE.start, le=CONFIDENCE.stop - 1)] | None = None


class BoundariesForm(Payload):
    availability: str = ""
    topics: str = ""
    contact: str = ""


class GoalsPressed(Payload):
    """The form's button: on a message, "edit" in one sent before a mentor could have several
    mentees (their only pair's), the pair's id since; on the Home, the pair's id."""

    value: RowId | Literal["edit"] = "edit"

    @property
    def which(self) -> PairChoice:
        return PairChoice(self.value if isinstance(self.value, int) else None)


class GoalsOrigin(Payload):
    """The form's metadata: whose pair (none in a form opened before it was written there)."""

    pair: RowId | None = None


class ProgressPressed(Payload):
    action_id: str
    value: RowId  # the check-in's id


# Each progress button's id, and the answer it gives.
PROGRESS_OF: dict[str, Progress] = {button: p for p, button in view.PROGRESS_BUTTON.items()}


@dataclass(frozen=True)
class Goals:
    """What the goals' listeners and commands use."""

    goals: GoalsService
    home: Home
    programme: Programme


def register(app: App, commands: Commands, deps: Goals) -> None:
    listen(app, deps, LISTENERS)
    commands.answer(deps, COMMANDS)


def set_goals(deps: Goals, ack: Ack, action: dict, client: WebClient, context: BoltContext) -> None:
    ack()
    me = acting(context)
    which = parse(GoalsPressed, action).which
    open_modal(client, me, view.goals_modal(deps.goals.to_edit(me.person, which)))


def save_goals(deps: Goals, ack: Ack, context: BoltContext) -> None:
    _save_form(deps.goals, acting(context))
    ack(response_action="update", view=view.goals_saved_modal())


def set_goals_on_home(
    deps: Goals, ack: Ack, action: dict, client: WebClient, context: BoltContext
) -> None:
    ack()
    me = acting(context)
    which = parse(GoalsPressed, action).which
    modal = view.goals_modal(deps.goals.to_edit(me.person, which), view.HOME_GOALS_MODAL)
    open_modal(client, me, modal)


def save_goals_on_home(deps: Goals, ack: Ack, client: WebClient, context: BoltContext) -> None:
    me = acting(context)
    _save_form(deps.goals, me)
    ack()
    deps.home.publish(client, me.person, me.now)


def progress(deps: Goals, ack: Ack, action: dict, respond: Respond, context: BoltContext) -> None:
    ack()
    me = acting(context)
    pressed = parse(ProgressPressed, action)
    chosen = PROGRESS_OF.get(pressed.action_id)
    if chosen is None:
        raise BadPayload("action_id")
    answered = deps.goals.answer(me.person, pressed.value, chosen, me.now)
    text, blocks = view.goal_answered(answered)
    respond(text=text, blocks=[b.to_dict() for b in blocks], replace_original=True)


def _save_form(goals: GoalsService, me: Acting) -> None:
    """The form's rows, in order, each read on its own, and the boundaries."""
    rows = [_row(me.values, place) for place in range(1, MAX_GOALS + 1)]
    bounds = parse(BoundariesForm, me.values)
    boundaries = Boundaries(bounds.availability, bounds.topics, bounds.contact)
    which = PairChoice(parse(GoalsOrigin, me.metadata or {}).pair)
    goals.save(me.person, rows, boundaries, me.now, which)


def _row(values: dict[str, str], place: int) -> GoalDraft | None:
    """A row's inputs (`what_2`, `by_when_2`…) without their place; None for an empty row."""
    given = {
        part: values[f"{part}_{place}"] for part in view.GOAL_PARTS if values.get(f"{part}_{place}")
    }
    if not given:
        return None
    row = parse(GoalRow, given)
    return GoalDraft(row.what, row.how_known, row.by_when, row.confidence)


LISTENERS: list[Listen[Goals]] = [
    Listen(App.action, view.SET_GOALS, set_goals),
    Listen(App.view, view.GOALS_MODAL, save_goals),
    Listen(App.action, view.HOME_GOALS, set_goals_on_home),
    Listen(App.view, view.HOME_GOALS_MODAL, save_goals_on_home),
    Listen(App.action, re.compile(f"^({'|'.join(PROGRESS_OF)})$"), progress),
]


# Its command: `goals` (and `agreement`, its name before), which opens the form in Negotiation
# and otherwise answers with the goals as they stand.


@dataclass(frozen=True)
class ShowGoals:
    partner: str | None = None  # for a mentor with several mentees: `goals @Sam`


def show_goals(deps: Goals, command: ShowGoals, call: CommandCall) -> str | None:
    mine = deps.goals.mine(call.acting.person, PairChoice(partner=command.partner))
    if not mine.editable:
        return view.goals_message(mine, deps.programme.zone)
    open_modal(call.client, call.acting, view.goals_modal(mine))
    return None


def _goals(words: list[str], typed: list[str]) -> ShowGoals | None:
    partner, rest, _ = naming_partner(words, typed)
    return None if rest else ShowGoals(partner)


GRAMMAR: Grammar = {("goals",): _goals, ("agreement",): _goals}


COMMANDS: list[tuple[type, FeatureAnswer[Goals]]] = [(ShowGoals, show_goals)]
