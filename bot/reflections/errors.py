"""What a person can put right about a reflection, as data: one with nothing written, one asked
for before its time, a meeting or a pairing that is not theirs. A confidence off the scale is the
goals feature's ConfidenceOutOfRange. handlers/views/reflections/ words them."""

from __future__ import annotations

from bot.errors import FieldError, UserError


class NothingWritten(FieldError):
    """A reflection needs at least one of its parts; `field` is the first input."""

    def __init__(self, field: str):
        super().__init__(field)
        self.field = field


class NotTimeToReflect(UserError):
    """The closure's reflection before the pair is Coming to Closure or the scheme's last month
    has begun."""


class NotYourMeeting(UserError):
    """A meeting that is not one the person's pair logged (or one no longer kept)."""
