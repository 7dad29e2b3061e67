"""What the cohorts feature tells the team: the next cohort's programme file, in their private
channel, to check, deploy and confirm."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from bot.notices import FileNotice


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
