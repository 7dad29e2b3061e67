"""The workspace's state: people, channels, messages, views; and a record of every call."""

from __future__ import annotations

import base64
import copy
import hashlib
import itertools
import mimetypes
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import quote

RATE_LIMITED = "ratelimited"
# How many views a modal may stack: the one opened and two pushed on it.
MODAL_STACK_LIMIT = 3


@dataclass
class User:
    id: str
    name: str
    email: str
    tz: str = "Europe/London"
    is_bot: bool = False
    locale: str = "en-GB"  # the language they read Slack in; users.info gives it when asked

    def as_slack(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name.split()[0].lower(),
            "real_name": self.name,
            "tz": self.tz,
            "is_bot": self.is_bot,
            "deleted": False,
            "profile": {"email": self.email, "real_name": self.name, "display_name": self.name},
        }


@dataclass
class Channel:
    id: str
    name: str
    is_private: bool = False
    is_im: bool = False
    is_mpim: bool = False
    members: list[str] = field(default_factory=list)

    def as_slack(self) -> dict[str, Any]:
        info: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "is_channel": not (self.is_im or self.is_mpim or self.is_private),
            "is_group": self.is_private,
            "is_im": self.is_im,
            "is_mpim": self.is_mpim,
            "is_private": self.is_private or self.is_im or self.is_mpim,
        }
        if self.is_im:
            info["user"] = self.members[-1]
        return info


@dataclass
class Message:
    channel: str
    ts: str
    user: str
    text: str
    blocks: list[dict[str, Any]] = field(default_factory=list)
    metadata: dict[str, Any] | None = None
    files: list[dict[str, Any]] = field(default_factory=list)
    edited: bool = False

    def as_slack(self, with_metadata: bool) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": "message",
            "ts": self.ts,
            "user": self.user,
            "text": self.text,
        }
        if self.blocks:
            out["blocks"] = self.blocks
        if self.files:
            out["files"] = self.files
        if with_metadata and self.metadata:
            out["metadata"] = self.metadata
        return out

    def place(self) -> str:
        """Where the message is, one key for it among every conversation's."""
        return f"{self.channel}/{self.ts}"


@dataclass(frozen=True)
class Call:
    method: str
    params: dict[str, Any]
    ok: bool
    error: str | None


@dataclass
class Response:
    """What a slash command or button's response_url showed the person."""

    user: str
    channel: str
    text: str
    blocks: list[dict[str, Any]]
    response_type: str
    replace_original: bool
    ts: str = ""  # when it was shown, to place it among the channel's messages


@dataclass(frozen=True)
class Trigger:
    """Who a trigger_id was given for, and the modal view their interaction was in (a modal
    can be pushed onto only from within it)."""

    user: str
    view_id: str | None = None


class Workspace:
    def __init__(
        self,
        team_id: str = "TLOCAL0001",
        bot_user: str = "UBOT00001",
        app_id: str = "ALOCAL0001",
        bot_id: str = "BLOCAL0001",
        now: Callable[[], float] | None = None,
    ):
        """`now` dates messages and files: the local workspace gives its simulated clock, so a
        reminder shows the moment the scheme's calendar reached, not the wall clock's."""
        self.team_id = team_id
        self.bot_user = bot_user
        self.app_id = app_id
        self.bot_id = bot_id
        self.lock = threading.RLock()
        self.users: dict[str, User] = {
            bot_user: User(bot_user, "mentorbot", "bot@localhost", is_bot=True)
        }
        self.channels: dict[str, Channel] = {}
        self.messages: list[Message] = []
        self.calls: list[Call] = []
        self.violations: list[str] = []
        self.responses: list[Response] = []
        # Every view, modal or home, by id, as Slack returns it; who it is shown to
        self.views: dict[str, dict[str, Any]] = {}
        self.view_owner: dict[str, str] = {}
        self.home_views: dict[str, str] = {}  # user → their Home tab's view id
        # The modals open: root view id → its stack of view ids, the one on top last
        self.modal_stacks: dict[str, list[str]] = {}
        # Files by id, each as Slack describes it with its bytes under "content"
        self.files: dict[str, dict[str, Any]] = {}
        self.triggers: dict[str, Trigger] = {}
        # What each person has chosen in the elements of a message or view (ticked boxes, a
        # menu's option), kept as their own Slack client keeps it and sends it with every action
        # there: (user, message's place or view id) → {block_id: {action_id: what it holds}}
        self.choices: dict[tuple[str, str], dict[str, dict[str, Any]]] = {}
        # Looked up at each call, so a test's frozen clock (freezegun) is the one used.
        self._now = now or (lambda: time.time())
        self._ids = itertools.count(1)
        self._seq = itertools.count(1)
        # Goes up whenever something a person sees changes (a page waiting for news watches it)
        self.version = 0

    # Setting up --------------------------------------------------------------------------------

    def add_user(self, user_id: str, name: str, email: str, tz: str = "Europe/London") -> User:
        with self.lock:
            self.users[user_id] = User(user_id, name, email, tz)
            return self.users[user_id]

    def add_channel(self, channel_id: str, name: str, private: bool, members: list[str]) -> Channel:
        with self.lock:
            self.channels[channel_id] = Channel(
                channel_id, name, is_private=private, members=list(members)
            )
            return self.channels[channel_id]

    # Used by the API -------------------------------------------------------------------------

    def new_id(self, prefix: str) -> str:
        return f"{prefix}{next(self._ids):08d}"

    def next_ts(self) -> str:
        """Unique and increasing, like Slack's, even when the clock is frozen in a test."""
        return f"{int(self._now())}.{next(self._seq):06d}"

    def new_hash(self) -> str:
        """A view's hash, new with each version of it, in Slack's "time.digits" form."""
        return f"{int(time.time())}.{next(self._ids):08x}"

    def add_file(
        self,
        base_url: str,
        user: str,
        name: str,
        size: int,
        content: bytes | None = None,
        filetype: str | None = None,
    ) -> dict[str, Any]:
        """A file as Slack's file object describes it, served under base_url (the bytes kept
        beside, under "content", until uploaded)."""
        with self.lock:
            file_id = self.new_id("F")
            path = f"/files-pri/{self.team_id}-{file_id}"
            now = int(self._now())
            self.files[file_id] = {
                "id": file_id,
                "created": now,
                "timestamp": now,
                "name": name,
                "title": name,
                "mimetype": mimetypes.guess_type(name)[0] or "application/octet-stream",
                "filetype": filetype or name.rpartition(".")[2].lower() or "binary",
                "user": user,
                "size": size,
                "mode": "hosted",
                "is_external": False,
                "is_public": False,
                "url_private": f"{base_url}{path}/{quote(name)}",
                "url_private_download": f"{base_url}{path}/download/{quote(name)}",
                "permalink": f"{base_url}/files/{user}/{file_id}/{quote(name)}",
                "content": content,
            }
            return self.files[file_id]

    def keep_view(
        self,
        view_id: str,
        user: str,
        view: dict[str, Any],
        root_view_id: str,
        previous_view_id: str | None = None,
    ) -> dict[str, Any]:
        """Keeps a version of a view as Slack returns it: the app's fields over Slack's
        defaults, and Slack's own (a new hash for each version)."""
        with self.lock:
            self.views[view_id] = {
                "id": view_id,
                "team_id": self.team_id,
                "blocks": [],
                "private_metadata": "",
                "callback_id": "",
                "external_id": "",
                "clear_on_close": False,
                "notify_on_close": False,
                **view,
                "state": {"values": {}},
                "hash": self.new_hash(),
                "root_view_id": root_view_id,
                "previous_view_id": previous_view_id,
                "app_id": self.app_id,
                "bot_id": self.bot_id,
                "app_installed_team_id": self.team_id,
            }
            self.view_owner[view_id] = user
            return self.views[view_id]

    def replace_view(self, view_id: str, view: dict[str, Any]) -> dict[str, Any]:
        """A new version of a view, in the same place (views.update, response_action update)."""
        with self.lock:
            old = self.views[view_id]
            return self.keep_view(
                view_id,
                self.view_owner[view_id],
                view,
                old["root_view_id"],
                old["previous_view_id"],
            )

    def open_modal(self, user: str, view: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            view_id = self.new_id("V")
            self.modal_stacks[view_id] = [view_id]
            return self.keep_view(view_id, user, view, view_id)

    def push_view(self, stack: list[str], view: dict[str, Any]) -> dict[str, Any]:
        """Puts a view on top of an open modal's stack (the caller keeps to the stack's limit)."""
        with self.lock:
            pushed = self.keep_view(
                self.new_id("V"), self.view_owner[stack[0]], view, stack[0], stack[-1]
            )
            stack.append(pushed["id"])
            return pushed

    def modal_stack(self, view_id: str) -> list[str] | None:
        """The stack of the open modal that shows `view_id`; None when it is not open."""
        with self.lock:
            return next((s for s in self.modal_stacks.values() if view_id in s), None)

    def close_view(self, view_id: str, whole_modal: bool = False) -> None:
        """Closes the view, or with whole_modal every view of its modal, as Slack does on a
        submission answered with nothing (or with "clear")."""
        with self.lock:
            stack = self.modal_stack(view_id)
            if stack is None:
                return
            del stack[0 if whole_modal else stack.index(view_id) :]
            if not stack:
                self.modal_stacks = {r: s for r, s in self.modal_stacks.items() if s}

    def open_dm(self, users: list[str]) -> Channel:
        with self.lock:
            members = sorted(set(users))
            channel_id = _dm_id(members)
            if channel_id not in self.channels:
                is_im = len(members) == 1
                self.channels[channel_id] = Channel(
                    channel_id,
                    members[0] if is_im else "mpdm-" + "--".join(members),
                    is_im=is_im,
                    is_mpim=not is_im,
                    members=[self.bot_user, *members],
                )
            return self.channels[channel_id]

    def channel_key(self, channel: str) -> str:
        """The channel a post to `channel` lands in: a user id means the app's DM with them
        (found without opening it, so a refused post leaves no trace)."""
        return _dm_id([channel]) if channel in self.users else channel

    def post_as(self, user: str, channel: str, text: str) -> Message:
        """A person's message in a conversation, as Slack's client posts it."""
        with self.lock:
            message = Message(channel, self.next_ts(), user, text)
            self.messages.append(message)
        self.changed()
        return message

    def choose(self, user: str, where: str, block_id: str, action_id: str, held: Any) -> None:
        """The person has changed an element of a message (at its place()) or a view (by id):
        it now holds `held` for them."""
        with self.lock:
            chosen = self.choices.setdefault((user, where), {})
            chosen.setdefault(block_id, {})[action_id] = held

    def choices_in(self, user: str, where: str) -> dict[str, dict[str, Any]]:
        """What the person has chosen in a message's or view's elements: {block_id: {action_id:
        what it holds}}."""
        with self.lock:
            return copy.deepcopy(self.choices.get((user, where), {}))

    def changed(self) -> None:
        """Something a person sees has changed: a message, a response, a view."""
        with self.lock:
            self.version += 1

    # Keeping between runs (the local workspace) ----------------------------------------------

    def snapshot(self) -> dict[str, Any]:
        """Everything a person sees, as JSON-ready data (restore() takes it back); the record
        of calls and violations is for tests and is not kept."""
        with self.lock:
            return {
                "users": [asdict(u) for u in self.users.values()],
                "channels": [asdict(c) for c in self.channels.values()],
                "messages": [asdict(m) for m in self.messages],
                "responses": [asdict(r) for r in self.responses],
                "views": self.views,
                "view_owner": self.view_owner,
                "home_views": self.home_views,
                "modal_stacks": self.modal_stacks,
                "files": {i: _file_to_json(f) for i, f in self.files.items()},
                "next_id": next(self._ids),
                "next_seq": next(self._seq),
            }

    def restore(self, kept: dict[str, Any]) -> None:
        with self.lock:
            self.users = {u["id"]: User(**u) for u in kept["users"]}
            self.channels = {c["id"]: Channel(**c) for c in kept["channels"]}
            self.messages = [Message(**m) for m in kept["messages"]]
            self.responses = [Response(**r) for r in kept["responses"]]
            self.views = kept["views"]
            self.view_owner = kept["view_owner"]
            self.home_views = kept["home_views"]
            self.modal_stacks = kept["modal_stacks"]
            self.files = {i: _file_from_json(f) for i, f in kept["files"].items()}
            self._ids = itertools.count(int(kept["next_id"]))
            self._seq = itertools.count(int(kept["next_seq"]))
            self.version += 1

    # Reading, for tests and the transcript ---------------------------------------------------

    def home_view(self, user_id: str) -> dict[str, Any] | None:
        """The Home tab the app last published for this person."""
        with self.lock:
            view_id = self.home_views.get(user_id)
            return self.views[view_id] if view_id else None

    def view_with_external_id(self, external_id: str) -> str | None:
        with self.lock:
            return next(
                (i for i, v in self.views.items() if v.get("external_id") == external_id), None
            )

    def open_modal_of(self, user_id: str) -> str | None:
        """The view on top of the modal most recently opened for this person, if one is open."""
        with self.lock:
            stacks = [s for s in self.modal_stacks.values() if self.view_owner.get(s[0]) == user_id]
            return stacks[-1][-1] if stacks else None

    def slack_file(self, file_id: str) -> dict[str, Any] | None:
        """A file as Slack's Web API shows it (without its bytes)."""
        with self.lock:
            file = self.files.get(file_id)
            return as_slack_file(file) if file else None

    def dm_channel(self, user_id: str) -> str:
        return self.open_dm([user_id]).id

    def messages_in(self, channel: str) -> list[Message]:
        with self.lock:
            return [m for m in self.messages if m.channel == channel]

    def dms_to(self, user_id: str) -> list[Message]:
        return self.messages_in(self.dm_channel(user_id))

    def responses_to(self, user_id: str) -> list[Response]:
        with self.lock:
            return [r for r in self.responses if r.user == user_id]

    def calls_to(self, method: str) -> list[Call]:
        with self.lock:
            return [c for c in self.calls if c.method == method]

    # Counting, for benchmarks --------------------------------------------------------------

    def calls_per_method(self) -> Counter[str]:
        with self.lock:
            return Counter(c.method for c in self.calls)

    def rate_limited_per_method(self) -> Counter[str]:
        """How many calls of each method were answered 429."""
        with self.lock:
            return Counter(c.method for c in self.calls if c.error == RATE_LIMITED)

    def posts_per_key(self) -> Counter[tuple[str, str]]:
        """Messages in each channel per metadata key: the `key` of a message's metadata
        `event_payload`, as a sender tags each post with what it delivers."""
        with self.lock:
            keys = ((m.channel, _metadata_key(m)) for m in self.messages)
            return Counter((channel, key) for channel, key in keys if key is not None)

    def duplicates(self) -> Counter[tuple[str, str]]:
        """The extra posts of each (channel, key) posted more than once; sum() them for a
        count of duplicates."""
        return Counter({k: n - 1 for k, n in self.posts_per_key().items() if n > 1})

    def missing(self, expected: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
        """Which expected (channel or user id, key) posts never arrived."""
        posted = self.posts_per_key()
        return [(to, key) for to, key in expected if not posted[(self.channel_key(to), key)]]


def as_slack_file(file: dict[str, Any]) -> dict[str, Any]:
    """A kept file as Slack's Web API shows it: without its bytes."""
    return {k: v for k, v in file.items() if k != "content"}


def _file_to_json(file: dict[str, Any]) -> dict[str, Any]:
    content = file["content"]
    return file | {"content": None if content is None else base64.b64encode(content).decode()}


def _file_from_json(kept: dict[str, Any]) -> dict[str, Any]:
    content = kept["content"]
    return kept | {"content": None if content is None else base64.b64decode(content)}


def _metadata_key(message: Message) -> str | None:
    payload = (message.metadata or {}).get("event_payload")
    return str(payload["key"]) if isinstance(payload, dict) and "key" in payload else None


def _dm_id(members: list[str]) -> str:
    """A DM's id from its sorted members: D + the user id's tail, or G + a digest for a group."""
    if len(members) == 1:
        return "D" + members[0][1:]
    return "G" + hashlib.sha1(",".join(members).encode()).hexdigest()[:10].upper()
