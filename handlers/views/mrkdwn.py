"""Text someone typed, made safe to show in Slack's mrkdwn."""

from __future__ import annotations

import re
from collections.abc import Callable


def escape(text: str) -> str:
    """`text` as Slack will show it, literally: its `&`, `<` and `>` become entities, so what a
    person typed cannot notify a channel (`<!channel>`), mention someone (`<@U…>`) or disguise a
    link (`<https://…|label>`). Only these three, as Slack asks
    (https://api.slack.com/reference/surfaces/formatting#escaping); `&` first, so the entities
    made here are not escaped again. Escape each person's piece before the view wraps it in its
    own markup, and never in plain_text, which Slack shows as it is."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# Slack's markup for a mention (<@U123> or <@U123|label>), a link (<https://…|label>) or a
# special mention (<!here>); and its three entities.
_MARKUP = re.compile(r"<(@|!)?([^<>|]+)(?:\|([^<>]*))?>")
_ENTITIES = (("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&"))


def as_plain_text(message: str, name_of: Callable[[str], str]) -> str:
    """A message written in mrkdwn, for a place Slack shows as plain text (a form's error):
    a person's mention becomes their name (`name_of` their id), a link its label and address,
    and an entity its character, so nothing shows as raw markup."""

    def plain(match: re.Match[str]) -> str:
        sigil, target, label = match.groups()
        if sigil == "@":
            return name_of(target)
        if sigil == "!":
            return label or f"@{target}"
        return f"{label} ({target})" if label else target

    text = _MARKUP.sub(plain, message)
    for entity, character in _ENTITIES:
        text = text.replace(entity, character)
    return text
