"""The console's cohort section: which cohort this deployment runs, and a button that starts the
next one by sending its programme file to the team's channel."""

from __future__ import annotations

from datetime import datetime

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement, DividerBlock, SectionBlock

from bot.cohorts.model import Cohort
from bot.cohorts.rules import following
from bot.cohorts.service import NextCohort
from bot.scheme import Programme
from handlers.i18n import _
from handlers.views.common import channel_link
from handlers.views.hub import Console, Said

START_NEXT = "console_start_next_cohort"
BLOCK = "console:cohort"


def console_section(console: Console, programme: Programme, now: datetime) -> list[Block]:
    new = following(Cohort(programme.cohort)).id
    return [
        DividerBlock(),
        SectionBlock(
            text=_(
                "*Cohort {cohort}*\nTo run the scheme again, start {next}: I'll send its "
                "programme file to the team's channel, every date a year on for you to confirm."
            ).format(cohort=programme.cohort, next=new)
        ),
        ActionsBlock(
            block_id=BLOCK,
            elements=[
                ButtonElement(
                    text=_("Start {next}").format(next=new), action_id=START_NEXT, value=new
                )
            ],
        ),
    ]


def said(started: NextCohort | None, channel: str) -> Said:
    """Under the button: on its way, then there (or Slack is slow; the outbox keeps trying)."""
    where = channel_link(channel)
    if started is None:
        text = _("The programme file is on its way to {channel}: it takes a moment.")
        return Said(BLOCK, text.format(channel=where))
    if not started.went:
        text = _(
            "Slack is slow just now: the programme file will reach {channel} as soon as it takes it."
        )
        return Said(BLOCK, text.format(channel=where))
    text = _(
        "The programme file for {cohort} is in {channel}, with {n} dates to confirm. Check it, "
        "deploy it as the bot's programme, then confirm each date in the console."
    )
    return Said(BLOCK, text.format(cohort=started.cohort, channel=where, n=started.to_confirm))
