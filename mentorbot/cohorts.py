"""`mentorbot cohort new`: the next cohort's programme file, written from the last's."""

from __future__ import annotations

from pathlib import Path

from bot.cohorts.errors import AlreadyWritten, NoSuchCohort, NotLater
from bot.cohorts.model import Cohort
from bot.cohorts.rules import next_programme, programme_file_text
from bot.scheme import SHIPPED_PROGRAMME, checked_programme, programme_settings


def programme_files(place: Path) -> list[Path]:
    """The programme files a setting names: the file, or each YAML file in the folder."""
    return sorted(place.glob("*.yaml")) if place.is_dir() else [place]


def find_cohort(cohort: str, places: list[Path]) -> tuple[Path, dict]:
    """The file (and its settings) that says `cohort: COHORT`, first place first."""
    for place in places:
        for path in programme_files(place):
            settings = programme_settings(path)
            if str(settings.get("cohort")) == cohort:
                return path, settings
    raise NoSuchCohort(cohort, places)


def start_cohort(new: str, old: str, configured: Path, out: Path | None) -> tuple[Path, int]:
    """Writes the new cohort's programme file; returns where, and how many dates to confirm."""
    if Cohort(new).after(Cohort(old)) <= 0:
        raise NotLater(new, old)
    _, settings = find_cohort(old, [configured, SHIPPED_PROGRAMME.parent])
    target = out or Path(f"lms-{new}.yaml")
    if target.exists():
        raise AlreadyWritten(target)
    carried = next_programme(settings, Cohort(old), Cohort(new))
    programme = checked_programme(target, carried)  # what is written is a file the bot runs on
    text = programme_file_text(carried, Cohort(old), Cohort(new))
    target.write_text(text, encoding="utf-8")
    to_confirm = sum(e.to_confirm for e in programme.events) + sum(
        f.to_confirm for f in programme.evaluations.forms
    )
    return target, to_confirm
