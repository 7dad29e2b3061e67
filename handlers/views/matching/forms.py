"""The console's Swap mentor form, in two steps: choose another mentor (the shortlist first, then
every other mentor the rules allow who has a place), then see what the whole match loses before
anything changes, and swap."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    InputBlock,
    Option,
    OptionGroup,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.matching.model import Suggestion
from bot.matching.service import SwapChoices, SwapPreview
from handlers.i18n import _
from handlers.views.common import console_form, done_modal, note, sections
from handlers.views.matching.messages import name, name_of, plain_name
from handlers.views.matching.reasons import swap_lines

SWAP_MODAL = "match_swap_modal"
SWAP_CONFIRM_MODAL = "match_swap_confirm_modal"
# Slack's limits: 100 options in a menu, 75 characters an option's text.
OPTIONS_MAX = 100
OPTION_TEXT_MAX = 75


def swap_modal(choices: SwapChoices) -> View:
    """Refused in words where no other mentor may have them."""
    standing, people = choices.standing, choices.people
    mentee = name(standing.mentee.applicant.email, people)
    now = standing.suggestion
    others = [s for s in choices.mentors if now is None or s.mentor.email != now.mentor.email]
    if not others:
        text = _("No other mentor can take {mentee}: each breaks a rule or is full.")
        return done_modal(_("Swap mentor"), text.format(mentee=mentee))
    asked = (
        _("Who should mentor {mentee}? Now: {mentor}, {points} points.").format(
            mentee=mentee, mentor=name(now.mentor.email, people), points=now.points
        )
        if now
        else _("Who should mentor {mentee}? No mentor is suggested now.").format(mentee=mentee)
    )
    return console_form(
        SWAP_MODAL,
        _("Swap mentor"),
        _("Next"),
        [
            SectionBlock(text=asked),
            InputBlock(
                block_id="mentor",
                label=_("Mentor"),
                element=StaticSelectElement(
                    action_id="value", option_groups=_groups(choices, others)
                ),
            ),
            note(_("Next shows what the whole match loses, before anything changes.")),
        ],
        metadata={"mentee": standing.mentee.id},
    )


def _groups(choices: SwapChoices, others: list[Suggestion]) -> list[OptionGroup]:
    shortlisted = {s.mentor.email for s in choices.standing.shortlist}
    first = [s for s in others if s.mentor.email in shortlisted]
    rest = [s for s in others if s.mentor.email not in shortlisted][: OPTIONS_MAX - len(first)]
    groups = [(_("Shortlist"), first), (_("Any other mentor the rules allow"), rest)]
    return [
        OptionGroup(label=label, options=[_option(s, choices) for s in group])
        for label, group in groups
        if group
    ]


def _option(s: Suggestion, choices: SwapChoices) -> Option:
    points = _("{points} points").format(points=s.points)
    room = OPTION_TEXT_MAX - len(points) - 3
    who = plain_name(s.mentor.email, choices.people)
    who = who if len(who) <= room else who[: room - 1] + "…"
    return Option(text=f"{who} · {points}", value=str(choices.people[s.mentor.email].id))


def swap_confirm_modal(preview: SwapPreview) -> View:
    swap, people = preview.swap, preview.people
    lines = swap_lines(swap, name_of(people))
    return console_form(
        SWAP_CONFIRM_MODAL,
        _("Swap mentor"),
        _("Swap"),
        [
            *sections("\n".join(lines)),
            note(_("Nothing is made or sent yet: the swap waits on the console to be approved.")),
        ],
        metadata={
            "mentee": people[swap.mentee.email].id,
            "mentor": people[swap.mentor.email].id,
        },
    )


def swapped_modal(preview: SwapPreview) -> View:
    swap, people = preview.swap, preview.people
    return done_modal(
        _("Swapped"),
        _("{mentee} now has {mentor}, to approve on the console.").format(
            mentee=name(swap.mentee.email, people), mentor=name(swap.mentor.email, people)
        ),
    )


def not_swapped_modal(words: str) -> View:
    """A swap refused once confirmed (the mentor taken meanwhile): why, in place of the form."""
    return done_modal(_("Not swapped"), words)
