"""Certificates of participation as plain data: what the rules need to know about one person's
part in a cohort, the certificate they receive, and what checking its code may show anyone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.participants.model import Role

# The code's prefix, shown first: the scheme's initials, so a code is recognised for what it is.
CODE_PREFIX = "LMS"


@dataclass(frozen=True)
class Cohort:
    """One run of the scheme, as a certificate names it."""

    scheme: str  # the programme's name: "SoR Leadership Mentoring Scheme 2025-26"
    id: str  # the cohort as people read it: "2025-26"
    ends_on: date  # the scheme's last day
    zone: str  # the programme's IANA zone, whose day `now` is read in


@dataclass(frozen=True)
class Participation:
    """One person's part in a cohort: the facts that decide whether they completed it, and the
    dates and counts their certificate shows."""

    person_id: int
    name: str
    role: Role
    language: str  # the language they read ("en", "cy"): their certificate is in it
    paired_on: date | None  # the day both accepted the pairing; None: never paired
    closure_on: date | None  # the day their pair reached Coming to Closure; None: not yet
    pairing_ended_on: date | None  # the day the pairing ended; None: still going
    meetings: tuple[date, ...] = ()  # the days of the meetings their pair logged
    events_attended: tuple[date, ...] = ()  # the days of the scheme's events they attended


@dataclass(frozen=True)
class Certificate:
    """A certificate of participation, in the language of the person it is for. `code` is its
    verification code as printed ("LMS-7K3Q-9XWD-2MHP")."""

    person_id: int
    name: str
    role: Role
    scheme: str
    cohort: str
    first_day: date
    last_day: date
    meetings: int
    language: str
    code: str


@dataclass(frozen=True)
class Verified:
    """What checking a genuine code shows anyone who has it: the name, role and cohort, and
    nothing else about the person."""

    name: str
    role: Role
    cohort: str
