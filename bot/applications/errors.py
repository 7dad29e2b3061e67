"""What a person can put right about an application, as data; handlers/views/applications
words it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.errors import UserError
from bot.participants.errors import ImportProblem


class NoApplications(UserError):
    """The cohort takes no applications (its programme file has no window)."""

    def __init__(self, cohort: str) -> None:
        super().__init__(cohort)
        self.cohort = cohort


class NotOpen(UserError):
    """Outside the window: `opens` is ahead, or `closes` has passed."""

    def __init__(self, cohort: str, opens: datetime, closes: datetime, now: datetime) -> None:
        super().__init__(cohort, opens, closes)
        self.cohort, self.opens, self.closes = cohort, opens, closes
        self.not_yet = now < opens


class Unanswerable(UserError):
    """Answers that cannot be taken as given, each said in `problems` (a field and why)."""

    def __init__(self, problems: tuple[tuple[str, str], ...]) -> None:
        super().__init__(problems)
        self.problems = problems


class UnknownApplication(UserError):
    def __init__(self, application_id: int) -> None:
        super().__init__(application_id)
        self.application_id = application_id


@dataclass(frozen=True)
class BadApplicationRow(ImportProblem):
    """A line of the applications file that cannot be taken: which column and why."""

    column: str
    why: str
