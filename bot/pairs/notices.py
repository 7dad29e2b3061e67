"""What the pairs feature tells people, as data: introductions, nudges, check-ins, stages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.outbox import Notice
from bot.participants.rules import Participant
from bot.scheme import Stage


@dataclass(frozen=True)
class PairIntroduction(Notice):
    """To both, in their group DM: who the other is, the four stages, and "please accept"."""

    pair_id: int
    mentor: Participant
    mentee: Participant


@dataclass(frozen=True)
class AcceptanceNudge(Notice):
    pair_id: int
    partner: Participant


@dataclass(frozen=True)
class PairStarted(Notice):
    pair_id: int
    mentor: Participant
    mentee: Participant


@dataclass(frozen=True)
class CheckInPrompt(Notice):
    pair_id: int
    checkin_id: int
    stage: Stage
    since: date | None  # the last meeting, or None when they have not met yet
    follow_up: bool


@dataclass(frozen=True)
class StageMoved(Notice):
    pair_id: int
    stage: Stage
    moved_by: str


@dataclass(frozen=True)
class PairEnded(Notice):
    """To one person, on their own: kind, and with no word of anyone's report."""

    partner: Participant
