"""The applications feature's part of the project team's console (composed by
handlers/views/console.py), with its action ids: how many have applied, by role and status; each
application still to decide, with what the team decides on and Accept, Waitlist and Decline;
and the decided, with their status."""

from __future__ import annotations

from datetime import datetime
from typing import get_args

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ConfirmObject,
    DividerBlock,
    SectionBlock,
)

from bot.applications.model import Application, Decision
from bot.matching.model import Role
from bot.scheme import Applications, Programme
from handlers.i18n import _
from handlers.views.applications.messages import (
    PROFESSION_WORDS,
    ROLE_WORDS,
    STATUS_WORDS,
    band_words,
    theme_names,
    when,
)
from handlers.views.common import note, sections
from handlers.views.hub import SHOWN, Console, more_note
from handlers.views.mrkdwn import escape

DECIDE = "console_application_"  # + accept, waitlist or decline
DECISION_OF: dict[str, Decision] = {f"{DECIDE}{d}": d for d in get_args(Decision)}
# Each application to decide takes two blocks (its words, its buttons): fewer are shown than in
# the console's other lists, so the whole Home stays inside Slack's 100 blocks.
TO_DECIDE_SHOWN = 5
# The note to the team is cut here on the console; `/mentoring team applications` shows it whole.
NOTE_SHOWN = 280


def console_section(console: Console, programme: Programme, now: datetime) -> list[Block]:
    """Nothing for a cohort that takes no applications, or once they have closed with none."""
    window = programme.applications
    applications = console.applications
    if window is None or (not applications and now >= window.closes):
        return []
    waiting = sorted((a for a in applications if a.status == "submitted"), key=lambda a: a.id)
    decided = sorted(
        (a for a in applications if a.status != "submitted"), key=lambda a: a.updated_at
    )[::-1]
    blocks: list[Block] = [
        DividerBlock(),
        SectionBlock(text=_summary(applications, window, programme, now)),
    ]
    for application in waiting[:TO_DECIDE_SHOWN]:
        blocks += [SectionBlock(text=_to_decide(application, window)), _buttons(application)]
    if len(waiting) > TO_DECIDE_SHOWN:
        more = _("And {n} more to decide: each comes up here as you decide these.")
        blocks.append(note(more.format(n=len(waiting) - TO_DECIDE_SHOWN)))
    blocks += sections("\n".join(_decided(a) for a in decided[:SHOWN]))
    more = _("And {n} more decided: type `/mentoring team applications` to see them all.")
    return blocks + more_note(len(decided), more)


def _summary(
    applications: list[Application], window: Applications, programme: Programme, now: datetime
) -> str:
    if now < window.opens:
        heading = _("*Applications* open at {opens}.").format(opens=when(window.opens, programme))
    elif now < window.closes:
        heading = _("*Applications* are open until {closes}.").format(
            closes=when(window.closes, programme)
        )
    else:
        heading = _("*Applications* closed at {closes}.").format(
            closes=when(window.closes, programme)
        )
    return "\n".join([heading, _counts(applications, "mentee"), _counts(applications, "mentor")])


def _counts(applications: list[Application], role: Role) -> str:
    theirs = [a.status for a in applications if a.answers.role == role]
    words = (
        _(
            "*Mentees:* {submitted} to decide · {accepted} accepted · {waitlisted} waitlisted · {declined} declined"
        )
        if role == "mentee"
        else _(
            "*Mentors:* {submitted} to decide · {accepted} accepted · {waitlisted} waitlisted · {declined} declined"
        )
    )
    return words.format(**{status: theirs.count(status) for status in STATUS_WORDS})


def _to_decide(a: Application, window: Applications | None, whole: bool = False) -> str:
    """What the team decides on: who, their role, profession, band and employer, their themes,
    and their note to the team (`whole`, or cut short for the console)."""
    answers = a.answers
    line = " · ".join(
        [
            f"*{escape(a.applicant.name)}*",
            _(ROLE_WORDS[answers.role]),
            _(PROFESSION_WORDS[answers.profession]),
            band_words(answers.band),
            escape(answers.employer),
        ]
    )
    themes = _("*Themes:* {themes}").format(themes=theme_names(answers.themes, window))
    if not answers.for_the_team:
        return f"{line}\n{themes}"
    said = answers.for_the_team
    cut = said if whole or len(said) <= NOTE_SHOWN else said[: NOTE_SHOWN - 1] + "…"
    private = _("*For the team:* {note}").format(note=escape(" ".join(cut.split())))
    return f"{line}\n{themes}\n{private}"


def _buttons(a: Application) -> ActionsBlock:
    decline = ButtonElement(
        text=_("Decline"),
        action_id=f"{DECIDE}decline",
        value=str(a.id),
        confirm=ConfirmObject(
            title=_("Decline this application?"),
            text=_(
                "{name} will be told kindly, in our DM, that there is no place this time."
            ).format(name=escape(a.applicant.name)),
            confirm=_("Decline"),
            deny=_("Cancel"),
        ),
    )
    steps: list[tuple[Decision, str]] = [("accept", _("Accept")), ("waitlist", _("Waitlist"))]
    return ActionsBlock(
        block_id=f"console:application:{a.id}",
        elements=[
            *(
                ButtonElement(text=text, action_id=f"{DECIDE}{step}", value=str(a.id))
                for step, text in steps
            ),
            decline,
        ],
    )


def _decided(a: Application) -> str:
    return _("• *{name}* · {role} · {status}").format(
        name=escape(a.applicant.name),
        role=_(ROLE_WORDS[a.answers.role]),
        status=_(STATUS_WORDS[a.status]),
    )


def team_applications_message(applications: list[Application], programme: Programme) -> str:
    """Every application, those still to decide first, each with the note to the team whole."""
    if not applications:
        return _("Nobody has applied yet.")
    waiting = sum(1 for a in applications if a.status == "submitted")
    lines = [_("*Applications* ({n} to decide)").format(n=waiting)]
    for a in sorted(applications, key=lambda a: (a.status != "submitted", a.id)):
        lines.append(
            _("• #{number} {details} · {status}").format(
                number=a.id,
                details=_to_decide(a, programme.applications, whole=True).replace("\n", " · "),
                status=_(STATUS_WORDS[a.status]),
            )
        )
    return "\n".join(lines)
