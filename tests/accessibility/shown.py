"""What a message shows, as words: its blocks' text (read by tests/seen.py), and Slack's markup
read as a person reads it."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from tests import seen

# Slack shows a mention as the person's name: one of the cast stands in for any.
MENTION_SHOWN_AS = "Priya Anand"
EMOJI = re.compile(r":([a-z0-9_+-]+):")
_LINK = re.compile(r"<(?:https?|mailto):[^|>]*\|([^>]*)>|<((?:https?|mailto):[^>]*)>")
_MENTION = re.compile(r"<[@#!][^>]*>")
_MARKS = re.compile(r"(?<!\w)[*_~`]+|[*_~`]+(?!\w)")


def block_texts(blocks: list[dict], controls: bool = False) -> Iterator[str]:
    """Every text in the blocks as tests/seen.py reads them; with `controls`, also the buttons'
    and menus' words in actions blocks (otherwise only what is read: sections, headers, small
    print)."""
    for block in blocks:
        if block.get("type") != "actions" or controls:
            yield from seen.texts([block])


def plain(text: str) -> str:
    """mrkdwn as words: a link as its label, a mention as a name, no emoji codes, no marks."""
    text = _LINK.sub(lambda m: m.group(1) or m.group(2), text)
    text = _MENTION.sub(MENTION_SHOWN_AS, text)
    text = EMOJI.sub("", text)
    return html.unescape(_MARKS.sub("", text)).strip()


def as_sentences(texts: list[str]) -> str:
    """Lines as a person reads them: each line of a list or a heading is a sentence of its own."""
    lines = []
    for text in texts:
        for line in plain(text).splitlines():
            line = line.strip().removeprefix("•").removeprefix(">").strip()
            if line:
                lines.append(line if line[-1] in ".!?:;…" else f"{line}.")
    return " ".join(lines)
