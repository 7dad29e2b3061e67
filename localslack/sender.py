"""Sends slash commands, shortcuts, the use of elements in messages, Home tabs and modals, modal
submissions and events to the bot as Slack does: over HTTP, signed with the signing secret, in
Slack's own envelopes, so the bot's signature check is exercised. Each use is of an element the
surface really shows (forge_* send what it does not); the bot's answer to a submission closes,
updates or stacks the modal as Slack would."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any
from urllib.parse import urlencode

from localslack.api import view_problems
from localslack.server import LocalSlack
from localslack.workspace import MODAL_STACK_LIMIT, Message, Trigger, Workspace


@dataclass(frozen=True)
class Delivered:
    """The bot's HTTP answer to one request."""

    status: int
    body: str

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None

    @property
    def response_action(self) -> str | None:
        """How the bot answered a view_submission: "errors", "update", "push", "clear", or
        None when it just acknowledged (which closes the view)."""
        answer = self.answer()
        return str(answer["response_action"]) if "response_action" in answer else None

    @property
    def errors(self) -> dict[str, str]:
        """The messages a view_submission's answer shows beside its inputs, by block_id."""
        return dict(self.answer().get("errors") or {}) if self.response_action == "errors" else {}

    def answer(self) -> dict[str, Any]:
        """The body as a JSON object; {} when it is empty or not one (a bare acknowledgement)."""
        try:
            answer = self.json()
        except json.JSONDecodeError:
            return {}
        return answer if isinstance(answer, dict) else {}


# What a person chose in an element: a value, an option's value, a date ("2025-11-20"), a time
# ("14:30"), a user id; a list of them for a multi-select or checkboxes; file ids for a file input.
Choice = str | int | list[str]


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
        self._last_interaction: dict[str, Any] | None = None

    # Slash commands and shortcuts ----------------------------------------------------------

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
        return self._send_command(form)

    def shortcut(self, user_id: str, callback_id: str) -> Delivered:
        """The person runs the app's global shortcut `callback_id` (from search or the composer):
        no channel, no response_url; a trigger_id the bot can open a modal with."""
        n = next(self._n)
        payload = self._interaction("shortcut", user_id, n) | {
            "callback_id": callback_id,
            "action_ts": self.slack.workspace.next_ts(),
        }
        return self._interact(payload)

    def message_shortcut(self, user_id: str, message: Message, callback_id: str) -> Delivered:
        """The person runs the app's message shortcut `callback_id` on `message`."""
        n = next(self._n)
        payload = self._interaction("message_action", user_id, n) | {
            "callback_id": callback_id,
            "channel": {"id": message.channel, "name": self._channel_name(message.channel)},
            "message": message.as_slack(False),
            "message_ts": message.ts,
            "action_ts": self.slack.workspace.next_ts(),
            "response_url": f"{self.slack.url}/respond/{message.channel}/{user_id}/{n}",
        }
        return self._interact(payload)

    # Elements of a message -----------------------------------------------------------------

    def click(
        self,
        user_id: str,
        message: Message,
        action_id: str,
        value: str | None = None,
        block_id: str | None = None,
    ) -> Delivered:
        """Press a button that is really in `message` (by action_id, and value and block_id if
        given)."""
        action = _button_action(message.blocks, action_id, value, "the message", block_id)
        return self._block_action(user_id, message, action)

    def select(
        self,
        user_id: str,
        message: Message,
        action_id: str,
        value: Choice,
        block_id: str | None = None,
    ) -> Delivered:
        """Choose in a menu, overflow, date or time picker, radio buttons or checkboxes that is
        really in `message` (an option's value; a list of them for checkboxes: those ticked).
        The element keeps the choice, for this person, in the state sent with every action in
        the message from then on, as Slack's client keeps it."""
        action = _choice_action(message.blocks, action_id, value, "the message", block_id)
        self._keep_choice(user_id, message.place(), action)
        return self._block_action(user_id, message, action)

    def forge_action(self, user_id: str, message: Message, action: dict[str, Any]) -> Delivered:
        """Sends, signed, an action the message never offered: what an altered client or a
        replayed request could send (the bot must parse it, not trust it)."""
        return self._block_action(user_id, message, action)

    def _block_action(self, user_id: str, message: Message, action: dict[str, Any]) -> Delivered:
        """The block_actions payload Slack sends when someone uses an element of a message, with
        the state of every element in it as this person left it; each press its own action_ts,
        as Slack's are, even when a test's clock stands still."""
        ws = self.slack.workspace
        state = shown_state(message.blocks, ws.choices_in(user_id, message.place()))
        n = next(self._n)
        payload = self._interaction("block_actions", user_id, n) | {
            "container": {
                "type": "message",
                "message_ts": message.ts,
                "channel_id": message.channel,
                "is_ephemeral": False,
            },
            "channel": {"id": message.channel, "name": self._channel_name(message.channel)},
            "message": message.as_slack(False),
            "state": {"values": state},
            "response_url": f"{self.slack.url}/respond/{message.channel}/{user_id}/{n}/{message.ts}",
            "actions": [action | {"action_ts": ws.next_ts()}],
        }
        return self._interact(payload)

    # The Home tab ------------------------------------------------------------------------------

    def open_home(self, user_id: str) -> Delivered:
        """The person opens the app's Home tab: Slack sends app_home_opened, with the view the
        app last published for them, if any."""
        ws = self.slack.workspace
        event: dict[str, Any] = {
            "type": "app_home_opened",
            "user": user_id,
            "channel": ws.dm_channel(user_id),
            "tab": "home",
            "event_ts": ws.next_ts(),
        }
        home = ws.home_view(user_id)
        if home is not None:
            event["view"] = home
        event_id = _new_event_id()
        self.last_event_id = event_id
        return self._send_event(
            event_envelope(ws.team_id, self.app_id, ws.bot_user, event, event_id)
        )

    def click_home(
        self,
        user_id: str,
        action_id: str,
        value: str | None = None,
        block_id: str | None = None,
    ) -> Delivered:
        """Press a button that is really in the person's Home tab (by action_id, and value)."""
        view = self._home(user_id)
        action = _button_action(view["blocks"], action_id, value, "the Home tab", block_id)
        return self._view_action(user_id, view, action)

    def select_home(
        self, user_id: str, action_id: str, value: Choice, block_id: str | None = None
    ) -> Delivered:
        """Choose in an element of the person's Home tab, as select() does in a message."""
        view = self._home(user_id)
        action = _choice_action(view["blocks"], action_id, value, "the Home tab", block_id)
        self._keep_choice(user_id, view["id"], action)
        return self._view_action(user_id, view, action)

    def forge_home_action(self, user_id: str, action: dict[str, Any]) -> Delivered:
        """Sends, signed, an action the person's Home tab never offered."""
        return self._view_action(user_id, self._home(user_id), action)

    def _home(self, user_id: str) -> dict[str, Any]:
        home = self.slack.workspace.home_view(user_id)
        assert home is not None, f"the app has published no Home tab for {user_id}"
        return home

    # Modals --------------------------------------------------------------------------------

    def click_modal(
        self,
        user_id: str,
        action_id: str,
        value: str | None = None,
        view_id: str | None = None,
        block_id: str | None = None,
    ) -> Delivered:
        """Press a button in the person's open modal (the view on top, unless view_id)."""
        view = self._open_view(user_id, view_id)
        action = _button_action(view["blocks"], action_id, value, "the modal", block_id)
        return self._view_action(user_id, view, action)

    def select_modal(
        self,
        user_id: str,
        action_id: str,
        value: Choice,
        view_id: str | None = None,
        block_id: str | None = None,
    ) -> Delivered:
        """Choose in an element of the person's open modal that acts at once (in an actions
        block, a section's accessory, or an input with dispatch_action)."""
        view = self._open_view(user_id, view_id)
        action = _choice_action(view["blocks"], action_id, value, "the modal", block_id)
        self._keep_choice(user_id, view["id"], action)
        return self._view_action(user_id, view, action)

    def _view_action(self, user_id: str, view: dict[str, Any], action: dict[str, Any]) -> Delivered:
        """The block_actions payload Slack sends for an element of a Home tab or a modal: no
        channel, no response_url, the view's state inside it; in a modal its trigger_id can
        push a view onto it."""
        n = next(self._n)
        trigger_view = view["id"] if view["type"] == "modal" else None
        chosen = self.slack.workspace.choices_in(user_id, view["id"])
        payload = self._interaction("block_actions", user_id, n, trigger_view) | {
            "container": {"type": "view", "view_id": view["id"]},
            "view": view | {"state": {"values": shown_state(view["blocks"], chosen)}},
            "actions": [action | {"action_ts": self.slack.workspace.next_ts()}],
        }
        return self._interact(payload)

    def _keep_choice(self, user_id: str, where: str, action: dict[str, Any]) -> None:
        """The element chosen in keeps the choice, for this person, as Slack's client does."""
        held = {k: v for k, v in action.items() if k not in ("action_id", "block_id")}
        self.slack.workspace.choose(user_id, where, action["block_id"], action["action_id"], held)

    def attach_file(
        self, user_id: str, name: str, content: bytes, filetype: str | None = None
    ) -> str:
        """The person uploads a file into a modal's file input; its id goes in submit_view's
        values for that input. The bot can read it with files.info and its url_private."""
        file = self.slack.workspace.add_file(
            self.slack.url, user_id, name, len(content), content, filetype
        )
        return str(file["id"])

    def submit_view(
        self, user_id: str, values: dict[str, Choice | None], view_id: str | None = None
    ) -> Delivered:
        """Submit the person's open modal (the view on top, unless view_id is given), with
        {block_id or action_id: what they entered} in its inputs (None: left empty, as Slack
        sends an optional input nobody filled in); the modal then closes, updates or stacks
        as the bot's answer says."""
        view = self._open_view(user_id, view_id)
        state = _input_states(self.slack.workspace, view, values)
        return self._submit(user_id, view, state, view.get("private_metadata", ""))

    def forge_view(
        self, user_id: str, state: dict[str, Any], private_metadata: str | None = None
    ) -> Delivered:
        """Submits, signed, the person's open modal with any state and metadata: inputs missing,
        options outside the list, altered metadata."""
        view = self._open_view(user_id, None)
        metadata = (
            view.get("private_metadata", "") if private_metadata is None else private_metadata
        )
        return self._submit(user_id, view, state, metadata)

    def _open_view(self, user_id: str, view_id: str | None) -> dict[str, Any]:
        ws = self.slack.workspace
        with ws.lock:
            view_id = view_id or ws.open_modal_of(user_id)
            assert view_id is not None, f"no modal is open for {user_id}"
            return ws.views[view_id]

    def _submit(
        self,
        user_id: str,
        view: dict[str, Any],
        values: dict[str, Any],
        private_metadata: str,
    ) -> Delivered:
        n = next(self._n)
        payload = self._interaction("view_submission", user_id, n, view["id"]) | {
            "view": {**view, "state": {"values": values}, "private_metadata": private_metadata},
            "response_urls": [],
        }
        delivered = self._interact(payload)
        if delivered.status == 200:
            self._follow(view, delivered)
        return delivered

    def _follow(self, view: dict[str, Any], delivered: Delivered) -> None:
        """What Slack does with the modal on the bot's answer to its submission; an answer Slack
        would not take is kept as a violation."""
        ws = self.slack.workspace
        action, answer = delivered.response_action, delivered.answer()
        stack = ws.modal_stack(view["id"])
        problems = _answer_problems(view, action, answer, stack)
        if problems:
            with ws.lock:
                ws.violations.extend(f"view_submission answer: {p}" for p in problems)
        elif action == "update":
            ws.replace_view(view["id"], answer["view"])
        elif action == "push" and stack is not None:
            ws.push_view(stack, answer["view"])
        elif action in (None, "clear"):
            ws.close_view(view["id"], whole_modal=action == "clear")
        ws.changed()

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
            message = ws.post_as(user_id, channel, text)
            event_id = _new_event_id()
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
        return self._send_event(envelope, retried=retry_of is not None)

    def again(self) -> Delivered:
        """Sends the last interaction again just as it went (its action_ts and trigger_id too),
        as a replayed request would: the bot must take it once however often it comes."""
        assert self._last_interaction is not None, "nothing has been sent to send again"
        return self._post_payload(self._last_interaction)

    # How each kind reaches the bot (SocketSender delivers the same over Socket Mode) ------------

    def _interact(self, payload: dict[str, Any]) -> Delivered:
        """Sends an interaction, kept so that again() can send it once more."""
        self._last_interaction = payload
        return self._post_payload(payload)

    def _send_command(self, form: dict[str, str]) -> Delivered:
        """A slash command, form-encoded as Slack sends it."""
        return self._post(urlencode(form))

    def _post_payload(self, payload: dict[str, Any]) -> Delivered:
        """An interaction, form-encoded in `payload` as Slack sends it."""
        return self._post(urlencode({"payload": json.dumps(payload)}))

    def _send_event(self, envelope: str, retried: bool = False) -> Delivered:
        """An Events API envelope as JSON; Slack's first retry says so in its headers."""
        headers = {"Content-Type": "application/json"}
        if retried:
            headers |= {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
        return self._post(envelope, headers)

    def _post(self, body: str, headers: dict[str, str] | None = None) -> Delivered:
        return post_signed(self.bot_url, self.signing_secret, body, headers)

    def _interaction(
        self, kind: str, user_id: str, n: int, trigger_view: str | None = None
    ) -> dict[str, Any]:
        """The fields every interaction payload has, with a fresh trigger_id (which can push
        onto the modal `trigger_view` when the interaction happened in it)."""
        team = self.slack.workspace.team_id
        name = self._user_name(user_id)
        return {
            "type": kind,
            "token": "deprecated-verification-token",
            "team": {"id": team, "domain": "local"},
            "user": {"id": user_id, "username": name, "name": name, "team_id": team},
            "api_app_id": self.app_id,
            "trigger_id": self._trigger(user_id, n, trigger_view),
            "is_enterprise_install": False,
            "enterprise": None,
        }

    def _trigger(self, user_id: str, n: int, view_id: str | None = None) -> str:
        trigger = f"{n}.{int(time.time())}.trigger"
        with self.slack.workspace.lock:
            self.slack.workspace.triggers[trigger] = Trigger(user_id, view_id)
        return trigger

    def _user_name(self, user_id: str) -> str:
        user = self.slack.workspace.users.get(user_id)
        return user.name.split()[0].lower() if user else user_id.lower()

    def _channel_name(self, channel_id: str) -> str:
        channel = self.slack.workspace.channels.get(channel_id)
        return channel.name if channel and not channel.is_im else "directmessage"


class SocketSender(SignedSender):
    """Sends what SignedSender builds over Socket Mode instead of HTTP: each in an envelope to
    the app's connection with the local workspace, the app's acknowledgement returned as its
    HTTP answer would be (200 with the answer it carried; 504 when none came in time)."""

    def __init__(self, slack: LocalSlack, app_id: str = "ALOCAL0001", timeout: float = 10):
        # No URL or signature: the app reached Slack, with its app-level token, not the reverse.
        super().__init__(slack, bot_url="", signing_secret="", app_id=app_id)
        self.timeout = timeout

    def _send_command(self, form: dict[str, str]) -> Delivered:
        return self._deliver("slash_commands", dict(form))

    def _post_payload(self, payload: dict[str, Any]) -> Delivered:
        return self._deliver("interactive", payload)

    def _send_event(self, envelope: str, retried: bool = False) -> Delivered:
        # Slack numbers every event's attempt over Socket Mode, the first one 0.
        return self._deliver(
            "events_api", json.loads(envelope), (1, "timeout") if retried else (0, "")
        )

    def _deliver(
        self, kind: str, payload: dict[str, Any], retry: tuple[int, str] | None = None
    ) -> Delivered:
        ack = self.slack.socket_mode.deliver(kind, payload, retry, self.timeout)
        if ack is None:
            return Delivered(HTTPStatus.GATEWAY_TIMEOUT, "")
        return Delivered(HTTPStatus.OK, json.dumps(ack.payload) if ack.payload else "")


def _new_event_id() -> str:
    """Unique as Slack's are, across runs too: an app that remembers the events it has handled
    (to ignore Slack's retries) must never take a new one for an old one."""
    return "Ev" + uuid.uuid4().hex[:12].upper()


def _find_element(
    blocks: list[dict[str, Any]],
    action_id: str,
    value: str | None,
    where: str,
    block_id: str | None = None,
) -> tuple[dict[str, Any], str]:
    """An element a person can use (with `value` and in `block_id`, if given) and its block's
    id."""
    for block in blocks:
        if block_id is not None and block.get("block_id", "") != block_id:
            continue
        for element in usable_elements(block):
            if element.get("action_id") == action_id and (
                value is None or element.get("value") == value
            ):
                return element, block.get("block_id", "")
    raise AssertionError(f"no element {action_id!r} in {where}")


def usable_elements(block: dict[str, Any]) -> list[dict[str, Any]]:
    """The elements that send a block action when used: an actions block's, a section's
    accessory, and an input's element only when the input dispatches actions."""
    elements = list(block.get("elements") or []) if block.get("type") == "actions" else []
    if isinstance(block.get("accessory"), dict):
        elements.append(block["accessory"])
    if block.get("type") == "input" and block.get("dispatch_action"):
        elements.append(block["element"])
    return elements


def _button_action(
    blocks: list[dict[str, Any]],
    action_id: str,
    value: str | None,
    where: str,
    in_block: str | None = None,
) -> dict[str, Any]:
    button, block_id = _find_element(blocks, action_id, value, where, in_block)
    assert button.get("type") == "button", f"{action_id!r} in {where} is not a button"
    return {
        "type": "button",
        "action_id": action_id,
        "block_id": block_id,
        "value": button.get("value", ""),
        "text": button["text"],
    }


def _choice_action(
    blocks: list[dict[str, Any]],
    action_id: str,
    value: Choice,
    where: str,
    in_block: str | None = None,
) -> dict[str, Any]:
    element, block_id = _find_element(blocks, action_id, None, where, in_block)
    return {"action_id": action_id, "block_id": block_id, **_chosen(element, value)}


# Where Slack reports what was chosen in each kind of element, in a block action and in a view's
# state alike; anything else (a text, number, email or URL input) reports its "value".
CHOSEN_KEY = {
    "static_select": "selected_option",
    "overflow": "selected_option",
    "radio_buttons": "selected_option",
    "multi_static_select": "selected_options",
    "checkboxes": "selected_options",
    "datepicker": "selected_date",
    "timepicker": "selected_time",
    "datetimepicker": "selected_date_time",
    "users_select": "selected_user",
    "multi_users_select": "selected_users",
    "conversations_select": "selected_conversation",
    "multi_conversations_select": "selected_conversations",
    "channels_select": "selected_channel",
    "multi_channels_select": "selected_channels",
}


def _chosen(element: dict[str, Any], choice: Choice) -> dict[str, Any]:
    """What Slack reports for `choice` made in `element`: options by their value."""
    kind = element["type"]
    key = CHOSEN_KEY.get(kind, "value")
    chosen: Any = choice
    if key == "selected_option":
        chosen = _option(element, choice)
    elif key == "selected_options":
        chosen = [_option(element, c) for c in (choice if isinstance(choice, list) else [choice])]
    return {"type": kind, key: chosen}


def _option(element: dict[str, Any], value: Any) -> dict[str, Any]:
    groups = element.get("option_groups") or []
    options = element.get("options") or [o for group in groups for o in group["options"]]
    option = next((o for o in options if o["value"] == value), None)
    assert option is not None, f"no option {value!r} in {element.get('action_id')!r}"
    return dict(option)


def _input_states(
    ws: Workspace, view: dict[str, Any], values: dict[str, Choice | None]
) -> dict[str, dict[str, Any]]:
    """view.state.values as Slack sends it: {block_id: {action_id: what the input holds}}."""
    state: dict[str, dict[str, Any]] = {}
    for key, choice in values.items():
        block = _input_block(view, key)
        element = block["element"]
        if choice is None:
            held = _empty(element)
        elif element["type"] == "file_input":
            held = {"type": "file_input", "files": _attached(ws, element, choice)}
        else:
            held = _chosen(element, choice)
        state[block.get("block_id", "")] = {element.get("action_id", ""): held}
    return state


# The elements whose state Slack reports: every kind of choice but the overflow menu (which only
# acts), and the typed inputs.
STATEFUL = (set(CHOSEN_KEY) - {"overflow"}) | {
    "plain_text_input",
    "number_input",
    "email_text_input",
    "url_text_input",
}


def shown_state(
    blocks: list[dict[str, Any]], chosen: dict[str, dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    """state.values as Slack sends it with an action in a message or view: {block_id: {action_id:
    what the element holds}} for every stateful element shown, whether used or not; what the
    person `chosen` in it, or else what it first showed."""
    values: dict[str, dict[str, Any]] = {}
    for block in blocks:
        block_id = block.get("block_id", "")
        elements = usable_elements(block)
        if block.get("type") == "input" and not block.get("dispatch_action"):
            elements.append(block["element"])
        for element in (e for e in elements if e.get("type") in STATEFUL):
            action_id = element.get("action_id", "")
            held = chosen.get(block_id, {}).get(action_id) or _initial(element)
            values.setdefault(block_id, {})[action_id] = held
    return values


def _initial(element: dict[str, Any]) -> dict[str, Any]:
    """What an element holds before anyone uses it: its initial_option(s), _date, _user, _value
    and so on, or else nothing."""
    kind = element["type"]
    key = CHOSEN_KEY.get(kind, "value")
    initial = element.get("initial_" + key.removeprefix("selected_"))
    return _empty(element) if initial is None else {"type": kind, key: initial}


def _empty(element: dict[str, Any]) -> dict[str, Any]:
    """What Slack reports for an input left empty: null, or an empty list for a multiple."""
    kind = element["type"]
    key = CHOSEN_KEY.get(kind, "files" if kind == "file_input" else "value")
    return {"type": kind, key: [] if key.endswith("s") else None}


def _input_block(view: dict[str, Any], key: str) -> dict[str, Any]:
    """The view's input block with this block_id, or else with an element of this action_id."""
    inputs = [b for b in view.get("blocks", []) if b.get("type") == "input"]
    found = [b for b in inputs if b.get("block_id") == key] or [
        b for b in inputs if b["element"].get("action_id") == key
    ]
    assert len(found) == 1, f"no input {key!r} in the modal (or more than one)"
    return found[0]


def _attached(ws: Workspace, element: dict[str, Any], file_ids: Choice) -> list[dict[str, Any]]:
    """The files attached to a file input, as Slack's client would let them be: at most
    max_files (10 if not said), each of the listed filetypes (any if none are)."""
    ids = file_ids if isinstance(file_ids, list) else [str(file_ids)]
    assert len(ids) <= int(element.get("max_files") or 10), "more files than max_files"
    files = []
    for file_id in ids:
        file = ws.slack_file(file_id)
        assert file is not None, f"attach_file() {file_id} first"
        allowed = element.get("filetypes")
        extension = str(file["name"]).rpartition(".")[2].lower()
        assert not allowed or extension in allowed, f"the input takes only {allowed}"
        files.append(file)
    return files


def _answer_problems(
    view: dict[str, Any], action: str | None, answer: dict[str, Any], stack: list[str] | None
) -> list[str]:
    """What Slack would not take in the bot's answer to a view_submission."""
    if action == "errors":
        inputs = {b.get("block_id") for b in view.get("blocks", []) if b.get("type") == "input"}
        named = answer.get("errors") or {}
        return [
            f"errors names {k!r}, not an input block of the view" for k in named if k not in inputs
        ]
    if action in ("update", "push"):
        shown = answer.get("view")
        if not isinstance(shown, dict) or shown.get("type") != "modal":
            return [f"response_action {action} needs a modal view"]
        full = action == "push" and (stack is None or len(stack) >= MODAL_STACK_LIMIT)
        return view_problems(shown) + (["push_limit_reached"] if full else [])
    return [] if action in (None, "clear") else [f"unknown response_action {action!r}"]


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
    event: dict[str, Any] = {
        "type": "message",
        "channel": channel,
        "user": user_id,
        "text": text,
        "ts": ts,
        "event_ts": ts,
        "channel_type": channel_type,
    }
    return event_envelope(team_id, app_id, bot_user, event, event_id)


def event_envelope(
    team_id: str, app_id: str, bot_user: str, event: dict[str, Any], event_id: str
) -> str:
    """The Events API's outer envelope (event_callback) around one event."""
    return json.dumps(
        {
            "token": "deprecated-verification-token",
            "team_id": team_id,
            "api_app_id": app_id,
            "event": event,
            "type": "event_callback",
            "event_id": event_id,
            "event_time": int(float(event["event_ts"])),
            "authed_users": [bot_user],
            "authorizations": [_authorization(team_id, bot_user)],
        }
    )


def _authorization(team_id: str, bot_user: str) -> dict[str, Any]:
    return {"team_id": team_id, "user_id": bot_user, "is_bot": True, "is_enterprise_install": False}
