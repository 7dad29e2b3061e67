"""The project team's console, below their own Home: what needs attention first, then events,
people and pairs, and evaluations. Each feature's view offers its part (`attention`,
`console_section`); this module composes them in the order below, in the console's frame. A
concern's or a request's words never appear here (they stay in the team's private channel): only
a concern's number, urgency and status, a request's number, kind and status."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from slack_sdk.models.blocks import Block, DividerBlock, HeaderBlock, SectionBlock

from bot.scheme import Programme
from handlers.i18n import _
from handlers.views import (
    applications,
    certificates,
    cohorts,
    concerns,
    evaluations,
    events,
    goals,
    matching,
    outcomes,
    pairs,
    participants,
    pulse,
    reflections,
    requests,
)
from handlers.views.common import note
from handlers.views.hub import Console

Section = Callable[[Console, Programme, datetime], list[Block]]
# Under "Needs attention", in this order: each part's blocks, and whether anything in it waits.
ATTENTION: list[Callable[[Console, Programme, datetime], tuple[list[Block], bool]]] = [
    concerns.attention,
    requests.attention,
    pairs.attention,
]
# The console's sections after "Needs attention", top to bottom.
SECTIONS: list[Section] = [
    cohorts.console_section,
    events.console_section,
    applications.console_section,
    matching.console_section,
    participants.console_section,
    goals.console_section,
    pulse.console_section,
    reflections.console_section,
    certificates.console_section,
    evaluations.console_section,
    outcomes.console_section,
]


def console_blocks(console: Console, programme: Programme, now: datetime) -> list[Block]:
    return [
        DividerBlock(),
        HeaderBlock(text=_("Project team console")),
        *_attention(console, programme, now),
        *[b for section in SECTIONS for b in section(console, programme, now)],
    ]


def _attention(console: Console, programme: Programme, now: datetime) -> list[Block]:
    """Each list newest first by number, whatever its status, and what was settled today stays
    in its place saying so: a step never moves another item under the pointer."""
    blocks: list[Block] = [SectionBlock(text=_("*Needs attention*"))]
    waiting = False
    for part in ATTENTION:
        shown, still_waiting = part(console, programme, now)
        blocks += shown
        waiting = waiting or still_waiting
    if not waiting:
        blocks.append(note(_("Nothing needs you right now.")))
    return blocks
