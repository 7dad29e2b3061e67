"""The questions on how a pairing is going, as each person reads them in their own DM, and the
thank-you that takes a question's place once answered. Every word here is the person's own to
read: nothing of an answer is shown to anyone else."""

from __future__ import annotations

import re

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.outcomes.model import FITS
from bot.pulse.model import PULSES, Fit, Question
from bot.pulse.notices import PulseQuestion
from handlers.i18n import N_, _
from handlers.slack.rendering import message_view
from handlers.views.concerns import nothing_open_offer
from handlers.views.mrkdwn import escape

ANSWER = "pulse_answer_"  # + the answer: a fit's name, or a pulse's score
ANSWERED = re.compile(f"^{ANSWER}(" + "|".join([*FITS, *map(str, PULSES)]) + ")$")

# The words below are marked for the catalogue here and translated where they are shown.
FIT_WORDS: dict[Fit, str] = {
    "good_fit": N_("Good fit"),
    "not_sure_yet": N_("Not sure yet"),
    "not_a_good_fit": N_("Not a good fit"),
}
PULSE_WORDS: dict[int, str] = {
    1: N_("Not well"),
    2: N_("Not so well"),
    3: N_("OK"),
    4: N_("Well"),
    5: N_("Very well"),
}
PRIVATE = N_(
    "Only you see this. Your answer goes to no one, not even your partner: the project "
    "team sees only counts of everyone's answers. If an answer suggests your pairing could use "
    "some support, the team hears that your pair may need a word, never which of you answered "
    "or what."
)


@message_view(PulseQuestion)
def pulse_question(n: PulseQuestion) -> tuple[str, list[Block]]:
    partner = escape(n.partner) if n.partner else None
    if n.is_fit and partner:
        text = _(
            "You've logged your first mentoring meeting with {partner}. Now that you've met: "
            "does the fit feel right?"
        ).format(partner=partner)
    elif n.is_fit:
        text = _(
            "You've logged your first mentoring meeting. Now that you've met: does the fit with "
            "your partner feel right?"
        )
    elif partner:
        text = _("A quick pulse: how is your mentoring with {partner} going at the moment?").format(
            partner=partner
        )
    else:
        text = _("A quick pulse: how is your mentoring going at the moment?")
    if n.is_fit:
        buttons = [_button(_(FIT_WORDS[fit]), fit, n.question_id) for fit in FITS]
    else:
        buttons = [_button(pulse_words(score), str(score), n.question_id) for score in PULSES]
    return text, [
        SectionBlock(text=MarkdownTextObject(text=text)),
        ActionsBlock(block_id=f"pulse:{n.question_id}", elements=buttons),
        ContextBlock(elements=[MarkdownTextObject(text=_(PRIVATE))]),
    ]


def _button(text: str, answer: str, question_id: int) -> ButtonElement:
    return ButtonElement(text=text, action_id=f"{ANSWER}{answer}", value=str(question_id))


def pulse_words(score: int) -> str:
    """'4: Well': the score and its words."""
    return _("{score}: {words}").format(score=score, words=_(PULSE_WORDS[score]))


def answer_words(question: Question) -> str:
    if question.fit is not None:
        return _(FIT_WORDS[question.fit])
    assert question.score is not None  # an answered pulse has its score
    return pulse_words(question.score)


def thanked(question: Question) -> tuple[str, list[Block]]:
    """The question as it reads once answered: their answer, kept for no one else; and a way to
    tell the team something privately, should they want to."""
    text = _("Thank you. You answered: {answer}. Nobody else sees your answer.").format(
        answer=answer_words(question)
    )
    more = _("Anything you'd like the project team to know? You can tell them privately.")
    return text, [
        SectionBlock(text=MarkdownTextObject(text=text)),
        ContextBlock(elements=[MarkdownTextObject(text=more)]),
        *nothing_open_offer(),
    ]
