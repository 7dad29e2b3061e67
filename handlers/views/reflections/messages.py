"""What people read about reflections in their own DM: the invitation to reflect at the close,
and the offer of a short reflection after a meeting they logged. Neither shows anything anyone
wrote; each button opens the form, filled with what they wrote if they have."""

from __future__ import annotations

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement, SectionBlock

from bot.reflections.notices import ClosureInvitation, MeetingReflectionOffer
from handlers.i18n import N_, _, on_day
from handlers.slack.rendering import message_view
from handlers.views.common import note
from handlers.views.mrkdwn import escape

# The button on the invitation (its value the pair's id) and on a meeting's offer (the meeting's).
REFLECT = "reflect_closure"
REFLECT_ON_MEETING = "reflect_meeting"
PRIVATE = N_(
    "Only you see your reflection. It goes into your CPD record (`/mentoring cpd`), never to "
    "your partner or the project team."
)


@message_view(ClosureInvitation)
def closure_invitation(n: ClosureInvitation) -> tuple[str, list[Block]]:
    if n.partner:
        text = _(
            "Your mentoring with {partner} is coming to its close. Take a few minutes to "
            "reflect: what you achieved, what you learned, and what next in your career."
        ).format(partner=escape(n.partner))
    else:
        text = _(
            "Your mentoring is coming to its close. Take a few minutes to reflect: what you "
            "achieved, what you learned, and what next in your career."
        )
    if n.mentee:
        text += " " + _("You'll also score your confidence in each of your goals again.")
    button = ButtonElement(
        text=_("Write my reflection"), action_id=REFLECT, value=str(n.pair_id), style="primary"
    )
    return text, [
        SectionBlock(text=text),
        ActionsBlock(block_id=f"reflect:{n.pair_id}", elements=[button]),
        note(_(PRIVATE)),
    ]


@message_view(MeetingReflectionOffer)
def meeting_reflection_offer(n: MeetingReflectionOffer) -> tuple[str, list[Block]]:
    text = _(
        "Your meeting {on_day} is logged. Would you like to note what you took from it?"
    ).format(on_day=on_day(n.met_on))
    button = ButtonElement(
        text=_("Add a short reflection (optional)"),
        action_id=REFLECT_ON_MEETING,
        value=str(n.meeting_id),
    )
    return text, [
        SectionBlock(text=text),
        ActionsBlock(block_id=f"reflect-meeting:{n.meeting_id}", elements=[button]),
        note(_(PRIVATE)),
    ]
