"""Buttons and modals of pairs: accept, raise a concern, change stage, record the agreement."""

from __future__ import annotations

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.pairs import Agreement
from bot.services import Services
from handlers import alerts_view
from handlers import pairs_view as view
from handlers.modals import submitted_values


def register(app: App, services: Services) -> None:
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
