"""What the participants feature tells people, as data: a copy of their own records, as a file
for other programs and as a summary to read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from bot.concerns.model import ConcernStatus
from bot.evaluations.model import Status
from bot.goals.model import Goal
from bot.notices import FileNotice
from bot.pairs.model import PairStatus
from bot.participants.model import Participant
from bot.programme_forms import Form
from bot.pulse.model import Question
from bot.reflections.model import Reflection
from bot.requests.model import Kind, RequestStatus
from bot.scheme import Event, Stage


@dataclass(frozen=True)
class MyDataFile(FileNotice):
    """Everything the bot holds about one person (right of access), for their own DM only."""

    kind: ClassVar[str] = "my-data"

    owner: str  # their Slack user id
    made_at: datetime
    content: bytes  # JSON

    @property
    def subject(self) -> str:
        return self.owner

    @property
    def key(self) -> str:
        return f"my-data:{self.owner}:{self.made_at:%Y%m%dT%H%M%S}"

    @property
    def filename(self) -> str:
        return f"my-mentoring-data-{self.made_at:%Y%m%d%H%M%S}.json"


@dataclass(frozen=True)
class HeldPair:
    partner: str | None  # their name; None once they have been erased
    status: PairStatus
    stage: Stage
    meetings: int
    check_ins: int
    boundaries: bool  # whether the pair has recorded its boundaries
    goals: tuple[Goal, ...] = ()  # the pair's goals, as both of the pair see them


@dataclass(frozen=True)
class HeldReply:
    event: Event
    answer: str  # yes or no


@dataclass(frozen=True)
class HeldForm:
    form: Form
    status: Status
    answered: int


@dataclass(frozen=True)
class HeldConcern:
    raised: datetime
    text: str  # their own words
    status: ConcernStatus


@dataclass(frozen=True)
class HeldRequest:
    number: int
    asked: datetime
    kind: Kind
    event: Event | None
    details: str  # their own words
    status: RequestStatus


@dataclass(frozen=True)
class HeldAbout:
    """What the bot holds about one person, as their summary tells it: their own details and
    words, and of anyone else only their partner's name."""

    person: Participant
    pairs: tuple[HeldPair, ...]  # a mentor may have several at once
    event_replies: tuple[HeldReply, ...]
    forms: tuple[HeldForm, ...]
    concerns: tuple[HeldConcern, ...]
    requests: tuple[HeldRequest, ...]
    pulse: tuple[Question, ...] = ()  # their own answers on how their pairing is going
    reflections: tuple[Reflection, ...] = ()  # their own, at the close and after meetings


@dataclass(frozen=True)
class MyDataSummary(FileNotice):
    """The same records as MyDataFile, as a text file in the person's language, beside it."""

    kind: ClassVar[str] = "my-data-summary"

    owner: str  # their Slack user id
    made_at: datetime
    held: HeldAbout

    @property
    def subject(self) -> str:
        return self.owner

    @property
    def key(self) -> str:
        return f"my-data-summary:{self.owner}:{self.made_at:%Y%m%dT%H%M%S}"

    @property
    def filename(self) -> str:
        return f"my-mentoring-summary-{self.made_at:%Y%m%d%H%M%S}.txt"
