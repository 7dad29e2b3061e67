"""Buttons and modals of pairs: accept, raise a concern, change stage, record the agreement."""

from __future__ import annotations

from datetime import date

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.errors import UserError
from bot.pairs.rules import Agreement
from handlers.modals import submitted_values
from handlers.views import concerns as alerts_view
from handlers.views import pairs as view
from mentorbot.services import Services


def register(app: App, services: Services) -> None:
    register_checkins(app, services)

    @app.action(view.ACCEPT)
    def accept(ack: Ack, body: dict, action: dict, respond: Respond) -> None:
        ack()
        pair = services.pairing.accept(body["user"]["id"], int(action["value"]), services.clock())
        waiting = (
            " I'll let you both know when your partner has accepted too."
            if pair.status == "awaiting"
            else ""
        )
        respond(
            text=f"Thank you for accepting the pairing.{waiting}",
            replace_original=False,
            response_type="ephemeral",
        )

    @app.action(view.CONCERN)
    def concern(ack: Ack, body: dict, client: WebClient) -> None:
        ack()
        client.views_open(trigger_id=body["trigger_id"], view=alerts_view.concern_modal("pairing"))

    @app.action(view.STAGE_SELECT)
    def stage(ack: Ack, body: dict, action: dict, respond: Respond) -> None:
        ack()
        pair_id, stage = action["selected_option"]["value"].split(":", 1)
        services.pairing.move_stage(
            body["user"]["id"], stage, services.clock(), pair_id=int(pair_id)
        )

    @app.action(view.AGREEMENT)
    def agreement(ack: Ack, body: dict, client: WebClient) -> None:
        ack()
        open_agreement(client, services, body["user"]["id"], body["trigger_id"])

    @app.view(view.AGREEMENT_MODAL)
    def save_agreement(ack: Ack, body: dict) -> None:
        values = submitted_values(body["view"])
        agreement = Agreement(
            values["goals"], values["availability"], values["topics"], values["contact"]
        )
        services.pairing.save_agreement(body["user"]["id"], agreement, services.clock())
        ack()


def open_agreement(client: WebClient, services: Services, user_id: str, trigger_id: str) -> None:
    current = services.pairing.my_pair(user_id).agreement
    client.views_open(trigger_id=trigger_id, view=view.agreement_modal(current))


def register_checkins(app: App, services: Services) -> None:
    @app.action(view.MET_YES)
    def met(ack: Ack, body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        ack()
        person, pair = services.checkins.answer(
            body["user"]["id"], int(action["value"]), "yes", services.clock()
        )
        text, blocks = view.answered(person, pair, "yes")
        respond(text=text, blocks=[b.to_dict() for b in blocks], replace_original=True)
        client.views_open(
            trigger_id=body["trigger_id"], view=view.meeting_modal(services.clock().date())
        )

    @app.action(view.MET_NOT_YET)
    def not_yet(ack: Ack, body: dict, action: dict, respond: Respond) -> None:
        ack()
        person, pair = services.checkins.answer(
            body["user"]["id"], int(action["value"]), "not_yet", services.clock()
        )
        text, blocks = view.answered(person, pair, "not_yet")
        respond(text=text, blocks=[b.to_dict() for b in blocks], replace_original=True)

    @app.action(view.SOMETHING_WRONG)
    def something_wrong(ack: Ack, body: dict, client: WebClient) -> None:
        # Nothing changes in the shared check-in: the partner must see no trace of this.
        ack()
        client.views_open(trigger_id=body["trigger_id"], view=alerts_view.concern_modal("checkin"))

    @app.view(view.MEETING_MODAL)
    def log_meeting(ack: Ack, body: dict) -> None:
        values = submitted_values(body["view"])
        try:
            meeting = services.checkins.log_meeting(
                body["user"]["id"],
                date.fromisoformat(values["met_on"]),
                int(values["minutes"] or 0),
                values.get("topics", ""),
                services.clock(),
            )
        except UserError as error:
            ack(response_action="errors", errors={"met_on": error.message})
            return
        ack(
            response_action="update",
            view=_done(view.meeting_logged(meeting.met_on, meeting.minutes)),
        )


def _done(message: str) -> dict:
    return {
        "type": "modal",
        "title": {"type": "plain_text", "text": "Log a meeting"},
        "close": {"type": "plain_text", "text": "Close"},
        "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": message}}],
    }
