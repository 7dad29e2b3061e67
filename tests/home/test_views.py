"""The Home and the console at any size: inside Block Kit's limits (100 blocks a view, 3,000
characters a section), and never cut off silently (a list too long says how many more)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from slack_sdk.models.views import View

from bot.concerns.model import Concern, ConcernEvent
from bot.concerns.service import AlertView
from bot.evaluations.notices import ResultsForTeam
from bot.evaluations.service import MyForm
from bot.events.model import EventSchedule
from bot.events.rules import file_schedule
from bot.events.service import Attendance, MyCalendar, MyEvent
from bot.goals.model import Boundaries, Goal, ProgressStep
from bot.goals.rules import BOUNDARY_MAX, HOW_KNOWN_MAX, MAX_GOALS, WHAT_MAX
from bot.goals.service import MyGoals
from bot.pairs.checkins import PairSummary
from bot.pairs.model import Attention, Meeting, Pair
from bot.pairs.rules import MEETING_TOPICS_MAX
from bot.pairs.service import PairView
from bot.participants.model import COLUMNS, Participant
from bot.programme_file import load_programme
from bot.requests.model import Request, RequestEvent
from bot.requests.service import RequestView
from bot.scheme import MOST_MENTEES, SHIPPED_PROGRAMME
from handlers.views import console as console_view
from handlers.views import events as events_view
from handlers.views import home as home_view
from handlers.views import participants as participants_view
from handlers.views.hub import Console, Mine, MyPair, Said
from tests.cast import APPROVER, TEAM_LEAD
from tests.seen import words

PROGRAMME = load_programme(SHIPPED_PROGRAMME)
NOW = datetime(2026, 1, 5, 10, tzinfo=UTC)
MANY = 2000


def fits(view: View) -> None:
    blocks = view.to_dict()["blocks"]
    assert len(blocks) <= 100, f"{len(blocks)} blocks"
    for block in blocks:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= 3000


def person(n: int) -> Participant:
    return Participant(n, f"Person {n}", f"p{n}@example.nhs.uk", "mentee", f"U{n:08d}")


def events(count: int) -> MyCalendar:
    first = PROGRAMME.events[0]
    mine = []
    for n in range(count):
        event = first.model_copy(update={"id": f"event-{n}"})
        start = NOW + timedelta(days=n + 1)
        mine.append(
            MyEvent(event, EventSchedule(event.id, start, start + timedelta(hours=2)), None)
        )
    return MyCalendar("Europe/London", mine)


def busy_pair(n: int = 1) -> PairView:
    pair = Pair(n, 1, n + 1, "active", "enabling_growth", NOW, NOW, NOW)
    meetings = [Meeting(1, NOW.date(), 60, "&" * MEETING_TOPICS_MAX) for _ in range(MANY)]
    return PairView(pair, person(1), person(n + 1), meetings, NOW)


def busy_goals(n: int = 1) -> MyGoals:
    """Five goals and the boundaries, typed at their longest (every character one that escaping
    makes five), each goal answered at every check-in of a long scheme."""
    story = tuple(ProgressStep("under_way", NOW) for _ in range(20))
    goals = [
        Goal(n, 1, n, "&" * WHAT_MAX, "&" * HOW_KNOWN_MAX, NOW.date(), 5, 9, "changed", story)
        for n in range(1, MAX_GOALS + 1)
    ]
    return MyGoals(busy_pair(n).pair, goals, Boundaries(*["&" * BOUNDARY_MAX] * 3))


def test_a_participants_home_fits_with_many_events_long_goals_and_many_meetings() -> None:
    forms = [MyForm(form, 3, 8, "in_progress") for form in PROGRAMME.evaluations.forms]
    mine_pair = MyPair(busy_pair(), NOW + timedelta(days=7), busy_goals())
    mine = Mine(events(MANY), (mine_pair,), forms, None)
    view = home_view.home_view(mine, PROGRAMME, NOW, [])
    fits(view)
    assert f"And {MANY - events_view.EVENTS_SHOWN} more" in words(view)


def test_a_mentors_home_fits_with_the_most_mentees_each_with_long_goals() -> None:
    forms = [MyForm(form, 3, 8, "in_progress") for form in PROGRAMME.evaluations.forms]
    pairs = tuple(
        MyPair(busy_pair(n), NOW + timedelta(days=7), busy_goals(n))
        for n in range(1, MOST_MENTEES + 1)
    )
    view = home_view.home_view(Mine(events(MANY), pairs, forms, None), PROGRAMME, NOW, [])
    fits(view)
    assert words(view).count("Your learning goals") == MOST_MENTEES


def test_the_console_fits_with_thousands_of_concerns_pairs_and_events() -> None:
    alerts = [
        AlertView(Concern(n, n, None, "command", "words", NOW), f"Person {n}", [])
        for n in range(1, MANY + 1)
    ]
    pairs = [
        PairSummary(
            "M" * 300,
            "m" * 300,
            Pair(n, n, n + 1, "active", "preparing", NOW),
            None,
            2,
            Attention("quiet", 4),
            [],
        )
        for n in range(1, MANY + 1)
    ]
    attendance = [Attendance(e.event, e.schedule, ["a"] * MANY, [], []) for e in events(40).events]
    results = [
        ResultsForTeam(PROGRAMME.evaluations.forms[0], MANY, MANY, 10, (), False, NOW)
        for _ in range(30)
    ]
    console = Console(alerts, pairs, attendance, {"mentor": MANY, "mentee": MANY}, results)
    mine = Mine(None, (), [], None)
    view = home_view.home_view(
        mine, PROGRAMME, NOW, console_view.console_blocks(console, PROGRAMME, NOW)
    )
    fits(view)
    shown = words(view)
    for more in (
        f"{MANY - 8} more concerns",
        f"{MANY - 8} more pairs",
        "32 more events",
        "22 more forms",
    ):
        assert more in shown
    fits(events_view.who_modal(attendance[0]))
    assert f"{MANY - 50} more" in words(events_view.who_modal(attendance[0]))


def test_the_import_form_lists_exactly_the_columns_the_importer_reads() -> None:
    modal = participants_view.import_modal("participants")
    shown = " ".join(
        b["text"]["text"] for b in modal["blocks"] if b["type"] == "section" and "text" in b
    )
    assert (
        "the columns name, email, role (role: mentor or mentee), and optionally slack_id, about, "
        "nation." in shown
    )
    assert all(column in shown for column in COLUMNS)
    assert "slack_user_id" not in shown and "language" not in shown, "the importer reads neither"


def decided(n: int, status: str, at: datetime) -> RequestView:
    """Request #n for accommodation at the launch, and its last step `at`."""
    request = Request(n, n, "accommodation", "launch", "words", "event", NOW, status)  # type: ignore[arg-type]
    history = [RequestEvent(n, "asked", "U1", NOW), RequestEvent(n, status, APPROVER, at)]
    return RequestView(request, f"Person {n}", history[: 1 if status == "awaiting_approval" else 2])


def test_a_team_members_and_approvers_home_fits_with_a_note_said_where_they_pressed() -> None:
    yesterday, today = NOW - timedelta(days=1), NOW - timedelta(minutes=5)
    approvals = [
        decided(1, "approved", yesterday),
        decided(2, "declined", today),
        *(decided(n, "awaiting_approval", NOW) for n in range(3, MANY)),
    ]
    alerts = [
        AlertView(Concern(n, n, None, "command", "words", NOW), f"Person {n}", [])
        for n in range(1, MANY + 1)
    ]
    results = [
        ResultsForTeam(PROGRAMME.evaluations.forms[0], 3, 2, 1, (), False, NOW) for _ in range(30)
    ]
    console = Console(alerts, [], [], {}, results)
    said = Said(f"console:form:{results[0].form.id}", "On its way.")
    mine = Mine(None, (), [], None, on_team=True, approvals=approvals)
    blocks = console_view.console_blocks(console, PROGRAMME, NOW)
    view = home_view.home_view(mine, PROGRAMME, NOW, blocks, said)
    fits(view)
    shown = words(view)
    assert "You are on the project team" in shown and "On its way." in shown
    assert "*#1*" not in shown, "decided yesterday: no longer listed"
    assert "*#2*" in shown and "You declined this request." in shown
    assert f"And {MANY - 3 - 9} more: each is in our DM" in shown


def test_a_concern_resolved_today_stays_in_its_place_and_yesterdays_is_gone() -> None:
    def resolved(n: int, at: datetime) -> AlertView:
        concern = Concern(n, n, None, "command", "words", NOW, status="resolved")
        return AlertView(concern, None, [ConcernEvent(n, "resolved", TEAM_LEAD, at)])

    alerts = [
        AlertView(Concern(3, 3, None, "command", "words", NOW), None, []),
        resolved(2, NOW - timedelta(minutes=1)),
        resolved(1, NOW - timedelta(days=1)),
    ]
    console = Console(alerts, [], [], {}, [])
    lines = [
        b.to_dict()["text"]["text"]
        for b in console_view.console_blocks(console, PROGRAMME, NOW)
        if b.to_dict()["type"] == "section"
    ]
    concerns = [line.split(" · ")[0] for line in lines if line.startswith("Concern #")]
    assert concerns == ["Concern #3", "Concern #2"]


def test_events_that_have_taken_place_are_counted_not_listed_with_buttons() -> None:
    def attended(event_id: str) -> Attendance:
        event = next(e for e in PROGRAMME.events if e.id == event_id)
        return Attendance(event, file_schedule(PROGRAMME, event), [], [], ["a"])

    tbc = next(e for e in PROGRAMME.events if e.is_tbc)
    attendance = [
        attended("launch"),
        Attendance(tbc, EventSchedule(tbc.id, None, None), [], [], []),
        attended("final-celebration"),
    ]
    console = Console([], [], attendance, {}, [])
    blocks = [b.to_dict() for b in console_view.console_blocks(console, PROGRAMME, NOW)]
    shown = words(blocks)
    rows = {b.get("block_id") for b in blocks}  # an event listed has a row of its own
    assert "LMS Launch" not in shown and "console:event:launch" not in rows
    assert f"console:event:{tbc.id}" in rows and "console:event:final-celebration" in rows
    assert "1 event has taken place: `/mentoring team events` shows its replies." in shown
