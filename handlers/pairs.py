"""Pairs: accepting, stages, the agreement, check-in answers and meetings (buttons and modals,
on messages and on the Home), pausing, the console's make, end and pause a pair, and the pair
commands (`pair`, `stage`, `met`, `pause`, `agreement`, and the team's)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated

from pydantic import Field
from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.pairs.model import Agreement, Meeting
from bot.pairs.rules import MAX_MEETING_MINUTES
from bot.pairs.service import CheckInsService, PairingService
from bot.scheme import Stage
from bot.team import Team
from handlers.commands import CommandCall, Commands, FeatureAnswer
from handlers.grammar import (
    EditAgreement,
    LogMeeting,
    MoveStage,
    Pause,
    ShowPair,
    TeamPair,
    TeamPairs,
    TeamPause,
    TeamUnpair,
)
from handlers.home import Home
from handlers.i18n import _
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
from handlers.views.common import done_modal

Id = RowId
HOME_AGREEMENT_MODAL, HOME_MEETING_MODAL = "home_agreement_modal", "home_meeting_modal"


class IdPressed(Payload):
    value: Id  # a pair's or a check-in's id


class StageChosen(Payload):
    pair_id: Id
    stage: Stage


class AgreementForm(Payload):
    """Each field's length is the domain's to check, so a long one is refused beside it."""

    goals: str = ""
    availability: str = ""
    topics: str = ""
    contact: str = ""


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


def concern(deps: Pairs, ack: Ack, client: WebClient, context: BoltContext) -> None:
    ack()
    open_modal(client, acting(context), concerns_view.concern_modal("pairing"))


def stage(deps: Pairs, ack: Ack, action: dict, context: BoltContext) -> None:
    ack()
    _move_to_chosen_stage(deps.pairing, action, acting(context))


def agreement(deps: Pairs, ack: Ack, client: WebClient, context: BoltContext) -> None:
    ack()
    current = deps.pairing.agreement(acting(context).person)
    open_modal(client, acting(context), view.agreement_modal(current))


def save_agreement(deps: Pairs, ack: Ack, context: BoltContext) -> None:
    _save_agreement_form(deps.pairing, acting(context))
    ack()


def _move_to_chosen_stage(pairing: PairingService, action: dict, me: Acting) -> None:
    """The stage menu's choice ("pair id:stage"), on a check-in or on the Home."""
    chosen = parse(MenuChoice, action).selected_option.value
    pair_id, _, stage = chosen.partition(":")
    moved = parse(StageChosen, {"pair_id": pair_id, "stage": stage})
    pairing.move_stage(me.person, moved.stage, me.now, pair_id=moved.pair_id)


def _save_agreement_form(pairing: PairingService, me: Acting) -> None:
    form = parse(AgreementForm, me.values)
    agreement = Agreement(form.goals, form.availability, form.topics, form.contact)
    pairing.save_agreement(me.person, agreement, me.now)


def _log_meeting_form(checkins: CheckInsService, me: Acting) -> Meeting:
    form = parse(MeetingForm, me.values)
    return checkins.log_meeting(me.person, form.met_on, form.minutes, form.topics, me.now)


def met(
    deps: Pairs, ack: Ack, action: dict, respond: Respond, client: WebClient, context: BoltContext
) -> None:
    ack()
    me = acting(context)
    person, pair = deps.checkins.answer(me.person, parse(IdPressed, action).value, "yes", me.now)
    text, blocks = view.answered(person, pair, "yes")
    respond(text=text, blocks=[b.to_dict() for b in blocks], replace_original=True)
    open_modal(client, me, view.meeting_modal(me.now.date()))


def not_yet(deps: Pairs, ack: Ack, action: dict, respond: Respond, context: BoltContext) -> None:
    ack()
    me = acting(context)
    checkin = parse(IdPressed, action).value
    person, pair = deps.checkins.answer(me.person, checkin, "not_yet", me.now)
    text, blocks = view.answered(person, pair, "not_yet")
    respond(text=text, blocks=[b.to_dict() for b in blocks], replace_original=True)


def something_wrong(deps: Pairs, ack: Ack, client: WebClient, context: BoltContext) -> None:
    # Nothing changes in the shared check-in: the partner must see no trace of this.
    ack()
    open_modal(client, acting(context), concerns_view.concern_modal("checkin"))


def meeting_from_anywhere(deps: Pairs, ack: Ack, client: WebClient, context: BoltContext) -> None:
    ack()
    open_modal(client, acting(context), view.meeting_modal(acting(context).now.date()))


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


def agreement_on_home(deps: Pairs, ack: Ack, client: WebClient, context: BoltContext) -> None:
    ack()
    current = deps.pairing.agreement(acting(context).person)
    modal = view.agreement_modal(current, HOME_AGREEMENT_MODAL)
    open_modal(client, acting(context), modal)


def save_agreement_on_home(deps: Pairs, ack: Ack, client: WebClient, context: BoltContext) -> None:
    me = acting(context)
    _save_agreement_form(deps.pairing, me)
    ack()
    deps.home.publish(client, me.person, me.now)


def meeting_on_home(deps: Pairs, ack: Ack, client: WebClient, context: BoltContext) -> None:
    ack()
    modal = view.meeting_modal(acting(context).now.date(), HOME_MEETING_MODAL)
    open_modal(client, acting(context), modal)


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
    done = done_modal(_("Pair made"), _(view.PAIR_MADE))
    ack(response_action="update", view=done)
    deps.home.publish(client, me.person, me.now)


def end_pair(deps: Pairs, ack: Ack, client: WebClient, context: BoltContext) -> None:
    me = acting(context)
    form = parse(MemberForm, me.values)
    deps.pairing.unpair(me.person, form.member, form.reason, me.now)
    done = done_modal(_("Pairing ended"), _(view.PAIR_ENDED))
    ack(response_action="update", view=done)
    deps.home.publish(client, me.person, me.now)


def pause_pair(deps: Pairs, ack: Ack, client: WebClient, context: BoltContext) -> None:
    me = acting(context)
    form = parse(PausePairForm, me.values)
    deps.pairing.pause_pair(me.person, form.member, form.until, me.now)
    done = done_modal(_("Pair paused"), _(view.PAIR_PAUSED))
    ack(response_action="update", view=done)
    deps.home.publish(client, me.person, me.now)


LISTENERS: list[Listen[Pairs]] = [
    Listen(App.action, view.ACCEPT, accept),
    Listen(App.action, view.CONCERN, concern),
    Listen(App.action, view.STAGE_SELECT, stage),
    Listen(App.action, view.AGREEMENT, agreement),
    Listen(App.view, view.AGREEMENT_MODAL, save_agreement),
    Listen(App.action, view.MET_YES, met),
    Listen(App.action, view.MET_NOT_YET, not_yet),
    Listen(App.action, view.SOMETHING_WRONG, something_wrong),
    Listen(App.shortcut, view.MEETING_SHORTCUT, meeting_from_anywhere),
    Listen(App.view, view.MEETING_MODAL, log_meeting),
    Listen(App.action, view.HOME_ACCEPT, accept_on_home),
    Listen(App.action, view.HOME_STAGE, stage_on_home),
    Listen(App.action, view.HOME_AGREEMENT, agreement_on_home),
    Listen(App.view, HOME_AGREEMENT_MODAL, save_agreement_on_home),
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


def edit_agreement(deps: Pairs, _: EditAgreement, call: CommandCall) -> None:
    current = deps.pairing.agreement(call.acting.person)
    open_modal(call.client, call.acting, view.agreement_modal(current))


def show_pair(deps: Pairs, _: ShowPair, call: CommandCall) -> str:
    return view.my_pair_message(deps.pairing.my_pair(call.acting.person), call.acting.now)


def move_stage(deps: Pairs, command: MoveStage, call: CommandCall) -> str:
    pair = deps.pairing.move_stage(call.acting.person, command.stage, call.acting.now)
    return view.stage_moved_reply(pair)


def log_meeting_command(deps: Pairs, command: LogMeeting, call: CommandCall) -> str:
    me = call.acting
    meeting = deps.checkins.log_meeting(
        me.person, command.met_on, command.minutes, command.topics, me.now
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


COMMANDS: list[tuple[type, FeatureAnswer[Pairs]]] = [
    (EditAgreement, edit_agreement),
    (ShowPair, show_pair),
    (MoveStage, move_stage),
    (LogMeeting, log_meeting_command),
    (Pause, pause),
    (TeamPairs, team_pairs),
    (TeamPair, team_pair),
    (TeamPause, team_pause),
    (TeamUnpair, team_unpair),
]
