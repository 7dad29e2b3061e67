"""What the pairs feature tells people, as data: introductions, nudges, check-ins, stages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import ClassVar

from bot.notices import Notice
from bot.participants.model import Participant
from bot.scheme import Stage


@dataclass(frozen=True)
class PairNotice(Notice):
    """About one pair: keyed by the pair, once each unless the notice says otherwise."""

    pair_id: int

    @property
    def subject(self) -> str:
        return str(self.pair_id)


@dataclass(frozen=True)
class PairIntroduction(PairNotice):
    """To both, in their group DM: who the other is, the four stages, and "please accept"."""

    kind: ClassVar[str] = "pair-intro"
    mentor: Participant
    mentee: Participant


@dataclass(frozen=True)
class AcceptanceNudge(PairNotice):
    kind: ClassVar[str] = "accept-nudge"
    partner: Participant


@dataclass(frozen=True)
class PairStarted(PairNotice):
    kind: ClassVar[str] = "pair-started"
    mentor: Participant
    mentee: Participant


@dataclass(frozen=True)
class CheckInPrompt(PairNotice):
    """The follow-up has a key of its own: it is a second message, not a repeat of the first."""

    kind: ClassVar[str] = "checkin"
    checkin_id: int
    number: int  # the pair's first, second… check-in
    stage: Stage
    since: date | None  # the last meeting, or None when they have not met yet
    follow_up: bool

    @property
    def key(self) -> str:
        return (
            f"{'checkin-follow-up' if self.follow_up else 'checkin'}:{self.pair_id}:{self.number}"
        )


@dataclass(frozen=True)
class StageMoved(PairNotice):
    kind: ClassVar[str] = "stage"
    stage: Stage
    moved_by: str
    moved_at: datetime

    @property
    def key(self) -> str:
        return f"stage:{self.pair_id}:{self.stage}:{self.moved_at:%Y%m%dT%H%M%S}"


@dataclass(frozen=True)
class PairEnded(PairNotice):
    """To one person, on their own: kind, and with no word of anyone's report. `partner` is None
    when the partner has left the scheme and been erased: they are not named, and nothing about
    them is kept in the message waiting to go."""

    kind: ClassVar[str] = "pair-ended"
    partner: Participant | None
