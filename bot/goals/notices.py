"""What the goals feature tells people, as data: a check-in's question about one goal, to the
pair's group DM, and word to one of the pair that the other has changed their goals. Neither
goes anywhere but the pair's own conversations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import ClassVar

from bot.pairs.notices import PairNotice


@dataclass(frozen=True)
class GoalQuestion(PairNotice):
    """How one goal is going, asked with check-in `number` (its buttons carry `checkin_id`): the
    goal's words, its place among the pair's `of` goals, and when they meant to reach it."""

    kind: ClassVar[str] = "goal-question"
    checkin_id: int
    number: int
    place: int
    of: int
    what: str
    by_when: date | None

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.pair_id}:{self.number}"


@dataclass(frozen=True)
class GoalsUpdated(PairNotice):
    """To the partner of whoever changed the pair's goals or boundaries: who, and where to see
    them (never the words themselves, so a DM preview shows none)."""

    kind: ClassVar[str] = "goals-updated"
    by: str
    at: datetime

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.pair_id}:{self.at:%Y%m%dT%H%M%S}"
