"""Starting the next cohort from the last: the programme is carried over whole (events and forms
keep their ids, so results compare across years), every date moved to the same weekday a year
on and marked to confirm, since a venue's or a speaker's date is never simply next year's."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import yaml

from bot.cohorts.model import Cohort

# What a programme says only of its own year: its bank holiday changes are for that year's days
YEAR_BOUND = ("bank_holidays",)


HEADER = """\
# {name}: started from {old} (`mentorbot cohort new {new} --from {old}`, or the team's console).
# Every dated event and form is last year's moved to the same weekday a year on and marked
# `to_confirm: true`: nothing is sent for it until the team confirms the date (the console's
# "Confirm date", `/mentoring event date`, or removing the line here). TBC events stay TBC.
# The application window is moved too: set the dates people may apply between.
# Bank holiday changes were for {old}'s days and are not carried over.
"""


def following(cohort: Cohort) -> Cohort:
    """2025-26 → 2026-27."""
    first = cohort.first_year + 1
    return Cohort(f"{first}-{(first + 1) % 100:02d}")


def programme_file_text(carried: dict[str, Any], old: Cohort, new: Cohort) -> str:
    """The next programme as a file a person reads and edits: what was done, then the settings."""
    header = HEADER.format(name=carried["name"], old=old.id, new=new.id)
    return header + yaml.safe_dump(carried, sort_keys=False, allow_unicode=True, width=100)


def same_weekday_years_on(day: date, years: int) -> date:
    """The day of the same weekday nearest its anniversary `years` on: Tuesday 21 October 2025
    → Tuesday 20 October 2026 (a 29 February's anniversary is taken as the 28th)."""
    try:
        anniversary = day.replace(year=day.year + years)
    except ValueError:
        anniversary = day.replace(year=day.year + years, day=28)
    shift = (day.weekday() - anniversary.weekday()) % 7
    return anniversary + timedelta(days=shift if shift <= 3 else shift - 7)


def moved(moment: datetime, years: int) -> datetime:
    """A form's opening or closing, moved as its day is, at the same wall-clock time."""
    day = same_weekday_years_on(moment.date(), years)
    return moment + timedelta(days=(day - moment.date()).days)


def next_programme(settings: dict[str, Any], old: Cohort, new: Cohort) -> dict[str, Any]:
    """The next cohort's programme settings from the last's (as the file gives them): the name
    and cohort id say the new years, each dated event and form is moved and marked to confirm,
    TBC events stay TBC, and what only held for the last year is left out."""
    years = new.after(old)
    carried = {k: v for k, v in settings.items() if k not in YEAR_BOUND}
    carried["name"] = str(settings["name"]).replace(old.id, new.id)
    carried["cohort"] = new.id
    if "ends_on" in settings:
        carried["ends_on"] = same_weekday_years_on(_day(settings["ends_on"]), years).isoformat()
    carried["events"] = [_event_moved(event, years) for event in settings["events"]]
    if settings.get("applications"):
        carried["applications"] = _window_moved(settings["applications"], years)
    evaluations = settings.get("evaluations")
    if evaluations and evaluations.get("forms"):
        carried["evaluations"] = evaluations | {
            "forms": [_form_moved(form, years) for form in evaluations["forms"]]
        }
    return carried


def _event_moved(event: dict[str, Any], years: int) -> dict[str, Any]:
    if event.get("date", "TBC") == "TBC":
        return event
    day = same_weekday_years_on(_day(event["date"]), years)
    return event | {"date": day.isoformat(), "to_confirm": True}


def _form_moved(form: dict[str, Any], years: int) -> dict[str, Any]:
    return form | {
        "opens": moved(_moment(form["opens"]), years).isoformat(timespec="minutes"),
        "closes": moved(_moment(form["closes"]), years).isoformat(timespec="minutes"),
        "to_confirm": True,
    }


def _window_moved(window: dict[str, Any], years: int) -> dict[str, Any]:
    """The application window a year on; its themes and times stay as they were."""
    return window | {
        "opens": moved(_moment(window["opens"]), years).isoformat(timespec="minutes"),
        "closes": moved(_moment(window["closes"]), years).isoformat(timespec="minutes"),
    }


def _day(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _moment(value: object) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
