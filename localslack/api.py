"""The Web API methods the stand-in implements, each as Slack documents its answer.

Each takes the LocalSlack and the call's arguments (already checked against the contract) and
returns the body of an ok answer, or raises ApiError with Slack's error code.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Protocol

from localslack.workspace import Channel, Message, Response, Workspace


class LocalSlack(Protocol):
    """What a method needs of the server that serves it (localslack.server.LocalSlack)."""

    @property
    def workspace(self) -> Workspace: ...
    @property
    def url(self) -> str: ...
    def notify(self, message: Message) -> None: ...


class ApiError(Exception):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def auth_test(slack: LocalSlack, params: dict[str, Any]) -> dict[str, Any]:
    ws = slack.workspace
    return {
        "url": slack.url + "/",
        "team": "Local workspace",
        "user": "mentorbot",
        "team_id": ws.team_id,
        "user_id": ws.bot_user,
        "bot_id": "BLOCAL0001",
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
    return {"user": user.as_slack()}


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
            message.edited = True
            return {"channel": channel.id, "ts": message.ts, "text": message.text}
    raise ApiError("message_not_found")


def chat_post_ephemeral(slack: LocalSlack, params: dict[str, Any]) -> dict[str, Any]:
    channel = _postable_channel(slack, params["channel"])
    if params["user"] not in channel.members and not channel.is_im:
        raise ApiError("user_not_in_channel")
    slack.workspace.responses.append(
        Response(
            params["user"],
            channel.id,
            str(params.get("text") or ""),
            _blocks(params.get("blocks")),
            "ephemeral",
            False,
        )
    )
    return {"message_ts": slack.workspace.next_ts()}


def files_get_upload_url_external(slack: LocalSlack, params: dict[str, Any]) -> dict[str, Any]:
    file_id = slack.workspace.new_id("F")
    slack.workspace.files[file_id] = {
        "id": file_id,
        "name": params["filename"],
        "size": int(params["length"]),
        "content": None,
    }
    return {"upload_url": f"{slack.url}/upload/{file_id}", "file_id": file_id}


def files_complete_upload_external(slack: LocalSlack, params: dict[str, Any]) -> dict[str, Any]:
    files = params["files"] if isinstance(params["files"], list) else json.loads(params["files"])
    shared = []
    for item in files:
        file = slack.workspace.files.get(item.get("id", ""))
        if file is None or file["content"] is None:
            raise ApiError("file_not_found")
        file["title"] = item.get("title") or file["name"]
        shared.append({k: v for k, v in file.items() if k != "content"})
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


def views_open(slack: LocalSlack, params: dict[str, Any]) -> dict[str, Any]:
    user = slack.workspace.triggers.pop(str(params["trigger_id"]), None)
    if user is None:
        raise ApiError("invalid_trigger_id")
    view = params["view"] if isinstance(params["view"], dict) else json.loads(params["view"])
    view_id = slack.workspace.new_id("V")
    slack.workspace.views[view_id] = {"id": view_id, **view}
    slack.workspace.view_owner[view_id] = user
    return {"view": slack.workspace.views[view_id]}


def views_update(slack: LocalSlack, params: dict[str, Any]) -> dict[str, Any]:
    view_id = str(params.get("view_id") or "")
    if view_id not in slack.workspace.views:
        raise ApiError("not_found")
    view = params["view"] if isinstance(params["view"], dict) else json.loads(params["view"])
    slack.workspace.views[view_id] = {"id": view_id, **view}
    return {"view": slack.workspace.views[view_id]}


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
    if value in (None, ""):
        return []
    blocks = value if isinstance(value, list) else json.loads(value)
    if not isinstance(blocks, list) or not all(isinstance(b, dict) and "type" in b for b in blocks):
        raise ApiError("invalid_blocks")
    return blocks


API_METHODS: dict[str, Callable[[LocalSlack, dict[str, Any]], dict[str, Any]]] = {
    "auth.test": auth_test,
    "users.lookupByEmail": users_lookup_by_email,
    "users.info": users_info,
    "conversations.open": conversations_open,
    "conversations.info": conversations_info,
    "conversations.members": conversations_members,
    "conversations.history": conversations_history,
    "chat.postMessage": chat_post_message,
    "chat.update": chat_update,
    "chat.postEphemeral": chat_post_ephemeral,
    "files.getUploadURLExternal": files_get_upload_url_external,
    "files.completeUploadExternal": files_complete_upload_external,
    "views.open": views_open,
    "views.update": views_update,
}
