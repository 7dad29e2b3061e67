"""Everything people read in an evaluation conversation: words and buttons, pure."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

import matplotlib

from handlers.slack.rendering import ALT_TEXT_MAX, SharedFile, file_view, message_view

matplotlib.use("Agg")  # no screen: draw to memory
import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator
from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    MarkdownTextObject,
    SectionBlock,
)

from bot.evaluations.engine import Ask, Paused, Reason, Refusal, Reply, Submitted, Summary
from bot.evaluations.notices import (
    AnswersExport,
    EvaluationInvite,
    EvaluationReminder,
    EvaluationReply,
    ResultsForTeam,
    ScaleResults,
)
from bot.evaluations.service import CouldNotSave, NotInvited, NotYourQuestion, UnknownForm
from bot.scheme import AnswerValue, Form, Question
from handlers.views.common import error_words, note, user_error
from handlers.views.concerns import nothing_open_offer
from handlers.views.mrkdwn import escape

ANSWER, START, SUBMIT = "eval_answer", "eval_start", "eval_submit"
UK = ZoneInfo("Europe/London")
MAX_BUTTONS = 5
ROLE_COLOURS = {"mentee": "#2a9d8f", "mentor": "#e76f51"}
# Roles told apart by pattern as well as colour, for those who cannot tell the colours apart.
ROLE_HATCHES = {"mentee": "", "mentor": "//"}


def reply_message(form: Form, reply: Reply, recipient: str = "") -> tuple[str, list[Block]]:
    match reply:
        case Ask():
            return _ask(form, reply, recipient)
        case Summary():
            return _summary(form, reply)
        case Paused():
            text = (
                "No problem: your answers so far are saved. Reply `resume` whenever you are ready."
            )
            return text, [SectionBlock(text=MarkdownTextObject(text=text))]
        case Submitted():
            text = f"Thank you! Your answers to the {form.title.lower()} have gone to the project team."
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
    "needs_answer": "This question needs an answer, so it can't be skipped.",
    "nothing_said": "I didn't catch an answer.",
    "not_yes_or_no": "Please answer yes or no.",
    "not_a_number": "Please answer with a number, e.g. 4.",
    "nothing_before": "This is the first question, so there is nothing to go back to.",
    "earlier_button": "That button is from an earlier question. Please answer the latest one I sent.",
    "not_a_review_word": "Reply `submit` to send your answers, or `change 3` to change answer 3.",
    "unfinished": "Please answer the remaining questions first.",
}


def refusal(refused: Refusal) -> str:
    """Why the engine did not take a message or button, in words."""
    match refused.reason:
        case "off_scale":
            return f"Please choose a number from {refused.low:g} to {refused.high:g}."
        case "not_an_option":
            return f"Please pick one of the options by its number or words: {_numbered(refused.options)}."
        case "out_of_range":
            return _out_of_range(refused.low, refused.high)
        case "too_long":
            return f"That is a little long: please keep it under {refused.high:,g} characters."
        case "no_such_question":
            return (
                f"There is no question {escape(refused.said)}; "
                f"pick one from {refused.low:g} to {refused.high:g}."
            )
    return _REFUSED[refused.reason]


def _out_of_range(low: float | None, high: float | None) -> str:
    """A number question may have a minimum, a maximum, or both."""
    if low is None:
        return f"Please give a number no more than {high:g}."
    if high is None:
        return f"Please give a number of at least {low:g}."
    return f"Please give a number from {low:g} to {high:g}."


@error_words(UnknownForm)
def unknown_form(error: UnknownForm) -> str:
    return (
        f"There is no evaluation called `{escape(error.form_id)}`. "
        f"They are: {', '.join(error.known)}."
    )


@error_words(NotYourQuestion)
def not_your_question(_: NotYourQuestion) -> str:
    return "That question was sent to someone else, so your answer was not recorded."


@error_words(NotInvited)
def not_invited(error: NotInvited) -> str:
    return f"The {error.form.title.lower()} isn't for you, so there is nothing to answer."


@error_words(CouldNotSave)
def could_not_save(_: CouldNotSave) -> str:
    return "Sorry, I couldn't save that just now. Please send it again."


def invitation(form: Form, questions: int) -> tuple[str, list[Block]]:
    text = (
        f"*{form.title}*: {questions} short questions, about {form.minutes} minutes. Your answers go to the "
        f"project team, to see how the scheme is working and improve it. It is open until {_when(form.closes)}."
    )
    how = "I'll ask one question at a time, here. At any point reply `back` to change the last answer, `skip` to pass an optional question, or `later` to pause."
    return text, [
        SectionBlock(text=MarkdownTextObject(text=text)),
        note(how),
        ActionsBlock(
            block_id=f"eval:{form.id}",
            elements=[ButtonElement(text="Start", action_id=START, value=form.id, style="primary")],
        ),
    ]


def reminder(form: Form, answered: int, total: int) -> tuple[str, list[Block]]:
    done = f"You have answered {answered} of {total} questions. " if answered else ""
    text = f"A reminder: the {form.title.lower()} is open until {_when(form.closes)}. {done}It takes about {form.minutes} minutes."
    button = "Carry on" if answered else "Start"
    return text, [
        SectionBlock(text=MarkdownTextObject(text=text)),
        ActionsBlock(
            block_id=f"eval:{form.id}",
            elements=[ButtonElement(text=button, action_id=START, value=form.id, style="primary")],
        ),
    ]


def results_summary(results: ResultsForTeam) -> str:
    state = "has closed" if results.closed else "so far"
    return (
        f"*{results.form.title}* {state}: {results.invited} invited, {results.started} started, "
        f"{results.finished} finished."
    )


def status_message(forms: list[ResultsForTeam], now: datetime) -> str:
    lines = ["*Evaluations*"]
    for r in forms:
        when = (
            "not open yet"
            if now < r.form.opens
            else "closed"
            if now >= r.form.closes
            else f"open until {_when(r.form.closes)}"
        )
        lines.append(
            f"• *{r.form.title}* (`{r.form.id}`, {when}): {r.invited} invited, {r.started} started, {r.finished} finished"
        )
    lines.append(
        "`/mentoring team export FORM [pseudonymous]` sends the answers here as a CSV file; `/mentoring team chart FORM` the chart."
    )
    return "\n".join(lines)


def closed(form: Form) -> str:
    return f"Sorry, the {form.title.lower()} closed on {_when(form.closes)}, so I can't take answers for it any more. Thank you all the same."


def nothing_open() -> str:
    return (
        "I'm not waiting for an answer from you just now. `/mentoring help` shows what I can do. "
        "If something is wrong in your mentoring, you can tell the project team privately."
    )


def show(question: Question, value: AnswerValue | None) -> str:
    if value is None:
        return "(skipped)"
    if isinstance(value, list):
        return ", ".join(value) or "(none)"
    if question.kind == "scale" and isinstance(value, int) and value in question.labels:
        return f"{value} ({question.labels[value]})"
    return str(value)


def _ask(form: Form, ask: Ask, recipient: str) -> tuple[str, list[Block]]:
    q = ask.question
    thanks = "Thanks. " if ask.acknowledged else ""
    lead = thanks + (f"{refusal(ask.error)} " if ask.error else "")
    text = f"{lead}Question {ask.number} of {ask.total}: {q.text}"
    blocks: list[Block] = [
        SectionBlock(
            text=MarkdownTextObject(text=f"{lead}*Question {ask.number} of {ask.total}:* {q.text}")
        )
    ]
    buttons = _buttons(form, q, recipient)
    if buttons:
        blocks.append(ActionsBlock(block_id=f"eval:{form.id}:{q.id}", elements=buttons))
    blocks.append(note(_hint(q)))
    return text, blocks


def _summary(form: Form, summary: Summary) -> tuple[str, list[Block]]:
    lines = "\n".join(
        f"{n}. {q.text} *{escape(show(q, value))}*" for n, q, value in summary.answers
    )
    # No "Thanks.": the summary is its own step.
    lead = f"{refusal(summary.error)}\n" if summary.error else ""
    text = f"{lead}Here are your answers:\n{lines}\nReply `submit` to send them to the project team, or `change 3` to change answer 3."
    return text, [
        SectionBlock(text=MarkdownTextObject(text=text[:2900])),
        ActionsBlock(
            block_id=f"eval:{form.id}:submit",
            elements=[
                ButtonElement(text="Submit", action_id=SUBMIT, value=form.id, style="primary")
            ],
        ),
    ]


def _buttons(form: Form, q: Question, recipient: str) -> list[ButtonElement]:
    """Each button names the form, the question and the person it was sent to."""

    def button(label: str, value: str) -> ButtonElement:
        chosen = json.dumps({"f": form.id, "q": q.id, "v": value, "u": recipient})
        return ButtonElement(text=label[:75], action_id=f"{ANSWER}:{value}"[:255], value=chosen)

    if q.kind == "scale" and q.high - q.low < MAX_BUTTONS * 2:
        return [button(str(v), str(v)) for v in range(q.low, q.high + 1)]
    if q.kind == "yes_no":
        return [button("Yes", "yes"), button("No", "no")]
    if q.kind == "choice" and len(q.options) <= MAX_BUTTONS:
        return [button(o, str(i)) for i, o in enumerate(q.options, 1)]
    return []


def _hint(q: Question) -> str:
    match q.kind:
        case "scale":
            ends = f"{q.low} ({q.labels[q.low]})" if q.low in q.labels else str(q.low)
            top = f"{q.high} ({q.labels[q.high]})" if q.high in q.labels else str(q.high)
            hint = f"Reply with a number from {ends} to {top}."
        case "choice":
            hint = f"Reply with the number of your answer: {_numbered(q.options)}."
        case "choices":
            hint = f"Reply with the numbers of all that apply, e.g. `1, 3`: {_numbered(q.options)}."
        case "yes_no":
            hint = "Reply yes or no."
        case "number":
            hint = "Reply with a number."
        case _:
            hint = "Reply in your own words."
    return hint + (" This one is optional: reply `skip` to pass it." if not q.required else "")


def _numbered(options: Sequence[str]) -> str:
    return ", ".join(f"{i} {o}" for i, o in enumerate(options, 1))


def _when(moment: datetime) -> str:
    local = moment.astimezone(UK)
    return f"{local:%A} {local.day} {local:%B %Y}"


@message_view(EvaluationInvite)
def invitation_message(n: EvaluationInvite) -> tuple[str, list[Block]]:
    return invitation(n.form, n.questions)


@message_view(EvaluationReminder)
def reminder_message(n: EvaluationReminder) -> tuple[str, list[Block]]:
    return reminder(n.form, n.answered, n.total)


@file_view(AnswersExport)
def answers_file(export: AnswersExport) -> SharedFile:
    """The CSV's headings stay as they are stored (data for a spreadsheet); its title is words."""
    return SharedFile(export.content, f"{export.form.title}: answers ({export.naming})")


@file_view(ResultsForTeam)
def results_file(results: ResultsForTeam) -> SharedFile:
    """The chart, with what it shows in words beside it, for everyone, and as its text
    alternative, for screen readers."""
    lines = chart_words(results)
    return SharedFile(
        results_png(results),
        f"{results.form.title}: results",
        "\n".join([results_summary(results), *lines]),
        _alt_text(lines),
    )


def chart_words(results: ResultsForTeam) -> list[str]:
    """What the chart shows, a line for each scale question: how many of each role gave each
    score."""
    lines = [_chart_outline(results)]
    for scale in results.scales:
        labels = _scale_labels(results.form, scale)
        by_role = " ".join(
            f"{role.capitalize()}s: {_score_counts(scale, by_score, labels)}."
            for role, by_score in sorted(scale.counts.items())
        )
        lines.append(f"“{scale.question}” {by_role or 'No answers yet.'}")
    return lines


MORE_IN_THE_MESSAGE = "The counts for the other questions are in the message."


def _alt_text(lines: list[str]) -> str:
    """The chart's words in as many whole lines as Slack's limit takes (the message has them
    all)."""
    fitted = lines[:1]
    for line in lines[1:]:
        if len("\n".join([*fitted, line, MORE_IN_THE_MESSAGE])) > ALT_TEXT_MAX:
            return "\n".join([*fitted, MORE_IN_THE_MESSAGE])
        fitted.append(line)
    return "\n".join(fitted)


def _chart_outline(results: ResultsForTeam) -> str:
    title = results.form.title.lower()
    if not results.scales:
        return f"The {title} has no scale questions, so the chart is empty."
    finished = f"{results.finished} of {results.invited} finished"
    return f"Bar chart of the {title}'s scale questions by role: {finished}."


def _score_counts(scale: ScaleResults, by_score: dict[int, int], labels: dict[int, str]) -> str:
    """'1 (Not valuable): 2 people; 2: 1; 3 (Somewhat valuable): 0; …': the first count says what
    is counted, the rest follow its pattern (Slack takes at most 1,000 characters of alt text)."""
    counts = [
        f"{score}{f' ({labels[score]})' if score in labels else ''}: {by_score.get(score, 0)}"
        for score in range(scale.low, scale.high + 1)
    ]
    first = by_score.get(scale.low, 0)
    counts[0] += " person" if first == 1 else " people"
    return "; ".join(counts)


def _scale_labels(form: Form, scale: ScaleResults) -> dict[int, str]:
    """The words the form gives some points of the question (the results keep only its text)."""
    return next(
        (q.labels for q in form.questions if q.kind == "scale" and q.text == scale.question), {}
    )


def results_png(results: ResultsForTeam) -> bytes:
    scales = results.scales or ()
    figure, axes = plt.subplots(
        max(len(scales), 1), 1, figsize=(7, 2.6 * max(len(scales), 1)), squeeze=False
    )
    figure.suptitle(
        f"{results.form.title}: {results.finished} of {results.invited} finished", fontsize=12
    )
    for axis, scale in zip(axes[:, 0], scales, strict=False):
        _draw_scale(axis, scale, _scale_labels(results.form, scale))
    if not scales:
        axes[0, 0].text(0.5, 0.5, "this form has no scale questions", ha="center", va="center")
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=100)
    plt.close(figure)
    return out.getvalue()


def _draw_scale(axis: Axes, scale: ScaleResults, labels: dict[int, str]) -> None:
    """One question's bars, side by side by role; each score with its words, if it has any."""
    points = list(range(scale.low, scale.high + 1))
    width = 0.8 / max(len(scale.counts), 1)
    for n, (role, by_score) in enumerate(sorted(scale.counts.items())):
        axis.bar(
            [p + (n - (len(scale.counts) - 1) / 2) * width for p in points],
            [by_score.get(p, 0) for p in points],
            width=width,
            label=f"{role}s",
            color=ROLE_COLOURS.get(role),
            hatch=ROLE_HATCHES.get(role, ""),
            edgecolor="black",
        )
    axis.set_title(scale.question, fontsize=9, wrap=True)
    axis.set_xticks(points, [f"{p}\n{labels[p]}" if p in labels else str(p) for p in points])
    axis.tick_params(axis="x", labelsize=7)
    axis.set_ylabel("people", fontsize=8)
    axis.yaxis.set_major_locator(MaxNLocator(integer=True))
    if scale.counts:
        axis.legend(fontsize=8)
    else:
        axis.text(0.5, 0.5, "no answers yet", ha="center", va="center", transform=axis.transAxes)


def settled(message: dict, chosen: str) -> str:
    """An answered question: its words kept, its buttons gone, the choice shown."""
    question = next(
        (b["text"]["text"] for b in message.get("blocks", []) if b.get("type") == "section"),
        message.get("text", ""),
    )
    return f"{question}\nYou chose: *{escape(chosen)}*"


def exported_reply(form_id: str) -> str:
    return f"Done: the {form_id} answers are in the team channel as a CSV file."


def charted_reply(form_id: str) -> str:
    return f"Done: the {form_id} chart is in the team channel."
