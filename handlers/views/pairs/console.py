"""The pairs feature's part of the project team's console (composed by handlers/views/console.py),
with its action ids."""

from __future__ import annotations

from datetime import datetime

from slack_sdk.models.blocks import (
    Block,
)

from bot.pairs.checkins import PairSummary
from bot.scheme import Programme
from handlers.i18n import _
from handlers.views.common import sections
from handlers.views.hub import SHOWN, Console, more_note
from handlers.views.mrkdwn import escape
from handlers.views.pairs.messages import attention_words

MAKE_PAIR = "console_make_pair"


END_PAIR = "console_end_pair"


PAUSE_PAIR = "console_pause_pair"


def _pair_line(s: PairSummary) -> str:
    names = f"*{escape(s.mentor)}* & *{escape(s.mentee)}*"
    if s.attention:
        return f"• {names}: {attention_words(s.attention)}"
    # A pair has two members: one of them, or both, have still to accept.
    waiting = list(map(escape, s.not_accepted))
    if len(waiting) == 2:
        return _("• {pair}: waiting for {first} and {second} to accept").format(
            pair=names, first=waiting[0], second=waiting[1]
        )
    return _("• {pair}: waiting for {person} to accept").format(
        pair=names, person=", ".join(waiting)
    )


def attention(console: Console, programme: Programme, now: datetime) -> tuple[list[Block], bool]:
    """The pairs under "Needs attention" (flagged, or still to accept), and whether there are
    any."""
    flagged = sorted(
        (p for p in console.pairs if p.attention or p.pair.status == "awaiting"),
        key=lambda p: (p.mentor, p.mentee, p.pair.id),
    )
    blocks = sections("\n".join(_pair_line(s) for s in flagged[:SHOWN]))
    more = _("And {n} more pairs: type `/mentoring team pairs` to see them all.")
    return blocks + more_note(len(flagged), more), bool(flagged)
