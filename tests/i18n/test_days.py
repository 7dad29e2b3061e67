"""A day in a sentence that says when: "on Monday 5 October 2026", and in Welsh the day mutated
after "ar" and written mid-sentence ("ar ddydd Llun 5 Hydref 2026"), never "ar Dydd Llun"."""

from __future__ import annotations

from datetime import date, timedelta

from bot.outcomes.rules import outcomes_report
from handlers.i18n import ENGLISH, WELSH, day, in_language, on_day, until_day
from handlers.views.outcomes import words
from handlers.views.pairs.replies import paused_reply
from tests.outcomes.cohort import BASELINE, FINAL, FULL

MONDAY = date(2026, 10, 5)
WEEK = [MONDAY + timedelta(days=n) for n in range(7)]


def test_a_day_after_on_is_written_as_each_language_joins_them() -> None:
    with in_language(ENGLISH):
        assert on_day(MONDAY) == "on Monday 5 October 2026"
        assert [on_day(d) for d in WEEK] == [f"on {day(d)}" for d in WEEK]
    with in_language(WELSH):
        assert on_day(MONDAY) == "ar ddydd Llun 5 Hydref 2026"
        assert [on_day(d).split()[:3] for d in WEEK] == [
            ["ar", "ddydd", name]
            for name in ("Llun", "Mawrth", "Mercher", "Iau", "Gwener", "Sadwrn", "Sul")
        ]


def test_the_outcomes_report_says_in_welsh_which_day_it_was_made_with_the_day_mutated() -> None:
    report = outcomes_report(FULL, BASELINE, FINAL)
    assert report.made_on == MONDAY
    with in_language(WELSH):
        made = words.subtitle(report)[-1]
    assert made == "Lluniwyd ar ddydd Llun 5 Hydref 2026"
    with in_language(ENGLISH):
        assert words.subtitle(report)[-1] == "Made on Monday 5 October 2026"


def test_a_day_after_until_is_written_as_each_language_joins_them() -> None:
    with in_language(ENGLISH):
        assert until_day(MONDAY) == "until Monday 5 October 2026"
    with in_language(WELSH):
        assert [until_day(d).split()[:3] for d in WEEK] == [
            ["tan", "ddydd", name]
            for name in ("Llun", "Mawrth", "Mercher", "Iau", "Gwener", "Sadwrn", "Sul")
        ]


def test_a_pause_and_a_meeting_s_reflection_say_their_day_mutated_in_welsh() -> None:
    with in_language(WELSH):
        assert "wedi'u hoedi tan ddydd Llun 5 Hydref 2026" in paused_reply(MONDAY)
    with in_language(ENGLISH):
        assert "paused until Monday 5 October 2026." in paused_reply(MONDAY)
