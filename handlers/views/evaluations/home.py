"""The evaluations feature's section of a person's App Home (composed by handlers/views/home.py),
with its action ids."""

from __future__ import annotations

from datetime import datetime

from slack_sdk.models.blocks import (
    Block,
    ButtonElement,
    DividerBlock,
    SectionBlock,
)

from bot.evaluations.service import MyForm
from bot.scheme import Programme
from handlers.i18n import _, language
from handlers.views.common import note
from handlers.views.evaluations.questions import START
from handlers.views.hub import Mine
from handlers.views.mrkdwn import escape


def _forms(forms: list[MyForm]) -> list[Block]:
    open_forms = [f for f in forms if f.status != "submitted"]
    if not open_forms:
        return []
    blocks: list[Block] = [DividerBlock(), SectionBlock(text=_("*Evaluation*"))]
    for mine in open_forms:
        started = mine.answered > 0
        blocks.append(
            SectionBlock(
                text=_("*{title}*: {answered} of {total} answered").format(
                    title=escape(mine.form.title_in(language())),
                    answered=mine.answered,
                    total=mine.total,
                ),
                accessory=ButtonElement(
                    text=_("Resume") if started else _("Start"),
                    action_id=START,
                    value=mine.form.id,
                    style="primary",
                ),
            )
        )
    blocks.append(note(_("I'll ask the questions one at a time in our direct messages.")))
    return blocks


def home_section(mine: Mine, programme: Programme, now: datetime) -> list[Block]:
    """Their evaluation forms still to finish, each with its button."""
    return _forms(mine.forms)
