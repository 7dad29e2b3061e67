"""Reflections: the invitation's button in a person's DM, the Home's and `/mentoring reflect`
open the closure's form (filled with what they wrote, so each edits it too); a meeting's offer
opens its one-field form. Saving keeps the reflection, the mentee's confidences with it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from pydantic import Field
from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.goals.rules import CONFIDENCE, MAX_GOALS
from bot.pairs.model import PairChoice
from bot.reflections.model import ClosureDraft
from bot.reflections.rules import confidence_field
from bot.reflections.service import ReflectionsService
from handlers.commands import CommandCall, Commands, FeatureAnswer
from handlers.grammar import Grammar, naming_partner
from handlers.home import Home
from handlers.listeners import Listen, listen
from handlers.middleware import Acting, Payload, RowId, acting, open_modal, parse
from handlers.views import reflections as view

Confidence = Annotated[int, Field(ge=CONFIDENCE.start, le=CONFIDENCE.stop - 1)]


class Pressed(Payload):
    value: RowId  # the pair's id, or the meeting's


class ClosureOrigin(Payload):
    """The closure form's metadata: whose pair, and whether the Home opened it."""

    pair: RowId
    home: bool = False


class ClosureValues(Payload):
    """The three parts as typed; their lengths are the domain's to check, beside them."""

    achieved: str = ""
    learned: str = ""
    next_steps: str = ""


class Scored(Payload):
    score: Confidence


class MeetingOrigin(Payload):
    meeting: RowId


class MeetingValues(Payload):
    reflection: str = ""


@dataclass(frozen=True)
class Reflections:
    """What the reflections' listeners and command use."""

    reflections: ReflectionsService
    home: Home


def register(app: App, commands: Commands, deps: Reflections) -> None:
    listen(app, deps, LISTENERS)
    commands.answer(deps, COMMANDS)


def reflect(
    deps: Reflections, ack: Ack, action: dict, client: WebClient, context: BoltContext
) -> None:
    """The invitation's button: the form for the pair it names."""
    ack()
    me = acting(context)
    which = PairChoice(parse(Pressed, action).value)
    open_modal(
        client, me, view.closure_modal(deps.reflections.closure_form(me.person, which, me.now))
    )


def reflect_on_home(
    deps: Reflections, ack: Ack, action: dict, client: WebClient, context: BoltContext
) -> None:
    ack()
    me = acting(context)
    which = PairChoice(parse(Pressed, action).value)
    form = deps.reflections.closure_form(me.person, which, me.now)
    open_modal(client, me, view.closure_modal(form, home=True))


def save_reflection(deps: Reflections, ack: Ack, client: WebClient, context: BoltContext) -> None:
    me = acting(context)
    origin = parse(ClosureOrigin, me.metadata)
    typed = parse(ClosureValues, me.values)
    draft = ClosureDraft(typed.achieved, typed.learned, typed.next_steps)
    which = PairChoice(origin.pair)
    saved = deps.reflections.save_closure(me.person, which, draft, _scores(me), me.now)
    if origin.home:
        ack()
        deps.home.publish(client, me.person, me.now)
    else:
        ack(response_action="update", view=view.closure_saved_modal(saved.mentee))


def _scores(me: Acting) -> dict[int, int | None]:
    """Each goal's confidence chosen, by its place (None: left unchosen)."""
    chosen = {p: me.values.get(confidence_field(p)) for p in range(1, MAX_GOALS + 1)}
    return {p: parse(Scored, {"score": v}).score if v else None for p, v in chosen.items()}


def reflect_on_meeting(
    deps: Reflections, ack: Ack, action: dict, client: WebClient, context: BoltContext
) -> None:
    ack()
    me = acting(context)
    form = deps.reflections.meeting_form(me.person, parse(Pressed, action).value)
    open_modal(client, me, view.meeting_modal(form))


def save_meeting_reflection(deps: Reflections, ack: Ack, context: BoltContext) -> None:
    me = acting(context)
    meeting = parse(MeetingOrigin, me.metadata).meeting
    text = parse(MeetingValues, me.values).reflection
    deps.reflections.save_meeting(me.person, meeting, text, me.now)
    ack(response_action="update", view=view.meeting_saved_modal())


LISTENERS: list[Listen[Reflections]] = [
    Listen(App.action, view.REFLECT, reflect),
    Listen(App.action, view.HOME_REFLECT, reflect_on_home),
    Listen(App.view, view.CLOSURE_MODAL, save_reflection),
    Listen(App.action, view.REFLECT_ON_MEETING, reflect_on_meeting),
    Listen(App.view, view.MEETING_MODAL, save_meeting_reflection),
]


# Its command: `reflect` (`myfyrio`), which opens the closure's form for their latest pair (a
# mentor with several mentees names which: `reflect @Sam`).


@dataclass(frozen=True)
class Reflect:
    partner: str | None = None


def reflect_command(deps: Reflections, command: Reflect, call: CommandCall) -> None:
    me = call.acting
    form = deps.reflections.closure_form(me.person, PairChoice(partner=command.partner), me.now)
    open_modal(call.client, me, view.closure_modal(form))


def _reflect(words: list[str], typed: list[str]) -> Reflect | None:
    partner, rest, _ = naming_partner(words, typed)
    return None if rest else Reflect(partner)


GRAMMAR: Grammar = {("reflect",): _reflect}


COMMANDS: list[tuple[type, FeatureAnswer[Reflections]]] = [(Reflect, reflect_command)]
