"""The scheme's last event is where Coming to Closure is marked together: its reminders invite
people to celebrate; no other event's do."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.events.model import EventSchedule
from bot.events.notices import EventReminder
from bot.programme_file import load_programme
from bot.scheme import SHIPPED_PROGRAMME
from handlers.i18n import in_language
from handlers.slack.rendering import render_message as render
from tests.seen import words

PROGRAMME = load_programme(SHIPPED_PROGRAMME)
STARTS = datetime(2026, 9, 17, 9, tzinfo=UTC)


def reminder(event_id: str) -> EventReminder:
    event = PROGRAMME.event(event_id)
    assert event is not None
    schedule = EventSchedule(event_id, STARTS, STARTS + timedelta(hours=6))
    return EventReminder(PROGRAMME, event, schedule, timedelta(days=7), "Europe/London", None)


def test_the_last_events_reminder_invites_people_to_celebrate_in_their_language() -> None:
    _, blocks = render(reminder("final-celebration"))
    assert "a time to celebrate what you have learned and achieved together" in words(blocks)
    with in_language("cy"):
        _, blocks = render(reminder("final-celebration"))
    assert "amser i ddathlu" in words(blocks)


def test_no_other_events_reminder_says_so() -> None:
    _, blocks = render(reminder("launch"))
    assert "celebrate" not in words(blocks)
