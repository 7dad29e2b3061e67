"""What the events feature says when a person's request cannot be done: its `@error_words` (and
`@problem_words`)."""

from __future__ import annotations

from bot.events.errors import (
    AlreadyStarted,
    DateInPast,
    EndBeforeStart,
    NotInAudience,
    UnknownEvent,
)
from handlers.i18n import _, clock_time
from handlers.views.common import error_words
from handlers.views.events.describe import in_readers_language
from handlers.views.events.messages import NOT_FOR_YOU
from handlers.views.mrkdwn import escape


@error_words(UnknownEvent)
def unknown_event(error: UnknownEvent) -> str:
    return _("There is no event called `{event_id}`. The events are: {known}.").format(
        event_id=escape(error.event_id), known=", ".join(error.known_ids)
    )


@error_words(NotInAudience)
def not_in_audience(error: NotInAudience) -> str:
    return _(NOT_FOR_YOU[error.event.audience]).format(title=in_readers_language(error.event).title)


@error_words(AlreadyStarted)
def already_started(error: AlreadyStarted) -> str:
    return _("{title} has already started, so I can't change your reply.").format(
        title=in_readers_language(error.event).title
    )


@error_words(EndBeforeStart)
def end_before_start(error: EndBeforeStart) -> str:
    return _("The end time {end} must be after the start time {start}.").format(
        end=clock_time(error.end), start=clock_time(error.start)
    )


@error_words(DateInPast)
def date_in_past(_error: DateInPast) -> str:
    return _("That date and time has already passed. Please give a future date.")
