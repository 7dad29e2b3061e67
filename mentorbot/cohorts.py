"""`mentorbot cohort new`: the next cohort's programme file, written from the last's."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.cohorts.errors import AlreadyWritten, NoSuchCohort, NotLater
from bot.cohorts.model import Cohort
from bot.cohorts.rules import next_programme
from bot.scheme import SHIPPED_PROGRAMME, checked_programme, programme_settings

HEADER = """\
# {name}: started from {old} by `mentorbot cohort new {new} --from {old}`.
# Every dated event and form is last year's moved to the same weekday a year on and marked
# `to_confirm: true`: nothing is sent for it until the team confirms the date (the console's
# "Dates to confirm", `/mentoring event date`, or removing the line here). TBC events stay TBC.
# The application window is moved too: set the dates people may apply between.
# Bank holiday changes were for {old}'s days and are not carried over.
"""


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
    text = HEADER.format(name=programme.name, old=old, new=new) + yaml.safe_dump(
        carried, sort_keys=False, allow_unicode=True, width=100
    )
    target.write_text(text, encoding="utf-8")
    to_confirm = sum(e.to_confirm for e in programme.events) + sum(
        f.to_confirm for f in programme.evaluations.forms
    )
    return target, to_confirm
