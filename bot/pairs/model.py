"""Mentor–mentee pairs as plain data: the pair and its stage, its meetings and check-ins, and
what the rules know and say about one pair (its state, its next moments, why it needs the team's
attention). The pair's goals and boundaries are bot/goals/model.py."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from bot.participants.model import Participant
from bot.scheme import Stage
from bot.worktime import Whereabouts

PairStatus = Literal["awaiting", "active", "ended"]


@dataclass(frozen=True)
class Pair:
    id: int
    mentor_id: int
    mentee_id: int
    status: PairStatus
    stage: Stage
    created_at: datetime
    mentor_accepted_at: datetime | None = None
    mentee_accepted_at: datetime | None = None
    acceptance_nudged_at: datetime | None = None
    ended_at: datetime | None = None
    paused_until: date | None = None  # the team's hold on this pair's check-ins

    @property
    def members(self) -> tuple[int, int]:
        return self.mentor_id, self.mentee_id

    @property
    def activated_at(self) -> datetime | None:
        """When the second of the two accepted: the relationship starts then."""
        if self.mentor_accepted_at and self.mentee_accepted_at:
            return max(self.mentor_accepted_at, self.mentee_accepted_at)
        return None

    def accepted_by(self, participant_id: int) -> bool:
        if participant_id == self.mentor_id:
            return self.mentor_accepted_at is not None
        return self.mentee_accepted_at is not None


@dataclass(frozen=True)
class PairChoice:
    """Which of a person's pairs an action is for: the one a button names (`pair_id`), the one
    they share with `partner` (a Slack id a command names), or, with neither, their only one (a
    mentor with several mentees is asked which)."""

    pair_id: int | None = None
    partner: str | None = None


@dataclass(frozen=True)
class Meeting:
    pair_id: int
    met_on: date
    minutes: int
    topics: str


@dataclass(frozen=True)
class StageChange:
    pair_id: int
    stage: Stage
    changed_at: datetime


@dataclass(frozen=True)
class PairRow:
    line: int
    mentor: Participant
    mentee: Participant


CheckInAnswer = Literal["yes", "not_yet"]
MomentKind = Literal["check_in", "deliver", "follow_up", "acceptance_nudge"]


@dataclass(frozen=True)
class CheckIn:
    id: int
    pair_id: int
    number: int
    created_at: datetime
    sent_at: datetime | None = None
    answer: CheckInAnswer | None = None
    answered_at: datetime | None = None
    followed_up_at: datetime | None = None


@dataclass(frozen=True)
class PairState:
    """What the rules need to know about one pair."""

    pair: Pair
    checkins: Sequence[CheckIn]  # oldest first
    last_meeting: date | None
    paused_until: date | None  # the latest of the team's hold and the two members' pauses
    places: tuple[Whereabouts, ...]  # where each member works: their hours and days off

    @property
    def latest(self) -> CheckIn | None:
        return self.checkins[-1] if self.checkins else None


@dataclass(frozen=True)
class PairMoment:
    pair_id: int
    kind: MomentKind
    at: datetime


@dataclass(frozen=True)
class Attention:
    """Why the team should look at a pair: `not_yet`, its last `count` check-ins were answered
    "Not yet"; `quiet`, no meeting logged for `count` whole weeks."""

    kind: Literal["not_yet", "quiet"]
    count: int
