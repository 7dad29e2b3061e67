"""The requests feature's section of a person's App Home (composed by handlers/views/home.py),
with its action ids."""

from __future__ import annotations

from datetime import datetime

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    DividerBlock,
    SectionBlock,
)

from bot.requests.service import RequestView
from bot.scheme import Programme
from handlers.i18n import _, clock_time, formatted
from handlers.views.common import note
from handlers.views.hub import Mine
from handlers.views.mrkdwn import escape
from handlers.views.requests.messages import YOUR_DECISION, about, my_requests

HOME_APPROVE = "home_approve"


HOME_DECLINE = "home_decline"


HOME_DECLINE_MODAL = "home_decline_modal"


APPROVALS_SHOWN = 10


def _approvals(views: list[RequestView], programme: Programme, now: datetime) -> list[Block]:
    """The approver's requests: each still waiting, with the buttons their DM has, and each
    decided today, in its place, so the list stays put under the pointer as they decide."""
    waiting = [v for v in views if v.request.status == "awaiting_approval"]
    shown = [v for v in views if v in waiting or _decided_today(v, programme, now)]
    blocks: list[Block] = [DividerBlock(), SectionBlock(text=_("*Requests for your decision*"))]
    if not waiting:
        blocks.append(note(_("Nothing is waiting for your decision.")))
    for v in shown[:APPROVALS_SHOWN]:
        blocks += _approval(v, programme)
    if len(shown) > APPROVALS_SHOWN:
        more = _("And {n} more: each is in our DM, with its buttons.")
        blocks.append(note(more.format(n=len(shown) - APPROVALS_SHOWN)))
    return blocks


def _decided_today(v: RequestView, programme: Programme, now: datetime) -> bool:
    last = v.history[-1] if v.history else None
    if last is None or v.request.status == "awaiting_approval":
        return False
    return last.at.astimezone(programme.zone).date() == now.astimezone(programme.zone).date()


def _approval(v: RequestView, programme: Programme) -> list[Block]:
    r = v.request
    asked = r.created_at.astimezone(programme.zone)
    event = programme.event(r.event_id) if r.event_id else None
    line = _("*#{number}* {request}, from {person}, asked {date} {time}").format(
        number=r.id,
        request=about(r.kind, event),
        person=escape(v.requester) or _("someone no longer on the scheme"),
        date=formatted(asked, "dd MMM"),
        time=clock_time(asked),
    )
    if r.status != "awaiting_approval":
        return [SectionBlock(text=f"{line}\n_{_(YOUR_DECISION[r.status])}_")]
    buttons = [
        ButtonElement(text=_("Approve"), action_id=HOME_APPROVE, value=str(r.id), style="primary"),
        ButtonElement(text=_("Decline…"), action_id=HOME_DECLINE, value=str(r.id)),
    ]
    return [
        SectionBlock(text=line),
        ActionsBlock(block_id=f"home:approval:{r.id}", elements=buttons),
    ]


def home_section(mine: Mine, programme: Programme, now: datetime) -> list[Block]:
    """Their own requests, newest first."""
    return my_requests(mine.requests, programme)


def approvals_section(mine: Mine, programme: Programme, now: datetime) -> list[Block]:
    """The approver's requests for a decision; nothing for anyone else."""
    if mine.approvals is None:
        return []
    return _approvals(mine.approvals, programme, now)
