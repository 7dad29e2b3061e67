"""Errors a person can fix. Their message is shown to that person as it is, so it must be kind,
say what was wrong and how to put it right, and hold nothing private."""


class UserError(Exception):
    @property
    def message(self) -> str:
        return str(self)


class UsageError(UserError):
    """A command the bot did not understand."""


class NotAParticipant(UserError):
    def __init__(self) -> None:
        super().__init__(
            "I don't have you on the mentoring scheme yet. If you have joined it, please ask the "
            "project team to add you."
        )


class TeamOnly(UserError):
    def __init__(self) -> None:
        super().__init__("This command is for the project team.")
