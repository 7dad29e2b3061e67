"""The project team's console, below their own Home: what needs attention first, then events,
people and pairs, and evaluations. Each feature's view offers its part (`attention`,
`console_section`); this module composes them in the order below, in the console's frame. A
concern's or a request's words never appear here (they stay in the team's private channel): only
a concern's number, urgency and status, a request's number, kind and status."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from slack_sdk.models.blocks import Block, DividerBlock, HeaderBlock, SectionBlock
from slack_sdk.models.views import View

from bot.scheme import Programme
from handlers.i18n import _
from handlers.views import concerns, evaluations, events, pairs, participants, requests
from handlers.views.common import modal_title, note
from handlers.views.concerns.console import CONCERN
from handlers.views.concerns.console import CONSOLE_RESOLVE_MODAL as RESOLVE_MODAL
from handlers.views.evaluations.console import (
    ARRIVED,
    CHART,
    DELAYED,
    EXPORT,
    NOT_SENT,
    ON_ITS_WAY,
    File,
    channel_link,
    file_not_sent,
    file_said,
)
from handlers.views.events.console import SET_DATE, WHO
from handlers.views.events.forms import SET_DATE_MODAL, set_date_modal, who_modal
from handlers.views.hub import SHOWN, Console, Said
from handlers.views.pairs.console import END_PAIR, MAKE_PAIR, PAUSE_PAIR
from handlers.views.pairs.forms import (
    END_PAIR_MODAL,
    MAKE_PAIR_MODAL,
    PAIR_ENDED,
    PAIR_MADE,
    PAIR_PAUSED,
    PAIRS_IMPORTED,
    PAUSE_PAIR_MODAL,
    end_pair_modal,
    make_pair_modal,
    pause_pair_modal,
)
from handlers.views.participants.console import ERASE, IMPORT_PAIRS, IMPORT_PEOPLE
from handlers.views.participants.forms import (
    ERASE_CONFIRM_MODAL,
    ERASE_MODAL,
    ERASED_WHAT,
    FILE_LIMIT,
    IMPORT_HELP,
    IMPORT_MODAL,
    IMPORT_TITLES,
    IMPORTING,
    NO_FILE,
    NOT_A_CSV,
    NOT_READABLE,
    NOT_UTF8,
    PEOPLE_IMPORTED,
    PROBLEMS_MAX,
    TOO_LARGE,
    erase_confirm_modal,
    erase_modal,
    erased,
    import_help,
    import_modal,
    import_problems_text,
    importing_modal,
)

# The names the console's listeners use, offered here as before: each lives with its feature.
__all__ = [
    "console_blocks",
    "done_modal",
    "CONCERN",
    "RESOLVE_MODAL",
    "ARRIVED",
    "CHART",
    "DELAYED",
    "EXPORT",
    "NOT_SENT",
    "ON_ITS_WAY",
    "File",
    "channel_link",
    "file_not_sent",
    "file_said",
    "SET_DATE",
    "WHO",
    "SET_DATE_MODAL",
    "set_date_modal",
    "who_modal",
    "END_PAIR",
    "MAKE_PAIR",
    "PAUSE_PAIR",
    "END_PAIR_MODAL",
    "MAKE_PAIR_MODAL",
    "PAIRS_IMPORTED",
    "PAIR_ENDED",
    "PAIR_MADE",
    "PAIR_PAUSED",
    "PAUSE_PAIR_MODAL",
    "end_pair_modal",
    "make_pair_modal",
    "pause_pair_modal",
    "ERASE",
    "IMPORT_PAIRS",
    "IMPORT_PEOPLE",
    "ERASED_WHAT",
    "ERASE_CONFIRM_MODAL",
    "ERASE_MODAL",
    "FILE_LIMIT",
    "IMPORTING",
    "IMPORT_HELP",
    "IMPORT_MODAL",
    "IMPORT_TITLES",
    "NOT_A_CSV",
    "NOT_READABLE",
    "NOT_UTF8",
    "NO_FILE",
    "PEOPLE_IMPORTED",
    "PROBLEMS_MAX",
    "TOO_LARGE",
    "erase_confirm_modal",
    "erase_modal",
    "erased",
    "import_help",
    "import_modal",
    "import_problems_text",
    "importing_modal",
    "SHOWN",
    "Console",
    "Said",
]

Section = Callable[[Console, Programme, datetime], list[Block]]
# Under "Needs attention", in this order: each part's blocks, and whether anything in it waits.
ATTENTION: list[Callable[[Console, Programme, datetime], tuple[list[Block], bool]]] = [
    concerns.attention,
    requests.attention,
    pairs.attention,
]
# The console's sections after "Needs attention", top to bottom.
SECTIONS: list[Section] = [
    events.console_section,
    participants.console_section,
    evaluations.console_section,
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


def done_modal(title: str, text: str) -> View:
    """What a console form says once its work is done, in place of the form."""
    return View(
        type="modal", title=modal_title(title), close=_("Done"), blocks=[SectionBlock(text=text)]
    )
