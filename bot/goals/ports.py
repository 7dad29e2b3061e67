"""Storage the goals feature needs: each pair's goals with the questions check-ins asked about
them (their answers are the goals' stories), and each pair's boundaries."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from bot.goals.model import Boundaries, Goal, GoalDraft, Progress


class GoalRepository(Protocol):
    def for_pair(self, pair_id: int) -> list[Goal]:
        """The pair's goals in their order, each with its story."""

    def for_pairs(self, pair_ids: Sequence[int]) -> dict[int, list[Goal]]:
        """The goals of each of these pairs (without their stories), in their order."""

    def of_cohort(self) -> list[Goal]:
        """Every goal of the cohort's pairs (without their stories)."""

    def replace(self, pair_id: int, goals: dict[int, GoalDraft], by: int, now: datetime) -> None:
        """The pair's goals become `goals` (by place): a goal kept in its place keeps its
        progress and story; one whose place is left empty goes, with its story."""

    def last_asked(self, pair_ids: Sequence[int]) -> dict[int, int]:
        """The goal each of these pairs' check-ins asked about last, by pair."""

    def ask(self, checkin_id: int, goal_id: int, now: datetime) -> None: ...
    def asked(self, checkin_id: int) -> int | None:
        """The goal the check-in asked about, if it asked about one that is still kept."""

    def answer(self, checkin_id: int, progress: Progress, by: int, now: datetime) -> bool:
        """The question's answer, and so its goal's progress; False when it was answered
        already."""

    def close(self, goal_id: int, confidence: int, by: int, now: datetime) -> None:
        """The mentee's confidence in the goal at the close."""


class BoundariesRepository(Protocol):
    def get(self, pair_id: int) -> Boundaries: ...
    def save(self, pair_id: int, boundaries: Boundaries, by: int, now: datetime) -> None: ...
