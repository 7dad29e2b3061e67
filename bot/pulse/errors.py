"""What a person can put right about the questions on how their pairing is going, as data: a
button on a question that is not theirs, one already answered, an answer the question does not
take. handlers/views/pulse/ words them."""

from __future__ import annotations

from bot.errors import UserError


class NotYourQuestion(UserError):
    """A question asked of someone else (or one that is no longer kept)."""


class AlreadyAnswered(UserError):
    """Each question takes one answer: the first one stays."""


class NotAnAnswer(UserError):
    """An answer the question does not offer (a fit for a pulse, a score off the scale)."""

    def __init__(self, answer: str):
        super().__init__(answer)
        self.answer = answer
