"""What the evaluations feature tells people, as data: invitations, reminders, replies in the
conversation, and the team's results."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.errors import UserError
from bot.evaluations.engine import Reply
from bot.outbox import FileNotice, Notice
from bot.scheme import Form


@dataclass(frozen=True)
class EvaluationInvite(Notice):
    form: Form
    questions: int


@dataclass(frozen=True)
class EvaluationReminder(Notice):
    form: Form
    answered: int
    total: int


@dataclass(frozen=True)
class EvaluationReply(Notice):
    """The bot's answer to a DM or button: the next question or the summary (reply, which may
    carry why an answer was refused), "closed" (form), "nothing open" (neither), or an error
    about the person (NotAParticipant, NotInvited), worded by the view's `error_words`."""

    form: Form | None
    reply: Reply | None
    recipient: str
    error: UserError | None = None


@dataclass(frozen=True)
class AnswersExport(FileNotice):
    """A form's stored answers as a CSV file for the team: named, or pseudonymous (P001…)."""

    form: Form
    pseudonymous: bool
    content: bytes
    made_at: datetime

    @property
    def kind(self) -> str:
        return "pseudonymous" if self.pseudonymous else "named"

    @property
    def filename(self) -> str:
        return f"{self.form.id}-answers-{self.kind}-{self.made_at:%Y%m%d%H%M%S}.csv"


@dataclass(frozen=True)
class ScaleResults(Notice):
    """Counts of each score of one scale question, by role: what the team's chart shows."""

    question: str
    low: int
    high: int
    counts: dict[str, dict[int, int]]


@dataclass(frozen=True)
class ResultsForTeam(FileNotice):
    form: Form
    invited: int
    started: int
    finished: int
    scales: tuple[ScaleResults, ...]
    closed: bool

    @property
    def filename(self) -> str:
        return f"{self.form.id}-results.png"
