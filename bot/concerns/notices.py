"""What the concerns feature tells people, as data: the team's alert, the reporter's
confirmations and the bot's own notices (bot/concerns/automatic.py says when). A concern's text
is only ever in ConcernForTeam, posted to the team's private channel."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from bot.concerns.model import Concern
from bot.notices import Notice, Revision
from bot.pairs.model import Attention, CheckInAnswer
from bot.participants.model import Participant
from bot.programme_forms import Form, Question
from bot.scheme import Programme, Stage


@dataclass(frozen=True)
class SentCheckIn:
    sent_at: datetime
    answer: CheckInAnswer | None  # None: not answered


@dataclass(frozen=True)
class ReportersPair:
    """The reporter's pair as the alert shows it. A member erased since is None."""

    mentor: Participant | None
    mentee: Participant | None
    stage: Stage
    recent_checkins: tuple[SentCheckIn, ...]  # the last few, oldest first


@dataclass(frozen=True)
class ConcernForTeam(Revision):
    """The alert in the team's private channel: the only place a concern's text is posted. It
    follows the concern: each of the team's steps keeps a new version, which takes the place of
    the one posted before (the escalation, posted again, is followed the same way)."""

    concern: Concern
    reporter: Participant | None  # None: someone not on the scheme
    pair: ReportersPair | None
    escalated: bool = False  # posted again, unacknowledged
    escalated_to: str | None = None  # the lead's Slack id, when the team file names one
    steps: int = 0  # the team's steps so far (bot.concerns.rules.steps_taken)
    # whose zone the check-ins' days are shown in; None in an alert kept before it carried it
    programme: Programme | None = None

    kind: ClassVar[str] = "concern"

    @property
    def subject(self) -> str:
        return str(self.concern.id)

    @property
    def original(self) -> str:
        return f"concern:{self.concern.id}:{'escalated' if self.escalated else 'team'}"

    @property
    def version(self) -> int:
        return self.steps

    @property
    def key(self) -> str:
        return self.original if not self.steps else f"{self.original}:{self.steps}"

    @property
    def since(self) -> datetime:
        return self.concern.created_at


@dataclass(frozen=True)
class ConcernNotice(Notice):
    """About one concern, by its number."""

    concern_id: int

    @property
    def subject(self) -> str:
        return str(self.concern_id)


@dataclass(frozen=True)
class ConcernReceived(ConcernNotice):
    """To the reporter, in their DM only, once the team's channel has the concern."""

    contact: str
    respond_within_hours: float

    kind: ClassVar[str] = "concern-received"

    @property
    def key(self) -> str:
        return f"concern:{self.concern_id}:reporter"


@dataclass(frozen=True)
class ConcernAcknowledged(ConcernNotice):
    by: str | None  # the team member's name; None when the team file does not name them

    kind: ClassVar[str] = "concern-acknowledged"

    @property
    def key(self) -> str:
        return f"concern:{self.concern_id}:acknowledged"


@dataclass(frozen=True)
class AutomaticNotice(Notice):
    """A lower-priority notice the bot raises by itself, marked as automatic. `episode` is its
    ledger key ("notice:attention:…"): one per episode, so the same worry is not raised twice."""

    episode: str

    kind: ClassVar[str] = "notice"

    @property
    def subject(self) -> str:
        return self.episode.split(":")[1]

    @property
    def key(self) -> str:
        return self.episode


@dataclass(frozen=True)
class PairNeedsAttention(AutomaticNotice):
    mentor: Participant
    mentee: Participant
    stage: Stage
    reason: Attention


@dataclass(frozen=True)
class LowScore(AutomaticNotice):
    """Someone answered a watched scale question at or below the programme's threshold."""

    person: Participant
    score: int
    question: Question
    form: Form


@dataclass(frozen=True)
class PairMayNeedAWord(AutomaticNotice):
    """An answer about how the pair's mentoring is going (bot/pulse: the fit after their first
    meeting, or a pulse) asks for a word with them. It holds the pair and its stage, never who
    answered nor what, nor which rule it was: each of the two was promised their answer reaches
    nobody."""

    mentor: Participant
    mentee: Participant
    stage: Stage


@dataclass(frozen=True)
class ConcernResolved(ConcernNotice):
    """To the team's channel: who resolved it (the note stays in the audit trail)."""

    by: str  # a Slack user id

    kind: ClassVar[str] = "concern-team"

    @property
    def key(self) -> str:
        return f"concern:{self.concern_id}:resolved"
