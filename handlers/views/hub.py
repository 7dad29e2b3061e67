"""What the Home and the console are drawn from, shared by every feature's section of them: each
feature's view offers its own sections (`home_section`, `console_section`), and
handlers/views/home.py and handlers/views/console.py compose them in the order they declare."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from slack_sdk.models.blocks import Block

from bot.applications.model import Application
from bot.applications.service import MyApplication
from bot.certificates.model import Certificate
from bot.certificates.service import Progress
from bot.cohorts.service import Retained
from bot.concerns.service import AlertView
from bot.evaluations.notices import ResultsForTeam
from bot.evaluations.service import MyForm
from bot.events.service import Attendance, MyCalendar
from bot.goals.model import GoalCounts
from bot.goals.service import MyGoals
from bot.matching.working import Match
from bot.pairs.checkins import PairSummary
from bot.pairs.service import PairView
from bot.pulse.model import PulseCounts
from bot.reflections.model import ReflectionCounts
from bot.reflections.service import MyReflections
from bot.requests.model import Request
from bot.requests.service import RequestView
from bot.scheme import Nation, Programme
from handlers.i18n import ENGLISH
from handlers.views.common import note

# Each console list shows this many before saying how many more there are and where to see them
# all, which keeps the whole Home inside Slack's 100 blocks at any size.
SHOWN = 8


@dataclass(frozen=True)
class MyPair:
    """One of the person's pairs as their Home shows it: a mentee has one, a mentor one to
    three; once none is current, the last they had, so they see that it ended."""

    view: PairView
    next_check_in: datetime | None = None
    # Its goals and boundaries; None: not read, or the pair has not started.
    goals: MyGoals | None = None
    # Their reflection at the close, and whether their partner has written theirs; None: not
    # read.
    reflections: MyReflections | None = None


@dataclass(frozen=True)
class Mine:
    """What the Home shows one person, read when it is drawn."""

    calendar: MyCalendar | None  # None: not on the scheme
    pairs: tuple[MyPair, ...]  # none: not paired yet
    forms: list[MyForm]
    public_url: str | None  # where the deployment serves calendar files and feeds, if anywhere
    requests: list[Request] = field(default_factory=list)  # their own, newest first
    nation: Nation | None = None  # whose bank holidays they keep (None: the programme's)
    language: str = ENGLISH  # the language they read
    on_team: bool = False  # the console follows their Home
    # The requests that came to them for a decision; None: they are not the approver.
    approvals: list[RequestView] | None = None
    # Applying to the cohort, and their application if they have one; None: not read.
    application: MyApplication | None = None
    # Their certificate once they have completed, or how far they are; None: not on the scheme.
    certificate: Certificate | Progress | None = None
    cpd: bool = False  # their CPD record has something in it


@dataclass(frozen=True)
class Said:
    """What a press led to, said on the Home right under the block pressed (`block_id`), so the
    person sees it where they are looking: a file on its way, then arrived."""

    block_id: str
    text: str


@dataclass(frozen=True)
class Console:
    alerts: list[AlertView]
    pairs: list[PairSummary]
    attendance: list[Attendance]
    counts: dict[str, int]
    results: list[ResultsForTeam]
    requests: list[Request] = field(default_factory=list)
    answered_at: dict[int, datetime] = field(default_factory=dict)  # by request, once answered
    applications: list[Application] = field(default_factory=list)  # to the cohort, any status
    match: Match | None = None  # the steering group's; None: no applications
    completed: list[Certificate] = field(default_factory=list)  # who completed the scheme
    goals: GoalCounts | None = None  # the cohort's goals, counted (never their words)
    pulse: PulseCounts | None = None  # how pairings are going, counted; None: not read
    reflections: ReflectionCounts | None = None  # who reflected at the close, counted
    retention: list[Retained] = field(default_factory=list)  # when each cohort's data goes


def today(at: datetime | None, programme: Programme, now: datetime) -> bool:
    """Whether `at` falls on today, in the programme's zone."""
    zone = programme.zone
    return at is not None and at.astimezone(zone).date() == now.astimezone(zone).date()


def more_note(total: int, words: str) -> list[Block]:
    """`words` say how many more ({n}) there are than the list shows, and where to see them."""
    if total <= SHOWN:
        return []
    return [note(words.format(n=total - SHOWN))]
