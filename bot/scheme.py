"""The scheme's programme file: events, audiences, check-in cadences, the project team and
contacts, validated by pydantic (its evaluation forms are bot/programme_forms.py; reading the
file is bot/programme_file.py).

A programme is loaded once at start; a bad file is refused whole, with a message naming the file,
the field and what is wrong, so the bot never runs on half a programme.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from bot.programme_forms import Audience, EvaluationSettings, Slug, Strict

# The UK's four nations: each has its own bank holidays
Nation = Literal["england", "wales", "scotland", "northern_ireland"]
NATIONS: tuple[Nation, ...] = ("england", "wales", "scotland", "northern_ireland")
Email = Annotated[str, Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]


EventFormat = Literal["online", "face_to_face"]
SHIPPED_PROGRAMME = Path(__file__).parent / "data" / "lms-2025-26.yaml"


class ProgrammeError(Exception):
    """The programme file cannot be used; the message says where and why."""


class EventInWelsh(Strict):
    """An event's words in Welsh; what is not given stays in English."""

    title: str
    expected: str | None = None
    venue: str | None = None
    joining: str | None = None
    description: str | None = None


class Event(Strict):
    id: Slug
    title: str
    cy: EventInWelsh | None = Field(None, description="the event's words in Welsh")
    audience: Audience
    format: EventFormat
    date: date | Literal["TBC"]
    start: time | None = None
    end: time | None = None
    expected: str | None = Field(None, description="When a TBC event is expected, in words")
    venue: str | None = None
    joining: str | None = Field(None, description="How to join an online event")
    description: str | None = None
    to_confirm: bool = Field(
        False,
        description="the date was carried from the last cohort: no reminder goes until the team "
        "confirms it (in the console, with the event date command, or by removing this line)",
    )

    @model_validator(mode="after")
    def _times_fit_the_date(self) -> Event:
        if self.date == "TBC":
            if self.start or self.end:
                raise ValueError("a TBC event has no start or end time; set its date first")
            if self.to_confirm:
                raise ValueError("a TBC event has no date to confirm; remove to_confirm")
            return self
        if self.start is None or self.end is None:
            raise ValueError(
                "an event with a date needs a start and an end time (HH:MM, in the programme's time zone)"
            )
        if self.end <= self.start:
            raise ValueError(f"end {self.end:%H:%M} is not after start {self.start:%H:%M}")
        if self.format == "face_to_face" and not self.venue:
            raise ValueError("a face-to-face event needs a venue")
        return self

    @property
    def is_tbc(self) -> bool:
        return self.date == "TBC"

    def in_language(self, language: str) -> Event:
        """The event as a reader of `language` sees it (English where no Welsh is given)."""
        if language != "cy" or self.cy is None:
            return self
        given = {k: v for k, v in self.cy.model_dump().items() if v is not None}
        return self.model_copy(update=given)


class TeamMember(Strict):
    name: str
    email: Email
    slack_id: str | None = None


class ProjectTeam(Strict):
    members: list[TeamMember] = Field(min_length=1)
    private_channel: str = Field(description="The team's private channel id (C…) or name")
    lead: Email | None = None


class Approver(Strict):
    """Who decides a kind of request: named in the file, checked when they press Approve."""

    name: str
    email: Email
    role: str | None = Field(None, description="their title, as the person asking is told it")
    role_cy: str | None = Field(None, description="the same, in Welsh")
    slack_id: str | None = Field(None, description="without it they are asked outside Slack")

    def role_in(self, language: str) -> str | None:
        return self.role_cy if language == "cy" and self.role_cy else self.role


class Approvals(Strict):
    accommodation: Approver | None = Field(
        None, description="approves accommodation requests; none named: the project team decides"
    )


class Contacts(Strict):
    reasonable_adjustments: Email
    project_team: Email | None = None


class Reminders(Strict):
    offsets: list[timedelta] = Field(min_length=1, description="ISO 8601 durations, e.g. P7D, PT1H")

    @field_validator("offsets")
    @classmethod
    def _positive_and_distinct(cls, offsets: list[timedelta]) -> list[timedelta]:
        if any(o <= timedelta(0) for o in offsets):
            raise ValueError(
                "every reminder offset must be a positive duration such as P7D or PT1H"
            )
        if len(set(offsets)) != len(offsets):
            raise ValueError("reminder offsets must be different from each other")
        return sorted(offsets, reverse=True)


Stage = Literal["preparing", "negotiation", "enabling_growth", "coming_to_closure"]
STAGES: tuple[Stage, ...] = ("preparing", "negotiation", "enabling_growth", "coming_to_closure")
MOST_MENTEES = 3  # a mentor has one to three mentees at once; a mentee has one mentor


class WorkingHours(Strict):
    start: time = time(9, 0)
    end: time = time(17, 30)

    @model_validator(mode="after")
    def _a_real_day(self) -> WorkingHours:
        if self.end <= self.start:
            raise ValueError(f"end {self.end:%H:%M} is not after start {self.start:%H:%M}")
        return self


class CheckIns(Strict):
    cadence: dict[Stage, timedelta] = {
        "preparing": timedelta(days=7),
        "negotiation": timedelta(days=7),
        "enabling_growth": timedelta(days=14),
        "coming_to_closure": timedelta(days=14),
    }
    follow_up_after: timedelta = timedelta(days=3)
    acceptance_nudge_after: timedelta = timedelta(days=5)
    working_hours: WorkingHours = WorkingHours()
    attention_after_not_yet: int = Field(
        2, ge=1, description="this many 'Not yet' answers in a row"
    )
    attention_without_meeting: timedelta = timedelta(weeks=6)

    @field_validator("cadence")
    @classmethod
    def _every_stage(cls, cadence: dict[Stage, timedelta]) -> dict[Stage, timedelta]:
        missing = [s for s in STAGES if s not in cadence]
        if missing:
            raise ValueError(f"give a cadence for every stage; missing: {', '.join(missing)}")
        if any(c < timedelta(days=1) for c in cadence.values()):
            raise ValueError("a check-in cadence must be at least a day (P1D)")
        return cadence


class Alerts(Strict):
    escalate_after_working_hours: float = Field(
        4, gt=0, description="unacknowledged this long: post again, mention the lead"
    )
    low_score_at_most: int = Field(
        2, description="an evaluation scale answer this low raises an automatic notice"
    )
    low_score_questions: list[str] = Field(
        default_factory=list, description="question ids watched; empty: every scale"
    )


class BankHolidays(Strict):
    """No nudges on a person's own nation's bank holidays (from the holidays library); these
    change them for the scheme."""

    add: list[date] = Field(default_factory=list, description="more days off, for everyone")
    remove: list[date] = Field(
        default_factory=list, description="bank holidays the scheme keeps as working days"
    )

    @model_validator(mode="before")
    @classmethod
    def _a_list_adds(cls, given: object) -> object:
        """A plain list of dates (the older form of this field) adds them."""
        return {"add": given} if isinstance(given, list) else given


class Choice(Strict):
    """One of a list people choose from, with its words in English and Welsh."""

    id: Slug
    en: str
    cy: str | None = None

    def text_in(self, language: str) -> str:
        return self.cy if language == "cy" and self.cy else self.en


DEFAULT_AVAILABILITY = [
    Choice(id="weekday-daytime", en="Weekday daytimes", cy="Yn ystod y dydd ar ddiwrnodau gwaith"),
    Choice(id="weekday-evening", en="Weekday evenings", cy="Gyda'r nos ar ddiwrnodau gwaith"),
    Choice(id="weekend", en="Weekends", cy="Penwythnosau"),
]


class Applications(Strict):
    """When people may apply to the cohort, and the lists they choose from."""

    opens: datetime
    closes: datetime
    themes: list[Choice] = Field(
        min_length=1, description="leadership themes mentees want and mentors offer"
    )
    availability: list[Choice] = Field(default_factory=lambda: list(DEFAULT_AVAILABILITY))

    @model_validator(mode="after")
    def _a_real_window(self) -> Applications:
        if self.opens.tzinfo is None or self.closes.tzinfo is None:
            raise ValueError("opens and closes need a UTC offset, e.g. 2026-06-01T09:00+01:00")
        if self.closes <= self.opens:
            raise ValueError("closes must be after opens")
        for name, choices in (("themes", self.themes), ("availability", self.availability)):
            ids = [c.id for c in choices]
            if len(set(ids)) != len(ids):
                raise ValueError(f"each of {name} needs an id of its own")
        return self

    def is_open(self, now: datetime) -> bool:
        return self.opens <= now < self.closes

    def theme(self, theme_id: str) -> Choice | None:
        return next((c for c in self.themes if c.id == theme_id), None)


class PulseSettings(Strict):
    """The programme file's `pulse:` section: how the bot hears early how each pairing is going
    (bot/pulse), and when a quiet pair is flagged to the team."""

    every: timedelta = Field(
        timedelta(days=60), description="a one-question pulse this often after the first meeting"
    )
    low_at_most: int = Field(
        2, ge=1, le=4, description="a pulse answer (1 to 5) this low raises a notice to the team"
    )
    apart_by: int = Field(
        2, ge=1, le=4, description="the two answers of a pair this far apart raise a notice"
    )
    quiet_after_working_days: int | None = Field(
        None,
        ge=1,
        description="no meeting logged for this many working days (each member's nation's) "
        "flags the pair to the team; none given: checkins.attention_without_meeting in working "
        "days, five a week (P42D: 30)",
    )

    @field_validator("every")
    @classmethod
    def _at_least_a_week(cls, every: timedelta) -> timedelta:
        if every < timedelta(days=7):
            raise ValueError("a pulse comes at most once a week (P7D or more)")
        return every


# Agenda for Change's bands from 5 up, in order of seniority: 8a to 8d are bands of their own
Band = Literal["5", "6", "7", "8a", "8b", "8c", "8d", "9"]
BANDS: tuple[Band, ...] = ("5", "6", "7", "8a", "8b", "8c", "8d", "9")


class Weights(BaseModel):
    """The most points each criterion gives a pair. Whole numbers, so totals compare exactly;
    at most 100 each, so the solver's sums stay exact too."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    themes: int = Field(15, ge=0, le=100, description="the mentee's themes the mentor offers")
    seniority: int = Field(10, ge=0, le=100, description="at least min_band_gap bands apart")
    format: int = Field(10, ge=0, le=100, description="online or in person, as both would meet")
    nation: int = Field(10, ge=0, le=100, description="the same nation, where they could meet")
    profession: int = Field(5, ge=0, le=100, description="the same profession")
    availability: int = Field(10, ge=0, le=100, description="a time of the week both are free")

    def of(self, criterion: str) -> int:
        return int(getattr(self, criterion))


class MatchingSettings(BaseModel):
    """The programme file's `matching:` section: how the steering group's suggestions are
    scored (bot/matching)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    weights: Weights = Weights()
    min_band_gap: int = Field(
        1, ge=1, le=len(BANDS) - 1, description="bands between mentor and mentee for seniority"
    )


# A cohort is one run of the scheme, named by its years: 2025-26, 2026-27
FIRST_COHORT = "2025-26"
CohortId = Annotated[str, Field(pattern=r"^\d{4}-\d{2}$")]


class Programme(Strict):
    name: str
    cohort: CohortId = Field(
        FIRST_COHORT,
        description="the run of the scheme this file is for, e.g. 2026-27 (a file without "
        "one is the first, 2025-26)",
    )
    timezone: str = Field(description="the scheme's IANA time zone; events are given in it")
    project_team: ProjectTeam
    contacts: Contacts
    approvals: Approvals = Approvals()
    travel_expenses: str
    travel_expenses_cy: str | None = Field(None, description="the same, in Welsh")

    def travel_expenses_in(self, language: str) -> str:
        return (
            self.travel_expenses_cy
            if language == "cy" and self.travel_expenses_cy
            else self.travel_expenses
        )

    reminders: Reminders = Reminders(
        offsets=[timedelta(days=7), timedelta(days=1), timedelta(hours=1)]
    )
    events: list[Event] = Field(min_length=1)
    checkins: CheckIns = CheckIns()
    bank_holidays: BankHolidays = Field(
        default_factory=lambda: BankHolidays(),
        description="changes to each nation's bank holidays (no nudges on them)",
    )
    default_nation: Nation = Field(
        "england",
        description="whose bank holidays apply to the project team and to anyone whose nation "
        "is not known",
    )
    evaluations: EvaluationSettings = EvaluationSettings()
    alerts: Alerts = Alerts()
    ends_on: date | None = Field(
        None, description="No check-ins after this day; default: the last event's day"
    )
    keep_personal_data_for: str | None = Field(
        None,
        description="How long the cohort's personal data is kept after its last day (ends_on), "
        "as an ISO 8601 duration of years, months, weeks and days (P2Y: the same day two years "
        "on; P730D; P1Y6M). Past it, the bot erases every "
        "name, email, Slack id and word of the cohort's, as `participants erase` does, keeping "
        "its anonymised counts and results. The Society sets it; none: kept until the team "
        "erases it",
    )
    applications: Applications | None = Field(
        None, description="the window in which people apply to this cohort, and its lists"
    )
    matching: MatchingSettings = MatchingSettings()
    pulse: PulseSettings = PulseSettings()

    @field_validator("keep_personal_data_for")
    @classmethod
    def _a_real_time(cls, kept: str | None) -> str | None:
        if kept is None:
            return None
        if not re.fullmatch(r"P(\d+Y)?(\d+M)?(\d+W)?(\d+D)?", kept) or not any(
            c in "123456789" for c in kept
        ):
            raise ValueError(
                "give an ISO 8601 duration of at least a day, in years, months, weeks or days: "
                "P2Y, P18M, P730D"
            )
        return kept
        return kept

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, name: str) -> str:
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"unknown time zone {name!r}; use an IANA name like Europe/Dublin"
            ) from None
        return name

    @field_validator("events")
    @classmethod
    def _unique_ids(cls, events: list[Event]) -> list[Event]:
        seen: set[str] = set()
        for event in events:
            if event.id in seen:
                raise ValueError(f"two events have the id {event.id!r}; ids must be unique")
            seen.add(event.id)
        return events

    @property
    def last_day(self) -> date:
        dated = [e.date for e in self.events if isinstance(e.date, date)]
        return self.ends_on or max(dated)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def event(self, event_id: str) -> Event | None:
        return next((e for e in self.events if e.id == event_id), None)

    def local_datetime(self, day: date, at: time) -> datetime:
        """A wall-clock time in the programme's zone, as an aware datetime."""
        return datetime.combine(day, at, tzinfo=self.zone)
