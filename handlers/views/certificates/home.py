"""The certificates feature's section of a person's App Home (composed by
handlers/views/home.py), with its action id: once they have completed the scheme, a button that
brings their certificate to our DM; and what the Home says under it once pressed."""

from __future__ import annotations

from datetime import datetime

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement, DividerBlock, SectionBlock

from bot.certificates.model import Certificate
from bot.certificates.service import Progress
from bot.scheme import Programme
from handlers.i18n import _
from handlers.views.certificates.messages import still_to_complete
from handlers.views.hub import Mine, Said

HOME_CERTIFICATE = "home_certificate"
BUTTONS = "home:certificate"


def home_section(mine: Mine, programme: Programme, now: datetime) -> list[Block]:
    """Only for someone who has completed: anyone else asks with `/mentoring certificate` and
    is told what completing needs."""
    if not isinstance(mine.certificate, Certificate):
        return []
    return [
        DividerBlock(),
        SectionBlock(
            text=_(
                "*Your certificate of participation*\nYou have completed the mentoring scheme: "
                "well done. Your certificate is a PDF in your language, with a code anyone can "
                "check."
            )
        ),
        ActionsBlock(
            block_id=BUTTONS,
            elements=[
                ButtonElement(
                    text=_("Get my certificate"), action_id=HOME_CERTIFICATE, style="primary"
                )
            ],
        ),
    ]


def certificate_said(mine: Certificate | Progress) -> Said:
    """Under the button: where the certificate went, or (on a Home drawn before something
    changed) what completing still needs."""
    if isinstance(mine, Progress):
        return Said(BUTTONS, still_to_complete(mine))
    return Said(BUTTONS, _("I've put your certificate in our direct messages."))
