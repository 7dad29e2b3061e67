"""What an operator can put right when starting a cohort; the command line says it."""

from __future__ import annotations

from pathlib import Path


class CohortError(Exception):
    """The next cohort cannot be started as asked; the message says why and what to do."""


class NoSuchCohort(CohortError):
    def __init__(self, cohort: str, places: list[Path]) -> None:
        where = ", ".join(str(p) for p in places)
        super().__init__(
            f"No programme file says `cohort: {cohort}` in {where}. "
            "Name a cohort whose file is there, or point MENTORBOT_PROGRAMME at its folder."
        )


class NotLater(CohortError):
    def __init__(self, new: str, old: str) -> None:
        super().__init__(f"{new} does not come after {old}: a new cohort starts a later year.")


class AlreadyWritten(CohortError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} already exists; move it aside or choose another --out.")
