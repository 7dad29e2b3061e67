"""The App Home tab: what one person sees when they open the bot in Slack. Each feature's view
offers its own section (its next events, the pair, an open evaluation, their requests, their own
settings); this module composes them in the order below, with the Home's own header and help
note; for a member of the project team, the console follows (handlers/views/console.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from slack_sdk.models.blocks import Block, HeaderBlock, SectionBlock
from slack_sdk.models.views import View

from bot.scheme import Programme
from handlers.i18n import N_, _
from handlers.views import (
    applications,
    certificates,
    cpd,
    evaluations,
    events,
    goals,
    pairs,
    participants,
    reflections,
    requests,
)
from handlers.views.common import note
from handlers.views.hub import Mine, MyPair, Said

Section = Callable[[Mine, Programme, datetime], list[Block]]
# A section of one of their pairs (beside what the Home shows of them all).
PairSection = Callable[[MyPair, Mine, Programme, datetime], list[Block]]
# Each of their pairs in turn (a mentor may have several), these sections for each.
FOR_EACH_PAIR: list[PairSection] = [
    pairs.pair_section,
    goals.pair_section,
    reflections.pair_section,
]


def _each_pair(mine: Mine, programme: Programme, now: datetime) -> list[Block]:
    if not mine.pairs:
        return pairs.not_paired_section()
    return [
        block
        for mine_pair in mine.pairs
        for section in FOR_EACH_PAIR
        for block in section(mine_pair, mine, programme, now)
    ]


# The Home's sections, top to bottom: those of someone on the scheme, then those for anyone.
ON_THE_SCHEME: list[Section] = [
    events.home_section,
    _each_pair,
    evaluations.home_section,
    requests.home_section,
    certificates.home_section,
    cpd.home_section,
    participants.home_section,
]
FOR_ANYONE: list[Section] = [
    applications.home_section,
    requests.approvals_section,
    participants.language_section,
]

# Below a participant's Home, whose "Tell the project team privately" button is above it.
HELP = N_(
    "Everything here is also a command: type `/mentoring help` for the list. To tell the project "
    "team something privately, use the button above: only the team's private channel sees it."
)
# Below the Home of anyone else: the team, the approver, someone not on the scheme.
COMMANDS_HELP = N_("Type `/mentoring help` for the list of commands.")
NOT_ON_THE_SCHEME = N_(
    "You are not on the mentoring scheme yet. If you think you should be, please contact the "
    "project team."
)
ON_THE_TEAM = N_("You are on the project team: your console is below.")
THE_APPROVER = N_(
    "You decide the requests for accommodation at the scheme's face-to-face events. Each one "
    "waiting for you is below, and in our DM with its words."
)


def home_view(
    mine: Mine, programme: Programme, now: datetime, console: list[Block], said: Said | None = None
) -> View:
    blocks: list[Block] = [HeaderBlock(text=_("Your mentoring"))]
    if mine.calendar is not None:
        blocks += [b for section in ON_THE_SCHEME for b in section(mine, programme, now)]
    else:
        blocks.append(SectionBlock(text=_(_who_you_are(mine))))
    blocks += [b for section in FOR_ANYONE for b in section(mine, programme, now)]
    blocks.append(note(_(HELP if mine.calendar is not None else COMMANDS_HELP)))
    return View(type="home", blocks=_with_said(blocks + console, said))


def _who_you_are(mine: Mine) -> str:
    """Who they are to the scheme when they are not on it, so the words fit what follows."""
    if mine.on_team:
        return ON_THE_TEAM
    return THE_APPROVER if mine.approvals is not None else NOT_ON_THE_SCHEME


def _with_said(blocks: list[Block], said: Said | None) -> list[Block]:
    """`said` in small print under the block pressed; at the top if it is no longer shown."""
    if said is None:
        return blocks
    at = next((n for n, b in enumerate(blocks) if b.block_id == said.block_id), 0)
    return [*blocks[: at + 1], note(said.text), *blocks[at + 1 :]]
