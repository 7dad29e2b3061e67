"""The requests feature's part of the project team's console (composed by
handlers/views/console.py), with its action ids."""

from __future__ import annotations

from datetime import datetime

from slack_sdk.models.blocks import (
    Block,
)

from bot.requests.rules import DONE
from bot.scheme import Programme
from handlers.i18n import _
from handlers.views.common import sections
from handlers.views.hub import SHOWN, Console, more_note, today
from handlers.views.requests.messages import console_line


def attention(console: Console, programme: Programme, now: datetime) -> tuple[list[Block], bool]:
    """The requests still to answer and those answered today, each with its status; and
    whether any is still to answer."""
    waiting = [r for r in console.requests if r.status not in DONE]
    answered = [
        r
        for r in console.requests
        if r.status in DONE and today(console.answered_at.get(r.id), programme, now)
    ]
    listed = sorted(waiting + answered, key=lambda r: -r.id)
    blocks = sections("\n".join(map(console_line, listed[:SHOWN])))
    more = _("And {n} more requests: type `/mentoring team requests` to see them all.")
    return blocks + more_note(len(listed), more), bool(waiting)
