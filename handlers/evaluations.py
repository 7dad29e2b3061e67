"""Evaluations in DMs: the person's messages (Events API), the answer buttons, Start, Submit."""

from __future__ import annotations

import json
import re
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.errors import UserError
from bot.evaluations import Ask
from bot.evaluations_service import Answered
from bot.services import Services
from handlers import evaluations_view as view


def register(app: App, services: Services) -> None:
    @app.event("message")
    def direct_message(body: dict, event: dict, client: WebClient) -> None:
        # Only a person's own words in their DM with the bot count; channels, edits and bots never do.
        if (
            event.get("channel_type") != "im"
            or event.get("subtype")
            or event.get("bot_id")
            or not event.get("user")
        ):
            return
        now = services.clock()
        if not services.processed.first_time(body.get("event_id", ""), now):
            return  # Slack retried an event we already handled
        user = event["user"]
        _post(
            client,
            event["channel"],
            services.evaluations.message(user, event.get("text", ""), now),
            user,
        )

    @app.action(re.compile(f"^{view.ANSWER}:"))
    def answer(ack: Ack, body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        ack()
        chosen, user = json.loads(action["value"]), body["user"]["id"]
        if chosen.get("u") != user:
            raise UserError(view.not_yours())
        answered = services.evaluations.button(
            user, chosen["f"], chosen["q"], chosen["v"], services.clock()
        )
        if not (isinstance(answered.reply, Ask) and answered.reply.error):
            _settle(respond, body, action["text"]["text"])
        _post(client, body["channel"]["id"], answered, user)

    @app.action(view.START)
    def start(ack: Ack, body: dict, action: dict, client: WebClient) -> None:
        ack()
        user = body["user"]["id"]
        _post(
            client,
            body["channel"]["id"],
            services.evaluations.start(user, action["value"], services.clock()),
            user,
        )

    @app.action(view.SUBMIT)
    def submit(ack: Ack, body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        ack()
        user = body["user"]["id"]
        answered = services.evaluations.submit(user, action["value"], services.clock())
        _settle(respond, body, "Submit")
        _post(client, body["channel"]["id"], answered, user)


def _post(client: WebClient, channel: str, answered: Answered, recipient: str) -> None:
    if answered.reply is not None and answered.form is not None:
        text, blocks = view.reply_message(answered.form, answered.reply, recipient)
        client.chat_postMessage(channel=channel, text=text, blocks=[b.to_dict() for b in blocks])
    elif answered.message == "closed" and answered.form is not None:
        client.chat_postMessage(channel=channel, text=view.closed(answered.form))
    else:
        client.chat_postMessage(channel=channel, text=view.nothing_open())


def _settle(respond: Respond, body: dict[str, Any], chosen: str) -> None:
    """The question answered keeps its words and loses its buttons, showing the choice."""
    message = body.get("message", {})
    question = next(
        (b["text"]["text"] for b in message.get("blocks", []) if b.get("type") == "section"),
        message.get("text", ""),
    )
    respond(text=f"{question}\nYou chose: *{chosen}*", replace_original=True)
