"""The steering group's match on the project team's console (composed by
handlers/views/console.py), with its action ids: the counts and Approve all; each mentee still to
decide with their mentor and why, the shortlist, and Approve, Swap… and Leave unmatched (or, with
no mentor, why not); then what the group has decided. `/mentoring team match` lists it all."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ConfirmObject,
    DividerBlock,
    SectionBlock,
)

from bot.applications.model import Application
from bot.matching.working import Match, Standing
from bot.scheme import MOST_MENTEES, Programme
from handlers.i18n import _
from handlers.views.common import SECTION_TEXT_MAX, note, sections
from handlers.views.hub import SHOWN, Console, more_note
from handlers.views.matching.messages import name, plain_name, theme_names
from handlers.views.matching.reasons import reason_lines, unmatched_line
from handlers.views.mrkdwn import escape

APPROVE = "console_match_approve"
APPROVE_ALL = "console_match_approve_all"
SWAP = "console_match_swap"
LEAVE = "console_match_leave"
SUMMARY_BLOCK = "console:match"
# Each mentee to decide takes two blocks (why, and the buttons): few are shown at once, so the
# whole Home stays inside Slack's 100 blocks; the next comes up as each is decided.
TO_DECIDE_SHOWN = 3


def console_section(console: Console, programme: Programme, now: datetime) -> list[Block]:
    """Nothing until someone is accepted (or something decided)."""
    match = console.match
    if match is None or not (match.mentees or match.decided):
        return []
    themes = theme_names(programme)
    blocks: list[Block] = [DividerBlock(), _summary(match)]
    for standing in match.to_decide[:TO_DECIDE_SHOWN]:
        blocks += [
            _one_section(_to_decide(standing, match.people, themes)),
            _buttons(standing),
        ]
    if len(match.to_decide) > TO_DECIDE_SHOWN:
        more = _("And {n} more to decide: each comes up here as you decide these.")
        blocks.append(note(more.format(n=len(match.to_decide) - TO_DECIDE_SHOWN)))
    decided = [_decided(s, match.people) for s in match.decided]
    blocks += sections("\n".join(decided[:SHOWN]))
    more = _("And {n} more decided: type `/mentoring team match` to see them all.")
    return blocks + more_note(len(decided), more)


def _summary(match: Match) -> SectionBlock:
    heading = _(
        "*Match suggestions* for the {cohort} cohort: {mentees} mentees and {mentors} mentors "
        "accepted."
    ).format(cohort=match.cohort, mentees=match.mentees, mentors=match.mentors)
    text = "\n".join([heading, counts(match)])
    approvable = sum(1 for s in match.to_decide if s.suggestion) + sum(
        1 for s in match.decided if s.kind == "approved" and not s.paired
    )
    if not approvable:
        return SectionBlock(block_id=SUMMARY_BLOCK, text=text)
    return SectionBlock(block_id=SUMMARY_BLOCK, text=text, accessory=_approve_all(approvable))


def counts(match: Match) -> str:
    to_decide, decided = match.to_decide, match.decided
    return _(
        "*To decide:* {suggested} with a mentor ({swapped} swapped in) · {none} with none\n"
        "*Decided:* {paired} paired · {waiting} approved, still to pair · {left} left unmatched\n"
        "*Points in all:* {total}"
    ).format(
        suggested=sum(1 for s in to_decide if s.suggestion),
        swapped=sum(1 for s in to_decide if s.kind == "swapped"),
        none=sum(1 for s in to_decide if not s.suggestion),
        paired=sum(1 for s in decided if s.paired),
        waiting=sum(1 for s in decided if s.kind == "approved" and not s.paired),
        left=sum(1 for s in decided if s.kind == "unmatched"),
        total=match.total,
    )


def _approve_all(n: int) -> ButtonElement:
    return ButtonElement(
        text=_("Approve all"),
        action_id=APPROVE_ALL,
        value="all",
        style="primary",
        confirm=ConfirmObject(
            title=_("Approve every pair?"),
            text=_(
                "Pairs to be made: {n}. Each is introduced in a group DM, and both are asked to "
                "accept. A pair waits where its mentor already has {most} mentees, the most a "
                "mentor has."
            ).format(n=n, most=MOST_MENTEES),
            confirm=_("Approve all"),
            deny=_("Cancel"),
        ),
    )


def _to_decide(s: Standing, people: Mapping[str, Application], themes: Mapping[str, str]) -> str:
    mentee = name(s.mentee.applicant.email, people)
    if s.suggestion is None:
        why = unmatched_line(s.unmatched) if s.unmatched else ""
        return _("{mentee}: no mentor suggested.").format(mentee=mentee) + f"\n{why}"
    mentor = name(s.suggestion.mentor.email, people)
    points, *reasons = reason_lines(s.suggestion, themes)
    heading = (
        _("{mentee} with {mentor}, swapped in by the group · {points}")
        if s.kind == "swapped"
        else _("{mentee} with {mentor} · {points}")
    ).format(mentee=mentee, mentor=mentor, points=points)
    lines = [heading, *(f"• {reason}" for reason in reasons)]
    if s.shortlist:
        shortlist = " · ".join(
            f"{escape(plain_name(o.mentor.email, people))} ({o.points})" for o in s.shortlist
        )
        lines.append(_("*Shortlist:* {mentors}").format(mentors=shortlist))
    if s.waits:
        lines.append(waits(s.suggestion.mentor.email, people))
    return "\n".join(lines)


def waits(mentor: str, people: Mapping[str, Application]) -> str:
    return _(
        "_{mentor} already has {most} mentees, the most a mentor has: this pair waits until "
        "one of their pairings ends._"
    ).format(mentor=escape(plain_name(mentor, people)), most=MOST_MENTEES)


def _one_section(text: str) -> SectionBlock:
    """Cut short rather than split: each mentee's part of the console is a known size."""
    if len(text) > SECTION_TEXT_MAX:
        text = text[: SECTION_TEXT_MAX - 1] + "…"
    return SectionBlock(text=text)


def _buttons(s: Standing) -> ActionsBlock:
    value = str(s.mentee.id)
    leave = ButtonElement(
        text=_("Leave unmatched"),
        action_id=LEAVE,
        value=value,
        confirm=ConfirmObject(
            title=_("Leave unmatched?"),
            text=_(
                "They will be told kindly, in our DM, that there is no mentor for them this "
                "time, and stay on the waiting list."
            ),
            confirm=_("Leave unmatched"),
            deny=_("Cancel"),
        ),
    )
    swap = ButtonElement(text=_("Swap mentor…"), action_id=SWAP, value=value)
    elements = [swap, leave]
    if s.suggestion is not None:
        approve = ButtonElement(text=_("Approve"), action_id=APPROVE, value=value, style="primary")
        elements = [approve, *elements]
    return ActionsBlock(block_id=f"console:match:{s.mentee.id}", elements=elements)


def _decided(s: Standing, people: Mapping[str, Application]) -> str:
    mentee = name(s.mentee.applicant.email, people)
    if s.kind == "unmatched" or s.suggestion is None:
        return _("• {mentee}: left unmatched, on the waiting list").format(mentee=mentee)
    mentor = name(s.suggestion.mentor.email, people)
    if s.paired:
        return _("• {mentee} with {mentor}: paired").format(mentee=mentee, mentor=mentor)
    if s.waits:
        return _(
            "• {mentee} with {mentor}: approved, waits until one of the mentor's pairings ends"
        ).format(mentee=mentee, mentor=mentor)
    return _("• {mentee} with {mentor}: approved, not paired yet (Approve all tries again)").format(
        mentee=mentee, mentor=mentor
    )


def team_match_message(match: Match | None) -> str:
    """Everyone: those to decide, each with their mentor's points and the shortlist (or why
    they have none), then the decided."""
    if match is None or not (match.mentees or match.decided):
        return _("Nobody has been accepted yet, so there is nothing to match.")
    people = match.people
    lines = [
        _("*Match suggestions* for the {cohort} cohort").format(cohort=match.cohort),
        counts(match),
    ]
    for s in match.to_decide:
        lines.append(_line(s, people))
    lines += [_decided(s, people) for s in match.decided]
    lines.append(_("Approve, swap or leave unmatched on the console on my Home tab."))
    return "\n".join(lines)


def _line(s: Standing, people: Mapping[str, Application]) -> str:
    mentee = name(s.mentee.applicant.email, people)
    if s.suggestion is None:
        why = unmatched_line(s.unmatched) if s.unmatched else ""
        return _("• {mentee}: {why}").format(mentee=mentee, why=why)
    shortlist = ", ".join(
        f"{escape(plain_name(o.mentor.email, people))} ({o.points})" for o in s.shortlist
    )
    line = _("• {mentee} with {mentor} · {points} points").format(
        mentee=mentee, mentor=name(s.suggestion.mentor.email, people), points=s.suggestion.points
    )
    if s.kind == "swapped":
        line += " · " + _("swapped in")
    if shortlist:
        line += " · " + _("shortlist: {mentors}").format(mentors=shortlist)
    if s.waits:
        line += " · " + _("waits for a place")
    return line
