"""The one place errors are handled: a person's mistake becomes a kind answer to them; anything
else is logged by type and place only (requests can hold personal data) and apologised for."""

from __future__ import annotations

import json
import logging
from typing import Any

from slack_bolt import App, BoltResponse
from slack_bolt.context.respond import Respond
from slack_sdk import WebClient

from bot.errors import UserError

log = logging.getLogger(__name__)
SORRY = "Sorry, something went wrong on my side and I couldn't do that. Please try again in a few minutes."


def register(app: App) -> None:
    @app.error
    def handle(
        error: Exception, body: dict[str, Any], client: WebClient, respond: Respond | None = None
    ) -> BoltResponse:
        if isinstance(error, UserError):
            message = error.message
        else:
            log.error(
                "unhandled %s in a %s request",
                type(error).__name__,
                body.get("type") or "command",
                exc_info=(type(error), error, error.__traceback__),
            )
            message = SORRY
        if body.get("type") == "view_submission":
            # A modal shows the message beside its first input, and stays open with what was typed.
            return BoltResponse(
                status=200,
                body=json.dumps(
                    {"response_action": "errors", "errors": {_first_input(body): message}}
                ),
                headers={"content-type": "application/json"},
            )
        if respond is not None and body.get("response_url"):
            respond(text=message, response_type="ephemeral", replace_original=False)
        elif (
            body.get("type") == "event_callback"
            and body.get("event", {}).get("channel_type") == "im"
        ):
            client.chat_postMessage(channel=body["event"]["channel"], text=message)
        return BoltResponse(status=200, body="")


def _first_input(body: dict[str, Any]) -> str:
    blocks = body.get("view", {}).get("blocks", [])
    return next((b["block_id"] for b in blocks if b.get("type") == "input"), "")
