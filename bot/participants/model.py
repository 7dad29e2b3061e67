"""Participants of the scheme as plain data: a person, their role, and a row of an import file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from bot.scheme import Nation

Role = Literal["mentor", "mentee"]
ROLES: tuple[Role, ...] = ("mentor", "mentee")
REQUIRED_COLUMNS = ("name", "email", "role")
OPTIONAL_COLUMNS = ("slack_id", "about", "nation")
# Every column an import file may have: the form lists these, and any other is refused.
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS


@dataclass(frozen=True)
class Participant:
    id: int
    name: str
    email: str
    role: Role
    slack_user_id: str | None
    tz: str | None = None
    about: str | None = None
    paused_until: date | None = None
    nation: Nation | None = None  # whose bank holidays they keep; None: the programme's
    language: str | None = None  # the language they read ("en", "cy"); None: not chosen
    # Named nowhere since their cohort's retention ran out, and still counted in its figures
    anonymised: bool = False


@dataclass(frozen=True)
class ParticipantRow:
    """One valid line of an import file; line is the file's own line number, for messages."""

    line: int
    name: str
    email: str
    role: Role
    slack_user_id: str | None
    about: str | None = None
    nation: Nation | None = None  # None: as before (a new person: the programme's)
