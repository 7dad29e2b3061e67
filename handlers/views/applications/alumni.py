"""The invitation to someone from an earlier cohort to apply again, in their language: a mentee
asked to mentor this time, a mentor to mentor again."""

from __future__ import annotations

from slack_sdk.models.blocks import Block, SectionBlock

from bot.applications.notices import AlumniInvited
from handlers.i18n import _
from handlers.slack.rendering import message_view
from handlers.views.applications.messages import when
from handlers.views.mrkdwn import escape


@message_view(AlumniInvited)
def alumni_invited(n: AlumniInvited) -> tuple[str, list[Block]]:
    window = n.programme.applications
    assert window is not None  # alumni are asked only while a window is open
    facts = {
        "name": escape(n.alumnus.name.split()[0]),
        "scheme": escape(n.programme.name),
        "closes": when(window.closes, n.programme),
    }
    if n.alumnus.role == "mentee":
        text = _(
            "Hello {name}. You were a mentee in an earlier year of the mentoring scheme. "
            "Applications for {scheme} are open until {closes}. Would you like to be a mentor "
            "this time? You can apply from your Home here, or type `/mentoring apply`."
        )
    else:
        text = _(
            "Hello {name}. Thank you for mentoring in an earlier year of the mentoring scheme. "
            "Applications for {scheme} are open until {closes}. Would you like to mentor again? "
            "You can apply from your Home here, or type `/mentoring apply`."
        )
    said = text.format(**facts)
    return said, [SectionBlock(text=said)]
