"""The pairs feature's section of a person's App Home (composed by handlers/views/home.py), with
its action ids."""

from __future__ import annotations

from datetime import datetime

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    DividerBlock,
    SectionBlock,
)

from bot.pairs.service import PairView
from bot.scheme import Programme
from handlers.i18n import _, day
from handlers.views.common import sections
from handlers.views.hub import Mine, MyPair
from handlers.views.mrkdwn import escape
from handlers.views.pairs.messages import my_pair_message, stage_select

HOME_ACCEPT = "home_accept"


HOME_STAGE = "home_stage"


HOME_LOG_MEETING = "home_log_meeting"


HOME_PAUSE = "home_pause"


HOME_RESUME = "home_resume"


MEETINGS_SHOWN = 3


def not_paired_section() -> list[Block]:
    return [
        DividerBlock(),
        SectionBlock(text=_("*Your pair*")),
        SectionBlock(text=_("You have not been paired yet: the steering group is on it.")),
    ]


def pair_section(mine_pair: MyPair, mine: Mine, programme: Programme, now: datetime) -> list[Block]:
    """One of their pairs, its last meetings and the pair's buttons (a mentor with several
    mentees sees one such section for each, headed with their mentee's name)."""
    view, next_check_in = mine_pair.view, mine_pair.next_check_in
    pair, me = view.pair, view.me
    heading = _("*Your pair*")
    if len(mine.pairs) > 1:
        heading = _("*Your pair with {partner}*").format(partner=escape(view.partner.name))
    blocks: list[Block] = [DividerBlock(), SectionBlock(text=heading)]
    shown = my_pair_message(_recent(view), now, on_home=True)
    if next_check_in is not None:
        on = next_check_in.astimezone(programme.zone)
        shown += "\n" + _("*Next check-in:* {day}").format(day=day(on))
    blocks += sections(shown)
    buttons: list = []
    if pair.status == "awaiting" and not pair.accepted_by(me.id):
        buttons.append(
            ButtonElement(
                text=_("Accept the pairing"),
                action_id=HOME_ACCEPT,
                value=str(pair.id),
                style="primary",
            )
        )
    if pair.status == "active":
        buttons += [
            ButtonElement(text=_("Log a meeting"), action_id=HOME_LOG_MEETING, value=str(pair.id))
        ]
    if pair.status == "active" and mine_pair is mine.pairs[0]:
        # Pausing is the person's, for all their pairs: offered once, with their first pair.
        paused = me.paused_until is not None and me.paused_until > now.date()
        buttons.append(
            ButtonElement(text=_("Resume check-ins"), action_id=HOME_RESUME)
            if paused
            else ButtonElement(text=_("Pause check-ins"), action_id=HOME_PAUSE)
        )
    if buttons:
        blocks.append(ActionsBlock(block_id=f"home:pair:{pair.id}", elements=buttons))
    if pair.status == "active":
        select = stage_select(pair.id, pair.stage)
        select.action_id = HOME_STAGE
        blocks.append(SectionBlock(text=_("Move to another stage:"), accessory=select))
    return blocks


def _recent(view: PairView) -> PairView:
    """The last few meetings only: the full list is in `/mentoring pair`."""
    return PairView(
        view.pair,
        view.me,
        view.partner,
        view.meetings[-MEETINGS_SHOWN:],
        view.stage_since,
    )
