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
from handlers.views.common import SECTION_TEXT_MAX, note, quoted, sections, shortened
from handlers.views.goals.messages import (
    boundaries_parts,
    change_in_negotiation,
    goal_details,
    no_goals_words,
    progress_name,
)
from handlers.views.hub import Mine, MyPair
from handlers.views.mrkdwn import escape

HOME_GOALS = "home_goals"
BRIEF = 120  # characters of a goal shown in brief


def pair_section(mine_pair: MyPair, mine: Mine, programme: Programme, now: datetime) -> list[Block]:
    """A started pair's goals and boundaries (nothing before the pair has started)."""
    goals = mine_pair.goals
    if goals is None or goals.pair.status != "active":
        return []
    blocks: list[Block] = [DividerBlock(), SectionBlock(text=_("*Your learning goals*"))]
    if not goals.goals:
        blocks.append(SectionBlock(text=no_goals_words(goals)))
    elif len(mine.pairs) > 1:
        return blocks + _in_brief(goals, mine_pair.view.partner.name) + _change(goals)
    for goal in goals.goals:
        blocks += _goal(goal, programme)
    parts = boundaries_parts(goals.boundaries)
    if parts:
        blocks.append(SectionBlock(text=_("*Your boundaries*")))
    for label, text in parts:
        blocks += _words(f"*{label}:* ", text)
    return blocks + _change(goals)


def _in_brief(goals: MyGoals, partner: str) -> list[Block]:
    """For a mentor with several mentees, so that every pair fits on the Home: each goal's
    first words and its progress; the whole, with its story and the boundaries, is a command
    away."""
    lines = [
        f"*{goal.position}.* {escape(shortened(goal.what, BRIEF))} · {progress_name(goal.progress)}"
        for goal in goals.goals
    ]
    whole = _("Each goal in full, with its story, and your boundaries: `/mentoring goals @{name}`")
    return [*sections("\n".join(lines)), note(whole.format(name=escape(partner)))]


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
        pair_id = str(goals.pair.id)
        button = ButtonElement(text=words, action_id=HOME_GOALS, value=pair_id, style="primary")
        return [ActionsBlock(block_id=f"home:goals:{pair_id}", elements=[button])]
    return [note(change_in_negotiation())] if goals.goals else []
