"""When reminders fall and which are due: pure rules, literal datetimes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.events.model import EventSchedule, iso_duration
from bot.events.rules import (
    calendar_order,
    current_schedules,
    due_reminders,
    file_schedule,
    in_audience,
    reminder_moments,
    upcoming_reminder_times,
)
from bot.programme_file import load_programme
from bot.scheme import SHIPPED_PROGRAMME

UK = ZoneInfo("Europe/London")
WEEK, DAY, HOUR = timedelta(days=7), timedelta(days=1), timedelta(hours=1)
OFFSETS = [WEEK, DAY, HOUR]


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def event_at(start: datetime, hours: int = 1, event_id: str = "launch") -> EventSchedule:
    return EventSchedule(event_id, start, start + timedelta(hours=hours))


def test_the_shipped_launch_is_at_eleven_uk_time_which_is_eleven_utc_in_november() -> None:
    programme = load_programme(SHIPPED_PROGRAMME)
    launch = file_schedule(programme, programme.event("launch"))  # type: ignore[arg-type]
    assert launch.starts_at == utc(2025, 11, 13, 11, 0)
    assert launch.ends_at == utc(2025, 11, 13, 15, 0)


def test_a_briefing_in_british_summer_time_is_an_hour_earlier_in_utc() -> None:
    programme = load_programme(SHIPPED_PROGRAMME)
    briefing = file_schedule(programme, programme.event("expectations-mentees"))  # type: ignore[arg-type]
    assert briefing.starts_at == utc(2025, 10, 21, 9, 0)


def test_tbc_events_have_no_schedule_and_no_reminders() -> None:
    programme = load_programme(SHIPPED_PROGRAMME)
    january = file_schedule(programme, programme.event("networking-jan-2026"))  # type: ignore[arg-type]
    assert january.is_tbc
    assert reminder_moments([january], OFFSETS, UK) == []


def test_reminders_fall_a_week_a_day_and_an_hour_before() -> None:
    moments = reminder_moments([event_at(utc(2025, 11, 13, 11))], OFFSETS, UK)
    assert [m.at for m in moments] == [
        utc(2025, 11, 6, 11),
        utc(2025, 11, 12, 11),
        utc(2025, 11, 13, 10),
    ]
    assert [m.key for m in moments] == [
        "reminder:launch:20251113T1100Z:P7D",
        "reminder:launch:20251113T1100Z:P1D",
        "reminder:launch:20251113T1100Z:PT1H",
    ]


def test_a_week_before_keeps_the_uk_clock_time_across_the_october_change() -> None:
    # 27 Oct 2025 10:00 GMT; the clocks went back on 26 Oct. A week before is 20 Oct 10:00 BST.
    moments = reminder_moments([event_at(utc(2025, 10, 27, 10))], OFFSETS, UK)
    week, day, hour = (m.at for m in moments)
    assert week == utc(2025, 10, 20, 9) and week.astimezone(UK).hour == 10
    assert day == utc(2025, 10, 26, 10) and day.astimezone(UK).hour == 10
    assert hour == utc(2025, 10, 27, 9)


def test_a_week_before_keeps_the_uk_clock_time_across_the_march_change() -> None:
    # 2 Apr 2026 10:00 BST (09:00 UTC); the clocks went forward on 29 Mar. A week before is 10:00 GMT.
    moments = reminder_moments([event_at(utc(2026, 4, 2, 9))], OFFSETS, UK)
    week, day, hour = (m.at for m in moments)
    assert week == utc(2026, 3, 26, 10) and week.astimezone(UK).hour == 10
    assert day == utc(2026, 4, 1, 9)
    assert hour == utc(2026, 4, 2, 8)


def test_only_the_latest_due_reminder_is_due_so_a_late_start_does_not_send_the_week_before_one() -> (
    None
):
    launch = event_at(utc(2025, 11, 13, 11))
    assert [m.offset for m in due_reminders([launch], OFFSETS, UK, utc(2025, 11, 6, 11))] == [WEEK]
    assert [m.offset for m in due_reminders([launch], OFFSETS, UK, utc(2025, 11, 12, 15))] == [DAY]
    assert [m.offset for m in due_reminders([launch], OFFSETS, UK, utc(2025, 11, 13, 10, 59))] == [
        HOUR
    ]


def test_nothing_is_due_before_the_first_reminder_or_once_the_event_has_begun() -> None:
    launch = event_at(utc(2025, 11, 13, 11))
    assert due_reminders([launch], OFFSETS, UK, utc(2025, 11, 6, 10, 59)) == []
    assert due_reminders([launch], OFFSETS, UK, utc(2025, 11, 13, 11)) == []


def test_the_scheduler_is_only_told_of_moments_still_to_come() -> None:
    launch = event_at(utc(2025, 11, 13, 11))
    upcoming = upcoming_reminder_times([launch], OFFSETS, UK, utc(2025, 11, 12, 11))
    assert [m.offset for m in upcoming] == [HOUR]


def test_audiences() -> None:
    assert in_audience("mentee", "mentees") and in_audience("mentor", "mentors")
    assert in_audience("mentor", "everyone") and in_audience("mentee", "everyone")
    assert not in_audience("mentor", "mentees") and not in_audience("mentee", "mentors")


def test_offsets_read_as_iso_durations() -> None:
    assert [iso_duration(o) for o in (WEEK, DAY, HOUR, timedelta(minutes=90))] == [
        "P7D",
        "P1D",
        "PT1H",
        "PT1H30M",
    ]


def test_a_date_change_notice_covers_day_scale_reminders_within_a_day_but_not_the_hour_before_one() -> (
    None
):
    from bot.events.rules import covered_by_change_notice

    moved = event_at(utc(2025, 11, 14, 11))
    # Told on 6 Nov 12:00: the week-before reminder (7 Nov 11:00) would only repeat the news.
    assert [
        m.offset for m in covered_by_change_notice(moved, OFFSETS, UK, utc(2025, 11, 6, 12))
    ] == [WEEK]
    # Told the evening before: the day-before one is covered, the hour-before nudge still goes.
    assert [
        m.offset for m in covered_by_change_notice(moved, OFFSETS, UK, utc(2025, 11, 13, 18))
    ] == [WEEK, DAY]
    # Told a month ahead: nothing is covered.
    assert covered_by_change_notice(moved, OFFSETS, UK, utc(2025, 10, 14, 12)) == []


def test_before_anything_is_stored_every_event_is_as_the_file_says() -> None:
    programme = load_programme(SHIPPED_PROGRAMME)
    schedules = current_schedules(programme, {}, {})
    assert list(schedules) == [e.id for e in programme.events]
    assert schedules["launch"].starts_at == utc(2025, 11, 13, 11, 0)
    assert schedules["networking-jan-2026"].is_tbc


def test_a_date_the_team_set_holds_until_the_file_itself_changes_that_event() -> None:
    programme = load_programme(SHIPPED_PROGRAMME)
    launch = programme.event("launch")
    assert launch is not None
    in_file = file_schedule(programme, launch)
    moved = event_at(utc(2025, 11, 20, 11))
    assert current_schedules(programme, {"launch": moved}, {"launch": in_file})["launch"] == moved
    older_file = event_at(utc(2025, 11, 6, 11))
    edited = current_schedules(programme, {"launch": moved}, {"launch": older_file})
    assert edited["launch"] == in_file


def test_an_event_still_to_be_confirmed_is_in_the_calendar_where_the_programme_expects_it() -> None:
    programme = load_programme(SHIPPED_PROGRAMME)
    schedules = {e.id: file_schedule(programme, e) for e in programme.events}
    order = calendar_order(programme.events, schedules)
    in_order = sorted((e.id for e in programme.events), key=order.__getitem__)
    assert in_order[-3:] == ["networking-jan-2026", "ukio-2026", "final-celebration"]


def test_a_date_set_for_a_tbc_event_puts_it_at_that_date() -> None:
    programme = load_programme(SHIPPED_PROGRAMME)
    schedules = {e.id: file_schedule(programme, e) for e in programme.events}
    schedules["networking-jan-2026"] = event_at(utc(2026, 10, 1), event_id="networking-jan-2026")
    order = calendar_order(programme.events, schedules)
    in_order = sorted((e.id for e in programme.events), key=order.__getitem__)
    assert in_order[-3:] == ["ukio-2026", "final-celebration", "networking-jan-2026"]
