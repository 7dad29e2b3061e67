"""A CPD record: each activity's type of learning, what is in the record up to now and in what
order, the hours of each type of learning, and the facts its draft statement rests on."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from bot.cpd.errors import NoActivityYet
from bot.cpd.model import Activity, AttendedEvent, CpdSources, LearningTotal, Reflection
from bot.cpd.rules import cpd_record, learning_type, reflection_text, statement_facts, totals
from bot.errors import TooLong
from bot.pairs.model import Meeting

LAUNCH = AttendedEvent(
    "LMS Launch",
    datetime(2025, 11, 13, 10, tzinfo=UTC),
    datetime(2025, 11, 13, 14, tzinfo=UTC),
    is_training=False,
)
TRAINING = AttendedEvent(
    "Pre-launch online training (mentees)",
    # 23:30 UTC on 27 October is 23:30 in London too (GMT): it falls on the 27th
    datetime(2025, 10, 27, 22, 30, tzinfo=UTC),
    datetime(2025, 10, 27, 23, 30, tzinfo=UTC),
    is_training=True,
)
# 23:30 UTC on 30 June is 00:30 on 1 July in London (BST): the event is on the 1st there
LATE_EVENT = AttendedEvent(
    "Networking at UKIO 2026",
    datetime(2026, 6, 30, 23, 30, tzinfo=UTC),
    datetime(2026, 7, 1, 1, 0, tzinfo=UTC),
    is_training=False,
)
MEETINGS = (
    Meeting(1, date(2025, 12, 1), 60, "Delegation"),
    Meeting(1, date(2026, 1, 12), 45, "rota planning"),
    Meeting(1, date(2026, 2, 9), 30, "delegation"),
)
REFLECTIONS = (
    Reflection(date(2026, 1, 12), "meeting", "I will try delegating the rota."),
    Reflection(date(2026, 6, 20), "closure", "I lead my team's huddle now."),
)
SOURCES = CpdSources(
    name="Grace Okafor",
    role="mentee",
    scheme="SoR Leadership Mentoring Scheme 2025-26",
    cohort="2025-26",
    zone="Europe/London",
    attended=(LAUNCH, TRAINING, LATE_EVENT),
    meetings=MEETINGS,
    reflections=REFLECTIONS,
)
AFTER_ALL = datetime(2026, 9, 1, 9, tzinfo=UTC)


def test_each_kind_of_activity_has_the_hcpc_type_of_learning_for_the_role() -> None:
    assert learning_type("meeting", "mentee") == "work_based"  # coaching from others
    assert learning_type("meeting", "mentor") == "professional"  # mentoring
    assert learning_type("training", "mentee") == "formal"
    assert learning_type("event", "mentor") == "professional"
    assert learning_type("reflection", "mentor") == "work_based"  # reflective practice


def test_the_record_lists_every_activity_by_date_in_the_programme_s_zone() -> None:
    record = cpd_record(SOURCES, AFTER_ALL)
    assert record.as_of == date(2026, 9, 1)
    assert [(a.on, a.kind, a.learning, a.minutes) for a in record.activities] == [
        (date(2025, 10, 27), "training", "formal", 60),
        (date(2025, 11, 13), "event", "professional", 240),
        (date(2025, 12, 1), "meeting", "work_based", 60),
        (date(2026, 1, 12), "meeting", "work_based", 45),
        (date(2026, 1, 12), "reflection", "work_based", 0),
        (date(2026, 2, 9), "meeting", "work_based", 30),
        (date(2026, 6, 20), "reflection", "work_based", 0),
        (date(2026, 7, 1), "event", "professional", 90),
    ]
    assert record.activities[0].title == "Pre-launch online training (mentees)"
    assert record.activities[3].topics == "rota planning"
    assert [a.moment for a in record.activities if a.kind == "reflection"] == ["meeting", "closure"]
    assert record.reflections == REFLECTIONS


def test_the_hours_of_each_type_of_learning_in_the_hcpc_s_order() -> None:
    record = cpd_record(SOURCES, AFTER_ALL)
    assert record.totals == (
        LearningTotal("work_based", 5, 135),
        LearningTotal("professional", 2, 330),
        LearningTotal("formal", 1, 60),
    )
    assert record.minutes == 525


def test_a_mentor_s_meetings_are_a_professional_activity_in_the_totals() -> None:
    record = cpd_record(replace(SOURCES, role="mentor", attended=(), reflections=()), AFTER_ALL)
    assert record.totals == (LearningTotal("professional", 3, 135),)


def test_what_has_not_happened_yet_is_not_in_the_record() -> None:
    # the morning of 13 January: the launch is over, the February meeting is to come
    record = cpd_record(SOURCES, datetime(2026, 1, 13, 9, tzinfo=UTC))
    assert [a.on for a in record.activities][-1] == date(2026, 1, 12)
    assert record.reflections == REFLECTIONS[:1]
    # an event still going on is not yet attended
    during_launch = cpd_record(SOURCES, datetime(2025, 11, 13, 12, tzinfo=UTC))
    assert [a.kind for a in during_launch.activities] == ["training"]


def test_a_record_with_nothing_in_it_is_refused_kindly() -> None:
    with pytest.raises(NoActivityYet):
        cpd_record(SOURCES, datetime(2025, 10, 1, tzinfo=UTC))


def test_totals_of_nothing_are_none() -> None:
    assert totals([]) == ()
    only = Activity(date(2026, 1, 1), "event", "professional", 30)
    assert totals([only, only]) == (LearningTotal("professional", 2, 60),)


def test_the_statement_rests_on_the_record_s_facts() -> None:
    facts = statement_facts(cpd_record(SOURCES, AFTER_ALL))
    assert (facts.first_day, facts.last_day) == (date(2025, 10, 27), date(2026, 7, 1))
    assert (facts.meetings, facts.meeting_minutes) == (3, 135)
    assert (facts.events, facts.trainings) == (2, 1)
    assert facts.learning == ("work_based", "professional", "formal")
    assert facts.is_mixture
    # topics once each, whatever their case, as first typed
    assert facts.topics == ("Delegation", "rota planning")
    assert facts.reflected_at_closure and facts.closure_parts == ()  # kept as one text
    assert facts.reflections_after_meetings == 1


def test_a_record_of_one_type_of_learning_is_not_a_mixture() -> None:
    only_meetings = replace(SOURCES, attended=(), reflections=())
    facts = statement_facts(cpd_record(only_meetings, AFTER_ALL))
    assert facts.learning == ("work_based",)
    assert not facts.is_mixture
    assert not facts.reflected_at_closure


def test_the_statement_names_a_few_topics_not_all() -> None:
    many = tuple(Meeting(1, date(2026, 1, day), 30, f"topic {day}") for day in range(1, 11))
    facts = statement_facts(cpd_record(replace(SOURCES, meetings=many), AFTER_ALL))
    assert facts.topics == tuple(f"topic {day}" for day in range(1, 7))


def test_a_reflection_is_kept_stripped_and_refused_whole_past_its_limit() -> None:
    assert reflection_text("meeting", "  It went well.  ") == "It went well."
    with pytest.raises(TooLong) as refused:
        reflection_text("meeting", "x" * 1001)
    assert (refused.value.limit, refused.value.length) == (1000, 1001)
    assert reflection_text("closure", "x" * 3000) == "x" * 3000
