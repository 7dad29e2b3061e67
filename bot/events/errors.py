"""What a person can put right about events, as data: an event the programme does not have, a
reply that is not theirs or comes too late, a new date that cannot be. handlers/views/events.py
words them."""

from __future__ import annotations

from datetime import time

from bot.errors import UserError
from bot.scheme import Event


class UnknownEvent(UserError):
    """The team named an event the programme does not have; `known_ids` are those it does."""

    def __init__(self, event_id: str, known_ids: tuple[str, ...]):
        super().__init__(event_id)
        self.event_id, self.known_ids = event_id, known_ids


class NotInAudience(UserError):
    """Someone pressed a reply button for an event that is not for them (an old or forwarded
    message): nothing is recorded, and they are told so rather than "noted"."""

    def __init__(self, event: Event):
        super().__init__(event.id)
        self.event = event


class AlreadyStarted(UserError):
    """A reply came once the event had begun: it is kept as it was."""

    def __init__(self, event: Event):
        super().__init__(event.id)
        self.event = event


class EndBeforeStart(UserError):
    """A new date whose end is not after its start."""

    def __init__(self, start: time, end: time):
        super().__init__(start, end)
        self.start, self.end = start, end


class DateInPast(UserError):
    """A new date that has already begun: reminders for it could never be sent."""
