"""Text someone typed, made safe to show in Slack's mrkdwn."""

from __future__ import annotations


def escape(text: str) -> str:
    """`text` as Slack will show it, literally: its `&`, `<` and `>` become entities, so what a
    person typed cannot notify a channel (`<!channel>`), mention someone (`<@U…>`) or disguise a
    link (`<https://…|label>`). Only these three, as Slack asks
    (https://api.slack.com/reference/surfaces/formatting#escaping); `&` first, so the entities
    made here are not escaped again. Escape each person's piece before the view wraps it in its
    own markup, and never in plain_text, which Slack shows as it is."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
