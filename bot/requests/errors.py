"""What a person can put right about requests, as data: the form's own errors (each naming its
field), a request that is not there or has moved on, a step by someone other than the approver.
handlers/views/requests.py words them."""

from __future__ import annotations

from bot.errors import FieldError, UserError
from bot.requests.model import Kind, Refusal
from bot.scheme import Event


class KindNotChosen(FieldError):
    """None of the kinds was chosen (or one the form never offered)."""

    field = "kind"


class EmptyRequest(FieldError):
    """Nothing written: the team could not tell what is needed."""

    field = "details"


class EventNeeded(FieldError):
    """Accommodation, or not being able to travel, without the event it is for."""

    field = "event"

    def __init__(self, kind: Kind):
        super().__init__(kind)
        self.kind = kind


class NotFaceToFace(FieldError):
    """Accommodation, or not being able to travel, for an event that is online."""

    field = "event"

    def __init__(self, event: Event):
        super().__init__(event.id)
        self.event = event


class NotYourEvent(FieldError):
    """An event the person cannot ask about (not theirs, over, or none of the programme's);
    `yours` are the ids of those they can."""

    field = "event"

    def __init__(self, event_id: str, yours: tuple[str, ...]):
        super().__init__(event_id)
        self.event_id, self.yours = event_id, yours


class NoSuchRequest(UserError):
    def __init__(self, request_id: int):
        super().__init__(request_id)
        self.request_id = request_id


class CannotAct(UserError):
    """The request's status rules the step out (a button on an older message)."""

    def __init__(self, request_id: int, reason: Refusal):
        super().__init__(request_id, reason)
        self.request_id, self.reason = request_id, reason


class ConcurrentChange(UserError):
    """Someone else moved the request between reading and changing it."""

    def __init__(self, request_id: int):
        super().__init__(request_id)
        self.request_id = request_id


class NotTheApprover(UserError):
    """Someone other than the approver the programme file names pressed Approve or Decline."""

    def __init__(self, name: str | None):
        super().__init__(name)
        self.name = name
