"""A date carried from last year, as the team sees it: in the console, waiting to be confirmed,
and in the form that confirms it, already filled in."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.events.model import EventSchedule
from bot.events.service import Attendance
from handlers.i18n import in_language
from handlers.views import events as view
from handlers.views.hub import Console
from tests.cohorts.test_service import NEXT_YEAR
from tests.seen import buttons, words

NOW = datetime(2026, 10, 1, 9, tzinfo=UTC)
LAUNCH = NEXT_YEAR.event("launch")


def console_with_the_launch() -> list:
    assert LAUNCH is not None
    waiting = Attendance(LAUNCH, EventSchedule("launch", None, None), [], [], [])
    console = Console(alerts=[], pairs=[], attendance=[waiting], counts={}, results=[])
    return view.console_section(console, NEXT_YEAR, NOW)


def test_the_console_offers_to_confirm_a_carried_date_and_says_when_it_is_expected() -> None:
    blocks = console_with_the_launch()

    assert "date to be confirmed (expected Thursday 12 November 2026)" in words(blocks)
    assert buttons(blocks)[:2] == ["Confirm date", "Who is coming"]
    with in_language("cy"):
        assert "Cadarnhau’r dyddiad" in buttons(console_with_the_launch())


def test_the_form_that_confirms_it_is_filled_in_with_last_years_day_and_times_a_year_on() -> None:
    assert LAUNCH is not None
    form = view.set_date_modal(LAUNCH, NEXT_YEAR).to_dict()

    elements = {b["block_id"]: b["element"] for b in form["blocks"] if b["type"] == "input"}
    assert elements["day"]["initial_date"] == "2026-11-12"
    assert (elements["start"]["initial_time"], elements["end"]["initial_time"]) == (
        "11:00",
        "15:00",
    )
    assert "carried from last year's date. Confirm it, or change it first." in words(form["blocks"])
