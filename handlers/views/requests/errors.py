"""What the requests feature says when a person's request cannot be done: its `@error_words` (and
`@problem_words`)."""

from __future__ import annotations

from bot.requests.errors import (
    CannotAct,
    ConcurrentChange,
    EmptyRequest,
    EventNeeded,
    KindNotChosen,
    NoSuchRequest,
    NotFaceToFace,
    NotTheApprover,
    NotYourEvent,
)
from handlers.i18n import _
from handlers.views.common import error_words
from handlers.views.mrkdwn import escape
from handlers.views.requests.messages import REFUSAL_WORDS, event_title

# Mistakes -----------------------------------------------------------------------------------


@error_words(KindNotChosen)
def kind_not_chosen(_error: KindNotChosen) -> str:
    return _("Please choose what you need.")


@error_words(EmptyRequest)
def empty_request(_error: EmptyRequest) -> str:
    return _("Please say a little about what would help, so the team can arrange it.")


@error_words(EventNeeded)
def event_needed(error: EventNeeded) -> str:
    if error.kind == "travel":
        return _("Please choose the face-to-face event you can't travel to.")
    return _("Please choose the face-to-face event you need accommodation for.")


@error_words(NotFaceToFace)
def not_face_to_face(error: NotFaceToFace) -> str:
    return _(
        "{title} is online, so you won't need to travel or stay over. If you need help to take "
        "part online, choose “A reasonable adjustment”."
    ).format(title=event_title(error.event))


@error_words(NotYourEvent)
def not_your_event(error: NotYourEvent) -> str:
    event = escape(error.event_id)
    if error.yours:
        return _("`{event}` is not one of your upcoming events; yours are: {events}.").format(
            event=event, events=", ".join(error.yours)
        )
    return _("`{event}` is not one of your upcoming events; you have none coming up.").format(
        event=event
    )


@error_words(NoSuchRequest)
def no_such_request(error: NoSuchRequest) -> str:
    return _("There is no request #{number}.").format(number=error.request_id)


@error_words(CannotAct)
def cannot_act(error: CannotAct) -> str:
    return _(REFUSAL_WORDS[error.reason])


@error_words(ConcurrentChange)
def concurrent_change(_error: ConcurrentChange) -> str:
    return _("Someone else answered this request just now; nothing more was changed.")


@error_words(NotTheApprover)
def not_the_approver(error: NotTheApprover) -> str:
    if error.name:
        return _("Only {name} can do this.").format(name=escape(error.name))
    return _("Only the approver named in the programme file can do this.")
