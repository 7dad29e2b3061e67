"""Evaluations in DMs: the person's messages (Events API), the answer buttons, Start, Submit."""

from __future__ import annotations

import json
import re
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.errors import UserError
from bot.evaluations.engine import Ask, InboxItem
from bot.evaluations.notices import EvaluationReply
from bot.evaluations.service import Answered
from handlers.views import evaluations as view
from mentorbot.services import Services


def register(app: App, services: Services, inline: bool = True) -> None:
    """inline: work on DMs in this process right after acknowledging them (one process, or a
    small deployment); otherwise the clock process drains the inbox."""

    def keep(ack: Ack, body: dict, event: dict) -> None:
        # Only a person's own words in their DM with the bot count; channels, edits and bots never do.
        if (
            event.get("channel_type") == "im"
            and not event.get("subtype")
            and not event.get("bot_id")
            and event.get("user")
        ):
            item = InboxItem(
                body.get("event_id") or event["ts"],
                event["user"],
                event["channel"],
                event.get("text", ""),
                services.clock(),
            )
            services.inbox.accept(item)
        ack()

    def work(event: dict) -> None:
        services.inbox.drain(services.clock())

    app.event("message")(ack=keep, lazy=[work] if inline else [])

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
    text, blocks = view.answered_message(
        EvaluationReply(answered.form, answered.reply, recipient, answered.error)
    )
    client.chat_postMessage(channel=channel, text=text, blocks=[b.to_dict() for b in blocks])


def _settle(respond: Respond, body: dict[str, Any], chosen: str) -> None:
    """The question answered keeps its words and loses its buttons, showing the choice."""
    message = body.get("message", {})
    question = next(
        (b["text"]["text"] for b in message.get("blocks", []) if b.get("type") == "section"),
        message.get("text", ""),
    )
    respond(text=f"{question}\nYou chose: *{chosen}*", replace_original=True)
