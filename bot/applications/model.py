"""Applications as plain data: what a person answers, their application to one cohort and where
it stands. `for_the_team` is private: the team reads it, nobody else, and it is never in a log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from bot.matching.model import Band, MeetingFormat, Profession, Role
from bot.scheme import Nation

ApplicationStatus = Literal["submitted", "accepted", "waitlisted", "declined"]
Decision = Literal["accept", "waitlist", "decline"]
DECIDED: dict[Decision, ApplicationStatus] = {
    "accept": "accepted",
    "waitlist": "waitlisted",
    "decline": "declined",
}


@dataclass(frozen=True)
class Answers:
    """What a person says when they apply (emails lower-case)."""

    role: Role
    profession: Profession
    nation: Nation
    band: Band
    employer: str
    themes: tuple[str, ...]
    format: MeetingFormat
    availability: tuple[str, ...]
    line_manager_email: str | None = None
    capacity: int = 1
    never_pair: tuple[str, ...] = ()
    for_the_team: str = ""


@dataclass(frozen=True)
class Applicant:
    """Who applies: their Slack id (None for one imported by email, until they are found)."""

    email: str
    name: str
    slack_user_id: str | None
    language: str = "en"


@dataclass(frozen=True)
class Application:
    id: int
    cohort: str
    applicant: Applicant
    answers: Answers
    status: ApplicationStatus
    submitted_at: datetime
    updated_at: datetime
