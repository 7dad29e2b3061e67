"""An evaluation asked in the conversation: each question in turn, its buttons or boxes, and
what the bot answers to each reply."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace

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

from bot.evaluations.model import Ask, Paused, Reason, Refusal, Reply, Submitted, Summary
from bot.programme_forms import AnswerValue, Form, Question
from handlers.i18n import N_, _, language
from handlers.views.common import note
from handlers.views.mrkdwn import escape

ANSWER = "eval_answer"


START = "eval_start"


SUBMIT = "eval_submit"


# A pick-several question's boxes (ticking one tells the bot nothing) and its Done button, which
# sends what is ticked, read from the message's state.
TICK = "eval_tick"


TICKED = "eval_ticked"


MAX_BUTTONS = 5


MAX_BOXES = 10  # Slack's most options in a checkboxes element


OPTION_TEXT = 75  # Slack's longest option text


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
                form=form_title(form).lower()
            )
            return text, [SectionBlock(text=MarkdownTextObject(text=text))]
    raise AssertionError(reply)


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


def show(question: Question, value: AnswerValue | None) -> str:
    """An answer as its reader reads it: options are stored in English, shown in their
    language."""
    if value is None:
        return _("(skipped)")
    if isinstance(value, list):
        return ", ".join(question.option_shown(v, language()) for v in value) or _("(none)")
    labels = question_in_language(question).labels
    if question.kind == "scale" and isinstance(value, int) and value in labels:
        return f"{value} ({labels[value]})"
    if question.kind == "choice" and isinstance(value, str):
        return question.option_shown(value, language())
    if question.kind == "yes_no" and isinstance(value, str) and value in YES_NO:
        return _(YES_NO[value])  # stored in English, shown in the reader's words
    return str(value)


def _ask(form: Form, ask: Ask, recipient: str) -> tuple[str, list[Block]]:
    q = question_in_language(ask.question)
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
        f"{n}. {question_in_language(q).text} *{escape(show(q, value))}*"
        for n, q, value in summary.answers
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
                ButtonElement(text=submit_label(), action_id=SUBMIT, value=form.id, style="primary")
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


def form_title(form: Form) -> str:
    """The form's title in the reader's language, as the programme file gives it."""
    return form.title_in(language())


def question_in_language(question: Question) -> Question:
    """The question's words in the reader's language, as the programme file gives them."""
    return question.in_language(language())


def _numbered(options: Sequence[str]) -> str:
    return ", ".join(f"{i} {o}" for i, o in enumerate(options, 1))


def submit_label() -> str:
    """The Submit button's word, which the answered question shows once it is pressed."""
    return _("Submit")
