"""Raising a concern (modal), and the team's buttons on alerts: Acknowledge, I'll take this,
Resolved (with a note)."""

from __future__ import annotations

import json

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.concerns.rules import Concern
from handlers.modals import submitted_values
from handlers.views import concerns as view
from mentorbot.services import Services


def register(app: App, services: Services) -> None:
    @app.action(view.RAISE)
    def raise_from_dm(ack: Ack, body: dict, client: WebClient) -> None:
        ack()
        client.views_open(trigger_id=body["trigger_id"], view=view.concern_modal("dm"))

    @app.view(view.CONCERN_MODAL)
    def send_concern(ack: Ack, body: dict) -> None:
        source = json.loads(body["view"].get("private_metadata") or "{}").get("source", "command")
        values = submitted_values(body["view"])
        # Errors (an empty text) come back in the modal through the global error handler.
        services.alerts.raise_concern(
            body["user"]["id"],
            source,
            values["text"],
            services.clock(),
            urgency=values.get("urgency") or "soon",
            contact=values.get("contact", ""),
        )
        ack()

    @app.action(view.ACKNOWLEDGE)
    def acknowledge(ack: Ack, body: dict, action: dict, respond: Respond) -> None:
        ack()
        _refresh(
            respond,
            body,
            services.alerts.acknowledge(body["user"]["id"], int(action["value"]), services.clock()),
        )

    @app.action(view.TAKE)
    def take(ack: Ack, body: dict, action: dict, respond: Respond) -> None:
        ack()
        _refresh(
            respond,
            body,
            services.alerts.take(body["user"]["id"], int(action["value"]), services.clock()),
        )

    @app.action(view.RESOLVE)
    def resolve(ack: Ack, body: dict, action: dict, client: WebClient) -> None:
        ack()
        services.team.require_member(body["user"]["id"])
        client.views_open(
            trigger_id=body["trigger_id"], view=view.resolve_modal(int(action["value"]))
        )

    @app.view(view.RESOLVE_MODAL)
    def resolved(ack: Ack, body: dict, client: WebClient) -> None:
        concern_id = json.loads(body["view"]["private_metadata"])["concern"]
        concern = services.alerts.resolve(
            body["user"]["id"], concern_id, submitted_values(body["view"])["note"], services.clock()
        )
        ack()
        client.chat_postMessage(
            channel=services.team.channel,
            text=f":white_check_mark: Concern #{concern.id} resolved by <@{body['user']['id']}>.",
        )


def _refresh(respond: Respond, body: dict, concern: Concern) -> None:
    """The alert's status line and buttons follow the concern; its words stay as they were."""
    kept = [b for b in body["message"]["blocks"] if b.get("type") == "section"]
    blocks = kept + [b.to_dict() for b in view.alert_controls(concern)]
    respond(text=body["message"].get("text", ""), blocks=blocks, replace_original=True)
