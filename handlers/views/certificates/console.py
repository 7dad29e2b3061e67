"""The certificates feature's part of the project team's console (composed by
handlers/views/console.py): how many completed the scheme, by role, and the command that names
them. No names here: the console is on a Home anyone on the team may have open."""

from __future__ import annotations

from datetime import datetime

from slack_sdk.models.blocks import Block, DividerBlock, SectionBlock

from bot.scheme import Programme
from handlers.i18n import _
from handlers.views.hub import Console


def console_section(console: Console, programme: Programme, now: datetime) -> list[Block]:
    completed = console.completed
    if not completed:
        counts = _("Nobody has completed the scheme yet.")
    else:
        mentors = sum(1 for c in completed if c.role == "mentor")
        counts = _(
            "{n} completed the scheme: {mentors} mentors, {mentees} mentees. Each can get their "
            "certificate from their Home. `/mentoring team completed` names them."
        ).format(n=len(completed), mentors=mentors, mentees=len(completed) - mentors)
    return [DividerBlock(), SectionBlock(text=_("*Certificates*") + "\n" + counts)]
