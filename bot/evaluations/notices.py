"""What the evaluations feature tells people, as data: invitations, reminders, replies in the
conversation, and the team's results."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from bot.errors import UserError
from bot.evaluations.model import Reply
from bot.notices import FileNotice, Notice
from bot.programme_forms import AnswerValue, Form, Question
from bot.scheme import FIRST_COHORT, Programme


@dataclass(frozen=True)
class EvaluationInvite(Notice):
    kind: ClassVar[str] = "eval-invite"

    form: Form
    questions: int  # the fewest the person may be asked
    most: int | None = None  # with every follow-up; None in invitations kept before it was told
    # whose zone its dates are shown in; None in a notice kept before it carried it
    programme: Programme | None = None

    @property
    def subject(self) -> str:
        return self.form.id

    @property
    def key(self) -> str:
        return owed_key(self.form.id, "invite")


@dataclass(frozen=True)
class EvaluationReminder(Notice):
    kind: ClassVar[str] = "eval-reminder"

    form: Form
    moment: str  # after-open or before-close: each is sent once
    answered: int
    total: int
    # whose zone its dates are shown in; None in a notice kept before it carried it
    programme: Programme | None = None

    @property
    def subject(self) -> str:
        return self.form.id

    @property
    def key(self) -> str:
        return owed_key(self.form.id, self.moment)


def closed_results_key(form_id: str, cohort: str = FIRST_COHORT) -> str:
    """The results posted when a form closes: known before they are counted, so a sweep can
    skip counting once they have gone. Forms keep their ids year on year, so a later cohort's
    key names it (the first's is as it was before cohorts, so its results are not sent again)."""
    if cohort == FIRST_COHORT:
        return f"eval-results:{form_id}:closed"
    return f"eval-results:{cohort}:{form_id}:closed"


def owed_key(form_id: str, moment: str) -> str:
    """An invitation's or reminder's key, less the person's id (`to_person` adds it)."""
    return f"eval-{'invite' if moment == 'invite' else 'reminder'}:{form_id}:{moment}"


@dataclass(frozen=True)
class EvaluationReply(Notice):
    """The bot's answer to a DM or button: the next question or the summary (reply, which may
    carry why an answer was refused), "closed" (form), "nothing open" (neither), or an error
    about the person (NotAParticipant, NotInvited), worded by the view's `error_words`."""

    kind: ClassVar[str] = "dm-reply"

    form: Form | None
    reply: Reply | None
    recipient: str
    answering: str  # the DM ("dm-reply:12") or the button press ("button-reply:U1:…")
    error: UserError | None = None
    # whose zone a closed form's day is shown in; None in a notice kept before it carried it
    programme: Programme | None = None

    @property
    def subject(self) -> str:
        return self.recipient

    @property
    def key(self) -> str:
        """One reply to each message or press, however often it is retried."""
        return self.answering


@dataclass(frozen=True)
class AnswerRow:
    """One person's answer to one question, as stored: the export's line."""

    who: str  # the person's name, or P001… in a pseudonymous export
    role: str
    status: str  # how far they are through the form
    question: Question
    answer: AnswerValue | None


@dataclass(frozen=True)
class AnswersExport(FileNotice):
    """A form's stored answers as a CSV file for the team: named, or pseudonymous (P001…)."""

    form: Form
    pseudonymous: bool
    rows: tuple[AnswerRow, ...]
    made_at: datetime
    cohort: str = FIRST_COHORT  # two live cohorts' exports of one form are two files

    kind: ClassVar[str] = "eval-export"

    @property
    def naming(self) -> str:
        return "pseudonymous" if self.pseudonymous else "named"

    @property
    def filename(self) -> str:
        made = f"{self.made_at:%Y%m%d%H%M%S}"
        return f"{self.cohort}-{self.form.id}-answers-{self.naming}-{made}.csv"

    @property
    def subject(self) -> str:
        return self.form.id

    @property
    def key(self) -> str:
        made = f"{self.made_at:%Y%m%dT%H%M%S}"
        return f"eval-export:{self.form.id}:{self.cohort}:{self.naming}:{made}"


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
    made_at: datetime
    cohort: str = FIRST_COHORT

    kind: ClassVar[str] = "eval-results"

    @property
    def subject(self) -> str:
        return self.form.id

    @property
    def key(self) -> str:
        """Once when the form closes; each time the team asks before then."""
        if self.closed:
            return closed_results_key(self.form.id, self.cohort)
        return f"eval-results:{self.form.id}:{self.cohort}:{self.made_at:%Y%m%dT%H%M%S}"

    @property
    def filename(self) -> str:
        return f"{self.cohort}-{self.form.id}-results.png"
