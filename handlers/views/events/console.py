"""The events feature's part of the project team's console (composed by
handlers/views/console.py), with its action ids."""

from __future__ import annotations

from datetime import datetime

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    DividerBlock,
    SectionBlock,
)

from bot.events.service import Attendance
from bot.scheme import Programme
from handlers.i18n import _, ngettext
from handlers.views.common import note
from handlers.views.events.describe import in_readers_language, when
from handlers.views.hub import SHOWN, Console, more_note
from handlers.views.mrkdwn import escape

SET_DATE = "console_set_date"


WHO = "console_who"


def _events(attendance: list[Attendance], programme: Programme, now: datetime) -> list[Block]:
    """Events still to come or to be dated, each with its replies and buttons; those that have
    taken place are only counted, as nothing about them is still to be done here."""
    blocks: list[Block] = [DividerBlock(), SectionBlock(text=_("*Events*"))]
    ahead = [a for a in attendance if a.schedule.ends_at is None or a.schedule.ends_at > now]
    for a in ahead[:SHOWN]:
        replies = _("{coming} coming, {not_coming} not, {no_reply} not replied").format(
            coming=len(a.coming), not_coming=len(a.not_coming), no_reply=len(a.no_reply)
        )
        dated = when(programme, a.schedule, a.event, None)
        title = escape(in_readers_language(a.event).title)
        blocks.append(SectionBlock(text=f"*{title}*: {dated}\n{replies}"))
        blocks.append(
            ActionsBlock(
                block_id=f"console:event:{a.event.id}",
                elements=[
                    ButtonElement(text=_set_date(a), action_id=SET_DATE, value=a.event.id),
                    ButtonElement(text=_("Who is coming"), action_id=WHO, value=a.event.id),
                ],
            )
        )
    more = _("And {n} more events: type `/mentoring team events` to see them all.")
    blocks += more_note(len(ahead), more)
    if past := len(attendance) - len(ahead):
        held = ngettext(
            "{n} event has taken place: `/mentoring team events` shows its replies.",
            "{n} events have taken place: `/mentoring team events` shows their replies.",
            past,
        )
        blocks.append(note(held.format(n=past)))
    return blocks


def _set_date(a: Attendance) -> str:
    """A date carried from last year waits for the team to confirm it (or change it)."""
    return _("Confirm date") if a.event.to_confirm and a.schedule.is_tbc else _("Set date")


def console_section(console: Console, programme: Programme, now: datetime) -> list[Block]:
    return _events(console.attendance, programme, now)
