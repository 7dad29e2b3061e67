"""What the pulse feature says when an answer cannot be taken (`@error_words`)."""

from __future__ import annotations

from bot.pulse.errors import AlreadyAnswered, NotAnAnswer, NotYourQuestion
from handlers.i18n import _
from handlers.views.common import error_words


@error_words(NotYourQuestion)
def not_your_question(_error: NotYourQuestion) -> str:
    return _("That question was asked of someone else, so your answer was not kept.")


@error_words(AlreadyAnswered)
def already_answered(_error: AlreadyAnswered) -> str:
    return _("You've already answered that question: your first answer is kept. Thank you.")


@error_words(NotAnAnswer)
def not_an_answer(_error: NotAnAnswer) -> str:
    return _("That isn't one of the question's answers: please choose one of its buttons.")
