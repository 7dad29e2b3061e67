"""The outcomes report's decisions, with literal numbers: the signed-rank test and its effect
size, the median change and its quartiles, which questions pair up, and which figures are
hidden, the subtraction case included."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.outcomes.errors import UnknownQuestion
from bot.outcomes.model import (
    ALL,
    EVERYONE,
    FITS,
    ROLES,
    Change,
    ChangeRow,
    Completion,
    CountTable,
    FitAnswer,
    Goals,
    Meetings,
    PairedAnswer,
    PairRecord,
    PulseAnswer,
    Role,
    SignedRank,
    Suppressed,
)
from bot.outcomes.rules import (
    count_table,
    goals_of,
    median_and_quartiles,
    meetings_of,
    outcomes_report,
    paired_questions,
    question_changes,
    rank_biserial,
    signed_rank_test,
    suppress,
)
from tests.outcomes.cohort import BASELINE, EVENTS, FINAL, cohort, moves


def test_the_signed_rank_test_of_ten_distinct_changes_is_exact() -> None:
    # Ranks 1-9 rose, rank 10 fell: T- = 10. Of the 1,024 ways the signs could fall, 43 give a
    # rank sum of 10 or less, so p = 2 x 43 / 1024.
    test = signed_rank_test([1, 2, 3, 4, 5, 6, 7, 8, 9, -10])

    assert test == SignedRank(
        differences=10, statistic=10.0, p_value=0.083984375, effect_size=35 / 55
    )


def test_no_change_is_left_out_and_tied_changes_share_their_rank() -> None:
    # Three zeros dropped; ten changes of size 1 share rank 5.5: T+ = 44, T- = 11. With ties, the
    # p-value is exact over the sign patterns: two or fewer falls (or rises) in ten, 2 x 56 / 1024.
    test = signed_rank_test([0, 0, 0] + [1] * 8 + [-1] * 2)

    assert test == SignedRank(differences=10, statistic=11.0, p_value=0.109375, effect_size=0.6)


def test_past_thirteen_tied_changes_the_test_is_the_normal_approximation_corrected_for_ties() -> (
    None
):
    # Fifteen changes of size 1, rank 8 each: T- = 24, mean 60, variance 15·16·31/24 − (15³ − 15)/48
    # = 240, so z = (24 − 60) / √240 = −2.3238 and p = 2Φ(z) = 0.020137.
    test = signed_rank_test([1] * 12 + [-1] * 3)

    assert test is not None
    assert (test.differences, test.statistic, test.effect_size) == (15, 24.0, 0.6)
    assert test.p_value == pytest.approx(0.020137, abs=1e-6)


def test_fewer_than_ten_changes_are_too_few_to_test() -> None:
    assert signed_rank_test([0] * 20 + [1] * 7 + [-1] * 2) is None


def test_the_effect_size_is_the_matched_pairs_rank_biserial_correlation() -> None:
    # |changes| 2, 2, 1, 1, 3 rank 3.5, 3.5, 1.5, 1.5, 5; rises hold 13.5 of the 15, the fall 1.5.
    assert rank_biserial([2, 2, -1, 1, 3, 0]) == pytest.approx(0.8)
    assert rank_biserial([-1, -2, -3]) == -1.0


def test_the_median_change_and_its_quartiles() -> None:
    assert median_and_quartiles([-1, 0, 0, 1, 1, 1, 2, 2, 3, 4]) == (0.25, 1.0, 2.0)
    assert median_and_quartiles([3, 1, 2, 4]) == (1.75, 2.5, 3.25)


def test_the_questions_asked_on_the_same_scale_at_the_start_and_the_end_pair_up() -> None:
    paired = paired_questions(BASELINE, FINAL)

    assert [q.id for q in paired] == [
        "leadership-confidence",
        "mentoring-confidence",
        "events-value",
    ]
    assert paired[0].text.startswith("How confident do you feel")  # as the baseline asks it


def test_a_group_of_ten_or_more_is_summarised_and_tested_if_enough_answers_moved() -> None:
    rose = moves("mentee", "events-value", (6, 2, 3), (2, 2, 4), (3, 3, 3), (1, 4, 3))
    changes = question_changes(EVENTS.model_copy(update={"audience": "mentees"}), rose)

    assert changes.rows == (
        ChangeRow(
            "mentee",
            Change(
                people=12,
                baseline_median=2.0,
                final_median=3.0,
                median=1.0,
                lower_quartile=0.0,
                upper_quartile=1.0,
                test=None,  # nine answers moved: too few to test
            ),
        ),
    )


def test_a_role_under_ten_is_hidden_and_so_is_the_other_role_everyone_would_give_away() -> None:
    mentees = moves("mentee", "events-value", (15, 2, 3))
    mentors = moves("mentor", "events-value", (7, 3, 4))

    rows = question_changes(EVENTS, mentees + mentors).rows

    assert [(row.group, row.result) for row in rows[:2]] == [
        ("mentee", Suppressed("reveals_another")),
        ("mentor", Suppressed("under_ten")),
    ]
    assert rows[2].group == EVERYONE and isinstance(rows[2].result, Change)
    assert rows[2].result.people == 22


def test_a_total_less_its_shown_part_is_the_subtraction_suppression_prevents() -> None:
    assert suppress(
        {"mentees": 15, "mentors": 7, "all": 22}, [("all", ["mentees", "mentors"])]
    ) == {
        "mentors": "under_ten",
        "mentees": "reveals_another",
    }
    assert (
        suppress({"mentees": 15, "mentors": 12, "all": 27}, [("all", ["mentees", "mentors"])]) == {}
    )


def test_a_small_count_in_a_table_is_hidden_with_the_fewest_others_that_keep_it_hidden() -> None:
    fits: Counter[tuple[Role, str]] = Counter(
        {
            ("mentee", "good_fit"): 15,
            ("mentee", "not_sure_yet"): 12,
            ("mentee", "not_a_good_fit"): 3,
            ("mentor", "good_fit"): 20,
            ("mentor", "not_sure_yet"): 11,
            ("mentor", "not_a_good_fit"): 12,
        }
    )

    table = count_table(fits, FITS)

    # The 3 is hidden; across its row and down its column, subtraction would give it back, and
    # then the cells hidden to stop that would be given back in turn: a rectangle of four stops it.
    assert shown(table) == [
        ["mentee", 15, "reveals_another", "under_ten", 30],
        ["mentor", 20, "reveals_another", "reveals_another", 43],
        ["everyone", 35, 23, 15, 73],
    ]


def test_an_empty_table_hides_every_count() -> None:
    table = count_table(Counter(), FITS)

    assert all(isinstance(c.count, Suppressed) for c in table.cells)
    assert table.count(EVERYONE, ALL) == Suppressed("under_ten")


def shown(table: CountTable) -> list[list[object]]:
    return [
        [group]
        + [
            c.reason if isinstance(c := table.count(group, category), Suppressed) else c
            for category in (*table.categories, ALL)
        ]
        for group in table.groups
    ]


@settings(deadline=None, max_examples=50)  # a linear program per step: never a timed test
@given(
    st.lists(st.integers(min_value=0, max_value=30), min_size=2 * len(FITS), max_size=2 * len(FITS))
)
def test_no_shown_count_is_under_ten_and_no_hidden_one_is_alone_in_its_sum(
    counts: list[int],
) -> None:
    """Whatever the counts: every count under ten is hidden, and no row or column (with its
    total) has exactly one hidden count, which its total less the rest would give back."""
    keys = [(role, fit) for role in ROLES for fit in FITS]
    table = count_table(Counter(dict(zip(keys, counts, strict=True))), FITS)
    for cell in table.cells:
        if not isinstance(cell.count, Suppressed):
            assert cell.count >= 10
    rows = [[(g, c) for c in (*FITS, ALL)] for g in table.groups]
    columns = [[(g, c) for g in table.groups] for c in (*FITS, ALL)]
    for line in rows + columns:
        hidden = [cell for cell in line if isinstance(table.count(*cell), Suppressed)]
        assert len(hidden) != 1, line


def test_goals_and_meetings_need_ten_pairs() -> None:
    pairs = [PairRecord(goals_set=3, goals_achieved=1, meetings=m) for m in range(4, 13)]

    assert goals_of(pairs) == Suppressed("under_ten")
    assert meetings_of(pairs) == Suppressed("under_ten")
    pairs.append(PairRecord(goals_set=2, goals_achieved=2, meetings=20))
    assert goals_of(pairs) == Goals(pairs=10, set=29, achieved=11)
    assert meetings_of(pairs) == Meetings(pairs=10, median=8.5, least=4, most=20)


def test_answers_to_a_question_not_asked_at_both_ends_are_refused() -> None:
    data = cohort(paired=(PairedAnswer("mentee", "hopes", 2, 4),))

    with pytest.raises(UnknownQuestion) as refused:
        outcomes_report(data, BASELINE, FINAL)

    assert refused.value.known == ("leadership-confidence", "mentoring-confidence", "events-value")


def test_the_report_counts_completion_fit_and_pulse_by_role() -> None:
    data = cohort(
        completions=tuple(Completion("mentee", n < 12) for n in range(14))
        + tuple(Completion("mentor", True) for _ in range(13)),
        fits=tuple(FitAnswer("mentee", "good_fit") for _ in range(14))
        + tuple(FitAnswer("mentee", "not_sure_yet") for _ in range(10))
        + tuple(FitAnswer("mentor", "good_fit") for _ in range(11))
        + tuple(FitAnswer("mentor", "not_sure_yet") for _ in range(10)),
        pulses=tuple(PulseAnswer("mentee", 4) for _ in range(10)),
    )

    report = outcomes_report(data, BASELINE, FINAL)

    # 2 mentees did not complete: the 25 who did would give them away, and each role's
    # completed count would give the other's away.
    assert shown(report.completion) == [
        ["mentee", "reveals_another", "under_ten", 14],
        ["mentor", "reveals_another", "under_ten", 13],
        ["everyone", "reveals_another", "under_ten", 27],
    ]
    # Nobody said "not a good fit": those zeros are hidden, and so is "not sure yet", which
    # each row's whole would otherwise give them away by.
    assert shown(report.fit) == [
        ["mentee", 14, "reveals_another", "under_ten", 24],
        ["mentor", 11, "reveals_another", "under_ten", 21],
        ["everyone", 25, "reveals_another", "under_ten", 45],
    ]
    assert report.pulse.count(EVERYONE, ALL) == 10
    assert [q.question.id for q in report.changes] == [
        "leadership-confidence",
        "mentoring-confidence",
        "events-value",
    ]


def test_hidden_counts_that_add_up_to_nothing_are_hidden_from_their_sum_too() -> None:
    """All eleven answers are one mentor's "good fit": the mentors' 11 beside everyone's 11 would
    say that no mentor answered otherwise and that no mentee answered, which tells each one's
    answer, though no sum has a single hidden count."""
    table = count_table(Counter({("mentor", "good_fit"): 11}), FITS)

    assert shown(table) == [
        ["mentee", "under_ten", "under_ten", "under_ten", "under_ten"],
        ["mentor", "reveals_another", "under_ten", "under_ten", "reveals_another"],
        ["everyone", "reveals_another", "under_ten", "under_ten", 11],
    ]


def test_what_goes_in_cannot_carry_a_name() -> None:
    with pytest.raises(ValueError):
        PairedAnswer("Sunita Rao", "leadership-confidence", 2, 4)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        FitAnswer("mentee", "Grace is lovely")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        PulseAnswer("mentor", 9)
    with pytest.raises(ValueError):
        PairRecord(goals_set=1, goals_achieved=2, meetings=3)
