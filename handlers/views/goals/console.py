"""The goals feature's part of the project team's console (composed by handlers/views/console.py):
how many goals the cohort's pairs have set, under way and achieved. Numbers only: a goal's words
are the pair's own and never appear here."""

from __future__ import annotations

from datetime import datetime

from slack_sdk.models.blocks import Block, SectionBlock

from bot.goals.model import GoalCounts
from bot.scheme import Programme
from handlers.i18n import _
from handlers.views.common import note
from handlers.views.hub import Console


def console_section(console: Console, programme: Programme, now: datetime) -> list[Block]:
    counts = console.goals
    if counts is None:
        return []
    return [
        SectionBlock(text=_("*Learning goals*")),
        SectionBlock(text=counts_words(counts)),
        note(_("Counts only: each pair's goals are their own, and stay between the two of them.")),
    ]


def counts_words(counts: GoalCounts) -> str:
    if not counts.set:
        return _("No pair has recorded goals yet.")
    return _(
        "Pairs with goals: {pairs} · Goals set: {set} · Under way: {under_way} · Achieved: "
        "{achieved}"
    ).format(
        pairs=counts.pairs, set=counts.set, under_way=counts.under_way, achieved=counts.achieved
    )
