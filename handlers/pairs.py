"""Pairs: accepting, stages, check-in answers and meetings (buttons and modals, on messages and
on the Home), pausing, the console's make, end and pause a pair, and the pair commands (`pair`,
`stage`, `met`, `pause`, and the team's). The pair's goals are handlers/goals.py."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated

from pydantic import Field
from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.models.views import View

from bot.errors import UserError
from bot.pairs.checkins import CheckInsService
from bot.pairs.model import Meeting, PairChoice
from bot.pairs.rules import MAX_MEETING_MINUTES
from bot.pairs.service import PairingService
from bot.scheme import Stage
from bot.team import Team
from handlers.commands import CommandCall, Commands, FeatureAnswer
from handlers.grammar import Grammar, NotUnderstood, alone, member, mention, naming_partner
from handlers.home import Home
from handlers.listeners import Listen, listen
from handlers.middleware import (
    Acting,
    MenuChoice,
    Payload,
    RowId,
    SlackId,
    acting,
    open_modal,
    parse,
)
from handlers.views import concerns as concerns_view
from handlers.views import pairs as view

Id = RowId
HOME_MEETING_MODAL = "home_meeting_modal"


class IdPressed(Payload):
    value: Id  # a pair's or a check-in's id


class MeetingOrigin(Payload):
    """The meeting form's metadata: the pair what opened it named (none: the person's own, or
    chosen on the form)."""

    pair: RowId | None = None


class CheckInConcern(Payload):
    """A check-in's "Something's wrong": `pair:ID`, the pair it is about (a check-in sent
    before it said so carries its own id, and names no pair)."""

    value: str = ""

    @property
    def pair(self) -> int | None:
        kind, _, pair_id = self.value.partition(":")
        return int(pair_id) if kind == "pair" and pair_id.isdigit() and len(pair_id) < 10 else None


class MaybeIdPressed(Payload):
    value: RowId | None = None  # none on a Home drawn before a mentor could have several mentees


class StageChosen(Payload):
    pair_id: Id
    stage: Stage


class PauseForm(Payload):
    until: date


class PairForm(Payload):
    mentor: SlackId
    mentee: SlackId


class MemberForm(Payload):
    member: SlackId
    reason: str = ""


class PausePairForm(Payload):
    member: SlackId
    until: date


class MeetingForm(Payload):
    pair: RowId | None = None  # chosen, by a mentor with several mentees, where nothing named it
    met_on: date
    minutes: Annotated[int, Field(ge=1, le=MAX_MEETING_MINUTES)]
    topics: str = ""


@dataclass(frozen=True)
class Pairs:
    """What the pairs' listeners and commands use."""

    pairing: PairingService
    checkins: CheckInsService
    team: Team
    home: Home


def register(app: App, commands: Commands, deps: Pairs) -> None:
    listen(app, deps, LISTENERS)
    commands.answer(deps, COMMANDS)


def accept(deps: Pairs, ack: Ack, action: dict, respond: Respond, context: BoltContext) -> None:
    ack()
    me = acting(context)
    pair = deps.pairing.accept(me.person, parse(IdPressed, action).value, me.now)
    respond(text=view.accepted(pair), replace_original=False, response_type="ephemeral")


def concern(deps: Pairs, ack: Ack, action: dict, client: WebClient, context: BoltContext) -> None:
    ack()
    pair = parse(MaybeIdPressed, action).value
    open_modal(client, acting(context), concerns_view.concern_modal("pairing", pair=pair))


def stage(deps: Pairs, ack: Ack, action: dict, context: BoltContext) -> None:
    ack()
    _move_to_chosen_stage(deps.pairing, action, acting(context))


def _move_to_chosen_stage(pairing: PairingService, action: dict, me: Acting) -> None:
    """The stage menu's choice ("pair id:stage"), on a check-in or on the Home."""
    chosen = parse(MenuChoice, action).selected_option.value
    pair_id, _, stage = chosen.partition(":")
    moved = parse(StageChosen, {"pair_id": pair_id, "stage": stage})
    pairing.move_stage(me.person, moved.stage, me.now, PairChoice(moved.pair_id))


def _log_meeting_form(checkins: CheckInsService, me: Acting) -> Meeting:
    form = parse(MeetingForm, me.values)
    which = PairChoice(parse(MeetingOrigin, me.metadata or {}).pair or form.pair)
    return checkins.log_meeting(me.person, form.met_on, form.minutes, form.topics, me.now, which)


def _meeting_modal(deps: Pairs, me: Acting, callback_id: str, pair_id: int | None) -> View:
    """The meeting form, for the pair pressed; or, for a mentor with several mentees, asking
    which."""
    partners: list[tuple[int, str]] = []
    if pair_id is None:
        try:
            mine = deps.pairing.my_pairs(me.person)
        except UserError:  # not in a pair: the form says so when it is sent
            mine = []
        partners = [(p.pair.id, p.partner.name) for p in mine if p.pair.status == "active"]
    return view.meeting_modal(me.now.date(), callback_id, pair_id, partners)


def met(
    deps: Pairs, ack: Ack, action: dict, respond: Respond, client: WebClient, context: BoltContext
) -> None:
    ack()
    me = acting(context)
    person, pair = deps.checkins.answer(me.person, parse(IdPressed, action).value, "yes", me.now)
    text, blocks = view.answered(person, pair, "yes")
    respond(text=text, blocks=[b.to_dict() for b in blocks], replace_original=True)
    open_modal(client, me, view.meeting_modal(me.now.date(), pair_id=pair.id))


def not_yet(deps: Pairs, ack: Ack, action: dict, respond: Respond, context: BoltContext) -> None:
    ack()
    me = acting(context)
    checkin = parse(IdPressed, action).value
    person, pair = deps.checkins.answer(me.person, checkin, "not_yet", me.now)
    text, blocks = view.answered(person, pair, "not_yet")
    respond(text=text, blocks=[b.to_dict() for b in blocks], replace_original=True)


def something_wrong(
    deps: Pairs, ack: Ack, action: dict, client: WebClient, context: BoltContext
) -> None:
    # Nothing changes in the shared check-in: the partner must see no trace of this.
    ack()
    pair = parse(CheckInConcern, action).pair
    open_modal(client, acting(context), concerns_view.concern_modal("checkin", pair=pair))


def meeting_from_anywhere(deps: Pairs, ack: Ack, client: WebClient, context: BoltContext) -> None:
    ack()
    me = acting(context)
    open_modal(client, me, _meeting_modal(deps, me, view.MEETING_MODAL, None))


def log_meeting(deps: Pairs, ack: Ack, context: BoltContext) -> None:
    meeting = _log_meeting_form(deps.checkins, acting(context))
    ack(response_action="update", view=view.meeting_logged_modal(meeting))


# On the Home: the same use cases as the buttons above, the Home drawn again after each.


def accept_on_home(
    deps: Pairs, ack: Ack, action: dict, client: WebClient, context: BoltContext
) -> None:
    ack()
    me = acting(context)
    deps.pairing.accept(me.person, parse(IdPressed, action).value, me.now)
    deps.home.publish(client, me.person, me.now)


def stage_on_home(
    deps: Pairs, ack: Ack, action: dict, client: WebClient, context: BoltContext
) -> None:
    ack()
    me = acting(context)
    _move_to_chosen_stage(deps.pairing, action, me)
    deps.home.publish(client, me.person, me.now)


def meeting_on_home(
    deps: Pairs, ack: Ack, action: dict, client: WebClient, context: BoltContext
) -> None:
    ack()
    me = acting(context)
    pressed = parse(MaybeIdPressed, action).value
    open_modal(client, me, _meeting_modal(deps, me, HOME_MEETING_MODAL, pressed))


def log_meeting_on_home(deps: Pairs, ack: Ack, client: WebClient, context: BoltContext) -> None:
    me = acting(context)
    meeting = _log_meeting_form(deps.checkins, me)
    ack(response_action="update", view=view.meeting_logged_modal(meeting))
    deps.home.publish(client, me.person, me.now)


def pause_on_home(deps: Pairs, ack: Ack, client: WebClient, context: BoltContext) -> None:
    ack()
    open_modal(client, acting(context), view.pause_modal(acting(context).now.date()))


def paused_on_home(deps: Pairs, ack: Ack, client: WebClient, context: BoltContext) -> None:
    me = acting(context)
    deps.pairing.pause(me.person, parse(PauseForm, me.values).until, me.now)
    ack()
    deps.home.publish(client, me.person, me.now)


def resume_on_home(deps: Pairs, ack: Ack, client: WebClient, context: BoltContext) -> None:
    ack()
    me = acting(context)
    deps.pairing.pause(me.person, None, me.now)
    deps.home.publish(client, me.person, me.now)


# On the team's console: make, end and pause a pair through a form.
_CONSOLE_MODALS = {
    view.MAKE_PAIR: view.make_pair_modal,
    view.END_PAIR: view.end_pair_modal,
    view.PAUSE_PAIR: view.pause_pair_modal,
}


def open_pair_form(
    deps: Pairs, ack: Ack, action: dict, client: WebClient, context: BoltContext
) -> None:
    ack()
    deps.team.require_member(acting(context).person)
    modal = _CONSOLE_MODALS[str(action.get("action_id"))]()
    open_modal(client, acting(context), modal)


def make_pair(deps: Pairs, ack: Ack, client: WebClient, context: BoltContext) -> None:
    me = acting(context)
    form = parse(PairForm, me.values)
    deps.pairing.pair(me.person, form.mentor, form.mentee, me.now)
    done = view.pair_made_modal()
    ack(response_action="update", view=done)
    deps.home.publish(client, me.person, me.now)


def end_pair(deps: Pairs, ack: Ack, client: WebClient, context: BoltContext) -> None:
    me = acting(context)
    form = parse(MemberForm, me.values)
    deps.pairing.unpair(me.person, form.member, form.reason, me.now)
    done = view.pair_ended_modal()
    ack(response_action="update", view=done)
    deps.home.publish(client, me.person, me.now)


def pause_pair(deps: Pairs, ack: Ack, client: WebClient, context: BoltContext) -> None:
    me = acting(context)
    form = parse(PausePairForm, me.values)
    deps.pairing.pause_pair(me.person, form.member, form.until, me.now)
    done = view.pair_paused_modal()
    ack(response_action="update", view=done)
    deps.home.publish(client, me.person, me.now)


LISTENERS: list[Listen[Pairs]] = [
    Listen(App.action, view.ACCEPT, accept),
    Listen(App.action, view.CONCERN, concern),
    Listen(App.action, view.STAGE_SELECT, stage),
    Listen(App.action, view.MET_YES, met),
    Listen(App.action, view.MET_NOT_YET, not_yet),
    Listen(App.action, view.SOMETHING_WRONG, something_wrong),
    Listen(App.shortcut, view.MEETING_SHORTCUT, meeting_from_anywhere),
    Listen(App.view, view.MEETING_MODAL, log_meeting),
    Listen(App.action, view.HOME_ACCEPT, accept_on_home),
    Listen(App.action, view.HOME_STAGE, stage_on_home),
    Listen(App.action, view.HOME_LOG_MEETING, meeting_on_home),
    Listen(App.view, HOME_MEETING_MODAL, log_meeting_on_home),
    Listen(App.action, view.HOME_PAUSE, pause_on_home),
    Listen(App.view, view.HOME_PAUSE_MODAL, paused_on_home),
    Listen(App.action, view.HOME_RESUME, resume_on_home),
    Listen(App.action, re.compile(f"^({'|'.join(_CONSOLE_MODALS)})$"), open_pair_form),
    Listen(App.view, view.MAKE_PAIR_MODAL, make_pair),
    Listen(App.view, view.END_PAIR_MODAL, end_pair),
    Listen(App.view, view.PAUSE_PAIR_MODAL, pause_pair),
]


def show_pair(deps: Pairs, _: ShowPair, call: CommandCall) -> str:
    return view.my_pairs_message(deps.pairing.my_pairs(call.acting.person), call.acting.now)


def move_stage(deps: Pairs, command: MoveStage, call: CommandCall) -> str:
    which = PairChoice(partner=command.partner)
    pair = deps.pairing.move_stage(call.acting.person, command.stage, call.acting.now, which)
    return view.stage_moved_reply(pair)


def log_meeting_command(deps: Pairs, command: LogMeeting, call: CommandCall) -> str:
    me = call.acting
    which = PairChoice(partner=command.partner)
    meeting = deps.checkins.log_meeting(
        me.person, command.met_on, command.minutes, command.topics, me.now, which
    )
    return view.meeting_logged(meeting.met_on, meeting.minutes)


def pause(deps: Pairs, command: Pause, call: CommandCall) -> str:
    deps.pairing.pause(call.acting.person, command.until, call.acting.now)
    return view.paused_reply(command.until)


def team_pairs(deps: Pairs, _: TeamPairs, call: CommandCall) -> str:
    overview = deps.checkins.team_overview(call.acting.person, call.acting.now)
    return view.team_pairs_message(overview)


def team_pair(deps: Pairs, command: TeamPair, call: CommandCall) -> str:
    deps.pairing.pair(call.acting.person, command.mentor, command.mentee, call.acting.now)
    return view.paired_reply(command.mentor, command.mentee)


def team_pause(deps: Pairs, command: TeamPause, call: CommandCall) -> str:
    deps.pairing.pause_pair(call.acting.person, command.member, command.until, call.acting.now)
    return view.pair_paused_reply(command.member, command.until)


def team_unpair(deps: Pairs, command: TeamUnpair, call: CommandCall) -> str:
    me = call.acting
    ended = deps.pairing.unpair(me.person, command.member, command.reason, me.now)
    return view.unpaired_reply(ended, command.reason)


# Its commands: what each reads as (GRAMMAR, composed into /mentoring by handlers/features.py),
# then who answers each (COMMANDS).


@dataclass(frozen=True)
class ShowPair:
    pass


@dataclass(frozen=True)
class MoveStage:
    stage: str
    partner: str | None = None  # for a mentor with several mentees: `stage @Sam growth`


@dataclass(frozen=True)
class LogMeeting:
    met_on: date
    minutes: int
    topics: str
    partner: str | None = None  # for a mentor with several mentees: `met @Sam 2026-01-10 45m`


@dataclass(frozen=True)
class Pause:
    until: date | None


@dataclass(frozen=True)
class TeamPairs:
    pass


@dataclass(frozen=True)
class TeamPair:
    mentor: str
    mentee: str


@dataclass(frozen=True)
class TeamPause:
    member: str
    until: date | None


@dataclass(frozen=True)
class TeamUnpair:
    member: str
    reason: str


_DURATION = re.compile(r"^(?:(?P<h>\d+)h)?(?:(?P<m>\d+)(?:m|min|mins)?)?$")


def _stage(words: list[str], typed: list[str]) -> MoveStage:
    partner, words, _ = naming_partner(words, typed)
    if not words:
        raise NotUnderstood("stage")
    return MoveStage(" ".join(words), partner)


def _meeting(words: list[str], typed: list[str]) -> LogMeeting:
    """`met [@partner] YYYY-MM-DD 45m what we talked about` (the topics as typed)."""
    partner, _, typed = naming_partner(words, typed)
    if len(typed) < 2:
        raise NotUnderstood("met")
    try:
        met_on = date.fromisoformat(typed[0])
    except ValueError:
        raise NotUnderstood("met-date", typed[0]) from None
    duration = _DURATION.match(typed[1].lower())
    minutes = int(duration["h"] or 0) * 60 + int(duration["m"] or 0) if duration else 0
    if not minutes:
        raise NotUnderstood("met-length", typed[1])
    return LogMeeting(met_on, minutes, " ".join(typed[2:]), partner)


def _pause(words: list[str], _: list[str]) -> Pause:
    if words in (["off"], ["stop"], ["end"]):
        return Pause(None)
    if len(words) == 2 and words[0] == "until":
        try:
            return Pause(date.fromisoformat(words[1]))
        except ValueError:
            pass
    raise NotUnderstood("pause")


def _team_pause(words: list[str], typed: list[str]) -> TeamPause:
    return TeamPause(member(typed, "team-pause"), _pause(words[1:], typed[1:]).until)


def _team_pair(_: list[str], typed: list[str]) -> TeamPair:
    people = [mention(w) for w in typed]
    if len(people) != 2 or None in people:
        raise NotUnderstood("team-pair")
    return TeamPair(people[0] or "", people[1] or "")


def _team_unpair(_: list[str], typed: list[str]) -> TeamUnpair:
    reason = " ".join(typed[1:]) or "ended by the project team"
    return TeamUnpair(member(typed, "team-unpair"), reason)


GRAMMAR: Grammar = {
    ("pair",): alone(ShowPair()),
    ("stage",): _stage,
    ("met",): _meeting,
    ("pause",): _pause,
    ("team", "pairs"): alone(TeamPairs()),
    ("team", "pair"): _team_pair,
    ("team", "pause"): _team_pause,
    ("team", "unpair"): _team_unpair,
}


COMMANDS: list[tuple[type, FeatureAnswer[Pairs]]] = [
    (ShowPair, show_pair),
    (MoveStage, move_stage),
    (LogMeeting, log_meeting_command),
    (Pause, pause),
    (TeamPairs, team_pairs),
    (TeamPair, team_pair),
    (TeamPause, team_pause),
    (TeamUnpair, team_unpair),
]
