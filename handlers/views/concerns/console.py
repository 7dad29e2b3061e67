"""The concerns feature's part of the project team's console (composed by
handlers/views/console.py), with its action ids."""

from __future__ import annotations

from datetime import datetime

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    SectionBlock,
)

from bot.concerns.model import Concern
from bot.concerns.service import AlertView
from bot.scheme import Programme
from handlers.i18n import _, formatted
from handlers.views.concerns.messages import STATUS_WORDS, URGENCY_WORDS
from handlers.views.hub import SHOWN, Console, more_note, today

CONCERN = "console_concern_"  # + acknowledge, take or resolve


CONSOLE_RESOLVE_MODAL = "console_resolve_modal"


def _resolved_at(alert: AlertView) -> datetime | None:
    return next((e.at for e in reversed(alert.history) if e.action == "resolved"), None)


def _concerns(
    alerts: list[AlertView], programme: Programme, now: datetime
) -> tuple[list[Block], bool]:
    """The concerns not yet resolved and those resolved today, each with its status; and
    whether any is still to be resolved."""
    still_open = [a for a in alerts if a.concern.status != "resolved"]
    settled = [a for a in alerts if today(_resolved_at(a), programme, now)]
    shown = sorted(still_open + settled, key=lambda a: -a.concern.id)
    blocks: list[Block] = []
    for alert in shown[:SHOWN]:
        c = alert.concern
        line = _("Concern #{number} · {urgency} · {status} · raised {day}").format(
            number=c.id,
            urgency=_(URGENCY_WORDS[c.urgency]),
            status=_(STATUS_WORDS[c.status]),
            day=formatted(c.created_at.astimezone(programme.zone), "dd MMM"),
        )
        blocks.append(SectionBlock(text=line))
        if c.status != "resolved":
            blocks.append(_concern_buttons(c))
    more = _("And {n} more concerns: type `/mentoring team alerts` to see them all.")
    return blocks + more_note(len(shown), more), bool(still_open)


def _concern_buttons(c: Concern) -> ActionsBlock:
    """Acknowledge comes last, so when it goes nothing else moves into its place."""
    steps = [("take", _("I'll take this")), ("resolve", _("Resolved"))]
    if c.status == "open":
        steps.append(("acknowledge", _("Acknowledge")))
    return ActionsBlock(
        block_id=f"console:concern:{c.id}",
        elements=[
            ButtonElement(text=text, action_id=f"{CONCERN}{step}", value=str(c.id))
            for step, text in steps
        ],
    )


def attention(console: Console, programme: Programme, now: datetime) -> tuple[list[Block], bool]:
    """The concerns under "Needs attention", and whether any is still to be resolved."""
    return _concerns(console.alerts, programme, now)
