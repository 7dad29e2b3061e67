"""The one place errors are handled: a person's mistake becomes a kind answer to them; a request
that does not parse is refused kindly with nothing changed; anything else is logged by type and
place only (requests can hold personal data) and apologised for. A request whose signature was
never checked is answered by no one."""

from __future__ import annotations

import json
import logging
import traceback
from typing import Any

from slack_bolt import App, BoltContext, BoltResponse
from slack_bolt.context.respond import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.errors import FieldError, UserError
from handlers import i18n
from handlers.grammar import NotUnderstood
from handlers.middleware import BadPayload
from handlers.views import commands as commands_view
from handlers.views import common as view
from handlers.views.mrkdwn import as_plain_text

log = logging.getLogger(__name__)


def register(app: App) -> None:
    @app.error
    def handle(
        error: Exception,
        body: dict[str, Any],
        client: WebClient,
        context: BoltContext,
        respond: Respond | None = None,
    ) -> BoltResponse:
        if context.authorize_result is None:
            return _unverified(error)
        message = _words_for(error, body)
        if body.get("type") == "view_submission":
            # A modal shows the message beside the input concerned (or its first), and stays
            # open with what was typed.
            field = _input_for(error, body)
            shown = as_plain_text(message, lambda user: _name_of(client, user))
            return _json({"response_action": "errors", "errors": {field: shown}})
        if respond is not None and body.get("response_url"):
            respond(text=message, response_type="ephemeral", replace_original=False)
        elif _is_dm(body):
            client.chat_postMessage(channel=body["event"]["channel"], text=message)
        elif _is_from_a_view(body):
            # A button on the Home tab or in a modal has no conversation to answer in: the
            # person hears in their DM with the bot.
            client.chat_postMessage(channel=body["user"]["id"], text=message)
        return BoltResponse(status=200, body="")


def _unverified(error: Exception) -> BoltResponse:
    """Bolt authorises a request only after its signature checked (or when it came over Socket
    Mode's own connection), so an error before then may be in a forged request: its body's
    response_url, channel or user are not Slack's, and answering them would let anyone make the
    bot post. Nothing of the body is logged either."""
    log.warning(
        "refused a request that failed before its signature was checked (%s)",
        type(error).__name__,
    )
    return BoltResponse(status=401, body="")


def _words_for(error: Exception, body: dict[str, Any]) -> str:
    if isinstance(error, UserError):
        return view.user_error(error)
    if isinstance(error, NotUnderstood):
        return commands_view.not_understood(error)
    if isinstance(error, BadPayload):
        log.warning("refused a %s request that did not parse (%s)", _kind(body), error)
        return i18n._(view.BAD_PAYLOAD)
    # Where it happened, never its message: an error's words can repeat what someone typed.
    log.error(
        "unhandled %s in a %s request\n%s",
        type(error).__name__,
        _kind(body),
        "".join(traceback.format_tb(error.__traceback__)),
    )
    return i18n._(view.SORRY)


def _name_of(client: WebClient, user: str) -> str:
    """A person's name as Slack shows it, for a form's error (plain text, where a mention would
    show as raw markup); their id when Slack cannot say."""
    try:
        found = client.users_info(user=user)["user"]
    except SlackApiError:
        return user
    profile = found.get("profile") or {}
    return str(profile.get("display_name") or found.get("real_name") or found.get("name") or user)


def _kind(body: dict[str, Any]) -> str:
    return str(body.get("type") or "command")


def _is_dm(body: dict[str, Any]) -> bool:
    """An event in a person's DM with the bot (a DM channel's id begins with D)."""
    event = body.get("event")
    return (
        body.get("type") == "event_callback"
        and isinstance(event, dict)
        and event.get("channel_type") == "im"
        and _slack_id(event.get("channel"), "D")
    )


def _is_from_a_view(body: dict[str, Any]) -> bool:
    user = body.get("user")
    return (
        body.get("type") in ("block_actions", "shortcut")
        and isinstance(user, dict)
        and _slack_id(user.get("id"), "UW")
    )


def _slack_id(value: object, first: str) -> bool:
    """Whether `value` looks like a Slack id of that kind: the apology goes nowhere else."""
    return isinstance(value, str) and value[:1] in first and value[1:].isalnum() and len(value) < 24


def _json(payload: dict[str, Any]) -> BoltResponse:
    return BoltResponse(
        status=200, body=json.dumps(payload), headers={"content-type": "application/json"}
    )


def _input_for(error: Exception, body: dict[str, Any]) -> str:
    """The input an error is about, when the form shows it; otherwise the form's first."""
    view = body.get("view")
    blocks = view.get("blocks") if isinstance(view, dict) else None
    inputs = [
        b["block_id"]
        for b in (blocks if isinstance(blocks, list) else [])
        if isinstance(b, dict) and b.get("type") == "input" and isinstance(b.get("block_id"), str)
    ]
    if isinstance(error, FieldError) and error.field in inputs:
        return error.field
    return next(iter(inputs), "")
