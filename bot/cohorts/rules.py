"""Starting the next cohort from the last: the programme is carried over whole (events and forms
keep their ids, so results compare across years), every date moved to the same weekday a year
on and marked to confirm, since a venue's or a speaker's date is never simply next year's."""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from bot.cohorts.model import Cohort, KeptCohort
from bot.programme_forms import Question
from bot.scheme import Programme

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


# Retention ---------------------------------------------------------------------------------------

# A cohort's data is erased the morning after its last day kept, in the programme's zone, so the
# team reads of it in working hours.
ERASED_AT = time(9)
YES_NO = ("yes", "no")


def registered(programme: Programme) -> KeptCohort:
    """The cohort a programme file runs, as the registry keeps it: its personal data is kept
    for `keep_personal_data_for` after its last day (none: until the team erases it)."""
    kept_for = programme.keep_personal_data_for
    ends_on = programme.last_day
    return KeptCohort(
        programme.cohort, ends_on, None if kept_for is None else later(ends_on, kept_for)
    )


def later(day: date, duration: str) -> date:
    """`day` plus an ISO 8601 duration of years, months, weeks and days, by the calendar: 30
    September 2026 plus P2Y is 30 September 2028, whatever leap day comes between; a month-end
    past the shorter month is its last day (31 January plus P1M: 28 or 29 February)."""
    found = re.fullmatch(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?", duration)
    if found is None:
        raise ValueError(f"not a duration of years, months, weeks and days: {duration}")
    years, months, weeks, days = (int(part or 0) for part in found.groups())
    month = day.month - 1 + months
    year, month = day.year + years + month // 12, month % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last)) + timedelta(weeks=weeks, days=days)


def erasure_moment(cohort: KeptCohort, zone: ZoneInfo) -> datetime | None:
    """When the cohort's personal data is erased; None: kept until the team acts, or gone."""
    if cohort.keep_until is None or cohort.erased_at is not None:
        return None
    return datetime.combine(cohort.keep_until + timedelta(days=1), ERASED_AT, tzinfo=zone)


def expired(cohorts: Sequence[KeptCohort], now: datetime, zone: ZoneInfo) -> list[KeptCohort]:
    """The cohorts past their keep-until and not yet erased, oldest first."""
    due = [c for c in cohorts if (moment := erasure_moment(c, zone)) is not None and moment <= now]
    return sorted(due, key=lambda c: c.id)


def next_erasure(cohorts: Sequence[KeptCohort], zone: ZoneInfo) -> datetime | None:
    """The next cohort's erasure (one already due is now); None: none is to be erased."""
    moments = [m for c in cohorts if (m := erasure_moment(c, zone)) is not None]
    return min(moments, default=None)


def answer_kept(question: Question | None, value: object) -> bool:
    """Whether an evaluation answer stays when its cohort is erased: a number (a scale's, a
    count's) or one of a question's own options is a result, and stays; anything a person typed
    (a text answer, or words the programme no longer offers) goes."""
    if value is None or (isinstance(value, int | float) and not isinstance(value, bool)):
        return True
    if question is None:
        return False
    offered = YES_NO if question.kind == "yes_no" else tuple(question.options)
    if question.kind not in ("yes_no", "choice", "choices"):
        return False
    if isinstance(value, str):
        return value in offered
    return isinstance(value, list) and all(v in offered for v in value)
