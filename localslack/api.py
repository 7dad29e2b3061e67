"""The Web API methods the stand-in implements, each as Slack documents its answer.

Each takes the LocalSlack and the call's arguments (already checked against the contract) and
returns the body of an ok answer, or raises ApiError with Slack's error code.
"""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable
from typing import Any, Protocol

from localslack.workspace import (
    MODAL_STACK_LIMIT,
    Channel,
    Message,
    Response,
    Trigger,
    User,
    Workspace,
    as_slack_file,
)


class LocalSlack(Protocol):
    """What a method needs of the server that serves it (localslack.server.LocalSlack)."""

    @property
    def workspace(self) -> Workspace: ...
    @property
    def url(self) -> str: ...
    def notify(self, message: Message) -> None: ...


class ApiError(Exception):
    """Slack's error code; for blocks or a view Slack refuses, what is wrong with them, each
    problem worded and placed as Slack words it ("no more than 50 items allowed
    [json-pointer:/blocks]")."""

    def __init__(self, code: str, problems: list[str] | None = None):
        super().__init__(code)
        self.code = code
        self.problems = problems or []

    def answer(self) -> dict[str, Any]:
        """The body Slack answers with: invalid_blocks lists the problems in `errors` too."""
        body: dict[str, Any] = {"ok": False, "error": self.code}
        if self.code == "invalid_blocks":
            body["errors"] = self.problems
        if self.problems:
            body["response_metadata"] = {"messages": [f"[ERROR] {p}" for p in self.problems]}
        return body


def auth_test(slack: LocalSlack, params: dict[str, Any]) -> dict[str, Any]:
    ws = slack.workspace
    return {
        "url": slack.url + "/",
        "team": "Local workspace",
        "user": "mentorbot",
        "team_id": ws.team_id,
        "user_id": ws.bot_user,
        "bot_id": ws.bot_id,
    }


def users_lookup_by_email(slack: LocalSlack, params: dict[str, Any]) -> dict[str, Any]:
    email = str(params["email"]).lower()
    for user in slack.workspace.users.values():
        if user.email.lower() == email:
            return {"user": user.as_slack()}
    raise ApiError("users_not_found")


def users_info(slack: LocalSlack, params: dict[str, Any]) -> dict[str, Any]:
    user = slack.workspace.users.get(params.get("user", ""))
    if user is None:
        raise ApiError("user_not_found")
    return {"user": _shown(user, params)}


# users.list's page: "The limit parameter maximum is 1000" and fewer may be returned; without a
# limit Slack "attempting to deliver you the entire result set"
# (https://api.slack.com/apis/pagination, https://api.slack.com/methods/users.list).
LIST_LIMIT_MAX = 1000


def users_list(slack: LocalSlack, params: dict[str, Any]) -> dict[str, Any]:
    """The workspace's users in pages, in a steady order (by id), each page's cursor naming the
    first user of the next, base64-encoded as Slack's are ("dXNlcjpVMDYxTkZUVDI=" is
    "user:U061NFTT2")."""
    users = sorted(slack.workspace.users.values(), key=lambda u: u.id)
    start = _list_start(users, params.get("cursor"))
    limit = int(params.get("limit") or 0)
    size = min(limit, LIST_LIMIT_MAX) if limit > 0 else len(users)
    page = users[start : start + size]
    after = users[start + size : start + size + 1]
    cursor = base64.b64encode(f"user:{after[0].id}".encode()).decode() if after else ""
    return {
        "members": [_shown(user, params) for user in page],
        "cache_ts": int(time.time()),
        "response_metadata": {"next_cursor": cursor},
    }


def _list_start(users: list[User], cursor: Any) -> int:
    """Where a page starts: at the user its cursor names; a cursor not made here is invalid."""
    if not cursor:
        return 0
    try:
        named = base64.b64decode(str(cursor), validate=True).decode()
    except ValueError as error:
        raise ApiError("invalid_cursor") from error
    ids = [user.id for user in users]
    if not named.startswith("user:") or named[5:] not in ids:
        raise ApiError("invalid_cursor")
    return ids.index(named[5:])


def _shown(user: User, params: dict[str, Any]) -> dict[str, Any]:
    """A user as Slack shows one; their locale only when asked, as Slack does."""
    shown = user.as_slack()
    if str(params.get("include_locale", "")).lower() in ("true", "1"):
        shown["locale"] = user.locale
    return shown


def conversations_open(slack: LocalSlack, params: dict[str, Any]) -> dict[str, Any]:
    users = [u for u in str(params.get("users", "")).split(",") if u]
    if not users:
        raise ApiError("users_list_not_supplied")
    if any(u not in slack.workspace.users for u in users):
        raise ApiError("user_not_found")
    return {"channel": {"id": slack.workspace.open_dm(users).id}}


def conversations_info(slack: LocalSlack, params: dict[str, Any]) -> dict[str, Any]:
    return {"channel": _channel(slack, params.get("channel")).as_slack()}


def conversations_members(slack: LocalSlack, params: dict[str, Any]) -> dict[str, Any]:
    channel = _channel(slack, params.get("channel"))
    return {"members": list(channel.members), "response_metadata": {"next_cursor": ""}}


def conversations_history(slack: LocalSlack, params: dict[str, Any]) -> dict[str, Any]:
    channel = _channel(slack, params.get("channel"))
    oldest = float(params.get("oldest") or 0)
    with_metadata = str(params.get("include_all_metadata", "")).lower() in ("1", "true")
    found = [m for m in slack.workspace.messages_in(channel.id) if float(m.ts) >= oldest]
    limit = int(params.get("limit") or 100)
    newest_first = list(reversed(found))[:limit]
    return {
        "messages": [m.as_slack(with_metadata) for m in newest_first],
        "has_more": len(found) > limit,
    }


def chat_post_message(slack: LocalSlack, params: dict[str, Any]) -> dict[str, Any]:
    channel = _postable_channel(slack, params["channel"])
    blocks = _blocks(params.get("blocks"))
    text = str(params.get("text") or "")
    if not text and not blocks:
        raise ApiError("no_text")
    metadata = params.get("metadata")
    message = Message(
        channel.id,
        slack.workspace.next_ts(),
        slack.workspace.bot_user,
        text,
        blocks,
        metadata if isinstance(metadata, dict) else None,
    )
    slack.workspace.messages.append(message)
    slack.notify(message)
    return {"channel": channel.id, "ts": message.ts, "message": message.as_slack(False)}


def chat_update(slack: LocalSlack, params: dict[str, Any]) -> dict[str, Any]:
    channel = _channel(slack, params["channel"])
    for message in slack.workspace.messages_in(channel.id):
        if message.ts == params["ts"]:
            message.text = str(params.get("text") or message.text)
            message.blocks = _blocks(params.get("blocks")) or message.blocks
            if isinstance(params.get("metadata"), dict):
                message.metadata = params["metadata"]
            message.edited = True
            slack.workspace.changed()
            return {"channel": channel.id, "ts": message.ts, "text": message.text}
    raise ApiError("message_not_found")


def chat_post_ephemeral(slack: LocalSlack, params: dict[str, Any]) -> dict[str, Any]:
    channel = _postable_channel(slack, params["channel"])
    if params["user"] not in channel.members and not channel.is_im:
        raise ApiError("user_not_in_channel")
    ts = slack.workspace.next_ts()
    slack.workspace.responses.append(
        Response(
            params["user"],
            channel.id,
            str(params.get("text") or ""),
            _blocks(params.get("blocks")),
            "ephemeral",
            False,
            ts,
        )
    )
    return {"message_ts": ts}


# files.getUploadURLExternal: "alt_txt_too_large: Description for the image is longer than the
# limit of 1000 character"
ALT_TXT_LENGTH = 1000


def files_get_upload_url_external(slack: LocalSlack, params: dict[str, Any]) -> dict[str, Any]:
    """The file's text alternative (alt_txt, "Description of image for screen-reader") is kept
    on it, as Slack's file object shows it."""
    alt_txt = str(params.get("alt_txt") or "")
    if len(alt_txt) > ALT_TXT_LENGTH:
        raise ApiError("alt_txt_too_large")
    ws = slack.workspace
    file = ws.add_file(slack.url, ws.bot_user, str(params["filename"]), int(params["length"]))
    if alt_txt:
        file["alt_txt"] = alt_txt
    return {"upload_url": f"{slack.url}/upload/{file['id']}", "file_id": file["id"]}


def files_complete_upload_external(slack: LocalSlack, params: dict[str, Any]) -> dict[str, Any]:
    files = params["files"] if isinstance(params["files"], list) else json.loads(params["files"])
    shared = []
    for item in files:
        file = slack.workspace.files.get(item.get("id", ""))
        if file is None or file["content"] is None:
            raise ApiError("file_not_found")
        file["title"] = item.get("title") or file["name"]
        shared.append(as_slack_file(file))
    # channel_id, or channels: channel or user ids, comma-separated (a user id: their DM)
    targets = [str(params["channel_id"])] if params.get("channel_id") else []
    targets += [c for c in str(params.get("channels") or "").split(",") if c]
    for channel in [_postable_channel(slack, target) for target in targets]:
        message = Message(
            channel.id,
            slack.workspace.next_ts(),
            slack.workspace.bot_user,
            str(params.get("initial_comment") or ""),
            files=shared,
        )
        slack.workspace.messages.append(message)
        slack.notify(message)
    return {"files": shared}


def files_info(slack: LocalSlack, params: dict[str, Any]) -> dict[str, Any]:
    file = slack.workspace.slack_file(str(params.get("file") or ""))
    if file is None:
        raise ApiError("file_not_found")
    return {"file": file, "comments": [], "response_metadata": {"next_cursor": ""}}


def views_open(slack: LocalSlack, params: dict[str, Any]) -> dict[str, Any]:
    view = _view(params["view"], "modal")
    trigger = _take_trigger(slack, params["trigger_id"])
    return {"view": slack.workspace.open_modal(trigger.user, view)}


def views_push(slack: LocalSlack, params: dict[str, Any]) -> dict[str, Any]:
    """Pushes onto the modal that the trigger's interaction happened in."""
    view = _view(params["view"], "modal")
    trigger = _take_trigger(slack, params["trigger_id"])
    stack = slack.workspace.modal_stack(trigger.view_id) if trigger.view_id else None
    if stack is None:
        raise ApiError(
            "invalid_trigger_id",
            ["views.push takes the trigger_id of an interaction within an open modal"],
        )
    if len(stack) >= MODAL_STACK_LIMIT:
        raise ApiError("push_limit_reached")
    return {"view": slack.workspace.push_view(stack, view)}


def views_update(slack: LocalSlack, params: dict[str, Any]) -> dict[str, Any]:
    """By `view_id`, or by the `external_id` the app gave the view (Slack takes either): a view
    not shown yet under that external id is `not_found`."""
    ws = slack.workspace
    view_id = str(params.get("view_id") or "")
    if not view_id and params.get("external_id"):
        view_id = ws.view_with_external_id(str(params["external_id"])) or ""
    if view_id not in ws.views:
        raise ApiError("not_found")
    view = _view(params.get("view"), ws.views[view_id]["type"])
    _check_hash(ws.views[view_id], params.get("hash"))
    return {"view": ws.replace_view(view_id, view)}


def views_publish(slack: LocalSlack, params: dict[str, Any]) -> dict[str, Any]:
    """A person's Home tab: one view each, keeping its id from one publish to the next."""
    ws = slack.workspace
    user = str(params["user_id"])
    if user not in ws.users:
        raise ApiError("user_not_found")
    view = _view(params["view"], "home")
    published = ws.home_view(user)
    if params.get("hash") and (published is None or published["hash"] != params["hash"]):
        raise ApiError("hash_conflict")
    view_id = published["id"] if published else ws.new_id("V")
    ws.home_views[user] = view_id
    return {"view": ws.keep_view(view_id, user, view, view_id)}


def _take_trigger(slack: LocalSlack, trigger_id: Any) -> Trigger:
    """A trigger_id is good for one call."""
    trigger = slack.workspace.triggers.pop(str(trigger_id), None)
    if trigger is None:
        raise ApiError("invalid_trigger_id")
    return trigger


def _check_hash(view: dict[str, Any], given: Any) -> None:
    """A hash given must be the view's current one, or someone else changed it since."""
    if given and given != view["hash"]:
        raise ApiError("hash_conflict")


def _channel(slack: LocalSlack, channel_id: Any) -> Channel:
    channel = slack.workspace.channels.get(str(channel_id or ""))
    if channel is None:
        raise ApiError("channel_not_found")
    return channel


def _postable_channel(slack: LocalSlack, channel_id: str) -> Channel:
    """A user id posts to the app's DM with that user, as in Slack."""
    if channel_id in slack.workspace.users:
        return slack.workspace.open_dm([channel_id])
    channel = _channel(slack, channel_id)
    if not (channel.is_im or channel.is_mpim) and slack.workspace.bot_user not in channel.members:
        raise ApiError("not_in_channel")
    return channel


def _blocks(value: Any) -> list[dict[str, Any]]:
    """A message's blocks, refused as Slack refuses them."""
    blocks = _block_list(value, "invalid_blocks")
    problems = block_problems(blocks, "/blocks", MESSAGE_BLOCKS)
    if problems:
        raise ApiError("invalid_blocks", problems)
    return blocks


def _view(value: Any, kind: str) -> dict[str, Any]:
    """A view of the kind the method takes, refused as Slack refuses one."""
    view = json.loads(value) if isinstance(value, str) else value
    if not isinstance(view, dict) or view.get("type") != kind:
        raise ApiError("invalid_arguments", [f"must be a {kind} view [json-pointer:/view]"])
    view["blocks"] = _block_list(view.get("blocks"), "invalid_arguments")
    problems = view_problems(view)
    if problems:
        raise ApiError("invalid_arguments", problems)
    return view


def _block_list(value: Any, error: str) -> list[dict[str, Any]]:
    if value in (None, ""):
        return []
    blocks = value if isinstance(value, list) else json.loads(value)
    if not isinstance(blocks, list) or not all(isinstance(b, dict) and "type" in b for b in blocks):
        raise ApiError(error)
    return blocks


# Block Kit limits Slack enforces (docs.slack.dev/reference/block-kit and /reference/views), each
# problem worded as Slack words it, at a JSON pointer into the call's arguments.
MESSAGE_BLOCKS = 50
VIEW_BLOCKS = 100
ACTIONS_ELEMENTS = 25
ID_LENGTH = 255  # block_id, action_id
TEXT_LENGTH = {"section": 3000, "header": 150}
BUTTON_TEXT_LENGTH = 75
MODAL_TEXT_LENGTH = 24  # a modal's title, submit and close


def view_problems(view: dict[str, Any]) -> list[str]:
    """What Slack would refuse in a modal or Home tab view."""
    problems = block_problems(view.get("blocks") or [], "/view/blocks", VIEW_BLOCKS)
    if view.get("type") == "modal":
        for field in ("title", "submit", "close"):
            problems += _too_long(view.get(field), MODAL_TEXT_LENGTH, f"/view/{field}")
    return problems


def block_problems(blocks: list[dict[str, Any]], at: str, most: int) -> list[str]:
    """What Slack would refuse in `blocks`, found at the pointer `at`, holding at most `most`."""
    problems = _too_many(blocks, most, at)
    for i, block in enumerate(blocks):
        problems += _block_problems(block, f"{at}/{i}")
    return problems


def _block_problems(block: dict[str, Any], at: str) -> list[str]:
    kind = block["type"]
    problems = _too_long(block.get("block_id"), ID_LENGTH, f"{at}/block_id")
    if kind in TEXT_LENGTH:
        problems += _too_long(block.get("text"), TEXT_LENGTH[kind], f"{at}/text")
    if kind == "actions":
        problems += _too_many(block.get("elements") or [], ACTIONS_ELEMENTS, f"{at}/elements")
    for where, element in _interactive_elements(block, at):
        problems += _too_long(element.get("action_id"), ID_LENGTH, f"{where}/action_id")
        if element.get("type") == "button":
            problems += _too_long(element.get("text"), BUTTON_TEXT_LENGTH, f"{where}/text")
    return problems


def _interactive_elements(block: dict[str, Any], at: str) -> list[tuple[str, dict[str, Any]]]:
    """An actions block's elements, a section's accessory, an input's element; with pointers."""
    if block["type"] == "actions":
        found = [(f"{at}/elements/{i}", e) for i, e in enumerate(block.get("elements") or [])]
    else:
        found = [(f"{at}/{name}", block.get(name)) for name in ("accessory", "element")]
    return [(where, e) for where, e in found if isinstance(e, dict)]


def _too_many(items: list[Any], most: int, at: str) -> list[str]:
    return [f"no more than {most} items allowed [json-pointer:{at}]"] if len(items) > most else []


def _too_long(value: Any, most: int, at: str) -> list[str]:
    """A string's length, or a text object's text's."""
    if isinstance(value, dict):
        return _too_long(value.get("text"), most, f"{at}/text")
    if isinstance(value, str) and len(value) > most:
        return [f"must be less than {most + 1} characters [json-pointer:{at}]"]
    return []


API_METHODS: dict[str, Callable[[LocalSlack, dict[str, Any]], dict[str, Any]]] = {
    "auth.test": auth_test,
    "users.lookupByEmail": users_lookup_by_email,
    "users.info": users_info,
    "users.list": users_list,
    "conversations.open": conversations_open,
    "conversations.info": conversations_info,
    "conversations.members": conversations_members,
    "conversations.history": conversations_history,
    "chat.postMessage": chat_post_message,
    "chat.update": chat_update,
    "chat.postEphemeral": chat_post_ephemeral,
    "files.getUploadURLExternal": files_get_upload_url_external,
    "files.completeUploadExternal": files_complete_upload_external,
    "files.info": files_info,
    "views.open": views_open,
    "views.push": views_push,
    "views.update": views_update,
    "views.publish": views_publish,
}
