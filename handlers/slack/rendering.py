"""How each notice reads in Slack. Every feature's view registers its own renderers here, so the
messenger sends any notice without knowing which feature it came from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from slack_sdk.models.blocks import Block

from bot.notices import FileNotice, Notice

N = TypeVar("N", bound=Notice)
MessageView = Callable[[Any], tuple[str, list[Block]]]


# files.getUploadURLExternal refuses a longer text alternative ("alt_txt_too_large").
ALT_TEXT_MAX = 1000


@dataclass(frozen=True)
class SharedFile:
    """A file's bytes and words: its title, the message that comes with it (`comment`) and, for
    an image, what it shows for those who cannot see it (`alt_text`, Slack's alt_txt)."""

    content: bytes
    title: str
    comment: str | None = None
    alt_text: str | None = None


FileView = Callable[[Any], SharedFile]
_MESSAGES: dict[type, MessageView] = {}
_FILES: dict[type, FileView] = {}


def message_view(notice_type: type[N]) -> Callable[[Callable[[N], tuple[str, list[Block]]]], Any]:
    """Registers the decorated function as how `notice_type` reads as a message."""

    def register(view: Callable[[N], tuple[str, list[Block]]]) -> Callable[[N], Any]:
        _MESSAGES[notice_type] = view
        return view

    return register


def file_view(notice_type: type[N]) -> Callable[[Callable[[N], SharedFile]], Any]:
    """Registers the decorated function as the file a `notice_type` shares."""

    def register(view: Callable[[N], SharedFile]) -> Callable[[N], Any]:
        _FILES[notice_type] = view
        return view

    return register


def render_message(notice: Notice) -> tuple[str, list[dict]]:
    """(fallback text, blocks) of a message notice."""
    text, blocks = _MESSAGES[type(notice)](notice)
    return text, [b.to_dict() for b in blocks]


def render_file(notice: FileNotice) -> SharedFile:
    return _FILES[type(notice)](notice)


def notice_types() -> frozenset[type]:
    """Every notice type a view says how to send: messages and files."""
    return frozenset(_MESSAGES) | frozenset(_FILES)


def is_registered(notice: Notice) -> bool:
    return type(notice) in (_FILES if isinstance(notice, FileNotice) else _MESSAGES)
