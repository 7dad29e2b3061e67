"""The check-in buttons (Yes / Not yet / Something's wrong) and the meeting modal."""

from __future__ import annotations

from datetime import date

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.errors import UserError
from bot.services import Services
from handlers import alerts_view
from handlers import pairs_view as view
from handlers.modals import submitted_values


def register(app: App, services: Services) -> None:
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
