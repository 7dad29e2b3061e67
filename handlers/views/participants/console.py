"""The participants feature's part of the project team's console (composed by
handlers/views/console.py), with its action ids."""

from __future__ import annotations

from datetime import datetime

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    DividerBlock,
    SectionBlock,
)

from bot.scheme import Programme
from handlers.i18n import _
from handlers.views.hub import Console
from handlers.views.pairs.console import END_PAIR, MAKE_PAIR, PAUSE_PAIR

IMPORT_PEOPLE = "console_import_people"


IMPORT_PAIRS = "console_import_pairs"


ERASE = "console_erase"


def _people(console: Console) -> list[Block]:
    counts = console.counts
    pairs = [s for s in console.pairs if s.pair.status != "ended"]
    numbers = _("{mentors} mentors, {mentees} mentees, {pairs} pairs").format(
        mentors=counts.get("mentor", 0), mentees=counts.get("mentee", 0), pairs=len(pairs)
    )
    return [
        DividerBlock(),
        SectionBlock(text=_("*People and pairs*") + "\n" + numbers),
        ActionsBlock(
            block_id="console:people",
            elements=[
                ButtonElement(text=_("Import participants"), action_id=IMPORT_PEOPLE),
                ButtonElement(text=_("Import pairs"), action_id=IMPORT_PAIRS),
                ButtonElement(text=_("Make a pair"), action_id=MAKE_PAIR),
                ButtonElement(text=_("End a pairing"), action_id=END_PAIR),
                ButtonElement(text=_("Pause a pair"), action_id=PAUSE_PAIR),
                ButtonElement(text=_("Erase a participant"), action_id=ERASE, style="danger"),
            ],
        ),
    ]


def console_section(console: Console, programme: Programme, now: datetime) -> list[Block]:
    return _people(console)
