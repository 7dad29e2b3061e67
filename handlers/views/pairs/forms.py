"""The pairs feature's modals, and what each says once its work is done."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date

from slack_sdk.models.blocks import (
    Block,
    DatePickerElement,
    InputBlock,
    NumberInputElement,
    Option,
    PlainTextInputElement,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.pairs.model import Meeting
from handlers.i18n import N_, _
from handlers.views.common import (
    console_form,
    done_modal,
    note,
    person_picker,
)
from handlers.views.pairs.messages import meeting_logged

MEETING_MODAL = "meeting_submit"


# Modals ---------------------------------------------------------------------------------------------


def meeting_modal(
    today: date,
    callback_id: str = MEETING_MODAL,
    pair_id: int | None = None,
    partners: Sequence[tuple[int, str]] = (),
) -> View:
    """`callback_id`: which listener saves it (the Home's also redraws the Home). The pair it is
    for: `pair_id`, where what opened it names one; else, for a mentor with several mentees,
    chosen from `partners` (each pair's id and the mentee's name)."""
    blocks: list[Block] = []
    if pair_id is None and len(partners) > 1:
        options = [Option(text=name, value=str(pair)) for pair, name in partners]
        blocks.append(
            InputBlock(
                block_id="pair",
                label=_("Who did you meet?"),
                element=StaticSelectElement(action_id="value", options=options),
            )
        )
    blocks += [
        InputBlock(
            block_id="met_on",
            label=_("When did you meet?"),
            element=DatePickerElement(action_id="value", initial_date=today.isoformat()),
        ),
        InputBlock(
            block_id="minutes",
            label=_("For how many minutes?"),
            element=NumberInputElement(
                action_id="value", is_decimal_allowed=False, min_value="1", max_value="480"
            ),
        ),
        InputBlock(
            block_id="topics",
            label=_("What did you talk about?"),
            optional=True,
            element=PlainTextInputElement(action_id="value", multiline=True, max_length=500),
        ),
    ]
    return View(
        type="modal",
        callback_id=callback_id,
        title=_("Log a meeting"),
        submit=_("Save"),
        close=_("Cancel"),
        private_metadata=json.dumps({"pair": pair_id}),
        blocks=blocks,
    )


def meeting_logged_modal(meeting: Meeting) -> dict:
    """What the meeting modal turns into once the meeting is logged."""
    return {
        "type": "modal",
        "title": {"type": "plain_text", "text": _("Log a meeting")},
        "close": {"type": "plain_text", "text": _("Close")},
        "blocks": [
            {
                "type": "section",
                "text": {"type": "mrkdwn", "text": meeting_logged(meeting.met_on, meeting.minutes)},
            }
        ],
    }


HOME_PAUSE_MODAL = "home_pause_modal"


def pause_modal(today: date) -> View:
    return View(
        type="modal",
        callback_id=HOME_PAUSE_MODAL,
        title=_("Pause check-ins"),
        submit=_("Pause"),
        close=_("Cancel"),
        private_metadata=json.dumps({}),
        blocks=[
            InputBlock(
                block_id="until",
                label=_("Until when? (check-ins start again that day)"),
                element=DatePickerElement(action_id="value", initial_date=today.isoformat()),
            ),
        ],
    )


MAKE_PAIR_MODAL = "console_make_pair_modal"


END_PAIR_MODAL = "console_end_pair_modal"


PAUSE_PAIR_MODAL = "console_pause_pair_modal"


PAIR_MADE = N_("The pair has been introduced in a group message and each asked to accept.")


PAIR_ENDED = N_("The pairing has ended. Each of them has been told kindly, separately.")


PAIR_PAUSED = N_("The pair's check-ins are paused until that day.")


PAIRS_IMPORTED = N_("{n} pairs made. Each pair has been introduced and asked to accept.")


def pair_made_modal() -> View:
    return done_modal(_("Pair made"), _(PAIR_MADE))


def pair_ended_modal() -> View:
    return done_modal(_("Pairing ended"), _(PAIR_ENDED))


def pair_paused_modal() -> View:
    return done_modal(_("Pair paused"), _(PAIR_PAUSED))


def pairs_imported_modal(made: int) -> View:
    return done_modal(_("Imported"), _(PAIRS_IMPORTED).format(n=made))


def make_pair_modal() -> View:
    return console_form(
        MAKE_PAIR_MODAL,
        _("Make a pair"),
        _("Make the pair"),
        [
            person_picker("mentor", _("Mentor")),
            person_picker("mentee", _("Mentee")),
            note(_("They are introduced in a group message and each asked to accept.")),
        ],
    )


def end_pair_modal() -> View:
    return console_form(
        END_PAIR_MODAL,
        _("End a pairing"),
        _("End the pairing"),
        [
            person_picker("member", _("Either member of the pair")),
            InputBlock(
                block_id="reason",
                label=_("Why (kept for the team; neither member is shown it)"),
                optional=True,
                element=PlainTextInputElement(action_id="value", max_length=200),
            ),
        ],
    )


def pause_pair_modal() -> View:
    return console_form(
        PAUSE_PAIR_MODAL,
        _("Pause a pair"),
        _("Pause"),
        [
            person_picker("member", _("Either member of the pair")),
            InputBlock(
                block_id="until",
                label=_("No check-ins until"),
                element=DatePickerElement(action_id="value"),
            ),
        ],
    )
