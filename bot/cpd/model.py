"""A registrant's CPD record for the scheme as plain data, in the shape the HCPC's CPD profile
asks for: what it is built from (the events they attended, their pair's meetings, their
reflections), the dated activities each with its type of learning, the hours of each type, and
the facts a draft statement of how they met the CPD standards is written from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from bot.pairs.model import Meeting
from bot.participants.model import Role

# The HCPC's types of learning activity, in the order it lists them.
LearningType = Literal["work_based", "professional", "formal", "self_directed", "other"]
LEARNING_TYPES: tuple[LearningType, ...] = (
    "work_based",
    "professional",
    "formal",
    "self_directed",
    "other",
)
ActivityKind = Literal["event", "training", "meeting", "reflection"]
# A reflection written when the pair came to closure, or a short one after a meeting.
ReflectionMoment = Literal["closure", "meeting"]
# The closure's reflection answers three questions, in this order.
ClosurePart = Literal["achieved", "learned", "next_steps"]
CLOSURE_PARTS: tuple[ClosurePart, ...] = ("achieved", "learned", "next_steps")


@dataclass(frozen=True)
class AttendedEvent:
    """One of the scheme's events the person attended, its title in their language."""

    title: str
    starts_at: datetime  # aware
    ends_at: datetime
    is_training: bool  # training (a course, a briefing), rather than a launch or networking


@dataclass(frozen=True)
class Reflection:
    """What the person wrote, as they typed it: the closure's answer to each of its questions
    (`parts`, those answered), or a meeting's few lines (`text`)."""

    on: date
    moment: ReflectionMoment
    text: str = ""
    parts: tuple[tuple[ClosurePart, str], ...] = ()


@dataclass(frozen=True)
class CpdSources:
    """Everything one person's record is built from."""

    name: str
    role: Role
    scheme: str  # the programme's name
    cohort: str  # the cohort as people read it: "2025-26"
    zone: str  # the programme's IANA zone: the day an event falls on is its day there
    attended: Sequence[AttendedEvent] = ()
    meetings: Sequence[Meeting] = ()  # their pair's
    reflections: Sequence[Reflection] = ()


@dataclass(frozen=True)
class Activity:
    """One dated line of the record. `title` is an event's own; a meeting's or a reflection's
    the view words from its kind (and a reflection's `moment`). `topics` is a meeting's, as
    typed ("" for others)."""

    on: date
    kind: ActivityKind
    learning: LearningType
    minutes: int  # 0 where no time is recorded (a reflection)
    title: str = ""
    topics: str = ""
    moment: ReflectionMoment | None = None  # a reflection's


@dataclass(frozen=True)
class LearningTotal:
    learning: LearningType
    activities: int
    minutes: int


@dataclass(frozen=True)
class CpdRecord:
    name: str
    role: Role
    scheme: str
    cohort: str
    as_of: date  # the day it was made: the record is up to date to here
    activities: tuple[Activity, ...]  # by date
    reflections: tuple[Reflection, ...]  # by date
    totals: tuple[LearningTotal, ...]  # each type of learning it has, in the HCPC's order

    @property
    def minutes(self) -> int:
        return sum(total.minutes for total in self.totals)


@dataclass(frozen=True)
class StatementFacts:
    """What a draft statement of how the activities met the HCPC's CPD standards says; its words
    are the view's, for the person to edit."""

    role: Role
    scheme: str
    first_day: date | None  # None: no activity yet
    last_day: date | None
    meetings: int
    meeting_minutes: int
    events: int
    trainings: int
    learning: tuple[LearningType, ...]  # the types of learning it has, in the HCPC's order
    topics: tuple[str, ...]  # the meetings' topics as typed, each once, first met first
    reflected_at_closure: bool
    reflections_after_meetings: int
    # The questions the closure's reflection answered (none for one kept as a single text).
    closure_parts: tuple[ClosurePart, ...] = ()

    @property
    def is_mixture(self) -> bool:
        """The HCPC's standard 2 asks for a mixture: at least two types of learning."""
        return len(self.learning) >= 2
