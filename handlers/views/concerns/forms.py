"""The concerns feature's modals, and what each says once its work is done."""

from __future__ import annotations

import json

from slack_sdk.models.blocks import (
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    RadioButtonsElement,
    SectionBlock,
)
from slack_sdk.models.views import View

from handlers.i18n import _
from handlers.views.common import modal_title
from handlers.views.concerns.messages import ABOUT_MESSAGE, URGENCY_WORDS

CONCERN_MODAL = "concern_submit"


RESOLVE_MODAL = "concern_resolve_submit"


def concern_modal(source: str, about: str = "", pair: int | None = None) -> View:
    """`about`: the link to a message the concern is about (from the message shortcut); `pair`:
    the pair it is about (from its introduction or a check-in), so that the team knows which of
    a mentor's pairings it is."""
    modal = _concern_modal(source)
    modal.private_metadata = json.dumps(
        {"source": source} | ({"about": about} if about else {}) | ({"pair": pair} if pair else {})
    )
    if about:
        modal.blocks.insert(1, SectionBlock(text=_(ABOUT_MESSAGE).format(link=about)))
    return modal


def _concern_modal(source: str) -> View:
    return View(
        type="modal",
        callback_id=CONCERN_MODAL,
        title=_("Tell the project team"),
        submit=_("Send privately"),
        close=_("Cancel"),
        private_metadata=json.dumps({"source": source}),
        blocks=[
            SectionBlock(
                text=MarkdownTextObject(
                    text=_("Only the project team will see this. Your partner will not.")
                )
            ),
            InputBlock(
                block_id="text",
                label=_("What is happening?"),
                element=PlainTextInputElement(action_id="value", multiline=True, max_length=3000),
            ),
            InputBlock(
                block_id="urgency",
                label=_("How urgent is it?"),
                element=RadioButtonsElement(
                    action_id="value",
                    initial_option=Option(text=_(URGENCY_WORDS["soon"]), value="soon"),
                    options=[
                        Option(text=_(words), value=key) for key, words in URGENCY_WORDS.items()
                    ],
                ),
            ),
            InputBlock(
                block_id="contact",
                label=_("May the team contact you, and how?"),
                optional=True,
                hint=_(
                    "e.g. “Yes, by phone on 07700 900123 after 5pm”. "
                    "Leave empty if you'd rather they didn't."
                ),
                element=PlainTextInputElement(action_id="value", max_length=300),
            ),
        ],
    )


def resolve_modal(concern_id: int, callback_id: str = RESOLVE_MODAL) -> View:
    """`callback_id`: which listener resolves it (the console's also redraws the Home)."""
    return View(
        type="modal",
        callback_id=callback_id,
        title=modal_title(_("Resolve concern #{number}").format(number=concern_id)),
        submit=_("Resolve"),
        close=_("Cancel"),
        private_metadata=json.dumps({"concern": concern_id}),
        blocks=[
            InputBlock(
                block_id="note",
                label=_("How was it resolved?"),
                element=PlainTextInputElement(action_id="value", multiline=True, max_length=1000),
            ),
        ],
    )
