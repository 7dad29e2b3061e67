"""What the outcomes report says when it cannot be made: its `@error_words`."""

from __future__ import annotations

from bot.outcomes.errors import UnknownCohort, UnknownQuestion
from handlers.i18n import _
from handlers.views.common import error_words
from handlers.views.mrkdwn import escape


@error_words(UnknownCohort)
def unknown_cohort(error: UnknownCohort) -> str:
    return _("There is no cohort called `{cohort}`. The cohorts are: {cohorts}.").format(
        cohort=escape(error.cohort), cohorts=", ".join(error.known) or "–"
    )


@error_words(UnknownQuestion)
def unknown_question(error: UnknownQuestion) -> str:
    return _(
        "I can't compare the answers to `{question}`. To compare them, both the first and the "
        "last form must ask it on a scale. These do: {questions}."
    ).format(question=escape(error.question_id), questions=", ".join(error.known) or "–")
