"""A pair's learning goals and boundaries as plain data: each goal's words, its dates and the
mentee's confidence, its progress and the dated story of the check-in answers behind it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

Progress = Literal["not_started", "under_way", "achieved", "changed"]
PROGRESSES: tuple[Progress, ...] = ("not_started", "under_way", "achieved", "changed")


@dataclass(frozen=True)
class ProgressStep:
    """One answer to a check-in's question about a goal, on the day it was given."""

    progress: Progress
    said_at: datetime


@dataclass(frozen=True)
class GoalDraft:
    """One goal as the pair writes it: what, how they will know, by when, and how confident the
    mentee is at the start (1–10). A goal kept from an old free-text agreement has only its
    words."""

    what: str
    how_known: str = ""
    by_when: date | None = None
    confidence_start: int | None = None


@dataclass(frozen=True)
class Goal:
    """A kept goal. `position` is its place in the pair's list (1–5), which the form's rows
    follow; `confidence_end` is the mentee's score again at Coming to Closure."""

    id: int
    pair_id: int
    position: int
    what: str
    how_known: str = ""
    by_when: date | None = None
    confidence_start: int | None = None
    confidence_end: int | None = None
    progress: Progress = "not_started"
    story: tuple[ProgressStep, ...] = ()  # oldest first

    @property
    def draft(self) -> GoalDraft:
        return GoalDraft(self.what, self.how_known, self.by_when, self.confidence_start)


@dataclass(frozen=True)
class Boundaries:
    """What the pair agreed about meeting: when they are available, what they will and won't
    talk about, how they contact each other."""

    availability: str = ""
    topics: str = ""
    contact: str = ""

    @property
    def is_empty(self) -> bool:
        return not any((self.availability, self.topics, self.contact))


@dataclass(frozen=True)
class GoalCounts:
    """What the team sees of the cohort's goals: numbers, never words."""

    pairs: int  # pairs that have set at least one goal
    set: int
    under_way: int
    achieved: int
