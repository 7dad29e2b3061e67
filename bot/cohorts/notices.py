"""What the cohorts feature tells the team, in their private channel: the next cohort's programme
file, to check, deploy and confirm; and that a closed cohort's personal data was erased."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from bot.notices import FileNotice, Notice


@dataclass(frozen=True)
class NextProgrammeFile(FileNotice):
    old: str
    new: str
    text: str
    to_confirm: int  # dates carried a year on, for the team to confirm
    made_at: datetime

    kind: ClassVar[str] = "next-cohort"

    @property
    def subject(self) -> str:
        return self.new

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.new}:{self.made_at:%Y%m%dT%H%M%S}"

    @property
    def filename(self) -> str:
        return f"lms-{self.new}.yaml"


@dataclass(frozen=True)
class CohortErased(Notice):
    """To the team's channel: the cohort's personal data was erased as its programme file says,
    of `people` people; its counts and results are kept. Once per cohort, whoever erased it."""

    cohort: str
    people: int

    kind: ClassVar[str] = "cohort-erased"

    @property
    def subject(self) -> str:
        return self.cohort
