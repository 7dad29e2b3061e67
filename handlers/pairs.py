"""Pairs: accepting, stages, the agreement, check-in answers and meetings (buttons and modals),
and the pair commands (`pair`, `stage`, `met`, `pause`, `agreement`, and the team's)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import Field
from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.pairs.model import Agreement, Meeting
from bot.pairs.rules import MAX_MEETING_MINUTES
from bot.pairs.service import CheckInsService, PairingService
from bot.scheme import Stage
from handlers.commands import CommandCall, Commands
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
from handlers.middleware import Acting, MenuChoice, Payload, RowId, acting, open_modal, parse
from handlers.views import concerns as concerns_view
from handlers.views import pairs as view

Id = RowId


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


class MeetingForm(Payload):
    met_on: date
    minutes: Annotated[int, Field(ge=1, le=MAX_MEETING_MINUTES)]
    topics: str = ""


def register(
    app: App, commands: Commands, pairing: PairingService, checkins: CheckInsService
) -> None:
    _register_pairing(app, pairing)
    _register_checkins(app, checkins)
    _register_commands(commands, pairing, checkins)
    _register_team_commands(commands, pairing, checkins)


def _register_pairing(app: App, pairing: PairingService) -> None:
    @app.action(view.ACCEPT)
    def accept(ack: Ack, action: dict, respond: Respond, context: BoltContext) -> None:
        ack()
        me = acting(context)
        pair = pairing.accept(me.person, parse(IdPressed, action).value, me.now)
        respond(text=view.accepted(pair), replace_original=False, response_type="ephemeral")

    @app.action(view.CONCERN)
    def concern(ack: Ack, client: WebClient, context: BoltContext) -> None:
        ack()
        open_modal(client, acting(context), concerns_view.concern_modal("pairing"))

    @app.action(view.STAGE_SELECT)
    def stage(ack: Ack, action: dict, context: BoltContext) -> None:
        ack()
        move_to_chosen_stage(pairing, action, acting(context))

    @app.action(view.AGREEMENT)
    def agreement(ack: Ack, body: dict, client: WebClient, context: BoltContext) -> None:
        ack()
        current = pairing.agreement(acting(context).person)
        open_modal(client, acting(context), view.agreement_modal(current))

    @app.view(view.AGREEMENT_MODAL)
    def save_agreement(ack: Ack, context: BoltContext) -> None:
        save_agreement_form(pairing, acting(context))
        ack()


def move_to_chosen_stage(pairing: PairingService, action: dict, me: Acting) -> None:
    """The stage menu's choice ("pair id:stage"), on a check-in or on the Home."""
    chosen = parse(MenuChoice, action).selected_option.value
    pair_id, _, stage = chosen.partition(":")
    moved = parse(StageChosen, {"pair_id": pair_id, "stage": stage})
    pairing.move_stage(me.person, moved.stage, me.now, pair_id=moved.pair_id)


def save_agreement_form(pairing: PairingService, me: Acting) -> None:
    form = parse(AgreementForm, me.values)
    agreement = Agreement(form.goals, form.availability, form.topics, form.contact)
    pairing.save_agreement(me.person, agreement, me.now)


def log_meeting_form(checkins: CheckInsService, me: Acting) -> Meeting:
    form = parse(MeetingForm, me.values)
    return checkins.log_meeting(me.person, form.met_on, form.minutes, form.topics, me.now)


def _register_checkins(app: App, checkins: CheckInsService) -> None:
    @app.action(view.MET_YES)
    def met(
        ack: Ack,
        body: dict,
        action: dict,
        respond: Respond,
        client: WebClient,
        context: BoltContext,
    ) -> None:
        ack()
        me = acting(context)
        person, pair = checkins.answer(me.person, parse(IdPressed, action).value, "yes", me.now)
        text, blocks = view.answered(person, pair, "yes")
        respond(text=text, blocks=[b.to_dict() for b in blocks], replace_original=True)
        open_modal(client, acting(context), view.meeting_modal(me.now.date()))

    @app.action(view.MET_NOT_YET)
    def not_yet(ack: Ack, action: dict, respond: Respond, context: BoltContext) -> None:
        ack()
        me = acting(context)
        person, pair = checkins.answer(me.person, parse(IdPressed, action).value, "not_yet", me.now)
        text, blocks = view.answered(person, pair, "not_yet")
        respond(text=text, blocks=[b.to_dict() for b in blocks], replace_original=True)

    @app.action(view.SOMETHING_WRONG)
    def something_wrong(ack: Ack, client: WebClient, context: BoltContext) -> None:
        # Nothing changes in the shared check-in: the partner must see no trace of this.
        ack()
        open_modal(client, acting(context), concerns_view.concern_modal("checkin"))

    @app.shortcut(view.MEETING_SHORTCUT)
    def meeting_from_anywhere(
        ack: Ack, body: dict, client: WebClient, context: BoltContext
    ) -> None:
        ack()
        open_modal(client, acting(context), view.meeting_modal(acting(context).now.date()))

    @app.view(view.MEETING_MODAL)
    def log_meeting(ack: Ack, context: BoltContext) -> None:
        meeting = log_meeting_form(checkins, acting(context))
        ack(response_action="update", view=view.meeting_logged_modal(meeting))


def _register_commands(
    commands: Commands, pairing: PairingService, checkins: CheckInsService
) -> None:
    def edit_agreement(_: EditAgreement, call: CommandCall) -> None:
        current = pairing.agreement(call.acting.person)
        open_modal(call.client, call.acting, view.agreement_modal(current))

    def show_pair(_: ShowPair, call: CommandCall) -> str:
        return view.my_pair_message(pairing.my_pair(call.acting.person), call.acting.now)

    def move_stage(command: MoveStage, call: CommandCall) -> str:
        pair = pairing.move_stage(call.acting.person, command.stage, call.acting.now)
        return view.stage_moved_reply(pair)

    def log_meeting(command: LogMeeting, call: CommandCall) -> str:
        meeting = checkins.log_meeting(
            call.acting.person, command.met_on, command.minutes, command.topics, call.acting.now
        )
        return view.meeting_logged(meeting.met_on, meeting.minutes)

    def pause(command: Pause, call: CommandCall) -> str:
        pairing.pause(call.acting.person, command.until, call.acting.now)
        return view.paused_reply(command.until)

    commands.on(EditAgreement, edit_agreement)
    commands.on(ShowPair, show_pair)
    commands.on(MoveStage, move_stage)
    commands.on(LogMeeting, log_meeting)
    commands.on(Pause, pause)


def _register_team_commands(
    commands: Commands, pairing: PairingService, checkins: CheckInsService
) -> None:
    def team_pairs(_: TeamPairs, call: CommandCall) -> str:
        return view.team_pairs_message(checkins.team_overview(call.acting.person, call.acting.now))

    def team_pair(command: TeamPair, call: CommandCall) -> str:
        pairing.pair(call.acting.person, command.mentor, command.mentee, call.acting.now)
        return view.paired_reply(command.mentor, command.mentee)

    def team_pause(command: TeamPause, call: CommandCall) -> str:
        pairing.pause_pair(call.acting.person, command.member, command.until, call.acting.now)
        return view.pair_paused_reply(command.member, command.until)

    def team_unpair(command: TeamUnpair, call: CommandCall) -> str:
        ended = pairing.unpair(call.acting.person, command.member, command.reason, call.acting.now)
        return view.unpaired_reply(ended, command.reason)

    commands.on(TeamPairs, team_pairs)
    commands.on(TeamPair, team_pair)
    commands.on(TeamPause, team_pause)
    commands.on(TeamUnpair, team_unpair)
