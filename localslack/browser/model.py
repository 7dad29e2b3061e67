"""What the page shows one person: the places in their sidebar and what is in each, read from
the workspace as that person may see it (only channels they are in, only their own responses)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from localslack.browser.words import _, written
from localslack.workspace import Channel, Workspace

HOME = "home"


@dataclass(frozen=True)
class Person:
    """Someone the page can be used as, listed under their group in the "you are" picker."""

    id: str
    name: str
    group: str  # marked for the catalogue (N_), translated where it is shown


@dataclass(frozen=True)
class Place:
    """A place in the sidebar: the app's Home tab, or a conversation the person is in."""

    id: str
    label: str
    kind: str  # "home", "dm" (with the app), "group" (a group DM), "channel"


@dataclass(frozen=True)
class Item:
    """One message or response in a conversation, as its reader sees it."""

    ts: str
    author: str
    when: str
    text: str
    blocks: list[dict[str, Any]]
    files: list[dict[str, Any]] = field(default_factory=list)
    only_you: bool = False  # a response to the person: no message shortcuts act on it
    edited: bool = False


def places_of(ws: Workspace, user: str, app_name: str) -> list[Place]:
    """The app's Home and DM first, then the person's channels and group DMs by name."""
    with ws.lock:
        dm = ws.channel_key(user)
        places = [Place(HOME, _("Home"), "home"), Place(dm, app_name, "dm")]
        others = [
            _place(ws, c, user)
            for c in ws.channels.values()
            if user in c.members and c.id != dm and not c.is_im
        ]
    return places + sorted(others, key=lambda p: (p.kind != "channel", p.label))


def _place(ws: Workspace, channel: Channel, user: str) -> Place:
    if channel.is_mpim:
        names = [ws.users[m].name for m in channel.members if m != user and m in ws.users]
        return Place(channel.id, ", ".join(names), "group")
    return Place(channel.id, channel.name, "channel")


def can_see(ws: Workspace, user: str, channel: str) -> bool:
    """A person reads their DM with the app (open or not yet) and the channels they are in."""
    with ws.lock:
        if channel == ws.channel_key(user):
            return True
        found = ws.channels.get(channel)
        return found is not None and user in found.members


def items_in(ws: Workspace, user: str, channel: str, zone: ZoneInfo) -> list[Item]:
    """The channel's messages and the person's own responses in it, oldest first."""
    with ws.lock:
        messages = [
            Item(
                m.ts,
                _name(ws, m.user),
                stamp(m.ts, zone),
                m.text,
                m.blocks,
                m.files,
                edited=m.edited,
            )
            for m in ws.messages_in(channel)
        ]
        responses = [
            Item(
                r.ts,
                _name(ws, ws.bot_user),
                stamp(r.ts, zone),
                r.text,
                r.blocks,
                only_you=True,
            )
            for r in ws.responses
            if r.user == user and r.channel == channel and r.ts
        ]
    return sorted(messages + responses, key=lambda i: _order(i.ts))


def _order(ts: str) -> tuple[int, int]:
    seconds, _dot, seq = ts.partition(".")
    return int(seconds), int(seq or 0)


def _name(ws: Workspace, user: str) -> str:
    found = ws.users.get(user)
    return found.name if found else user


def stamp(ts: str, zone: ZoneInfo) -> str:
    """A ts as the reader's clock shows it: "Tue 14 Oct 2025, 10:00"."""
    return when(datetime.fromtimestamp(int(ts.partition(".")[0]), UTC), zone)


def when(moment: datetime, zone: ZoneInfo) -> str:
    """A moment on a clock in `zone`, as the reader's language writes it."""
    return written(moment.astimezone(zone))


def names_of(ws: Workspace) -> dict[str, str]:
    """Users' and channels' names by id, for mentions in text."""
    with ws.lock:
        names = {u.id: u.name for u in ws.users.values()}
        names.update({c.id: c.name for c in ws.channels.values() if not c.is_im})
    return names


def file_visible_to(ws: Workspace, user: str, file_id: str) -> bool:
    """A file is theirs, or shared in a conversation they can see."""
    with ws.lock:
        file = ws.files.get(file_id)
        if file is None:
            return False
        if file["user"] == user:
            return True
        return any(
            any(f.get("id") == file_id for f in m.files) and can_see(ws, user, m.channel)
            for m in ws.messages
        )
