"""The goals form: up to five goals, each a row of what, how the pair will know, by when and the
mentee's confidence today, then the pair's boundaries; filled with what is kept. Each input's
block id is the field the listener reads (`what_1` … `confidence_5`, `availability`…), so a
mistake is shown beside its input."""

from __future__ import annotations

import json

from slack_sdk.models.blocks import (
    Block,
    DatePickerElement,
    HeaderBlock,
    InputBlock,
    Option,
    PlainTextInputElement,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.goals.model import Boundaries, Goal
from bot.goals.rules import BOUNDARY_MAX, CONFIDENCE, HOW_KNOWN_MAX, MAX_GOALS, WHAT_MAX
from bot.goals.service import MyGoals
from handlers.i18n import _
from handlers.views.common import done_modal

GOALS_MODAL = "goals_submit"
# The form opened from the Home: saving it draws the Home again.
HOME_GOALS_MODAL = "home_goals_modal"
GOAL_PARTS = ("what", "how_known", "by_when", "confidence")


def goals_modal(mine: MyGoals, callback_id: str = GOALS_MODAL) -> View:
    by_place = {g.position: g for g in mine.goals}
    blocks: list[Block] = [
        SectionBlock(
            text=_(
                "Up to {most} learning goals: what you want to achieve, how you will know, and by "
                "when, with how confident the mentee feels today (1 not at all, 10 completely). "
                "Leave a goal empty to have fewer; emptying one removes it and its story."
            ).format(most=MAX_GOALS)
        )
    ]
    for place in range(1, MAX_GOALS + 1):
        blocks += _goal_rows(place, by_place.get(place))
    blocks += [HeaderBlock(text=_("Our boundaries")), *_boundaries(mine.boundaries)]
    return View(
        type="modal",
        callback_id=callback_id,
        title=_("Our goals"),
        private_metadata=json.dumps({"pair": mine.pair.id}),
        submit=_("Save"),
        close=_("Cancel"),
        blocks=blocks,
    )


def _goal_rows(place: int, goal: Goal | None) -> list[Block]:
    confidence = [Option(text=str(n), value=str(n)) for n in CONFIDENCE]
    chosen = goal.confidence_start if goal else None
    return [
        HeaderBlock(text=_("Goal {n}").format(n=place)),
        _text(
            f"what_{place}", _("What you want to achieve"), goal.what if goal else None, WHAT_MAX
        ),
        _text(
            f"how_known_{place}",
            _("How you will know"),
            goal.how_known if goal else None,
            HOW_KNOWN_MAX,
        ),
        InputBlock(
            block_id=f"by_when_{place}",
            label=_("By when"),
            optional=True,
            element=DatePickerElement(
                action_id="value",
                initial_date=goal.by_when.isoformat() if goal and goal.by_when else None,
            ),
        ),
        InputBlock(
            block_id=f"confidence_{place}",
            label=_("The mentee's confidence today (1–10)"),
            optional=True,
            element=StaticSelectElement(
                action_id="value",
                placeholder=_("Choose"),
                options=confidence,
                initial_option=confidence[chosen - 1] if chosen else None,
            ),
        ),
    ]


def _boundaries(boundaries: Boundaries) -> list[Block]:
    return [
        _text(
            "availability",
            _("Availability"),
            boundaries.availability,
            BOUNDARY_MAX,
            _("How often and when you meet"),
        ),
        _text(
            "topics",
            _("Topics"),
            boundaries.topics,
            BOUNDARY_MAX,
            _("What you will and won't discuss"),
        ),
        _text(
            "contact",
            _("How to contact each other"),
            boundaries.contact,
            BOUNDARY_MAX,
            _("e.g. Slack first, phone if urgent"),
        ),
    ]


def _text(
    block_id: str, label: str, value: str | None, most: int, hint: str | None = None
) -> InputBlock:
    return InputBlock(
        block_id=block_id,
        label=label,
        optional=True,
        hint=hint,
        element=PlainTextInputElement(
            action_id="value", multiline=True, initial_value=value or None, max_length=most
        ),
    )


def goals_saved_modal() -> View:
    """What the form turns into once kept."""
    return done_modal(_("Our goals"), _("Saved. Your goals and boundaries are on your Home."))
