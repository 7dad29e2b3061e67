"""What the outcomes feature tells people, as data: the cohort's outcomes report, as a PDF to read
and a CSV of its figures, for the project team's private channel only.

Each file carries the report itself (numbers, roles and the programme's questions: nothing in it
can name anyone, bot/outcomes/model.py) and the language of the team member who asked for it:
the channel has no language of its own, so the file is drawn in theirs when it is sent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from bot.notices import FileNotice
from bot.outcomes.model import OutcomesReport


@dataclass(frozen=True)
class OutcomesFile(FileNotice):
    """One of the report's two files, as a team member asked for it at `made_at`."""

    report: OutcomesReport
    language: str  # "en", "cy": the language of whoever asked
    made_at: datetime

    extension: ClassVar[str]

    @property
    def subject(self) -> str:
        return self.report.cohort

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.report.cohort}:{self.language}:{self.made_at:%Y%m%dT%H%M%S}"

    @property
    def filename(self) -> str:
        # Its language and time too: the messenger finds an earlier attempt by the file's name.
        stamp = f"{self.made_at:%Y%m%d%H%M%S}"
        return f"outcomes-{self.report.cohort}-{self.language}-{stamp}.{self.extension}"


@dataclass(frozen=True)
class OutcomesPdf(OutcomesFile):
    """The report to read: its tables, charts (each with its words) and notes."""

    kind: ClassVar[str] = "outcomes-pdf"
    extension: ClassVar[str] = "pdf"


@dataclass(frozen=True)
class OutcomesCsv(OutcomesFile):
    """The report's figures, one row per cell, for spreadsheets."""

    kind: ClassVar[str] = "outcomes-csv"
    extension: ClassVar[str] = "csv"
