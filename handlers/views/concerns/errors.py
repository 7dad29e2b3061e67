"""What the concerns feature says when a person's request cannot be done: its `@error_words` (and
`@problem_words`)."""

from __future__ import annotations

from bot.concerns.errors import (
    CannotAct,
    ConcurrentChange,
    EmptyConcern,
    NoResolutionNote,
    NoSuchConcern,
    UrgencyNotChosen,
)
from handlers.i18n import _
from handlers.views.common import error_words
from handlers.views.concerns.messages import REFUSAL_WORDS


@error_words(EmptyConcern)
def empty_concern(error: EmptyConcern) -> str:
    return _("Please say a little about what is happening, so the team can help.")


@error_words(UrgencyNotChosen)
def urgency_not_chosen(error: UrgencyNotChosen) -> str:
    return _("Please choose how urgent it is.")


@error_words(NoResolutionNote)
def no_resolution_note(error: NoResolutionNote) -> str:
    return _("Please add a short note on how it was resolved, for the record.")


@error_words(NoSuchConcern)
def no_such_concern(error: NoSuchConcern) -> str:
    return _("There is no concern #{number}.").format(number=error.concern_id)


@error_words(CannotAct)
def cannot_act(error: CannotAct) -> str:
    return _(REFUSAL_WORDS[error.reason])


@error_words(ConcurrentChange)
def concurrent_change(error: ConcurrentChange) -> str:
    return _("Someone else changed this concern just now; here it is as it stands.")
