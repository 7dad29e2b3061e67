"""The events feature's section of a person's App Home (composed by handlers/views/home.py), with
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

from bot.events.service import MyCalendar, MyEvent
from bot.scheme import Programme
from handlers.i18n import _
from handlers.views.common import note
from handlers.views.events.calendar import calendar_blocks
from handlers.views.events.describe import in_readers_language, when, where
from handlers.views.hub import Mine
from handlers.views.mrkdwn import escape

# The Home's own action ids: its buttons redraw the Home after they act, where the same buttons
# in a message answer in the conversation.
HOME_RSVP_YES = "home_rsvp_yes"


HOME_RSVP_NO = "home_rsvp_no"


HOME_CALENDAR_FEED = "home_calendar_feed"


# Slack's limits: a Home view holds at most 100 blocks, so each list shows its first few and
# says how many more there are and where to see them all.
EVENTS_SHOWN = 5


def _events(
    calendar: MyCalendar, public_url: str | None, programme: Programme, now: datetime
) -> list[Block]:
    coming = [e for e in calendar.events if _not_over(e, now)]
    blocks: list[Block] = [DividerBlock(), SectionBlock(text=_("*Your next events*"))]
    if not coming:
        blocks.append(
            SectionBlock(text=_("No more scheme events for you. Thank you for taking part!"))
        )
    for mine_event in coming[:EVENTS_SHOWN]:
        blocks += _event(mine_event, programme, calendar.tz, public_url)
    if len(coming) > EVENTS_SHOWN:
        more = len(coming) - EVENTS_SHOWN
        blocks.append(
            note(_("And {more} more: type `/mentoring events` to see them all.").format(more=more))
        )
    if public_url:
        feed = ButtonElement(text=_("My calendar feed"), action_id=HOME_CALENDAR_FEED)
        blocks.append(
            SectionBlock(
                text=_("Subscribe once to all your scheme events, kept up to date:"),
                accessory=feed,
            )
        )
    return blocks


def _event(
    mine: MyEvent, programme: Programme, tz: str | None, public_url: str | None
) -> list[Block]:
    event, schedule = mine.event, mine.schedule
    replies = {"yes": _("You'll be there."), "no": _("You can't make it.")}
    reply = replies.get(mine.answer or "", "")
    title = in_readers_language(event).title
    text = f"*{escape(title)}*\n{when(programme, schedule, event, tz)}\n{escape(where(event))}" + (
        f"\n_{reply}_" if reply else ""
    )
    rsvp = ActionsBlock(
        block_id=f"home:rsvp:{event.id}",
        elements=[
            ButtonElement(
                text=_("I'll be there"), action_id=HOME_RSVP_YES, value=event.id, style="primary"
            ),
            ButtonElement(text=_("I can't make it"), action_id=HOME_RSVP_NO, value=event.id),
        ],
    )
    blocks: list[Block] = [SectionBlock(text=text), rsvp]
    return blocks + calendar_blocks(programme, event, schedule, public_url)[:1]


def _not_over(mine: MyEvent, now: datetime) -> bool:
    return mine.schedule.ends_at is None or mine.schedule.ends_at > now


def home_section(mine: Mine, programme: Programme, now: datetime) -> list[Block]:
    """Their next events, each with its replies and calendar links."""
    if mine.calendar is None:
        return []
    return _events(mine.calendar, mine.public_url, programme, now)
