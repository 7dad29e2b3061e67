"""What the reflections feature says when a reflection cannot be kept (`@error_words`)."""

from __future__ import annotations

from bot.reflections.errors import NothingWritten, NotTimeToReflect, NotYourMeeting
from handlers.i18n import _
from handlers.views.common import error_words


@error_words(NothingWritten)
def nothing_written(_error: NothingWritten) -> str:
    return _("Write a few words, however short, or close the form to come back later.")


@error_words(NotTimeToReflect)
def not_time_to_reflect(_error: NotTimeToReflect) -> str:
    return _(
        "Your reflection opens when your pair reaches Coming to Closure (`/mentoring stage "
        "closure`), or as the scheme's last month begins."
    )


@error_words(NotYourMeeting)
def not_your_meeting(_error: NotYourMeeting) -> str:
    return _("That meeting isn't one your pair logged, so there is no reflection to add to it.")
