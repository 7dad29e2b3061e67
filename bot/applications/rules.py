"""Pure decisions about applications: whether answers can be taken, whether the window is open,
how the team's file reads, and an accepted application as the matcher sees it."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from datetime import datetime
from typing import get_args

from bot.applications.errors import BadApplicationRow, NoApplications, NotOpen
from bot.applications.model import Answers, Application
from bot.matching.model import BANDS, Candidate, MeetingFormat, Profession, Role
from bot.scheme import MOST_MENTEES, NATIONS, Applications

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
COLUMNS = [
    "email",
    "name",
    "role",
    "profession",
    "nation",
    "band",
    "employer",
    "line_manager_email",
    "themes",
    "format",
    "capacity",
    "never_pair",
]
Problem = tuple[str, str]  # (the field, why it cannot be taken)


def window_open(window: Applications | None, cohort: str, now: datetime) -> Applications:
    """The cohort's window, if people may apply now; otherwise why not."""
    if window is None:
        raise NoApplications(cohort)
    if not window.is_open(now):
        raise NotOpen(cohort, window.opens, window.closes, now)
    return window


def problems(answers: Answers, window: Applications, email: str) -> tuple[Problem, ...]:
    """What cannot be taken in the answers, each as (field, why), for the person to put right."""
    found: list[Problem] = []
    known_themes = {c.id for c in window.themes}
    known_times = {c.id for c in window.availability}
    if not answers.themes:
        found.append(("themes", "none"))
    if set(answers.themes) - known_themes:
        found.append(("themes", "unknown"))
    if not answers.availability or set(answers.availability) - known_times:
        found.append(("availability", "unknown"))
    if not answers.employer.strip():
        found.append(("employer", "empty"))
    if answers.role == "mentor" and not 1 <= answers.capacity <= MOST_MENTEES:
        found.append(("capacity", "out_of_range"))
    if answers.role == "mentee" and answers.capacity != 1:
        found.append(("capacity", "mentee"))
    manager = answers.line_manager_email
    if manager is not None and (not EMAIL.match(manager) or manager == email):
        found.append(("line_manager_email", "bad_email"))
    if any(not EMAIL.match(e) or e == email for e in answers.never_pair):
        found.append(("never_pair", "bad_email"))
    return tuple(found)


def candidate(application: Application) -> Candidate:
    """An accepted application, as the matcher sees it."""
    a = application.answers
    return Candidate(
        email=application.applicant.email,
        role=a.role,
        profession=a.profession,
        nation=a.nation,
        band=a.band,
        employer=a.employer,
        themes=frozenset(a.themes),
        format=a.format,
        availability=frozenset(a.availability),
        line_manager_email=a.line_manager_email,
        capacity=a.capacity,
        never_pair=frozenset(a.never_pair),
    )


def read_file(
    text: str, window: Applications
) -> tuple[list[tuple[str, str, Answers]], list[BadApplicationRow]]:
    """The team's applications file: (email, name, answers) for each line, or every problem by
    line, so each names the line to mend. The file gives no times of the week: any will do."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    if reader.fieldnames is None or set(COLUMNS) - set(reader.fieldnames):
        missing = ", ".join(sorted(set(COLUMNS) - set(reader.fieldnames or [])))
        return [], [BadApplicationRow(None, "header", missing)]
    rows: list[tuple[str, str, Answers]] = []
    bad: list[BadApplicationRow] = []
    seen: set[str] = set()
    any_time = tuple(c.id for c in window.availability)
    for row in reader:
        line, email = reader.line_num, (row["email"] or "").strip().lower()
        answers, row_problems = _row(row)
        if answers is not None:
            answers = replace(answers, availability=any_time)
            row_problems += problems(answers, window, email)
        if email in seen:
            row_problems.append(("email", "twice"))
        seen.add(email)
        bad += [BadApplicationRow(line, column, why) for column, why in row_problems]
        if answers is not None and not row_problems:
            rows.append((email, row["name"].strip(), answers))
    return rows, bad


def _row(row: dict[str, str]) -> tuple[Answers | None, list[Problem]]:
    value = {k: (v or "").strip() for k, v in row.items() if k is not None}
    value["email"] = value["email"].lower()
    found: list[Problem] = []
    if not EMAIL.match(value["email"]):
        found.append(("email", "bad_email"))
    if not value["name"]:
        found.append(("name", "empty"))
    for column, allowed in (
        ("role", get_args(Role)),
        ("profession", get_args(Profession)),
        ("nation", NATIONS),
        ("band", BANDS),
        ("format", get_args(MeetingFormat)),
    ):
        if value[column].lower() not in allowed:
            found.append((column, "not_one_of:" + "|".join(allowed)))
    capacity = value["capacity"] or "1"
    if not capacity.isdigit():
        found.append(("capacity", "out_of_range"))
    if found:
        return None, found
    return Answers(
        role=value["role"].lower(),  # type: ignore[arg-type]
        profession=value["profession"].lower(),  # type: ignore[arg-type]
        nation=value["nation"].lower(),  # type: ignore[arg-type]
        band=value["band"].lower(),  # type: ignore[arg-type]
        employer=value["employer"],
        themes=_listed(value["themes"]),
        format=value["format"].lower(),  # type: ignore[arg-type]
        availability=(),
        line_manager_email=value["line_manager_email"].lower() or None,
        capacity=int(capacity),
        never_pair=tuple(e.lower() for e in _listed(value["never_pair"])),
    ), []


def _listed(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(";") if part.strip())
