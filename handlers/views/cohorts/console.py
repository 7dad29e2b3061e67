"""The console's cohort section: which cohort this deployment runs, a button that starts the
next one by sending its programme file to the team's channel, and when each cohort's personal
data is erased."""

from __future__ import annotations

from datetime import datetime

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement, DividerBlock, SectionBlock

from bot.cohorts.model import Cohort
from bot.cohorts.rules import following
from bot.cohorts.service import NextCohort, Retained
from bot.scheme import Programme
from handlers.i18n import _, on_day, until_day
from handlers.views.common import channel_link, note
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
        *(
            [note("\n".join(retention_line(r, programme) for r in console.retention))]
            if console.retention
            else []
        ),
    ]


def retention_line(retained: Retained, programme: Programme) -> str:
    """When a cohort's personal data is erased, as its programme file said (or was)."""
    cohort = retained.cohort
    if cohort.erased_at is not None:
        erased_on = cohort.erased_at.astimezone(programme.zone).date()
        text = _("{cohort}: personal data erased {on_day}; its counts and results are kept.")
        return text.format(cohort=cohort.id, on_day=on_day(erased_on))
    if retained.erases_at is None:
        text = _("{cohort}: personal data kept until the team erases it.")
        return text.format(cohort=cohort.id)
    text = _("{cohort}: personal data kept {until_day}, then erased.")
    kept_until = cohort.keep_until or retained.erases_at.date()
    return text.format(cohort=cohort.id, until_day=until_day(kept_until))


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
