"""The goals' rules with plain data: when a pair may set them, what a row and the boundaries may
hold, which goal a check-in asks about next, the closing confidence, and the team's counts."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.errors import TooLong
from bot.goals.errors import (
    ConfidenceOutOfRange,
    GoalsInNegotiation,
    GoalWithoutWords,
    NotClosing,
    TooManyGoals,
)
from bot.goals.model import Boundaries, Goal, GoalCounts, GoalDraft, Progress
from bot.goals.rules import (
    HOW_KNOWN_MAX,
    WHAT_MAX,
    asks_about_goals,
    checked_boundaries,
    checked_goals,
    closing_confidence,
    counts,
    goal_to_ask,
    may_set_goals,
)
from bot.pairs.errors import NotStarted
from bot.pairs.model import Pair
from bot.scheme import Stage

NOW = datetime(2026, 1, 5, 10, tzinfo=UTC)


def pair(stage: Stage = "negotiation", status: str = "active") -> Pair:
    return Pair(1, 10, 20, status, stage, NOW)  # type: ignore[arg-type]


def goal(goal_id: int, position: int, progress: Progress = "not_started", pair_id: int = 1) -> Goal:
    return Goal(goal_id, pair_id, position, f"goal {position}", progress=progress)


def test_goals_are_set_by_a_started_pair_in_negotiation_and_nowhere_else() -> None:
    may_set_goals(pair("negotiation"))
    with pytest.raises(NotStarted):
        may_set_goals(pair("preparing", status="awaiting"))
    for elsewhere in ("preparing", "enabling_growth", "coming_to_closure"):
        with pytest.raises(GoalsInNegotiation) as refused:
            may_set_goals(pair(elsewhere))  # type: ignore[arg-type]
        assert refused.value.stage == elsewhere


def test_each_row_with_words_is_a_goal_in_its_place_and_empty_rows_are_none() -> None:
    rows = [
        GoalDraft("  Chair a team meeting ", " my manager says so ", date(2026, 6, 30), 4),
        None,
        GoalDraft(""),
        GoalDraft("Publish a case study"),
    ]

    assert checked_goals(rows) == {
        1: GoalDraft("Chair a team meeting", "my manager says so", date(2026, 6, 30), 4),
        4: GoalDraft("Publish a case study"),
    }
    assert checked_goals([]) == {}


def test_a_row_without_words_but_with_anything_else_is_refused_beside_its_words() -> None:
    for row in (GoalDraft("", how_known="x"), GoalDraft(" ", by_when=date(2026, 6, 1))):
        with pytest.raises(GoalWithoutWords) as refused:
            checked_goals([None, None, row])
        assert refused.value.field == "what_3"
    with pytest.raises(GoalWithoutWords):
        checked_goals([GoalDraft("", confidence_start=5)])


def test_too_long_too_many_and_a_confidence_outside_one_to_ten_are_refused() -> None:
    with pytest.raises(TooLong) as long_words:
        checked_goals([GoalDraft("x" * (WHAT_MAX + 1))])
    assert long_words.value.field == "what_1"
    with pytest.raises(TooLong) as long_how:
        checked_goals([None, GoalDraft("x", "y" * (HOW_KNOWN_MAX + 1))])
    assert long_how.value.field == "how_known_2"
    for score in (0, 11):
        with pytest.raises(ConfidenceOutOfRange) as out:
            checked_goals([GoalDraft("x", confidence_start=score)])
        assert (out.value.field, out.value.given) == ("confidence_1", score)
    with pytest.raises(TooManyGoals):
        checked_goals([GoalDraft("x")] * 6)


def test_boundaries_are_kept_stripped_and_each_within_its_length() -> None:
    assert checked_boundaries(Boundaries(" Tuesdays ", "", " Slack ")) == Boundaries(
        "Tuesdays", "", "Slack"
    )
    with pytest.raises(TooLong) as refused:
        checked_boundaries(Boundaries(topics="x" * 1001))
    assert refused.value.field == "topics"


def test_only_enabling_growth_check_ins_ask_about_a_goal() -> None:
    assert asks_about_goals("enabling_growth")
    assert not any(asks_about_goals(s) for s in ("preparing", "negotiation", "coming_to_closure"))


def test_check_ins_ask_about_one_goal_at_a_time_in_turn_and_round_again() -> None:
    goals = [goal(11, 1), goal(12, 2), goal(13, 3)]

    asked = []
    last = None
    for _ in range(4):
        chosen = goal_to_ask(goals, last)
        assert chosen is not None
        asked.append(chosen.position)
        last = chosen.id
    assert asked == [1, 2, 3, 1]


def test_achieved_goals_are_skipped_and_a_pair_with_none_open_is_asked_about_none() -> None:
    goals = [goal(11, 1), goal(12, 2, "achieved"), goal(13, 4, "changed")]

    assert [goal_to_ask(goals, last) for last in (None, 11, 13)] == [goals[0], goals[2], goals[0]]
    assert goal_to_ask([goal(11, 1, "achieved")], 11) is None
    assert goal_to_ask([], None) is None


def test_a_goal_asked_about_last_that_has_gone_starts_the_round_again() -> None:
    assert goal_to_ask([goal(12, 2), goal(13, 3)], last_asked=11) == goal(12, 2)


def test_the_closing_confidence_is_given_in_coming_to_closure_from_one_to_ten() -> None:
    assert closing_confidence(pair("coming_to_closure"), "confidence_end_1", 8) == 8
    with pytest.raises(NotClosing):
        closing_confidence(pair("enabling_growth"), "confidence_end_1", 8)
    with pytest.raises(ConfidenceOutOfRange) as out:
        closing_confidence(pair("coming_to_closure"), "confidence_end_2", 0)
    assert out.value.field == "confidence_end_2"


def test_the_team_counts_goals_and_pairs_and_never_reads_them() -> None:
    goals = [
        goal(1, 1, "under_way"),
        goal(2, 2, "achieved"),
        goal(3, 1, "achieved", pair_id=2),
        goal(4, 2, "changed", pair_id=2),
        goal(5, 1, pair_id=3),
    ]

    assert counts(goals) == GoalCounts(pairs=3, set=5, under_way=1, achieved=2)
    assert counts([]) == GoalCounts(0, 0, 0, 0)
