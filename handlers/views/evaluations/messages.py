"""Everything people read in an evaluation conversation: words and buttons, pure."""

from __future__ import annotations

from datetime import datetime

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    MarkdownTextObject,
    SectionBlock,
)

from bot.evaluations.notices import (
    EvaluationInvite,
    EvaluationReminder,
    EvaluationReply,
    ResultsForTeam,
)
from bot.programme_forms import Form
from bot.scheme import Programme
from handlers.i18n import _, day
from handlers.slack.rendering import message_view
from handlers.views.common import note, user_error
from handlers.views.concerns.messages import nothing_open_offer
from handlers.views.evaluations.questions import START, form_title, reply_message
from handlers.views.mrkdwn import escape


@message_view(EvaluationReply)
def answered_message(answer: EvaluationReply) -> tuple[str, list[Block]]:
    """What the bot writes back after a DM or a button."""
    if answer.reply is not None and answer.form is not None:
        return reply_message(answer.form, answer.reply, answer.recipient)
    offer: list[Block] = []
    if answer.error is not None:
        text = user_error(answer.error)
    elif answer.form is not None:
        text = closed(answer.form, answer.programme)
    else:
        text, offer = nothing_open(), nothing_open_offer()
    return text, [SectionBlock(text=MarkdownTextObject(text=text)), *offer]


def invitation(
    form: Form, programme: Programme | None, fewest: int, most: int | None = None
) -> tuple[str, list[Block]]:
    """`most`: with every follow-up an answer can open (the progress counts those it opens)."""
    text = _(
        "*{title}*: {questions} short questions, about {minutes} minutes. Your answers go to the "
        "project team, to see how the scheme is working and improve it. It is open until {day}."
    ).format(
        title=form_title(form),
        questions=_how_many(fewest, most or fewest),
        minutes=form.minutes,
        day=_when(form.closes, programme),
    )
    how = _(
        "I'll ask one question at a time, here. At any point reply `back` to change the last "
        "answer, `skip` to pass an optional question, or `later` to pause."
    )
    return text, [
        SectionBlock(text=MarkdownTextObject(text=text)),
        note(how),
        ActionsBlock(
            block_id=f"eval:{form.id}",
            elements=[
                ButtonElement(text=_("Start"), action_id=START, value=form.id, style="primary")
            ],
        ),
    ]


def _how_many(fewest: int, most: int) -> str:
    """ "6", "6 or 7" or "6 to 8" (the words follow: "short questions")."""
    if most <= fewest:
        return str(fewest)
    if most == fewest + 1:
        return _("{fewest} or {most}").format(fewest=fewest, most=most)
    return _("{fewest} to {most}").format(fewest=fewest, most=most)


def reminder(
    form: Form, programme: Programme | None, answered: int, total: int
) -> tuple[str, list[Block]]:
    if answered:
        text = _(
            "A reminder: the {form} is open until {day}. You have answered {answered} of {total} "
            "questions. It takes about {minutes} minutes."
        )
    else:
        text = _("A reminder: the {form} is open until {day}. It takes about {minutes} minutes.")
    text = text.format(
        form=form_title(form).lower(),
        day=_when(form.closes, programme),
        answered=answered,
        total=total,
        minutes=form.minutes,
    )
    button = _("Carry on") if answered else _("Start")
    return text, [
        SectionBlock(text=MarkdownTextObject(text=text)),
        ActionsBlock(
            block_id=f"eval:{form.id}",
            elements=[ButtonElement(text=button, action_id=START, value=form.id, style="primary")],
        ),
    ]


def results_summary(results: ResultsForTeam) -> str:
    if results.closed:
        summary = _(
            "*{title}* has closed: {invited} invited, {started} started, {finished} finished."
        )
    else:
        summary = _("*{title}* so far: {invited} invited, {started} started, {finished} finished.")
    return summary.format(
        title=form_title(results.form),
        invited=results.invited,
        started=results.started,
        finished=results.finished,
    )


def status_message(forms: list[ResultsForTeam], programme: Programme, now: datetime) -> str:
    lines = [_("*Evaluations*")]
    several = len({r.cohort for r in forms}) > 1
    for r in forms:
        when = (
            _("not open yet")
            if now < r.form.opens
            else _("closed")
            if now >= r.form.closes
            else _("open until {day}").format(day=_when(r.form.closes, programme))
        )
        counts = _(
            "*{title}* (`{form}`, {when}): {invited} invited, {started} started, {finished} finished"
        ).format(
            title=form_title(r.form),
            form=r.form.id,
            when=when,
            invited=r.invited,
            started=r.started,
            finished=r.finished,
        )
        lines.append(f"• {counts} · {cohort_named(r.cohort)}" if several else f"• {counts}")
    lines.append(
        _(
            "`/mentoring team export FORM [pseudonymous] [COHORT]` sends the answers here as a "
            "CSV file; `/mentoring team chart FORM [COHORT]` the chart."
        )
    )
    return "\n".join(lines)


def closed(form: Form, programme: Programme | None) -> str:
    return _(
        "Sorry, the {form} closed on {day}, so I can't take answers for it any more. "
        "Thank you all the same."
    ).format(form=form_title(form).lower(), day=_when(form.closes, programme))


def nothing_open() -> str:
    return _(
        "I'm not waiting for an answer from you just now. `/mentoring help` shows what I can do. "
        "If something is wrong in your mentoring, you can tell the project team privately."
    )


def _when(moment: datetime, programme: Programme | None) -> str:
    """The day in the programme's zone; in a notice kept before notices carried the programme,
    as the programme file gives the moment (its own offset)."""
    return day(moment.astimezone(programme.zone) if programme else moment)


@message_view(EvaluationInvite)
def invitation_message(n: EvaluationInvite) -> tuple[str, list[Block]]:
    return invitation(n.form, n.programme, n.questions, n.most)


@message_view(EvaluationReminder)
def reminder_message(n: EvaluationReminder) -> tuple[str, list[Block]]:
    return reminder(n.form, n.programme, n.answered, n.total)


def settled(message: dict, chosen: str) -> str:
    """An answered question: its words kept, its buttons gone, the choice shown."""
    question = next(
        (b["text"]["text"] for b in message.get("blocks", []) if b.get("type") == "section"),
        message.get("text", ""),
    )
    return f"{question}\n" + _("You chose: *{choice}*").format(choice=escape(chosen))


def exported_reply(
    form_id: str, cohort: str | None = None, cohorts: list[str] | None = None
) -> str:
    done = _("Done: the {form} answers are in the team channel as a CSV file.")
    return done.format(form=form_id) + _which_cohort(f"export {form_id}", cohort, cohorts or [])


def charted_reply(form_id: str, cohort: str | None = None, cohorts: list[str] | None = None) -> str:
    done = _("Done: the {form} chart is in the team channel.").format(form=form_id)
    return done + _which_cohort(f"chart {form_id}", cohort, cohorts or [])


def _which_cohort(command: str, cohort: str | None, cohorts: list[str]) -> str:
    """Where several live cohorts have the form: whose it was (the one named, else the newest
    with it), and how to ask for each other's."""
    if len(cohorts) < 2:
        return ""
    shown = cohort or cohorts[0]
    lines = [_("It is cohort {cohort}'s.").format(cohort=shown)]
    lines += [
        _("For cohort {cohort}'s, type `/mentoring team {command} {cohort}`.").format(
            cohort=other, command=command
        )
        for other in cohorts
        if other != shown
    ]
    return "\n" + "\n".join(lines)


def cohort_named(cohort: str) -> str:
    """A form's cohort, beside it where the team sees several live cohorts' forms."""
    return _("cohort {cohort}").format(cohort=cohort)
