"""The reflections feature's part of the project team's console (composed by
handlers/views/console.py): how many of those invited reflected at the close, and how many short
reflections followed meetings. Numbers only: a reflection is its writer's own."""

from __future__ import annotations

from datetime import datetime

from slack_sdk.models.blocks import Block, SectionBlock

from bot.reflections.model import ReflectionCounts
from bot.scheme import Programme
from handlers.i18n import _
from handlers.views.hub import Console


def console_section(console: Console, programme: Programme, now: datetime) -> list[Block]:
    """One block: the console keeps inside Slack's hundred at its fullest."""
    counts = console.reflections
    if counts is None or not (counts.invited or counts.after_meetings):
        return []
    return [SectionBlock(text=counts_words(counts))]


def counts_words(counts: ReflectionCounts) -> str:
    return _(
        "*Reflections*: {at_closure} of {invited} invited reflected at the close · {meetings} "
        "short reflections after meetings. Counts only: each reflection is its writer's own."
    ).format(at_closure=counts.at_closure, invited=counts.invited, meetings=counts.after_meetings)
