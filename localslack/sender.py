"""Sends slash commands, button clicks and events to the bot as Slack does: over HTTP, signed
with the signing secret, in Slack's own envelopes, so the bot's signature check is exercised."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from localslack.server import LocalSlack
from localslack.workspace import Message, Trigger


@dataclass(frozen=True)
class Delivered:
    """The bot's HTTP answer to one request."""

    status: int
    body: str

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


class SignedSender:
    def __init__(
        self, slack: LocalSlack, bot_url: str, signing_secret: str, app_id: str = "ALOCAL0001"
    ):
        self.slack = slack
        self.bot_url = bot_url
        self.signing_secret = signing_secret
        self.app_id = app_id
        self._n = itertools.count(1)
        self._events: dict[str, dict[str, Any]] = {}
        self.last_event_id = ""

    def command(
        self, user_id: str, text: str, command: str = "/mentoring", channel: str | None = None
    ) -> Delivered:
        channel = channel or self.slack.workspace.dm_channel(user_id)
        n = next(self._n)
        form = {
            "token": "deprecated-verification-token",
            "team_id": self.slack.workspace.team_id,
            "team_domain": "local",
            "channel_id": channel,
            "channel_name": "directmessage",
            "user_id": user_id,
            "user_name": self._user_name(user_id),
            "command": command,
            "text": text,
            "api_app_id": self.app_id,
            "is_enterprise_install": "false",
            "response_url": f"{self.slack.url}/respond/{channel}/{user_id}/{n}",
            "trigger_id": self._trigger(user_id, n),
        }
        return self._post(urlencode(form))

    def click(
        self, user_id: str, message: Message, action_id: str, value: str | None = None
    ) -> Delivered:
        """Press a button that is really in `message` (by action_id, and value if given)."""
        button, block_id = _find_button(message, action_id, value)
        action = {
            "type": "button",
            "action_id": button["action_id"],
            "block_id": block_id,
            "value": button.get("value", ""),
            "text": button["text"],
        }
        return self._block_action(user_id, message, action)

    def select(self, user_id: str, message: Message, action_id: str, value: str) -> Delivered:
        """Choose `value` in a select menu that is really in `message`."""
        menu, block_id = _find_button(message, action_id, None)
        option = next((o for o in menu["options"] if o["value"] == value), None)
        assert option is not None, f"no option {value!r} in {action_id!r}"
        action = {
            "type": "static_select",
            "action_id": action_id,
            "block_id": block_id,
            "selected_option": option,
        }
        return self._block_action(user_id, message, action)

    def forge_action(self, user_id: str, message: Message, action: dict[str, Any]) -> Delivered:
        """Sends, signed, an action the message never offered: what an altered client or a
        replayed request could send (the bot must parse it, not trust it)."""
        return self._block_action(user_id, message, action)

    def _block_action(self, user_id: str, message: Message, action: dict[str, Any]) -> Delivered:
        """The block_actions payload Slack sends when someone uses an element of a message."""
        n = next(self._n)
        team = self.slack.workspace.team_id
        payload = {
            "type": "block_actions",
            "user": {"id": user_id, "username": self._user_name(user_id), "team_id": team},
            "api_app_id": self.app_id,
            "token": "deprecated-verification-token",
            "container": {
                "type": "message",
                "message_ts": message.ts,
                "channel_id": message.channel,
                "is_ephemeral": False,
            },
            "trigger_id": self._trigger(user_id, n),
            "team": {"id": team, "domain": "local"},
            "channel": {"id": message.channel, "name": "directmessage"},
            "message": message.as_slack(False),
            "response_url": f"{self.slack.url}/respond/{message.channel}/{user_id}/{n}/{message.ts}",
            "actions": [action | {"action_ts": f"{time.time():.6f}"}],
        }
        return self._post(urlencode({"payload": json.dumps(payload)}))

    def submit_view(
        self, user_id: str, values: dict[str, str], view_id: str | None = None
    ) -> Delivered:
        """Submit the modal the bot opened for this person (the latest, unless view_id is given),
        with {block_id: value} typed into its inputs."""
        view_id, view = self._open_view(user_id, view_id)
        state = {
            block_id: {"value": _input_state(view, block_id, value)}
            for block_id, value in values.items()
        }
        return self._submit(user_id, view_id, view, state, view.get("private_metadata", ""))

    def forge_view(
        self, user_id: str, state: dict[str, Any], private_metadata: str | None = None
    ) -> Delivered:
        """Submits, signed, the person's open modal with any state and metadata: inputs missing,
        options outside the list, altered metadata."""
        view_id, view = self._open_view(user_id, None)
        metadata = (
            view.get("private_metadata", "") if private_metadata is None else private_metadata
        )
        return self._submit(user_id, view_id, view, state, metadata)

    def _open_view(self, user_id: str, view_id: str | None) -> tuple[str, dict[str, Any]]:
        ws = self.slack.workspace
        with ws.lock:
            view_id = view_id or ws.open_modal_of(user_id)
            assert view_id is not None, f"no modal is open for {user_id}"
            return view_id, ws.views[view_id]

    def _submit(
        self,
        user_id: str,
        view_id: str,
        view: dict[str, Any],
        values: dict[str, Any],
        private_metadata: str,
    ) -> Delivered:
        ws = self.slack.workspace
        state = {"values": values}
        payload = {
            "type": "view_submission",
            "team": {"id": ws.team_id, "domain": "local"},
            "user": {"id": user_id, "username": self._user_name(user_id), "team_id": ws.team_id},
            "api_app_id": self.app_id,
            "token": "deprecated-verification-token",
            "trigger_id": self._trigger(user_id, next(self._n)),
            "view": {**view, "id": view_id, "state": state, "private_metadata": private_metadata},
        }
        return self._post(urlencode({"payload": json.dumps(payload)}))

    def dm(self, user_id: str, text: str, retry_of: str | None = None) -> Delivered:
        """The person writes in their DM with the bot: the message appears there and Slack sends
        the bot a message.im event. retry_of resends an earlier event as Slack's retries do."""
        channel = self.slack.workspace.dm_channel(user_id)
        return self._message_event(user_id, channel, text, "im", retry_of)

    def say_in_channel(self, user_id: str, channel: str, text: str) -> Delivered:
        return self._message_event(user_id, channel, text, "channel", None)

    def _message_event(
        self, user_id: str, channel: str, text: str, channel_type: str, retry_of: str | None
    ) -> Delivered:
        ws = self.slack.workspace
        if retry_of is None:
            message = Message(channel, ws.next_ts(), user_id, text)
            with ws.lock:
                ws.messages.append(message)
            event_id = f"Ev{next(self._n):010d}"
            self._events[event_id] = {
                "type": "message",
                "channel": channel,
                "user": user_id,
                "text": text,
                "ts": message.ts,
                "event_ts": message.ts,
                "channel_type": channel_type,
            }
        event_id = retry_of or event_id
        self.last_event_id = event_id
        event = self._events[event_id]
        envelope = message_event(
            ws.team_id,
            self.app_id,
            ws.bot_user,
            user_id,
            event["channel"],
            event["text"],
            event["ts"],
            event_id,
            event["channel_type"],
        )
        headers = {"Content-Type": "application/json"}
        if retry_of:
            headers |= {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
        return self._post(envelope, headers)

    def _post(self, body: str, headers: dict[str, str] | None = None) -> Delivered:
        return post_signed(self.bot_url, self.signing_secret, body, headers)

    def _trigger(self, user_id: str, n: int) -> str:
        trigger = f"{n}.{int(time.time())}.trigger"
        with self.slack.workspace.lock:
            self.slack.workspace.triggers[trigger] = Trigger(user_id)
        return trigger

    def _user_name(self, user_id: str) -> str:
        user = self.slack.workspace.users.get(user_id)
        return user.name.split()[0].lower() if user else user_id.lower()


def _find_button(message: Message, action_id: str, value: str | None) -> tuple[dict[str, Any], str]:
    for block in message.blocks:
        for element in block.get("elements", []) + (
            [block["accessory"]] if "accessory" in block else []
        ):
            if element.get("action_id") == action_id and (
                value is None or element.get("value") == value
            ):
                return element, block.get("block_id", "")
    raise AssertionError(f"no button {action_id!r} in the message {message.text!r}")


def _input_state(view: dict[str, Any], block_id: str, value: str) -> dict[str, Any]:
    block = next((b for b in view.get("blocks", []) if b.get("block_id") == block_id), None)
    assert block is not None and block.get("type") == "input", f"no input {block_id!r} in the modal"
    kind = block["element"]["type"]
    if kind == "datepicker":
        return {"type": kind, "selected_date": value}
    if kind in ("radio_buttons", "static_select"):
        option = next((o for o in block["element"]["options"] if o["value"] == value), None)
        assert option is not None, f"no option {value!r} in {block_id!r}"
        return {"type": kind, "selected_option": option}
    return {"type": kind, "value": value}


def post_signed(
    url: str, signing_secret: str, body: str, headers: dict[str, str] | None = None
) -> Delivered:
    """POSTs a body to the bot signed as Slack signs it (v0 HMAC-SHA256 of timestamp and body)."""
    timestamp = str(int(time.time()))
    basestring = f"v0:{timestamp}:{body}".encode()
    signature = "v0=" + hmac.new(signing_secret.encode(), basestring, hashlib.sha256).hexdigest()
    request = urllib.request.Request(
        url,
        data=body.encode(),
        method="POST",
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Slack-Request-Timestamp": timestamp,
            "X-Slack-Signature": signature,
        }
        | (headers or {}),
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return Delivered(response.status, response.read().decode())
    except urllib.error.HTTPError as error:
        return Delivered(error.code, error.read().decode())


def message_event(
    team_id: str,
    app_id: str,
    bot_user: str,
    user_id: str,
    channel: str,
    text: str,
    ts: str,
    event_id: str,
    channel_type: str = "im",
) -> str:
    """The Events API envelope Slack sends for a message the person wrote (message.im)."""
    event = {
        "type": "message",
        "channel": channel,
        "user": user_id,
        "text": text,
        "ts": ts,
        "event_ts": ts,
        "channel_type": channel_type,
    }
    return json.dumps(
        {
            "token": "deprecated-verification-token",
            "team_id": team_id,
            "api_app_id": app_id,
            "event": event,
            "type": "event_callback",
            "event_id": event_id,
            "event_time": int(float(ts)),
            "authed_users": [bot_user],
            "authorizations": [_authorization(team_id, bot_user)],
        }
    )


def _authorization(team_id: str, bot_user: str) -> dict[str, Any]:
    return {"team_id": team_id, "user_id": bot_user, "is_bot": True, "is_enterprise_install": False}
