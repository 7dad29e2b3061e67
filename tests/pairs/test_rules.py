"""Check-in rules: cadence by stage, working hours, pauses, follow-ups, needs attention."""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.pairs.errors import NoPairs, PairColumnsMissing
from bot.pairs.model import Attention, CheckIn, Pair, PairMoment, PairState
from bot.pairs.rules import (
    check_pairings,
    due_moments,
    needs_attention,
    parse_stage,
    pending_moments,
    quiet_after,
    quiet_from,
)
from bot.participants.errors import ImportRejected
from bot.programme_file import load_programme
from bot.scheme import SHIPPED_PROGRAMME, BankHolidays, CheckIns, PulseSettings
from bot.worktime import Calendar, Whereabouts, working_calendar

UK = ZoneInfo("Europe/London")
LONDON = Whereabouts("Europe/London")
RULES = CheckIns()
QUIET_DAYS = quiet_after(PulseSettings(), RULES)
CALENDAR = Calendar(
    time(9),
    time(17, 30),
    frozenset({date(2025, 12, 25), date(2025, 12, 26), date(2026, 4, 3)}),
    UK,
)


def uk(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UK).astimezone(UTC)


def active(stage: str = "enabling_growth", accepted: str = "2026-01-05 10:00") -> Pair:
    return Pair(
        1,
        10,
        20,
        "active",
        stage,  # type: ignore[arg-type]
        uk("2026-01-02 10:00"),
        mentor_accepted_at=uk("2026-01-02 11:00"),
        mentee_accepted_at=uk(accepted),
    )


def state(
    pair: Pair,
    *checkins: CheckIn,
    last_meeting: date | None = None,
    paused_until: date | None = None,
    places: tuple[Whereabouts, ...] = (LONDON, LONDON),
) -> PairState:
    return PairState(pair, list(checkins), last_meeting, paused_until, places)


def sent(
    number: int, at: str, answer: str | None = None, followed_up: str | None = None
) -> CheckIn:
    return CheckIn(
        number,
        1,
        number,
        uk(at),
        uk(at),
        answer,  # type: ignore[arg-type]
        uk(at) + timedelta(hours=1) if answer else None,
        uk(followed_up) if followed_up else None,
    )


# Working time -------------------------------------------------------------------------------


def test_a_nudge_due_in_working_hours_goes_at_once() -> None:
    assert CALENDAR.working_time(uk("2026-01-07 10:15"), [Whereabouts("Europe/London")]) == uk(
        "2026-01-07 10:15"
    )


def test_a_nudge_due_in_the_evening_waits_for_nine_the_next_working_morning() -> None:
    assert CALENDAR.working_time(uk("2026-01-07 17:30"), [Whereabouts("Europe/London")]) == uk(
        "2026-01-08 09:00"
    )
    assert CALENDAR.working_time(uk("2026-01-08 07:00"), [Whereabouts("Europe/London")]) == uk(
        "2026-01-08 09:00"
    )


def test_no_nudges_at_weekends_or_on_bank_holidays() -> None:
    assert CALENDAR.working_time(uk("2026-01-10 11:00"), [Whereabouts("Europe/London")]) == uk(
        "2026-01-12 09:00"
    )  # Saturday
    assert CALENDAR.working_time(uk("2025-12-24 18:00"), [Whereabouts("Europe/London")]) == uk(
        "2025-12-29 09:00"
    )  # Christmas
    assert CALENDAR.working_time(uk("2026-04-03 10:00"), [Whereabouts("Europe/London")]) == uk(
        "2026-04-06 09:00"
    )  # Good Friday


def test_working_hours_are_each_recipients_own_and_both_must_be_at_work() -> None:
    # 09:30 in London is 04:30 in New York: wait until 09:00 there, 14:00 in London.
    assert CALENDAR.working_time(
        uk("2026-01-07 09:30"), [Whereabouts("Europe/London"), Whereabouts("America/New_York")]
    ) == uk("2026-01-07 14:00")


def test_working_hours_follow_the_clock_change() -> None:
    # Monday 30 March 2026, the day after the clocks went forward: 09:00 BST is 08:00 UTC.
    assert CALENDAR.working_time(
        uk("2026-03-28 12:00"), [Whereabouts("Europe/London")]
    ) == datetime(2026, 3, 30, 8, tzinfo=UTC)


def test_people_whose_days_never_overlap_are_nudged_in_the_first_ones_hours() -> None:
    at = CALENDAR.working_time(
        uk("2026-01-07 18:00"), [Whereabouts("Europe/London"), Whereabouts("Pacific/Kiritimati")]
    )
    assert at.astimezone(UK).time() >= time(9) and at.astimezone(UK).time() < time(17, 30)


# Cadence and what comes next --------------------------------------------------------------------


def test_the_first_check_in_comes_a_cadence_after_both_accepted() -> None:
    preparing = state(active("preparing"))
    assert pending_moments(preparing, RULES, CALENDAR, uk("2026-01-05 10:00")) == [
        PairMoment(1, "check_in", uk("2026-01-12 10:00"))
    ]
    growing = state(active("enabling_growth"))
    assert pending_moments(growing, RULES, CALENDAR, uk("2026-01-05 10:00"))[0].at == uk(
        "2026-01-19 10:00"
    )


def test_an_unanswered_check_in_gets_one_follow_up_before_the_next_check_in() -> None:
    asked = state(active(), sent(1, "2026-01-19 10:00"))
    assert pending_moments(asked, RULES, CALENDAR, uk("2026-01-19 10:00")) == [
        PairMoment(1, "follow_up", uk("2026-01-22 10:00")),
        PairMoment(1, "check_in", uk("2026-02-02 10:00")),
    ]
    followed = state(active(), sent(1, "2026-01-19 10:00", followed_up="2026-01-22 10:00"))
    assert [m.kind for m in pending_moments(followed, RULES, CALENDAR, uk("2026-01-22 10:00"))] == [
        "check_in"
    ]
    answered = state(active(), sent(1, "2026-01-19 10:00", answer="yes"))
    assert [m.kind for m in pending_moments(answered, RULES, CALENDAR, uk("2026-01-19 11:00"))] == [
        "check_in"
    ]


def test_a_check_in_made_but_never_confirmed_sent_is_delivered_now() -> None:
    made = CheckIn(1, 1, 1, uk("2026-01-19 10:00"))
    assert pending_moments(state(active(), made), RULES, CALENDAR, uk("2026-01-19 10:05")) == [
        PairMoment(1, "deliver", uk("2026-01-19 10:00"))
    ]


def test_after_downtime_only_the_new_check_in_is_due_not_the_stale_follow_up() -> None:
    asked = state(active(), sent(1, "2026-01-19 10:00"))
    assert due_moments([asked], RULES, CALENDAR, uk("2026-02-03 10:00")) == [
        PairMoment(1, "check_in", uk("2026-02-02 10:00"))
    ]


def test_a_pause_holds_check_ins_until_the_day_it_ends() -> None:
    paused = state(
        active(), sent(1, "2026-01-19 10:00", answer="yes"), paused_until=date(2026, 3, 1)
    )
    # 1 March 2026 is a Sunday: the pair is next asked on Monday morning.
    assert pending_moments(paused, RULES, CALENDAR, uk("2026-01-20 10:00"))[0].at == uk(
        "2026-03-02 09:00"
    )


def test_a_pair_awaiting_acceptance_is_nudged_once_and_an_ended_pair_never() -> None:
    awaiting = Pair(1, 10, 20, "awaiting", "preparing", uk("2026-01-02 10:00"))
    assert pending_moments(state(awaiting), RULES, CALENDAR, uk("2026-01-02 10:00")) == [
        PairMoment(1, "acceptance_nudge", uk("2026-01-07 10:00"))
    ]
    nudged = Pair(
        1,
        10,
        20,
        "awaiting",
        "preparing",
        uk("2026-01-02 10:00"),
        acceptance_nudged_at=uk("2026-01-07 10:00"),
    )
    assert pending_moments(state(nudged), RULES, CALENDAR, uk("2026-01-08 10:00")) == []
    ended = Pair(
        1, 10, 20, "ended", "preparing", uk("2026-01-02 10:00"), ended_at=uk("2026-01-03 10:00")
    )
    assert pending_moments(state(ended), RULES, CALENDAR, uk("2026-01-08 10:00")) == []


# Needs attention --------------------------------------------------------------------------------


def test_not_yet_twice_in_a_row_needs_attention_but_once_does_not() -> None:
    once = state(
        active(),
        sent(1, "2026-01-19 10:00", "yes"),
        sent(2, "2026-02-02 10:00", "not_yet"),
        last_meeting=date(2026, 1, 26),
    )
    assert needs_attention(once, RULES, QUIET_DAYS, CALENDAR, uk("2026-02-03 10:00")) is None
    twice = state(
        active(),
        sent(1, "2026-01-19 10:00", "not_yet"),
        sent(2, "2026-02-02 10:00", "not_yet"),
        last_meeting=date(2026, 1, 26),
    )
    assert needs_attention(twice, RULES, QUIET_DAYS, CALENDAR, uk("2026-02-03 10:00")) == Attention(
        "not_yet", 2
    )


def test_thirty_working_days_without_a_meeting_need_attention_from_the_next_working_day() -> None:
    """Six weeks of check-ins are thirty working days: from Wednesday 7 January to Tuesday 17
    February, so the team hears on Wednesday 18 at the start of the day."""
    assert QUIET_DAYS == 30
    quiet = state(active(), last_meeting=date(2026, 1, 6))
    assert needs_attention(quiet, RULES, QUIET_DAYS, CALENDAR, uk("2026-02-17 17:00")) is None
    assert needs_attention(quiet, RULES, QUIET_DAYS, CALENDAR, uk("2026-02-18 09:00")) == Attention(
        "quiet", 6
    )


def test_not_yet_in_a_row_is_the_reason_given_before_weeks_without_a_meeting() -> None:
    both = state(
        active(),
        sent(1, "2026-01-19 10:00", "not_yet"),
        sent(2, "2026-02-02 10:00", "not_yet"),
    )
    assert needs_attention(both, RULES, QUIET_DAYS, CALENDAR, uk("2026-02-17 12:00")) == Attention(
        "not_yet", 2
    )


def test_weeks_without_a_meeting_are_counted_whole() -> None:
    quiet = state(active(), last_meeting=date(2026, 1, 6))
    assert needs_attention(quiet, RULES, QUIET_DAYS, CALENDAR, uk("2026-02-24 10:00")) == Attention(
        "quiet", 7
    )


def test_a_paused_pair_is_not_flagged_for_not_meeting() -> None:
    paused = state(active(), last_meeting=date(2026, 1, 6), paused_until=date(2026, 3, 1))
    assert needs_attention(paused, RULES, QUIET_DAYS, CALENDAR, uk("2026-02-20 10:00")) is None


def test_a_paused_pair_is_not_flagged_for_its_not_yets_until_the_pause_ends() -> None:
    not_yet_twice = (sent(1, "2026-01-19 10:00", "not_yet"), sent(2, "2026-02-02 10:00", "not_yet"))
    paused = state(active(), *not_yet_twice, paused_until=date(2026, 3, 1))
    assert needs_attention(paused, RULES, QUIET_DAYS, CALENDAR, uk("2026-02-17 12:00")) is None
    assert needs_attention(paused, RULES, QUIET_DAYS, CALENDAR, uk("2026-02-28 23:59")) is None
    assert needs_attention(
        paused, RULES, QUIET_DAYS, CALENDAR, uk("2026-03-01 00:00")
    ) == Attention("not_yet", 2)


def test_a_pair_still_quiet_when_its_pause_ends_is_flagged_again_that_day() -> None:
    paused = state(active(), last_meeting=date(2026, 1, 6), paused_until=date(2026, 3, 2))
    assert needs_attention(paused, RULES, QUIET_DAYS, CALENDAR, uk("2026-03-01 23:59")) is None
    assert needs_attention(
        paused, RULES, QUIET_DAYS, CALENDAR, uk("2026-03-02 09:00")
    ) == Attention("quiet", 7)


# Quiet pairs: working days in each member's nation ---------------------------------------------

ENGLAND = Whereabouts("Europe/London", "england")
SCOTLAND = Whereabouts("Europe/London", "scotland")


@functools.cache
def shipped_calendar() -> Calendar:
    """The shipped programme's: each UK nation's bank holidays."""
    return working_calendar(load_programme(SHIPPED_PROGRAMME))


def never_met(
    *places: Whereabouts, last_meeting: date | None = None, paused: date | None = None
) -> PairState:
    began = uk("2025-11-17 10:00")
    pair = Pair(7, 10, 20, "active", "preparing", began, began, began)
    return PairState(pair, [], last_meeting, paused, places)


def test_a_pair_is_quiet_after_its_working_days_each_counted_in_their_nation() -> None:
    """Met on Tuesday 30 December; two working days on: for the English, Wednesday 31 and Friday
    2 January (New Year's Day is off), so the team hears on Monday; a Scot has 2 January off as
    well, and no alarm is raised before their second working day, Monday 5, has passed."""
    calendar = shipped_calendar()
    english = never_met(ENGLAND, ENGLAND, last_meeting=date(2025, 12, 30))
    assert quiet_from(english, 2, calendar) == uk("2026-01-05 09:00")
    with_a_scot = never_met(ENGLAND, SCOTLAND, last_meeting=date(2025, 12, 30))
    assert quiet_from(with_a_scot, 2, calendar) == uk("2026-01-06 09:00")
    assert needs_attention(with_a_scot, RULES, 2, calendar, uk("2026-01-05 16:00")) is None
    assert needs_attention(with_a_scot, RULES, 2, calendar, uk("2026-01-06 09:00")) == Attention(
        "quiet", 1
    )


def test_a_pair_that_never_met_counts_from_when_it_began_and_none_counts_while_paused() -> None:
    """Thirty working days from Monday 17 November end on 31 December (Christmas Day and Boxing
    Day are not counted), and New Year's Day is a holiday: six calendar weeks would have said
    so on 29 December, over the holidays."""
    calendar = shipped_calendar()
    quiet = never_met(ENGLAND, ENGLAND)
    assert quiet_from(quiet, 30, calendar) == uk("2026-01-02 09:00")
    assert needs_attention(quiet, RULES, 30, calendar, uk("2025-12-29 12:00")) is None
    assert needs_attention(quiet, RULES, 30, calendar, uk("2026-01-02 09:00")) == Attention(
        "quiet", 6
    )
    paused = never_met(ENGLAND, ENGLAND, paused=date(2026, 1, 12))
    assert needs_attention(paused, RULES, 30, calendar, uk("2026-01-08 10:00")) is None
    assert quiet_from(paused, 30, calendar) == uk("2026-01-12 09:00")
    assert needs_attention(paused, RULES, 30, calendar, uk("2026-01-12 09:00")) == Attention(
        "quiet", 7
    )


def test_counting_working_days_skips_weekends_and_each_nation_s_bank_holidays() -> None:
    calendar = shipped_calendar()
    assert calendar.working_day_after(date(2026, 1, 16), 1, "england") == date(2026, 1, 19)
    assert calendar.working_day_after(date(2025, 12, 24), 1, "england") == date(2025, 12, 29)
    assert calendar.working_day_after(date(2025, 12, 31), 1, "england") == date(2026, 1, 2)
    assert calendar.working_day_after(date(2025, 12, 31), 1, "scotland") == date(2026, 1, 5)


def test_the_working_days_are_the_pulse_section_s_or_the_check_ins_weeks_five_a_week() -> None:
    assert quiet_after(PulseSettings(), CheckIns()) == 30
    assert (
        quiet_after(PulseSettings(), CheckIns(attention_without_meeting=timedelta(weeks=4))) == 20
    )
    assert quiet_after(PulseSettings(quiet_after_working_days=12), CheckIns()) == 12


def test_stage_names_people_type() -> None:
    assert parse_stage("Enabling Growth") == "enabling_growth"
    assert parse_stage("negotiation") == "negotiation"
    assert parse_stage("closure") == "coming_to_closure"
    assert parse_stage("2") == "negotiation"
    assert parse_stage("dancing") is None


def test_no_check_ins_once_the_scheme_is_over() -> None:
    ending = Calendar(time(9), time(17, 30), frozenset(), UK, last_day=date(2026, 9, 30))
    answered = state(active(), sent(1, "2026-09-14 10:00", answer="yes"))
    assert pending_moments(answered, RULES, ending, uk("2026-09-14 11:00"))[0].at == uk(
        "2026-09-28 10:00"
    )
    last = state(active(), sent(1, "2026-09-28 10:00", answer="yes"))
    assert pending_moments(last, RULES, ending, uk("2026-09-28 11:00")) == []


def test_four_working_hours_skip_the_evening_the_weekend_and_bank_holidays() -> None:
    assert CALENDAR.after_working_hours(uk("2026-01-07 10:00"), 4) == uk("2026-01-07 14:00")
    assert CALENDAR.after_working_hours(uk("2026-01-09 16:00"), 4) == uk(
        "2026-01-12 11:30"
    )  # Friday → Monday
    assert CALENDAR.after_working_hours(uk("2026-01-10 11:00"), 4) == uk(
        "2026-01-12 13:00"
    )  # raised on Saturday
    assert CALENDAR.after_working_hours(uk("2025-12-24 15:00"), 4) == uk(
        "2025-12-29 10:30"
    )  # Christmas


def test_a_pairings_file_without_its_columns_or_without_pairs_is_refused() -> None:
    with pytest.raises(ImportRejected) as no_columns:
        check_pairings("mentor,mentee\ngrace@example.org,sunita@example.org\n", [], set())
    assert no_columns.value.problems == [PairColumnsMissing(1)]
    with pytest.raises(ImportRejected) as no_pairs:
        check_pairings("mentor_email,mentee_email\n,\n", [], set())
    assert no_pairs.value.problems == [NoPairs(None)]


# Each nation's bank holidays ----------------------------------------------------------------------

SHIPPED = working_calendar(load_programme(SHIPPED_PROGRAMME))
GLASGOW = Whereabouts("Europe/London", "scotland")
BELFAST = Whereabouts("Europe/London", "northern_ireland")
CARDIFF = Whereabouts("Europe/London", "wales")
LEEDS = Whereabouts("Europe/London", "england")


def test_someone_in_glasgow_is_not_nudged_on_st_andrews_day() -> None:
    # St Andrew's Day fell on a Sunday in 2025: Scotland's holiday was Monday 1 December.
    monday = uk("2025-12-01 10:00")
    assert SHIPPED.working_time(monday, [GLASGOW]) == uk("2025-12-02 09:00")
    assert SHIPPED.working_time(monday, [LEEDS]) == monday


def test_someone_in_belfast_is_not_nudged_on_the_twelfth_or_st_patricks_day() -> None:
    # The Twelfth fell on a Sunday in 2026: Northern Ireland's holiday was Monday 13 July.
    assert SHIPPED.working_time(uk("2026-07-13 10:00"), [BELFAST]) == uk("2026-07-14 09:00")
    assert SHIPPED.working_time(uk("2026-03-17 10:00"), [BELFAST]) == uk("2026-03-18 09:00")
    assert SHIPPED.working_time(uk("2026-03-17 10:00"), [CARDIFF]) == uk("2026-03-17 10:00")


def test_each_nations_summer_bank_holiday_is_its_own() -> None:
    # Scotland's is the first Monday of August; England, Wales and Northern Ireland's the last.
    assert SHIPPED.working_time(uk("2026-08-03 10:00"), [GLASGOW]) == uk("2026-08-04 09:00")
    assert SHIPPED.working_time(uk("2026-08-03 10:00"), [LEEDS]) == uk("2026-08-03 10:00")
    assert SHIPPED.working_time(uk("2026-08-31 10:00"), [GLASGOW]) == uk("2026-08-31 10:00")
    assert SHIPPED.working_time(uk("2026-08-31 10:00"), [CARDIFF]) == uk("2026-09-01 09:00")


def test_a_pair_across_two_nations_is_nudged_when_both_are_at_work() -> None:
    assert SHIPPED.working_time(uk("2025-12-01 10:00"), [LEEDS, GLASGOW]) == uk("2025-12-02 09:00")


def test_someone_whose_nation_is_unknown_keeps_the_programmes() -> None:
    assert SHIPPED.working_time(uk("2026-08-31 10:00"), [LONDON]) == uk("2026-09-01 09:00")


def test_the_programme_file_adds_days_off_and_keeps_bank_holidays_as_working_days() -> None:
    shipped = load_programme(SHIPPED_PROGRAMME)
    changed = shipped.model_copy(
        update={"bank_holidays": BankHolidays(add=[date(2026, 1, 7)], remove=[date(2026, 8, 3)])}
    )
    calendar = working_calendar(changed)
    assert calendar.working_time(uk("2026-01-07 10:00"), [GLASGOW]) == uk("2026-01-08 09:00")
    assert calendar.working_time(uk("2026-08-03 10:00"), [GLASGOW]) == uk("2026-08-03 10:00")
    assert BankHolidays.model_validate([date(2026, 1, 7)]).add == [date(2026, 1, 7)]


# The last working time before a deadline --------------------------------------------------------

NEW_YORK = Whereabouts("America/New_York")


def test_a_deadline_inside_working_hours_keeps_its_moment() -> None:
    at = uk("2026-01-07 10:15")
    assert CALENDAR.last_working_time_before(at, [LONDON]) == at


def test_a_deadline_after_hours_moves_to_the_end_of_that_working_day() -> None:
    assert CALENDAR.last_working_time_before(uk("2026-01-07 18:00"), [LONDON]) == uk(
        "2026-01-07 17:29"
    )
    assert CALENDAR.last_working_time_before(uk("2026-01-07 17:30"), [LONDON]) == uk(
        "2026-01-07 17:29"
    )


def test_a_deadline_at_the_weekend_or_before_mondays_hours_moves_back_to_friday() -> None:
    friday = uk("2026-01-09 17:29")
    assert CALENDAR.last_working_time_before(uk("2026-01-10 11:00"), [LONDON]) == friday
    assert CALENDAR.last_working_time_before(uk("2026-01-11 23:00"), [LONDON]) == friday
    assert CALENDAR.last_working_time_before(uk("2026-01-12 08:59"), [LONDON]) == friday


def test_a_deadline_on_or_after_a_bank_holiday_moves_back_past_it() -> None:
    assert CALENDAR.last_working_time_before(uk("2026-04-04 12:00"), [LONDON]) == uk(
        "2026-04-02 17:29"
    )
    assert CALENDAR.last_working_time_before(uk("2025-12-27 10:00"), [LONDON]) == uk(
        "2025-12-24 17:29"
    )


def test_a_deadline_moves_back_past_the_persons_own_nations_bank_holiday() -> None:
    monday = uk("2025-12-01 10:00")
    assert SHIPPED.last_working_time_before(monday, [GLASGOW]) == uk("2025-11-28 17:29")
    assert SHIPPED.last_working_time_before(monday, [LEEDS]) == monday
    assert SHIPPED.last_working_time_before(monday, [LEEDS, GLASGOW]) == uk("2025-11-28 17:29")


def test_a_deadline_moves_back_to_hours_in_each_persons_own_zone() -> None:
    # 12:00 in London is 07:00 in New York: their last working minute was 17:29 the day before.
    noon = uk("2026-01-07 12:00")
    assert CALENDAR.last_working_time_before(noon, [NEW_YORK]) == uk("2026-01-06 22:29")
    assert CALENDAR.last_working_time_before(noon, [LONDON, NEW_YORK]) == uk("2026-01-06 17:29")


def test_the_baselines_reminder_two_days_before_closing_moves_back_into_fridays_hours() -> None:
    friday_night = datetime(2025, 11, 28, 23, tzinfo=UTC)
    assert SHIPPED.last_working_time_before(friday_night, [LEEDS]) == uk("2025-11-28 17:29")
