"""What a person may ask about, and who may answer: pure rules, with literal dates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.events.model import EventSchedule
from bot.events.rules import file_schedule
from bot.programme_file import load_programme
from bot.requests.model import RequestStatus, Step
from bot.requests.rules import MOVES, askable, can_act, event_problem, first_status, progress
from bot.scheme import SHIPPED_PROGRAMME

PROGRAMME = load_programme(SHIPPED_PROGRAMME)
SCHEDULES = {e.id: file_schedule(PROGRAMME, e) for e in PROGRAMME.events}
LAUNCH, NETWORKING = PROGRAMME.event("launch"), PROGRAMME.event("networking-jan-2026")


def ids(role: str, now: datetime, schedules: dict[str, EventSchedule] = SCHEDULES) -> list[str]:
    return [c.event.id for c in askable(PROGRAMME.events, schedules, role, now)]


def test_a_person_may_ask_about_their_own_events_not_yet_over_in_calendar_order() -> None:
    assert ids("mentee", datetime(2025, 11, 4, 12, tzinfo=UTC)) == [
        "launch",
        "networking-jan-2026",
        "ukio-2026",
        "final-celebration",
    ], "the mentees' training ended at 11:30; the mentors' is not theirs"
    assert ids("mentor", datetime(2025, 11, 4, 12, tzinfo=UTC))[0] == "training-mentors"


def test_an_event_may_be_asked_about_until_it_ends() -> None:
    during = datetime(2025, 11, 13, 14, 59, tzinfo=UTC)  # the launch runs 11:00–15:00 GMT
    assert "launch" in ids("mentee", during)
    assert "launch" not in ids("mentee", during + timedelta(minutes=1))


def test_a_date_the_team_set_counts_rather_than_the_files() -> None:
    starts = datetime(2026, 1, 21, 10, tzinfo=UTC)
    moved = SCHEDULES | {
        "networking-jan-2026": EventSchedule(
            "networking-jan-2026", starts, starts + timedelta(hours=1)
        )
    }
    assert ids("mentee", datetime(2026, 1, 21, 11, tzinfo=UTC), moved) == [
        "ukio-2026",
        "final-celebration",
    ]


def test_accommodation_and_travel_need_a_face_to_face_event_and_an_adjustment_needs_none() -> None:
    assert LAUNCH is not None and NETWORKING is not None
    assert event_problem("adjustment", None) is None
    assert event_problem("adjustment", NETWORKING) is None
    for kind in ("accommodation", "travel"):
        assert event_problem(kind, None) == "needed"  # type: ignore[arg-type]
        assert event_problem(kind, NETWORKING) == "not_face_to_face"  # type: ignore[arg-type]
        assert event_problem(kind, LAUNCH) is None  # type: ignore[arg-type]


def test_accommodation_waits_for_an_approver_in_slack_and_the_rest_go_to_the_team() -> None:
    assert first_status("accommodation", approver_in_slack=True) == "awaiting_approval"
    assert first_status("accommodation", approver_in_slack=False) == "open"
    assert first_status("adjustment", approver_in_slack=True) == "open"
    assert first_status("travel", approver_in_slack=True) == "open"


@pytest.mark.parametrize(
    ("status", "step", "refusal"),
    [
        ("open", "acknowledge", None),
        ("open", "resolve", None),
        ("acknowledged", "resolve", None),
        ("acknowledged", "acknowledge", "already_acknowledged"),
        ("awaiting_approval", "approve", None),
        ("awaiting_approval", "decline", None),
        ("awaiting_approval", "acknowledge", "awaiting_approval"),
        ("awaiting_approval", "resolve", "awaiting_approval"),
        ("open", "approve", "not_for_approval"),
        ("acknowledged", "decline", "not_for_approval"),
        ("resolved", "resolve", "already_done"),
        ("approved", "decline", "already_done"),
        ("declined", "approve", "already_done"),
    ],
)
def test_which_step_may_follow_which(status: RequestStatus, step: Step, refusal: str) -> None:
    assert can_act(status, step) == refusal
    if refusal is None:
        assert status in MOVES[step][0], "what the rule allows, the stored move allows"


def test_a_later_status_is_never_shown_as_an_earlier_one() -> None:
    assert progress("open") == progress("awaiting_approval") == 0
    assert progress("acknowledged") == 1
    assert progress("resolved") == progress("approved") == progress("declined") == 2
