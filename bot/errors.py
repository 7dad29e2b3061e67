"""Errors a person can put right: their base, and those every feature shares (each feature's
own are in its errors.py). Each carries what went wrong as data; the feature's view says it in
words (handlers/views), so the words can be reviewed and translated in one place. None may hold
anything private about someone else."""

from __future__ import annotations


class UserError(Exception):
    """Base of every error shown to the person who caused it."""

    def __eq__(self, other: object) -> bool:
        """Errors are values: the same kind with the same facts is the same error."""
        return type(other) is type(self) and vars(other) == vars(self)

    def __hash__(self) -> int:
        return hash((type(self), self.args))

    def __reduce__(self) -> tuple[object, ...]:
        # Rebuilt from its fields, not its constructor's arguments: a reply holding an error
        # waits in the outbox until it is sent.
        return _rebuilt, (type(self), self.args, self.__dict__)


def _rebuilt(kind: type[UserError], args: tuple[object, ...], fields: dict) -> UserError:
    error = kind.__new__(kind)
    error.args = args
    error.__dict__.update(fields)
    return error


class NotAParticipant(UserError):
    """Someone not on the scheme used a participant's command or button."""


class TeamOnly(UserError):
    """Someone not on the project team used a team command or button."""


class FieldError(UserError):
    """An error about one input of a form: `field` names it, and the form shows the words
    beside it."""

    field: str


class TooLong(FieldError):
    """Text longer than the bot keeps: refused whole rather than cut, so nothing typed is lost
    without the person knowing. `field` is the form input it came from."""

    def __init__(self, field: str, limit: int, length: int):
        super().__init__(field)
        self.field, self.limit, self.length = field, limit, length


def within(field: str, text: str, limit: int) -> str:
    """`text`, stripped, if it fits in `limit` characters; TooLong otherwise."""
    text = text.strip()
    if len(text) > limit:
        raise TooLong(field, limit, len(text))
    return text


class NotOnTheScheme(UserError):
    """A Slack user the team named (in a command or a picker) who is not a participant."""

    def __init__(self, slack_user_id: str):
        super().__init__(slack_user_id)
        self.slack_user_id = slack_user_id
