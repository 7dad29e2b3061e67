"""Errors a person can fix. Their message is shown to that person as it is, so it must be kind,
say what was wrong and how to put it right, and hold nothing private."""


class UserError(Exception):
    @property
    def message(self) -> str:
        return str(self)


class TooLong(UserError):
    """Text longer than the bot keeps: refused whole rather than cut, so nothing typed is lost
    without the person knowing."""

    def __init__(self, field: str, limit: int, length: int):
        self.field, self.limit, self.length = field, limit, length
        super().__init__(
            f"That is {length:,} characters; please keep it to {limit:,} or fewer."
        )


def within(field: str, text: str, limit: int) -> str:
    """`text`, stripped, if it fits in `limit` characters; TooLong otherwise."""
    text = text.strip()
    if len(text) > limit:
        raise TooLong(field, limit, len(text))
    return text


class NotAParticipant(UserError):
    def __init__(self) -> None:
        super().__init__(
            "I don't have you on the mentoring scheme yet. If you have joined it, please ask the "
            "project team to add you."
        )


class TeamOnly(UserError):
    def __init__(self) -> None:
        super().__init__("This command is for the project team.")
