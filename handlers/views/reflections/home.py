"""The reflections feature's section of a person's App Home (composed by handlers/views/home.py):
once their pair may reflect at the close, or once they have, their own reflection (their words,
shown to them alone), whether their partner has reflected (never what), and the button that
writes or edits theirs."""

from __future__ import annotations

from datetime import datetime

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement, DividerBlock, SectionBlock

from bot.reflections.model import CLOSURE_PARTS
from bot.reflections.service import MyReflections
from bot.scheme import Programme
from handlers.i18n import _, ngettext
from handlers.views.common import note, quoted
from handlers.views.hub import Mine, MyPair
from handlers.views.mrkdwn import escape
from handlers.views.reflections.forms import PART_LABELS

HOME_REFLECT = "home_reflect"


def pair_section(mine_pair: MyPair, mine: Mine, programme: Programme, now: datetime) -> list[Block]:
    found = mine_pair.reflections
    if found is None or not (found.open or found.mine):
        return []
    blocks: list[Block] = [DividerBlock(), SectionBlock(text=_("*Your reflection*"))]
    if found.mine is None:
        blocks.append(
            SectionBlock(
                text=_(
                    "Your mentoring is coming to its close: what did you achieve, what did you "
                    "learn, and what next in your career?"
                )
            )
        )
    else:
        for part in CLOSURE_PARTS:
            if words := found.mine.closure.part(part):
                blocks += [SectionBlock(text=f"*{_(PART_LABELS[part])}*"), *quoted(words)]
    blocks.append(note(_partner(found)))
    if found.after_meetings:
        blocks.append(note(_after_meetings(found.after_meetings)))
    words = _("Edit my reflection") if found.mine else _("Write my reflection")
    button = ButtonElement(text=words, action_id=HOME_REFLECT, value=str(found.pair.id))
    return [*blocks, ActionsBlock(block_id=f"home:reflect:{found.pair.id}", elements=[button])]


def _partner(found: MyReflections) -> str:
    """Whether the partner has reflected: never what they wrote, which is theirs alone."""
    if found.partner_reflected:
        words = _(
            "{partner} has written their reflection. Only you see yours; only they see theirs."
        )
    else:
        words = _("{partner} has not written their reflection yet. Only you see yours.")
    return words.format(partner=escape(found.partner))


def _after_meetings(n: int) -> str:
    return ngettext(
        "You have written {n} short reflection after a meeting: it is in your CPD record.",
        "You have written {n} short reflections after meetings: they are in your CPD record.",
        n,
    ).format(n=n)
