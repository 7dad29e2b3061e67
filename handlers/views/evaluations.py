"""Everything people read in an evaluation conversation: words and buttons, pure."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import matplotlib

from handlers.i18n import N_, _, day, language, ngettext
from handlers.slack.rendering import ALT_TEXT_MAX, SharedFile, file_view, message_view

matplotlib.use("Agg")  # no screen: draw to memory
import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator
from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    CheckboxesElement,
    InteractiveElement,
    MarkdownTextObject,
    Option,
    PlainTextObject,
    SectionBlock,
)

from bot.evaluations.errors import CouldNotSave, NotInvited, NotYourQuestion, UnknownForm
from bot.evaluations.model import Ask, Paused, Reason, Refusal, Reply, Submitted, Summary
from bot.evaluations.notices import (
    AnswerRow,
    AnswersExport,
    EvaluationInvite,
    EvaluationReminder,
    EvaluationReply,
    ResultsForTeam,
    ScaleResults,
)
from bot.scheme import AnswerValue, Form, Question
from handlers.views.common import error_words, note, user_error
from handlers.views.concerns import nothing_open_offer
from handlers.views.mrkdwn import escape

ANSWER, START, SUBMIT = "eval_answer", "eval_start", "eval_submit"
# A pick-several question's boxes (ticking one tells the bot nothing) and its Done button, which
# sends what is ticked, read from the message's state.
TICK, TICKED = "eval_tick", "eval_ticked"
UK = ZoneInfo("Europe/London")
MAX_BUTTONS = 5
MAX_BOXES = 10  # Slack's most options in a checkboxes element
OPTION_TEXT = 75  # Slack's longest option text
ROLE_COLOURS = {"mentee": "#2a9d8f", "mentor": "#e76f51"}
# Roles told apart by pattern as well as colour, for those who cannot tell the colours apart.
ROLE_HATCHES = {"mentee": "", "mentor": "//"}
# Each role's bars in the chart's words, its key and its legend.
ROLE_COUNTS = {"mentee": N_("Mentees: {counts}."), "mentor": N_("Mentors: {counts}.")}
ROLE_LEGENDS = {"mentee": N_("mentees"), "mentor": N_("mentors")}
# A yes/no answer as stored, and as its reader reads it (the same words as its buttons).
YES_NO = {"yes": N_("Yes"), "no": N_("No")}


def reply_message(form: Form, reply: Reply, recipient: str = "") -> tuple[str, list[Block]]:
    match reply:
        case Ask():
            return _ask(form, reply, recipient)
        case Summary():
            return _summary(form, reply)
        case Paused():
            text = _(
                "No problem: your answers so far are saved. Reply `resume` whenever you are ready."
            )
            return text, [SectionBlock(text=MarkdownTextObject(text=text))]
        case Submitted():
            text = _("Thank you! Your answers to the {form} have gone to the project team.").format(
                form=_title(form).lower()
            )
            return text, [SectionBlock(text=MarkdownTextObject(text=text))]
    raise AssertionError(reply)


@message_view(EvaluationReply)
def answered_message(answer: EvaluationReply) -> tuple[str, list[Block]]:
    """What the bot writes back after a DM or a button."""
    if answer.reply is not None and answer.form is not None:
        return reply_message(answer.form, answer.reply, answer.recipient)
    offer: list[Block] = []
    if answer.error is not None:
        text = user_error(answer.error)
    elif answer.form is not None:
        text = closed(answer.form)
    else:
        text, offer = nothing_open(), nothing_open_offer()
    return text, [SectionBlock(text=MarkdownTextObject(text=text)), *offer]


# Why an answer was refused, said before the question is asked again. The reasons with figures
# in them are worded in `refusal`; these are the same every time.
_REFUSED: dict[Reason, str] = {
    "needs_answer": N_("This question needs an answer, so it can't be skipped."),
    "nothing_said": N_("I didn't catch an answer."),
    "not_yes_or_no": N_("Please answer yes or no."),
    "not_a_number": N_("Please answer with a number, e.g. 4."),
    "nothing_before": N_("This is the first question, so there is nothing to go back to."),
    "earlier_button": N_(
        "That button is from an earlier question. Please answer the latest one I sent."
    ),
    "not_a_review_word": N_(
        "Reply `submit` to send your answers, or `change 3` to change answer 3."
    ),
    "unfinished": N_("Please answer the remaining questions first."),
    "nothing_ticked": N_("Please tick at least one box, then press Done."),
}


def refusal(refused: Refusal) -> str:
    """Why the engine did not take a message or button, in words."""
    match refused.reason:
        case "off_scale":
            return _("Please choose a number from {low} to {high}.").format(
                low=f"{refused.low:g}", high=f"{refused.high:g}"
            )
        case "not_an_option":
            return _("Please pick one of the options by its number or words: {options}.").format(
                options=_numbered(refused.options)
            )
        case "out_of_range":
            return _out_of_range(refused.low, refused.high)
        case "too_long":
            return _("That is a little long: please keep it under {most} characters.").format(
                most=f"{refused.high:,g}"
            )
        case "no_such_question":
            return _("There is no question {said}; pick one from {low} to {high}.").format(
                said=escape(refused.said), low=f"{refused.low:g}", high=f"{refused.high:g}"
            )
    return _(_REFUSED[refused.reason])


def _out_of_range(low: float | None, high: float | None) -> str:
    """A number question may have a minimum, a maximum, or both."""
    if low is None:
        return _("Please give a number no more than {high}.").format(high=f"{high:g}")
    if high is None:
        return _("Please give a number of at least {low}.").format(low=f"{low:g}")
    return _("Please give a number from {low} to {high}.").format(low=f"{low:g}", high=f"{high:g}")


@error_words(UnknownForm)
def unknown_form(error: UnknownForm) -> str:
    return _("There is no evaluation called `{form}`. They are: {forms}.").format(
        form=escape(error.form_id), forms=", ".join(error.known)
    )


@error_words(NotYourQuestion)
def not_your_question(error: NotYourQuestion) -> str:
    return _("That question was sent to someone else, so your answer was not recorded.")


@error_words(NotInvited)
def not_invited(error: NotInvited) -> str:
    return _("The {form} isn't for you, so there is nothing to answer.").format(
        form=_title(error.form).lower()
    )


@error_words(CouldNotSave)
def could_not_save(error: CouldNotSave) -> str:
    return _("Sorry, I couldn't save that just now. Please send it again.")


def invitation(form: Form, fewest: int, most: int | None = None) -> tuple[str, list[Block]]:
    """`most`: with every follow-up an answer can open (the progress counts those it opens)."""
    text = _(
        "*{title}*: {questions} short questions, about {minutes} minutes. Your answers go to the "
        "project team, to see how the scheme is working and improve it. It is open until {day}."
    ).format(
        title=_title(form),
        questions=_how_many(fewest, most or fewest),
        minutes=form.minutes,
        day=_when(form.closes),
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


def reminder(form: Form, answered: int, total: int) -> tuple[str, list[Block]]:
    if answered:
        text = _(
            "A reminder: the {form} is open until {day}. You have answered {answered} of {total} "
            "questions. It takes about {minutes} minutes."
        )
    else:
        text = _("A reminder: the {form} is open until {day}. It takes about {minutes} minutes.")
    text = text.format(
        form=_title(form).lower(),
        day=_when(form.closes),
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
        title=_title(results.form),
        invited=results.invited,
        started=results.started,
        finished=results.finished,
    )


def status_message(forms: list[ResultsForTeam], now: datetime) -> str:
    lines = [_("*Evaluations*")]
    for r in forms:
        when = (
            _("not open yet")
            if now < r.form.opens
            else _("closed")
            if now >= r.form.closes
            else _("open until {day}").format(day=_when(r.form.closes))
        )
        counts = _(
            "*{title}* (`{form}`, {when}): {invited} invited, {started} started, {finished} finished"
        ).format(
            title=_title(r.form),
            form=r.form.id,
            when=when,
            invited=r.invited,
            started=r.started,
            finished=r.finished,
        )
        lines.append(f"• {counts}")
    lines.append(
        _(
            "`/mentoring team export FORM [pseudonymous]` sends the answers here as a CSV file; "
            "`/mentoring team chart FORM` the chart."
        )
    )
    return "\n".join(lines)


def closed(form: Form) -> str:
    return _(
        "Sorry, the {form} closed on {day}, so I can't take answers for it any more. "
        "Thank you all the same."
    ).format(form=_title(form).lower(), day=_when(form.closes))


def nothing_open() -> str:
    return _(
        "I'm not waiting for an answer from you just now. `/mentoring help` shows what I can do. "
        "If something is wrong in your mentoring, you can tell the project team privately."
    )


def show(question: Question, value: AnswerValue | None) -> str:
    """An answer as its reader reads it: options are stored in English, shown in their
    language."""
    if value is None:
        return _("(skipped)")
    if isinstance(value, list):
        return ", ".join(question.option_shown(v, language()) for v in value) or _("(none)")
    labels = _in_language(question).labels
    if question.kind == "scale" and isinstance(value, int) and value in labels:
        return f"{value} ({labels[value]})"
    if question.kind == "choice" and isinstance(value, str):
        return question.option_shown(value, language())
    if question.kind == "yes_no" and isinstance(value, str) and value in YES_NO:
        return _(YES_NO[value])  # stored in English, shown in the reader's words
    return str(value)


def _ask(form: Form, ask: Ask, recipient: str) -> tuple[str, list[Block]]:
    q = _in_language(ask.question)
    # Whole sentences before the question: thanks for the last answer, why it was not taken.
    said = [_("Thanks.")] if ask.acknowledged else []
    if ask.acknowledged and ask.question.ask_if is not None:
        # Why the count of questions has just grown by one.
        said.append(_("That answer brings a follow-up question."))
    refused = ask.error and replace(ask.error, options=tuple(q.options))  # in the reader's words
    lead = "".join(f"{sentence} " for sentence in [*said, *_why_not(refused)])
    asked = {"number": ask.number, "total": ask.total, "question": q.text}
    text = lead + _("Question {number} of {total}: {question}").format(**asked)
    blocks: list[Block] = [
        SectionBlock(
            text=MarkdownTextObject(
                text=lead + _("*Question {number} of {total}:* {question}").format(**asked)
            )
        )
    ]
    buttons = _buttons(form, q, recipient)
    if buttons:
        blocks.append(ActionsBlock(block_id=f"eval:{form.id}:{q.id}", elements=buttons))
    blocks.append(note(_hint(q)))
    return text, blocks


def _summary(form: Form, summary: Summary) -> tuple[str, list[Block]]:
    lines = "\n".join(
        f"{n}. {_in_language(q).text} *{escape(show(q, value))}*" for n, q, value in summary.answers
    )
    # No "Thanks.": the summary is its own step.
    lead = "".join(f"{sentence}\n" for sentence in _why_not(summary.error))
    text = lead + _(
        "Here are your answers:\n{answers}\nReply `submit` to send them to the project team, "
        "or `change 3` to change answer 3."
    ).format(answers=lines)
    return text, [
        SectionBlock(text=MarkdownTextObject(text=text[:2900])),
        ActionsBlock(
            block_id=f"eval:{form.id}:submit",
            elements=[
                ButtonElement(text=_("Submit"), action_id=SUBMIT, value=form.id, style="primary")
            ],
        ),
    ]


def _buttons(form: Form, q: Question, recipient: str) -> list[InteractiveElement]:
    """Each button names the form, the question and the person it was sent to."""

    def button(label: str, value: str) -> ButtonElement:
        chosen = json.dumps({"f": form.id, "q": q.id, "v": value, "u": recipient})
        return ButtonElement(text=label[:75], action_id=f"{ANSWER}:{value}"[:255], value=chosen)

    if q.kind == "choices" and len(q.options) <= MAX_BOXES:
        return _boxes(form, q, recipient)

    if q.kind == "scale" and q.high - q.low < MAX_BUTTONS * 2:
        return [button(str(v), str(v)) for v in range(q.low, q.high + 1)]
    if q.kind == "yes_no":
        return [button(_(word), value) for value, word in YES_NO.items()]
    if q.kind == "choice" and len(q.options) <= MAX_BUTTONS:
        return [button(o, str(i)) for i, o in enumerate(q.options, 1)]
    return []


def _boxes(form: Form, q: Question, recipient: str) -> list[InteractiveElement]:
    """A box for each option (its number as its value, as typing it would say) and Done."""
    boxes = [
        Option(value=str(i), text=PlainTextObject(text=o[:OPTION_TEXT]))
        for i, o in enumerate(q.options, 1)
    ]
    asked = json.dumps({"f": form.id, "q": q.id, "v": "", "u": recipient})
    return [
        CheckboxesElement(action_id=TICK, options=boxes),
        ButtonElement(text=_("Done"), action_id=TICKED, value=asked, style="primary"),
    ]


def _hint(q: Question) -> str:
    match q.kind:
        case "scale":
            ends = f"{q.low} ({q.labels[q.low]})" if q.low in q.labels else str(q.low)
            top = f"{q.high} ({q.labels[q.high]})" if q.high in q.labels else str(q.high)
            hint = _("Reply with a number from {low} to {high}.").format(low=ends, high=top)
        case "choice":
            hint = _("Reply with the number of your answer: {options}.").format(
                options=_numbered(q.options)
            )
        case "choices" if len(q.options) <= MAX_BOXES:
            hint = _(
                "Tick all that apply and press Done, or reply with their numbers, e.g. `1, 3`: "
                "{options}."
            ).format(options=_numbered(q.options))
        case "choices":
            hint = _("Reply with the numbers of all that apply, e.g. `1, 3`: {options}.").format(
                options=_numbered(q.options)
            )
        case "yes_no":
            hint = _("Reply yes or no.")
        case "number":
            hint = _("Reply with a number.")
        case _:
            hint = _("Reply in your own words.")
    if q.required:
        return hint
    return " ".join([hint, _("This one is optional: reply `skip` to pass it.")])


def _why_not(refused: Refusal | None) -> list[str]:
    """Why the last answer was not taken, as a sentence, if it was not."""
    return [refusal(refused)] if refused else []


def _title(form: Form) -> str:
    """The form's title in the reader's language, as the programme file gives it."""
    return form.title_in(language())


def _in_language(question: Question) -> Question:
    """The question's words in the reader's language, as the programme file gives them."""
    return question.in_language(language())


def _numbered(options: Sequence[str]) -> str:
    return ", ".join(f"{i} {o}" for i, o in enumerate(options, 1))


def _when(moment: datetime) -> str:
    return day(moment.astimezone(UK))


@message_view(EvaluationInvite)
def invitation_message(n: EvaluationInvite) -> tuple[str, list[Block]]:
    return invitation(n.form, n.questions, n.most)


@message_view(EvaluationReminder)
def reminder_message(n: EvaluationReminder) -> tuple[str, list[Block]]:
    return reminder(n.form, n.answered, n.total)


@file_view(AnswersExport)
def answers_file(export: AnswersExport) -> SharedFile:
    naming = _("pseudonymous") if export.pseudonymous else _("named")
    title = _("{form}: answers ({naming})").format(form=_title(export.form), naming=naming)
    return SharedFile(answers_csv(export.rows).encode(), title)


def answers_csv(rows: Sequence[AnswerRow]) -> str:
    """The answers for a spreadsheet: headings and questions in the reader's language; the
    values as stored (English options, role and status codes), so files read alike whichever
    language asked for them."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [_("participant"), _("role"), _("status"), _("question_id"), _("question"), _("answer")]
    )
    for row in rows:
        shown = _in_language(row.question).text
        cells = [row.who, row.role, row.status, row.question.id, shown, _stored(row)]
        writer.writerow([_inert(cell) for cell in cells])
    return out.getvalue()


def _stored(row: AnswerRow) -> str:
    if row.answer is None:
        return ""
    return "; ".join(row.answer) if isinstance(row.answer, list) else str(row.answer)


def _inert(cell: str) -> str:
    """Typed text a spreadsheet would run as a formula ("=HYPERLINK(…)") is kept as text, with
    the apostrophe spreadsheets read as "this is text"; numbers stay numbers."""
    if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not _is_number(cell):
        return "'" + cell
    return cell


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


@file_view(ResultsForTeam)
def results_file(results: ResultsForTeam) -> SharedFile:
    """The chart, with what it shows in words beside it, for everyone, and as its text
    alternative, for screen readers."""
    lines = chart_words(results)
    return SharedFile(
        results_png(results),
        _("{form}: results").format(form=_title(results.form)),
        "\n".join([results_summary(results), *lines]),
        _alt_text(lines),
    )


def chart_words(results: ResultsForTeam) -> list[str]:
    """What the chart shows, a line for each scale question: how many of each role gave each
    score."""
    lines = [_chart_outline(results)]
    for scale in results.scales:
        question, labels = _scale_words(results.form, scale)
        by_role = " ".join(
            _(ROLE_COUNTS[role]).format(counts=_score_counts(scale, by_score, labels))
            for role, by_score in sorted(scale.counts.items())
        )
        lines.append(f"“{question}” {by_role or _('No answers yet.')}")
    return lines


MORE_IN_THE_MESSAGE = N_("The counts for the other questions are in the message.")


def _alt_text(lines: list[str]) -> str:
    """The chart's words in as many whole lines as Slack's limit takes (the message has them
    all)."""
    more = _(MORE_IN_THE_MESSAGE)
    fitted = lines[:1]
    for line in lines[1:]:
        if len("\n".join([*fitted, line, more])) > ALT_TEXT_MAX:
            return "\n".join([*fitted, more])
        fitted.append(line)
    return "\n".join(fitted)


def _chart_outline(results: ResultsForTeam) -> str:
    title = _title(results.form).lower()
    if not results.scales:
        return _("The {form} has no scale questions, so the chart is empty.").format(form=title)
    return _(
        "Bar chart of the {form}'s scale questions by role: {finished} of {invited} finished."
    ).format(form=title, finished=results.finished, invited=results.invited)


def _score_counts(scale: ScaleResults, by_score: dict[int, int], labels: dict[int, str]) -> str:
    """'1 (Not valuable): 2 people; 2: 1; 3 (Somewhat valuable): 0; …': the first count says what
    is counted, the rest follow its pattern (Slack takes at most 1,000 characters of alt text)."""

    def point(score: int) -> str:
        return f"{score} ({labels[score]})" if score in labels else str(score)

    first = by_score.get(scale.low, 0)
    counts = [
        ngettext("{point}: {n} person", "{point}: {n} people", first).format(
            point=point(scale.low), n=first
        )
    ]
    counts += [f"{point(s)}: {by_score.get(s, 0)}" for s in range(scale.low + 1, scale.high + 1)]
    return "; ".join(counts)


def _scale_words(form: Form, scale: ScaleResults) -> tuple[str, dict[int, str]]:
    """The question's text and the words the form gives some of its points, in the reader's
    language (the results keep only its English text)."""
    asked = next(
        (q for q in form.questions if q.kind == "scale" and q.text == scale.question), None
    )
    if asked is None:
        return scale.question, {}
    shown = _in_language(asked)
    return shown.text, shown.labels


def results_png(results: ResultsForTeam) -> bytes:
    scales = results.scales or ()
    figure, axes = plt.subplots(
        max(len(scales), 1), 1, figsize=(7, 2.6 * max(len(scales), 1)), squeeze=False
    )
    title = _("{form}: {finished} of {invited} finished").format(
        form=_title(results.form), finished=results.finished, invited=results.invited
    )
    figure.suptitle(title, fontsize=12)
    for axis, scale in zip(axes[:, 0], scales, strict=False):
        _draw_scale(axis, scale, *_scale_words(results.form, scale))
    if not scales:
        empty = _("this form has no scale questions")
        axes[0, 0].text(0.5, 0.5, empty, ha="center", va="center")
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=100)
    plt.close(figure)
    return out.getvalue()


def _draw_scale(axis: Axes, scale: ScaleResults, question: str, labels: dict[int, str]) -> None:
    """One question's bars, side by side by role; each score with its words, if it has any."""
    points = list(range(scale.low, scale.high + 1))
    width = 0.8 / max(len(scale.counts), 1)
    for n, (role, by_score) in enumerate(sorted(scale.counts.items())):
        axis.bar(
            [p + (n - (len(scale.counts) - 1) / 2) * width for p in points],
            [by_score.get(p, 0) for p in points],
            width=width,
            label=_(ROLE_LEGENDS[role]),
            color=ROLE_COLOURS.get(role),
            hatch=ROLE_HATCHES.get(role, ""),
            edgecolor="black",
        )
    axis.set_title(question, fontsize=9, wrap=True)
    axis.set_xticks(points, [f"{p}\n{labels[p]}" if p in labels else str(p) for p in points])
    axis.tick_params(axis="x", labelsize=7)
    axis.set_ylabel(_("people"), fontsize=8)
    axis.yaxis.set_major_locator(MaxNLocator(integer=True))
    if scale.counts:
        axis.legend(fontsize=8)
    else:
        empty = _("no answers yet")
        axis.text(0.5, 0.5, empty, ha="center", va="center", transform=axis.transAxes)


def settled(message: dict, chosen: str) -> str:
    """An answered question: its words kept, its buttons gone, the choice shown."""
    question = next(
        (b["text"]["text"] for b in message.get("blocks", []) if b.get("type") == "section"),
        message.get("text", ""),
    )
    return f"{question}\n" + _("You chose: *{choice}*").format(choice=escape(chosen))


def exported_reply(form_id: str) -> str:
    return _("Done: the {form} answers are in the team channel as a CSV file.").format(form=form_id)


def charted_reply(form_id: str) -> str:
    return _("Done: the {form} chart is in the team channel.").format(form=form_id)
