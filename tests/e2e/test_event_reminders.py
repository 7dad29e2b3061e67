"""Event reminders, walked through the scheme's autumn as the cohort would live it."""

from __future__ import annotations

from tests.world import MENTEES, MENTORS, World, uk


def test_mentees_get_their_briefing_reminders_a_week_a_day_and_an_hour_before(world: World) -> None:
    world.add_cohort()
    world.walk_to(uk("2025-10-21 09:30"))
    texts = world.texts("USUNITA01")
    briefing = [t for t in texts if "Setting expectations briefing (mentees)" in t]
    assert [t.split(" is ")[1].split(".")[0] for t in briefing] == ["in 7 days", "tomorrow", "in 1 hour"]
    assert "Tuesday 21 October 2025, 10:00–11:00 UK time (BST)" in briefing[0]
    assert not any("(mentors)" in t for t in texts)
    assert world.files("USUNITA01") == ["expectations-mentees-202510210900.ics"]
