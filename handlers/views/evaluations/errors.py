"""What the evaluations feature says when a person's request cannot be done: its `@error_words`
(and `@problem_words`)."""

from __future__ import annotations

from bot.evaluations.errors import CouldNotSave, NotInvited, NotYourQuestion, UnknownForm
from handlers.i18n import _
from handlers.views.common import error_words
from handlers.views.evaluations.questions import form_title
from handlers.views.mrkdwn import escape


@error_words(UnknownForm)
def unknown_form(error: UnknownForm) -> str:
    if error.cohort is not None:
        words = _("No live cohort {cohort} has an evaluation called `{form}`. Forms: {forms}.")
        return words.format(
            cohort=escape(error.cohort), form=escape(error.form_id), forms=", ".join(error.known)
        )
    return _("There is no evaluation called `{form}`. They are: {forms}.").format(
        form=escape(error.form_id), forms=", ".join(error.known)
    )


@error_words(NotYourQuestion)
def not_your_question(error: NotYourQuestion) -> str:
    return _("That question was sent to someone else, so your answer was not recorded.")


@error_words(NotInvited)
def not_invited(error: NotInvited) -> str:
    return _("The {form} isn't for you, so there is nothing to answer.").format(
        form=form_title(error.form).lower()
    )


@error_words(CouldNotSave)
def could_not_save(error: CouldNotSave) -> str:
    return _("Sorry, I couldn't save that just now. Please send it again.")
