"""How a pairing is going, as plain data: a question asked of one person (the fit after the
pair's first meeting, then each pulse) and its answer, what the rules need to know of one pair,
a question due, and a pair the team should hear about. The answers' words are the view's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

# The outcomes report counts the same answers: one set of names for both.
from bot.outcomes.model import PULSE_HIGH, PULSE_LOW, CountTable, Fit
from bot.participants.model import Role
from bot.worktime import Whereabouts

Kind = Literal["fit", "pulse"]
# A question's round: the fit question is the first, then the pulses, numbered from 1.
FIT_ROUND = 0
# The fit on the pulse's 1 to 5 scale, so a fit and a pulse compare: the scale's top, middle and
# bottom, as a good fit, not sure yet and not a good fit are.
FIT_ON_SCALE: dict[Fit, int] = {
    "good_fit": PULSE_HIGH,
    "not_sure_yet": 3,
    "not_a_good_fit": PULSE_LOW,
}
PULSES: tuple[int, ...] = tuple(range(PULSE_LOW, PULSE_HIGH + 1))


@dataclass(frozen=True)
class Question:
    """One question asked of one person about their pairing, and their answer once given: a
    fit for the fit question, a score for a pulse."""

    id: int
    pair_id: int
    participant_id: int
    round: int
    asked_at: datetime
    fit: Fit | None = None
    score: int | None = None
    answered_at: datetime | None = None

    @property
    def kind(self) -> Kind:
        return "fit" if self.round == FIT_ROUND else "pulse"

    @property
    def answered(self) -> bool:
        return self.answered_at is not None

    @property
    def on_scale(self) -> int | None:
        """The answer on the 1 to 5 scale; None before it is given."""
        return FIT_ON_SCALE[self.fit] if self.fit else self.score


@dataclass(frozen=True)
class Member:
    """One of a pair, as the rules ask them: where they work (their hours and days off) and the
    latest round they have been asked (None: not yet asked anything)."""

    participant_id: int
    place: Whereabouts
    last_round: int | None


@dataclass(frozen=True)
class PairPulse:
    """What the rules need to know of one active pair that has logged a meeting."""

    pair_id: int
    members: tuple[Member, ...]
    first_meeting_logged: datetime
    paused_until: date | None  # the latest of the team's hold and the two members' pauses


@dataclass(frozen=True)
class Due:
    """A question to ask one person, at a time inside their working hours."""

    pair_id: int
    participant_id: int
    round: int
    at: datetime


@dataclass(frozen=True)
class Worry:
    """A pair the team should hear about after the answers to one round: which of the rules it
    was is kept nowhere, so no notice can say who answered what."""

    pair_id: int
    round: int


@dataclass(frozen=True)
class Latest:
    """One person's latest answers, for the team's counts and the outcomes report."""

    role: Role
    fit: Fit | None
    score: int | None


@dataclass(frozen=True)
class PulseCounts:
    """What the team sees of the answers: each person's latest fit and pulse, counted by role,
    every count too small to show (or one that would give a small one away) suppressed, as the
    outcomes report does (bot/outcomes/rules.py count_table)."""

    fit: CountTable
    pulse: CountTable
    asked: int  # people asked anything so far
