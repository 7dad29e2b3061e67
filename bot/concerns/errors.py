"""What a person can put right about concerns, as data: an empty concern, an urgency not chosen,
resolving without a note, a concern that is not there or has moved on.
handlers/views/concerns.py words them."""

from __future__ import annotations

from bot.concerns.model import Refusal
from bot.errors import UserError


class EmptyConcern(UserError):
    """A concern with nothing written in it: the team could not help."""


class UrgencyNotChosen(UserError):
    """A concern whose urgency is none of the choices."""

    def __init__(self, urgency: str):
        super().__init__(urgency)
        self.urgency = urgency


class NoResolutionNote(UserError):
    """Resolving without a note: the audit trail needs to say how it was resolved."""


class NoSuchConcern(UserError):
    def __init__(self, concern_id: int):
        super().__init__(concern_id)
        self.concern_id = concern_id


class CannotAct(UserError):
    """The concern's status rules the action out (a button on an alert older than the concern)."""

    def __init__(self, concern_id: int, reason: Refusal):
        super().__init__(concern_id, reason)
        self.concern_id, self.reason = concern_id, reason


class ConcurrentChange(UserError):
    """Someone else moved the concern between reading and changing it."""

    def __init__(self, concern_id: int):
        super().__init__(concern_id)
        self.concern_id = concern_id
