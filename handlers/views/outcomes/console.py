"""The outcomes feature's part of the project team's console (composed by
handlers/views/console.py): a button that sends the cohort's outcomes report to the team's
private channel, and what the Home says under it as the report goes (on its way, then there);
and the words of `/mentoring team report`'s answer."""

from __future__ import annotations

from datetime import datetime

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement, DividerBlock, SectionBlock

from bot.scheme import Programme
from handlers.i18n import N_, _
from handlers.views.common import channel_link
from handlers.views.hub import Console, Said

REPORT = "console_outcomes_report"
BLOCK = "console:outcomes"

# What the Home says under the button, and the command answers: the report is drawn when it is
# sent (its charts take a moment), then it is there, or Slack is slow and the outbox keeps trying.
ON_ITS_WAY = N_("The outcomes report is on its way to {channel}: it takes a moment.")
ARRIVED = N_("The outcomes report is in {channel}: a PDF to read and a CSV of its figures.")
DELAYED = N_(
    "Slack is slow just now: the outcomes report will be in {channel} as soon as it takes it."
)
NOT_SENT = N_("The outcomes report could not be sent just now. Please try again in a minute.")


def console_section(console: Console, programme: Programme, now: datetime) -> list[Block]:
    return [
        DividerBlock(),
        SectionBlock(
            text=_(
                "*Outcomes*\nThe {cohort} cohort's outcomes report, for the steering group: what "
                "changed from the baseline to the final evaluation, goals, meetings and "
                "completion. It comes to the team's channel as a PDF and a CSV, in your "
                "language. It names nobody, and hides figures about fewer than 10 people."
            ).format(cohort=programme.cohort)
        ),
        ActionsBlock(
            block_id=BLOCK,
            elements=[ButtonElement(text=_("Outcomes report"), action_id=REPORT)],
        ),
    ]


def report_said(words: str, channel: str) -> Said:
    """`words` (ON_ITS_WAY, ARRIVED or DELAYED) under the button."""
    return Said(BLOCK, report_words(words, channel))


def report_not_sent(why: str | None = None) -> Said:
    """Why the report did not go (a person's mistake, in words), or that something failed."""
    return Said(BLOCK, why or _(NOT_SENT))


def report_words(words: str, channel: str) -> str:
    return _(words).format(channel=channel_link(channel))
