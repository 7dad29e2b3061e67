"""The "I'll be there" / "I can't make it" buttons on event reminders."""

from __future__ import annotations

import re

from slack_bolt import Ack, App, Respond

from bot.events.service import Answer
from handlers.views.events import RSVP_NO, RSVP_YES, rsvp_confirmation
from mentorbot.services import Services


def register(app: App, services: Services) -> None:
    @app.action(re.compile(f"^({RSVP_YES}|{RSVP_NO})$"))
    def reply(ack: Ack, body: dict, action: dict, respond: Respond) -> None:
        ack()
        answer: Answer = "yes" if action["action_id"] == RSVP_YES else "no"
        mine = services.events.reply(body["user"]["id"], action["value"], answer, services.clock())
        respond(
            text=rsvp_confirmation(mine, services.programme),
            replace_original=False,
            response_type="ephemeral",
        )
