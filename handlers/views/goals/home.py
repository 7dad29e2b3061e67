"""The goals feature's section of a person's App Home (composed by handlers/views/home.py): the
pair's goals, each with its story, and its boundaries, with the button that opens the form
while the pair is in Negotiation."""

from __future__ import annotations

from datetime import datetime

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement, DividerBlock, SectionBlock

from bot.goals.model import Goal
from bot.goals.service import MyGoals
from bot.scheme import Programme
from handlers.i18n import _
from handlers.views.common import SECTION_TEXT_MAX, note, quoted
from handlers.views.goals.messages import (
    boundaries_parts,
    change_in_negotiation,
    goal_details,
    no_goals_words,
)
from handlers.views.hub import Mine
from handlers.views.mrkdwn import escape

HOME_GOALS = "home_goals"


def home_section(mine: Mine, programme: Programme, now: datetime) -> list[Block]:
    """A started pair's goals and boundaries (nothing before the pair has started)."""
    goals = mine.goals
    if goals is None or goals.pair.status != "active":
        return []
    blocks: list[Block] = [DividerBlock(), SectionBlock(text=_("*Your learning goals*"))]
    if not goals.goals:
        blocks.append(SectionBlock(text=no_goals_words(goals)))
    for goal in goals.goals:
        blocks += _goal(goal, programme)
    parts = boundaries_parts(goals.boundaries)
    if parts:
        blocks.append(SectionBlock(text=_("*Your boundaries*")))
    for label, text in parts:
        blocks += _words(f"*{label}:* ", text)
    return blocks + _change(goals)


def _goal(goal: Goal, programme: Programme) -> list[Block]:
    return [
        *_words(f"*{goal.position}.* ", goal.what),
        note("\n".join(goal_details(goal, programme.zone))),
    ]


def _words(label: str, text: str) -> list[Block]:
    """A label and what the pair typed: in one section where it fits, else quoted after it."""
    line = label + escape(text)
    if len(line) <= SECTION_TEXT_MAX:
        return [SectionBlock(text=line)]
    return [SectionBlock(text=label.strip()), *quoted(text)]


def _change(goals: MyGoals) -> list[Block]:
    """The form's button in Negotiation; elsewhere, where they are changed."""
    if goals.editable:
        words = _("Edit our goals and boundaries") if goals.goals else _("Set our goals")
        button = ButtonElement(text=words, action_id=HOME_GOALS, style="primary")
        return [ActionsBlock(block_id="home:goals", elements=[button])]
    return [note(change_in_negotiation())] if goals.goals else []
