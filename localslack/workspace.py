"""The workspace's state: people, channels, messages, views; and a record of every call."""

from __future__ import annotations

import hashlib
import itertools
import threading
import time
from dataclasses import dataclass, field
from typing import Any


@dataclass
class User:
    id: str
    name: str
    email: str
    tz: str = "Europe/London"
    is_bot: bool = False

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


class Workspace:
    def __init__(self, team_id: str = "TLOCAL0001", bot_user: str = "UBOT00001"):
        self.team_id = team_id
        self.bot_user = bot_user
        self.lock = threading.RLock()
        self.users: dict[str, User] = {
            bot_user: User(bot_user, "mentorbot", "bot@localhost", is_bot=True)
        }
        self.channels: dict[str, Channel] = {}
        self.messages: list[Message] = []
        self.calls: list[Call] = []
        self.violations: list[str] = []
        self.responses: list[Response] = []
        self.views: dict[str, dict[str, Any]] = {}
        self.view_owner: dict[str, str] = {}
        self.files: dict[str, dict[str, Any]] = {}
        self.triggers: dict[str, str] = {}
        self._ids = itertools.count(1)
        self._seq = itertools.count(1)

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
        return f"{int(time.time())}.{next(self._seq):06d}"

    def open_dm(self, users: list[str]) -> Channel:
        with self.lock:
            members = sorted(set(users))
            kind = "D" if len(members) == 1 else "G"
            digest = hashlib.sha1(",".join(members).encode()).hexdigest()[:10].upper()
            channel_id = "D" + members[0][1:] if kind == "D" else "G" + digest
            if channel_id not in self.channels:
                self.channels[channel_id] = Channel(
                    channel_id,
                    "mpdm-" + "--".join(members) if kind == "G" else members[0],
                    is_im=kind == "D",
                    is_mpim=kind == "G",
                    members=[self.bot_user, *members],
                )
            return self.channels[channel_id]

    # Reading, for tests and the transcript ---------------------------------------------------

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
