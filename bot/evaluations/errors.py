"""What a person can put right about evaluations, as data: an answer that does not fit (carrying
its Refusal), a form the programme does not have, a question or a form that is not theirs, a
message that could not be saved. handlers/views/evaluations.py words them."""

from __future__ import annotations

from bot.errors import UserError
from bot.evaluations.model import Refusal
from bot.programme_forms import Form


class InvalidAnswer(Exception):
    """An answer that does not fit, raised where it is read and caught where the question is
    asked again with the refusal."""

    def __init__(self, refusal: Refusal):
        super().__init__(refusal.reason)
        self.refusal = refusal


class UnknownForm(UserError):
    """A form id (from a team command, the CLI or an old button) the programme does not have."""

    def __init__(self, form_id: str, known: tuple[str, ...], cohort: str | None = None):
        super().__init__(form_id)
        self.form_id, self.known, self.cohort = form_id, known, cohort


class NotYourQuestion(UserError):
    """A question's button pressed by someone other than the person it was asked (a forwarded
    or shared message): nothing is recorded."""


class NotInvited(UserError):
    """Someone on the scheme answering a form they were not invited to (outside its audience)."""

    def __init__(self, form: Form):
        super().__init__(form.id)
        self.form = form


class CouldNotSave(UserError):
    """Other messages from the same person kept saving first, so this one was not applied."""
