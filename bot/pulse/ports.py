"""Storage the pulse feature needs: the questions asked and their answers, and when each pair
logged its first meeting."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from bot.pulse.model import Due, Fit, Question


class PulseRepository(Protocol):
    def all(self) -> list[Question]:
        """Every question of the cohort, answered or not."""

    def of(self, participant_id: int) -> list[Question]:
        """The person's own questions, oldest first."""

    def get(self, question_id: int) -> Question | None: ...

    def ask(self, due: Sequence[Due], now: datetime) -> list[Question]:
        """Keeps each question as asked now; one another process asked first is left out."""

    def answer(self, question_id: int, fit: Fit | None, score: int | None, now: datetime) -> bool:
        """Keeps the answer; False when the question was answered already."""

    def first_meetings_logged(self) -> dict[int, datetime]:
        """When each pair of the cohort logged its first meeting, by pair."""
