"""What a person sees in Slack, as words: the one place tests read a message, a view or a Home.

Slack shows a message's blocks when it has any; its `text` is then only the notification's words,
never shown in the conversation, so `words` reads the blocks and falls back to `text` only for a
message without blocks. From the blocks it takes every text object (mrkdwn or plain_text) in
reading order, one per line: headers, sections' text and fields, context elements, button and
option labels, inputs' labels, hints, placeholders and prefilled words. A view adds its title and
its submit and close labels. Never ids, values, URLs or action_ids, so an `in` check cannot pass
on one of them (a URL is seen only where the words show it: in mrkdwn, or typed into a box).

The mrkdwn is given as Slack receives it, markup and escapes included: that is what a test of
escaping must read (`&lt;!channel&gt;` is shown as typed, `<!channel>` would notify a channel).
`tests.accessibility.shown.plain` reads it further as a person would, where a test needs that."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from localslack.workspace import Message, Response

# What a person types to try Slack's markup: a channel notice, a mention, a disguised link; how it
# must reach Slack (escaped, so it reads as typed); and the markup that must never reach Slack.
TYPED = "<!channel> <@U999> & <https://evil.example|click>"
ESCAPED = "&lt;!channel&gt; &lt;@U999&gt; &amp; &lt;https://evil.example|click&gt;"
MARKUP = ("<!channel>", "<@U999>", "<https://evil.example")

# Keys whose values hold no words: Slack uses them, a person never reads them.
_UNSEEN = frozenset({"action_id", "block_id", "value", "url", "image_url", "callback_id"})
_READING = (
    "title",
    "text",
    "label",
    "fields",
    "elements",
    "element",
    "accessory",
    "placeholder",
    "initial_value",
    "initial_option",
    "options",
    "option_groups",
    "hint",
)
_TEXT_TYPES = ("mrkdwn", "plain_text")
# A view's own words, shown around its blocks.
_VIEW_WORDS = ("title", "submit", "close")


Shown = (
    Message
    | Response
    | View
    | tuple[str, Sequence[Block | dict[str, Any]]]
    | Sequence[Block | dict[str, Any]]
    | dict[str, Any]
)


def words(shown: Shown) -> str:
    """The words a person reads, one text object a line (see the module's note)."""
    return "\n".join(texts(shown))


def texts(shown: Shown) -> list[str]:
    """`words`, as a list: one item per text object."""
    if isinstance(shown, Message | Response):
        return _of_blocks(shown.blocks) if shown.blocks else [shown.text]
    if isinstance(shown, tuple):
        fallback, blocks = shown
        return _of_blocks(blocks) if blocks else [fallback]
    if isinstance(shown, View):
        return texts(shown.to_dict())
    if isinstance(shown, dict):
        return _of_view(shown) if "blocks" in shown else list(_texts(shown))
    return _of_blocks(shown)


def in_each_language(message: Message) -> list[str]:
    """The words of a message written in two languages, one item a language: the messenger puts
    a divider before the second language's words (sections, headers and contexts only, so the
    last divider is the one between them). A message in one language gives one item."""
    kinds = [b.get("type") for b in message.blocks]
    if "divider" not in kinds:
        return [words(message)]
    last = len(kinds) - 1 - kinds[::-1].index("divider")
    return [words(message.blocks[:last]), words(message.blocks[last + 1 :])]


def everywhere(shown: Shown | str) -> str:
    """The notification's words (a message's `text`) and then its `words`: all that Slack reads
    out or shows anywhere, for checks that nothing anywhere carries markup. Text is itself."""
    if isinstance(shown, str):
        return shown
    fallback = shown.text if isinstance(shown, Message | Response) else ""
    if isinstance(shown, tuple):
        fallback = shown[0]
    return fallback + "\n" + words(shown)


def no_markup_in(shown: Shown | str) -> bool:
    """Nothing typed reaches Slack as markup: not in the notification, not in the blocks."""
    seen = everywhere(shown)
    return not any(markup in seen for markup in MARKUP)


def held(shown: Message | Response | dict[str, Any]) -> str:
    """Everything Slack holds of a message or a view, seen or not: text and blocks as data, ids,
    values and URLs included. Not what a person reads: for checks that something private is
    nowhere in it, not even out of sight."""
    if isinstance(shown, Message | Response):
        return shown.text + "\n" + json.dumps(shown.blocks, ensure_ascii=False)
    return json.dumps(shown, ensure_ascii=False)


def buttons(shown: Shown) -> list[str]:
    """The buttons' labels, in order: what a person can press."""
    return [_label(b) for b in _elements(shown) if b.get("type") == "button"]


def button_elements(shown: Shown) -> list[dict[str, Any]]:
    """The buttons themselves, in order: for checks of how a button looks beside its words (its
    style, its confirmation)."""
    return [b for b in _elements(shown) if b.get("type") == "button"]


def links(shown: Shown) -> dict[str, str]:
    """Each link button's label and the address it opens: a person sees the label, the browser
    opens the address."""
    return {
        _label(e): e["url"] for e in _elements(shown) if e.get("type") == "button" and "url" in e
    }


def actions_in(shown: Shown) -> list[str]:
    """Every action_id on the buttons and menus: what the bot will be told was pressed. Not
    words; for a test that checks which actions a message offers."""
    return [e["action_id"] for e in _elements(shown) if "action_id" in e]


def _of_view(view: dict[str, Any]) -> list[str]:
    own = [t for key in _VIEW_WORDS if key in view for t in _texts(view[key])]
    return own[:1] + _of_blocks(view["blocks"]) + own[1:]


def _of_blocks(blocks: Sequence[Block | dict[str, Any]]) -> list[str]:
    return [t for block in blocks for t in _texts(_as_dict(block))]


def _as_dict(node: Block | dict[str, Any]) -> dict[str, Any]:
    return node if isinstance(node, dict) else node.to_dict()


def _texts(node: object) -> Iterator[str]:
    if isinstance(node, dict):
        if node.get("type") in _TEXT_TYPES and isinstance(node.get("text"), str):
            yield node["text"]
            return
        for key, value in sorted(node.items(), key=_reading_order):
            if key == "initial_value" and isinstance(value, str):
                yield value  # a text input's prefilled words, shown in the box
            elif key not in _UNSEEN:
                yield from _texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from _texts(value)


def _reading_order(item: tuple[str, object]) -> int:
    """Where Slack shows a part of a block: a section's text before its fields and its button, an
    input's label above its box and its hint below; other parts keep the order they came in."""
    return _READING.index(item[0]) if item[0] in _READING else len(_READING)


def _elements(shown: Shown) -> Iterator[dict[str, Any]]:
    """Every interactive element: those in actions blocks, sections' accessories, inputs'."""
    for block in _blocks_of(shown):
        yield from block.get("elements", []) if block.get("type") == "actions" else []
        for key in ("accessory", "element"):
            if isinstance(block.get(key), dict):
                yield block[key]


def _blocks_of(shown: Shown) -> list[dict[str, Any]]:
    if isinstance(shown, Message | Response):
        return shown.blocks
    if isinstance(shown, tuple):
        return [_as_dict(b) for b in shown[1]]
    if isinstance(shown, View):
        return _blocks_of(shown.to_dict())
    if isinstance(shown, dict):
        return list(shown.get("blocks", []))
    return [_as_dict(b) for b in shown]


def _label(element: dict[str, Any]) -> str:
    return str(element["text"]["text"])
