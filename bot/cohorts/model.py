"""A cohort's data: its id and the years it names, and how long its personal data is kept."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class Cohort:
    """One run of the scheme, named by its years (`2026-27`): the first is the year it starts."""

    id: str

    @property
    def first_year(self) -> int:
        return int(self.id[:4])

    def after(self, other: Cohort) -> int:
        """How many years this cohort comes after `other` (negative if before)."""
        return self.first_year - other.first_year


@dataclass(frozen=True)
class KeptCohort:
    """A cohort as the registry keeps it, after its programme file is gone: its last day, the
    last day its personal data is kept, and when that data was erased (and of how many)."""

    id: str
    ends_on: date | None  # None: not known (a cohort found in stored rows)
    keep_until: date | None  # None: kept until the team erases it
    erased_at: datetime | None = None
    erased_people: int | None = None
