"""The CPD feature's section of a person's App Home (composed by handlers/views/home.py), with
its action id: once there is something in their record, a button that brings it to our DM; and
what the Home says under it once pressed."""

from __future__ import annotations

from datetime import datetime

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement, DividerBlock, SectionBlock

from bot.scheme import Programme
from handlers.i18n import _
from handlers.views.hub import Mine, Said

HOME_CPD = "home_cpd"
BUTTONS = "home:cpd"


def home_section(mine: Mine, programme: Programme, now: datetime) -> list[Block]:
    """Only once the record has something in it: an event attended or a meeting logged."""
    if not mine.cpd:
        return []
    return [
        DividerBlock(),
        SectionBlock(
            text=_(
                "*Your CPD record*\nWhat you have done on the scheme so far, in the shape the "
                "HCPC's CPD profile asks for, with a draft statement for you to edit."
            )
        ),
        ActionsBlock(
            block_id=BUTTONS,
            elements=[ButtonElement(text=_("Get my CPD record"), action_id=HOME_CPD)],
        ),
    ]


def cpd_said() -> Said:
    """Under the button, once the record is on its way."""
    return Said(BUTTONS, _("I've put your CPD record in our direct messages."))
