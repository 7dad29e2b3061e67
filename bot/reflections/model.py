"""Reflections as plain data: what a person wrote at the close or after a meeting, what the
rules need to know of a pair and of a meeting logged, an invitation due, and the team's counts.
The moments are the CPD record's (bot/cpd/model.py), which reads what is kept here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

# The closure's three questions are the CPD record's: one set of names for both.
from bot.cpd.model import CLOSURE_PARTS as CLOSURE_PARTS
from bot.cpd.model import ClosurePart as ClosurePart
from bot.cpd.model import ReflectionMoment
from bot.worktime import Whereabouts


@dataclass(frozen=True)
class ClosureDraft:
    """The closure reflection as typed: each part may be empty, but not all three."""

    achieved: str = ""
    learned: str = ""
    next_steps: str = ""

    def part(self, name: ClosurePart) -> str:
        return str(getattr(self, name))


@dataclass(frozen=True)
class Reflection:
    """One kept reflection, its writer's own: at the close (three parts) or after a meeting
    (`text`, with the meeting's id and day)."""

    id: int
    participant_id: int
    pair_id: int
    moment: ReflectionMoment
    written_at: datetime
    updated_at: datetime
    achieved: str = ""
    learned: str = ""
    next_steps: str = ""
    text: str = ""
    meeting_id: int | None = None
    met_on: date | None = None

    @property
    def closure(self) -> ClosureDraft:
        return ClosureDraft(self.achieved, self.learned, self.next_steps)


@dataclass(frozen=True)
class Member:
    """One of a pair, as the rules ask them: where they work."""

    participant_id: int
    place: Whereabouts


@dataclass(frozen=True)
class PairClosing:
    """What the rules need to know of one pair still going: its members, and when it last
    reached Coming to Closure if it is there now (None: in another stage)."""

    pair_id: int
    members: tuple[Member, ...]
    reached_closure: datetime | None


@dataclass(frozen=True)
class LoggedMeeting:
    """A meeting as logged: by whom and when, so its reflection is offered to that person."""

    id: int
    pair_id: int
    met_on: date
    logged_by: int | None
    logged_at: datetime


@dataclass(frozen=True)
class Due:
    """An invitation to reflect, for one person, at a moment: the closure's for a pair, or the
    offer after a meeting. `key` is stable, so it is kept and sent once."""

    key: str
    pair_id: int
    participant_id: int
    moment: ReflectionMoment
    at: datetime
    meeting_id: int | None = None


@dataclass(frozen=True)
class ReflectionCounts:
    """What the team sees of reflections: numbers, never words."""

    invited: int  # people invited to reflect at the close
    at_closure: int  # of them, people who have
    after_meetings: int  # short reflections written after meetings
