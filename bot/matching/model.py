"""Match suggestions as plain data: a candidate (the matcher's view of an accepted application),
the hard rules no suggestion breaks, the scored criteria and their weights, and what the matcher
suggests: pairs with their reasons, a shortlist for each mentee, who cannot be matched and why,
and what swapping a mentor would cost.

A reason holds facts (points, bands, shared themes), never words: handlers/views/matching words
them in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# The programme file defines the bands and the matching section; the matcher reads them as its own
from bot.scheme import BANDS, Band, MatchingSettings, Nation, Weights  # noqa: F401

Role = Literal["mentee", "mentor"]
Profession = Literal["radiographer", "sonographer", "nuclear_medicine", "other"]
MeetingFormat = Literal["online", "in_person", "either"]

# What no suggestion ever breaks. `capacity` is a mentor's, not a pair's: it stops a mentee only
# when every mentor who could take them is full.
HardRule = Literal[
    "same_person",
    "same_employer",
    "line_manager",
    "named",
    "paired_before",
    "not_more_senior",
    "capacity",
]
HARD_RULES: tuple[HardRule, ...] = (
    "same_person",
    "same_employer",
    "line_manager",
    "named",
    "paired_before",
    "not_more_senior",
    "capacity",
)
# What makes one allowed mentor a better match than another, each worth its weight in points.
Criterion = Literal["themes", "seniority", "format", "nation", "profession", "availability"]
CRITERIA: tuple[Criterion, ...] = (
    "themes",
    "seniority",
    "format",
    "nation",
    "profession",
    "availability",
)
SHORTLIST_LENGTH = 3


@dataclass(frozen=True)
class Candidate:
    """An accepted application, as the matcher sees it. Emails are lower-case (the key);
    `capacity` is how many mentees a mentor takes (a mentee's is not read)."""

    email: str
    role: Role
    profession: Profession
    nation: Nation
    band: Band
    employer: str
    themes: frozenset[str]
    format: MeetingFormat
    availability: frozenset[str]
    line_manager_email: str | None = None
    capacity: int = 1
    never_pair: frozenset[str] = frozenset()


# The facts behind each criterion's points, which the words need.
@dataclass(frozen=True)
class SharedThemes:
    shared: tuple[str, ...]  # the mentee's themes the mentor offers, in slug order
    wanted: tuple[str, ...]  # all the mentee's themes


@dataclass(frozen=True)
class BandGap:
    mentee: Band
    mentor: Band
    gap: int  # bands the mentor is above the mentee (negative: below)
    least: int  # the gap that earns the points (min_band_gap)


@dataclass(frozen=True)
class Formats:
    mentee: MeetingFormat
    mentor: MeetingFormat
    compatible: bool  # one of them can meet as the other wants


@dataclass(frozen=True)
class Nations:
    mentee: Nation
    mentor: Nation
    in_person: bool  # both would meet in person, so where each works matters


@dataclass(frozen=True)
class Professions:
    mentee: Profession
    mentor: Profession


@dataclass(frozen=True)
class SharedTimes:
    shared: tuple[str, ...]  # times of the week both are free, in slug order
    wanted: tuple[str, ...]  # all the mentee's


Facts = SharedThemes | BandGap | Formats | Nations | Professions | SharedTimes


@dataclass(frozen=True)
class Reason:
    """Why a pair earns what it does on one criterion: `earned` of `possible` points."""

    criterion: Criterion
    earned: int
    possible: int
    facts: Facts


@dataclass(frozen=True)
class Suggestion:
    mentee: Candidate
    mentor: Candidate
    points: int
    reasons: tuple[Reason, ...]  # one per criterion, in CRITERIA's order


@dataclass(frozen=True)
class Blocked:
    """How many of the cohort's mentors `rule` rules out for one mentee (a mentor may break
    several rules, and is counted under each)."""

    rule: HardRule
    mentors: int


@dataclass(frozen=True)
class Unmatched:
    """A mentee with no suggestion, and why: of the cohort's `mentors`, how many each rule
    stopped (`capacity`: could have been theirs, but is full)."""

    mentee: Candidate
    mentors: int
    blocked: tuple[Blocked, ...]  # in HARD_RULES' order, rules that stopped no one left out


@dataclass(frozen=True)
class Cohort:
    """What a suggestion is made from: the accepted mentees and mentors, and who was paired in
    an earlier cohort, as (email, email) in either order."""

    mentees: tuple[Candidate, ...]
    mentors: tuple[Candidate, ...]
    past: frozenset[tuple[str, str]] = frozenset()


@dataclass(frozen=True)
class Suggestions:
    """The whole cohort's suggested match: the most mentees matched the rules allow, then the
    most points in all, then the weakest pair as strong as it can be."""

    pairs: tuple[Suggestion, ...]  # by mentee's email
    shortlists: dict[str, tuple[Suggestion, ...]]  # mentee's email → their best allowed mentors
    unmatched: tuple[Unmatched, ...]  # by mentee's email
    total: int
    weakest: int | None  # the fewest points of any suggested pair; None when there is none
    cohort: Cohort
    settings: MatchingSettings = field(default_factory=MatchingSettings)

    def mentor_of(self, mentee_email: str) -> Candidate | None:
        return next((s.mentor for s in self.pairs if s.mentee.email == mentee_email), None)


@dataclass(frozen=True)
class Move:
    """A mentee whose suggested mentor a swap changes (`after` None: left without one)."""

    mentee: Candidate
    before: Candidate | None
    after: Candidate | None


@dataclass(frozen=True)
class Swap:
    """What giving `mentee` the mentor `mentor` does to the whole match: the match as it would
    then be, the points and matches it loses against the suggestion it changes, and every
    mentee it moves (`mentee` first, unless they already had `mentor`)."""

    mentee: Candidate
    mentor: Candidate
    suggestions: Suggestions
    points_lost: int
    matched_lost: int
    moves: tuple[Move, ...]
