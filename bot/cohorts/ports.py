"""What the cohorts feature needs of storage: the registry of every cohort the bot has run, and
the erasure of one cohort's personal data."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from bot.cohorts.model import KeptCohort

# Whether an evaluation answer (form id, question id, value) is kept when its cohort is erased
AnswerKept = Callable[[str, str, object], bool]


class CohortRegistry(Protocol):
    def record(self, cohort: KeptCohort) -> None:
        """Adds the cohort, or updates its last day and keep-until; when it was erased stays."""

    def all(self) -> list[KeptCohort]: ...

    def people(self, cohort: str) -> int:
        """How many of the cohort's enrolments still name someone."""

    def erase(self, cohort: str, now: datetime, kept: AnswerKept) -> int | None:
        """Erases the cohort's personal data, keeping its counts and results, in the caller's
        transaction; returns how many people were erased, or None if it was erased already
        (by another process: the first to mark it erased does it, the other nothing)."""
