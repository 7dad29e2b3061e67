"""What the bot tells people, as plain data. handlers/ renders each notice for Slack, so the words
and layout live in one place and the domain only decides who is told what, and when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from bot.concerns import Concern
from bot.evaluations import Reply
from bot.forms import Form
from bot.participants import Participant
from bot.programme import Event, Programme, Stage
from bot.timeline import EventSchedule


@dataclass(frozen=True)
class EventReminder:
    programme: Programme
    event: Event
    schedule: EventSchedule
    offset: timedelta
    recipient_tz: str | None
    rsvp: str | None


@dataclass(frozen=True)
class CalendarInvite:
    """An add-to-calendar file; sequence grows with each date change so calendars update."""

    programme: Programme
    event: Event
    schedule: EventSchedule
    sequence: int

    @property
    def filename(self) -> str:
        assert self.schedule.starts_at is not None
        return f"{self.event.id}-{self.schedule.starts_at:%Y%m%d%H%M}.ics"


@dataclass(frozen=True)
class EventDateChanged:
    programme: Programme
    event: Event
    old: EventSchedule
    new: EventSchedule
    recipient_tz: str | None


@dataclass(frozen=True)
class PairIntroduction:
    """To both, in their group DM: who the other is, the four stages, and "please accept"."""

    pair_id: int
    mentor: Participant
    mentee: Participant


@dataclass(frozen=True)
class AcceptanceNudge:
    pair_id: int
    partner: Participant


@dataclass(frozen=True)
class PairStarted:
    pair_id: int
    mentor: Participant
    mentee: Participant


@dataclass(frozen=True)
class CheckInPrompt:
    pair_id: int
    checkin_id: int
    stage: Stage
    since: date | None  # the last meeting, or None when they have not met yet
    follow_up: bool


@dataclass(frozen=True)
class StageMoved:
    pair_id: int
    stage: Stage
    moved_by: str


@dataclass(frozen=True)
class PairEnded:
    """To one person, on their own: kind, and with no word of anyone's report."""

    partner: Participant


@dataclass(frozen=True)
class ConcernForTeam:
    """The alert in the team's private channel: the only place a concern's text is posted."""

    concern: Concern
    reporter: Participant | None
    pair_names: str | None
    stage: Stage | None
    recent_checkins: tuple[str, ...]  # e.g. "3 Feb: Not yet"
    escalated_to: str | None = None  # the lead's Slack id, when posted again unacknowledged


@dataclass(frozen=True)
class ConcernReceived:
    """To the reporter, in their DM only, once the team's channel has the concern."""

    concern_id: int
    contact: str
    respond_within_hours: float


@dataclass(frozen=True)
class ConcernAcknowledged:
    concern_id: int
    by: str


@dataclass(frozen=True)
class AutomaticNotice:
    """A lower-priority notice the bot raises by itself, marked as automatic."""

    key: str
    text: str


@dataclass(frozen=True)
class EvaluationInvite:
    form: Form
    questions: int


@dataclass(frozen=True)
class EvaluationReminder:
    form: Form
    answered: int
    total: int


@dataclass(frozen=True)
class EvaluationReply:
    """The bot's answer to a DM: the next question or the summary (reply), "closed" (form),
    "nothing open" (neither), or a kind error."""

    form: Form | None
    reply: Reply | None
    recipient: str
    error: str | None = None


@dataclass(frozen=True)
class ScaleResults:
    """Counts of each score of one scale question, by role: what the team's chart shows."""

    question: str
    low: int
    high: int
    counts: dict[str, dict[int, int]]


@dataclass(frozen=True)
class ResultsForTeam:
    form: Form
    invited: int
    started: int
    finished: int
    scales: tuple[ScaleResults, ...]
    closed: bool

    @property
    def filename(self) -> str:
        return f"{self.form.id}-results.png"


@dataclass(frozen=True)
class ExportFile:
    filename: str
    title: str
    content: bytes


Notice = (
    EventReminder
    | CalendarInvite
    | EventDateChanged
    | PairIntroduction
    | AcceptanceNudge
    | PairStarted
    | CheckInPrompt
    | StageMoved
    | PairEnded
    | ConcernForTeam
    | ConcernReceived
    | ConcernAcknowledged
    | AutomaticNotice
    | EvaluationInvite
    | EvaluationReply
    | EvaluationReminder
    | ResultsForTeam
    | ExportFile
)
