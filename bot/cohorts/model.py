"""A cohort's data: its id and the years it names."""

from __future__ import annotations

from dataclasses import dataclass


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
