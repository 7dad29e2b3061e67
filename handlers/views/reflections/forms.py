"""The reflection forms: the closure's three questions (and, for the mentee, each goal's
confidence again, beside what they said at the start), and a meeting's one field; each filled
with what was written, so the same button edits it. Each input's block id is the field the
listener reads, so a mistake is shown beside its input."""

from __future__ import annotations

import json

from slack_sdk.models.blocks import (
    Block,
    HeaderBlock,
    InputBlock,
    Option,
    PlainTextInputElement,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.goals.model import Goal
from bot.goals.rules import CONFIDENCE
from bot.reflections.model import ClosurePart
from bot.reflections.rules import MEETING_MAX, PART_MAX, confidence_field
from bot.reflections.service import ClosureForm, MeetingForm
from handlers.i18n import N_, _, on_day
from handlers.views.common import done_modal, note, quoted
from handlers.views.reflections.messages import PRIVATE

CLOSURE_MODAL = "reflection_closure"
MEETING_MODAL = "reflection_meeting"
# The closure's questions, in the form's order; the CPD record and the Home label them so too.
PART_LABELS: dict[ClosurePart, str] = {
    "achieved": N_("What you achieved"),
    "learned": N_("What you learned"),
    "next_steps": N_("What next in your career"),
}


def closure_modal(form: ClosureForm, home: bool = False) -> View:
    """`home`: opened from the Home, so saving it draws the Home again."""
    mine = form.mine.closure if form.mine else None
    blocks: list[Block] = [
        SectionBlock(
            text=_(
                "A few lines on each, or on any one of them: this is for you, and for your CPD "
                "record."
            )
        )
    ]
    for part, label in PART_LABELS.items():
        blocks.append(_text(part, _(label), mine.part(part) if mine else "", PART_MAX))
    if form.mentee and form.goals:
        blocks.append(HeaderBlock(text=_("Your goals: your confidence now")))
        for goal in form.goals:
            blocks += _goal(goal)
    blocks.append(note(_(PRIVATE)))
    return View(
        type="modal",
        callback_id=CLOSURE_MODAL,
        title=_("My reflection"),
        submit=_("Save"),
        close=_("Cancel"),
        private_metadata=json.dumps({"pair": form.pair.id, "home": home}),
        blocks=blocks,
    )


def _goal(goal: Goal) -> list[Block]:
    options = [Option(text=str(n), value=str(n)) for n in CONFIDENCE]
    chosen = goal.confidence_end
    start = goal.confidence_start
    hint = (
        _("At the start you said {score}.").format(score=start)
        if start
        else _("You gave no score at the start.")
    )
    return [
        *quoted(goal.what),
        InputBlock(
            block_id=confidence_field(goal.position),
            label=_("Goal {n}: your confidence now (1–10)").format(n=goal.position),
            hint=hint,
            optional=True,
            element=StaticSelectElement(
                action_id="value",
                placeholder=_("Choose"),
                options=options,
                initial_option=options[chosen - 1] if chosen else None,
            ),
        ),
    ]


def meeting_modal(form: MeetingForm) -> View:
    return View(
        type="modal",
        callback_id=MEETING_MODAL,
        title=_("My reflection"),
        submit=_("Save"),
        close=_("Cancel"),
        private_metadata=json.dumps({"meeting": form.meeting.id}),
        blocks=[
            SectionBlock(
                text=_("Your meeting {on_day}: what did you take from it?").format(
                    on_day=on_day(form.meeting.met_on)
                )
            ),
            _text(
                "reflection",
                _("Your reflection"),
                form.mine.text if form.mine else "",
                MEETING_MAX,
            ),
            note(_(PRIVATE)),
        ],
    )


def _text(block_id: str, label: str, value: str, most: int) -> InputBlock:
    return InputBlock(
        block_id=block_id,
        label=label,
        optional=True,
        element=PlainTextInputElement(
            action_id="value", multiline=True, initial_value=value or None, max_length=most
        ),
    )


def closure_saved_modal(mentee: bool) -> View:
    """What the closure's form turns into once kept."""
    text = _(
        "Thank you. Your reflection is kept for you alone, and is in your CPD record. You can "
        "edit it from your Home or with `/mentoring reflect`."
    )
    if mentee:
        text += " " + _("Your goals' confidence, at the start and now, is on your Home.")
    return done_modal(_("My reflection"), text)


def meeting_saved_modal() -> View:
    return done_modal(
        _("My reflection"),
        _("Thank you. Your reflection is kept for you alone, and is in your CPD record."),
    )
