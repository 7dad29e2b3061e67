"""The matcher's decisions, case by case: each criterion's points and facts, each hard rule, the
whole cohort's match (most matched, then most points, then the weakest pair strongest), the
shortlists, why someone is left unmatched, and what a swap costs."""

from __future__ import annotations

import random

import pytest
from pydantic import ValidationError

from bot.matching.errors import NotInCohort, SwapBreaksRule
from bot.matching.model import (
    Band,
    BandGap,
    Blocked,
    Formats,
    MatchingSettings,
    MeetingFormat,
    Move,
    Nations,
    Professions,
    Reason,
    SharedThemes,
    SharedTimes,
    Suggestions,
    Unmatched,
    Weights,
)
from bot.matching.rules import broken_rules, employer_key, score
from bot.matching.suggestions import suggest, swap
from tests.matching.people import mentee, mentor, only

DEFAULTS = MatchingSettings()


def reason_for(criterion: str, mentee_changes: dict, mentor_changes: dict) -> Reason:
    _, reasons = score(mentee("ann", **mentee_changes), mentor("max", **mentor_changes), DEFAULTS)
    return next(r for r in reasons if r.criterion == criterion)


def pairs_of(suggestions: Suggestions) -> dict[str, str]:
    """Who is suggested for whom, by the first part of their emails."""
    return {s.mentee.email.split("@")[0]: s.mentor.email.split("@")[0] for s in suggestions.pairs}


# The settings


def test_without_a_matching_section_the_programme_gets_the_default_weights() -> None:
    assert DEFAULTS.weights == Weights(
        themes=15, seniority=10, format=10, nation=10, profession=5, availability=10
    )
    assert DEFAULTS.min_band_gap == 1


def test_the_programme_file_may_change_some_weights_but_not_name_an_unknown_one() -> None:
    settings = MatchingSettings.model_validate({"weights": {"themes": 30}, "min_band_gap": 2})
    assert (settings.weights.themes, settings.weights.nation, settings.min_band_gap) == (30, 10, 2)
    for wrong in ({"weights": {"hobbies": 5}}, {"weights": {"themes": -1}}, {"gap": 1}):
        with pytest.raises(ValidationError):
            MatchingSettings.model_validate(wrong)


# Each criterion


def test_a_mentor_who_fits_on_every_criterion_earns_every_point() -> None:
    points, reasons = score(mentee("ann"), mentor("max"), DEFAULTS)
    assert points == 60
    assert reasons == (
        Reason("themes", 15, 15, SharedThemes(("leading-change",), ("leading-change",))),
        Reason("seniority", 10, 10, BandGap("6", "8a", 2, 1)),
        Reason("format", 10, 10, Formats("either", "either", True)),
        Reason("nation", 10, 10, Nations("wales", "wales", True)),
        Reason("profession", 5, 5, Professions("radiographer", "radiographer")),
        Reason("availability", 10, 10, SharedTimes(("weekday-daytime",), ("weekday-daytime",))),
    )


def test_themes_earn_in_proportion_to_the_mentees_themes_the_mentor_offers_rounded_down() -> None:
    wanted = {"themes": frozenset({"leading-change", "quality-improvement", "research"})}
    offered = {"themes": frozenset({"leading-change", "research", "education"})}
    assert reason_for("themes", wanted, offered) == Reason(
        "themes",
        10,  # 15 × 2 / 3
        15,
        SharedThemes(
            ("leading-change", "research"), ("leading-change", "quality-improvement", "research")
        ),
    )
    assert reason_for("themes", wanted, {"themes": frozenset({"education"})}).earned == 0


@pytest.mark.parametrize(("band", "gap", "earned"), [("7", 1, 0), ("8a", 2, 10), ("8d", 5, 10)])
def test_seniority_earns_only_at_the_least_gap_the_programme_asks_for(
    band: Band, gap: int, earned: int
) -> None:
    _, reasons = score(mentee("ann"), mentor("max", band=band), MatchingSettings(min_band_gap=2))
    assert reasons[1] == Reason("seniority", earned, 10, BandGap("6", band, gap, 2))


@pytest.mark.parametrize(
    ("mine", "theirs", "compatible"),
    [
        ("online", "online", True),
        ("online", "either", True),
        ("in_person", "either", True),
        ("online", "in_person", False),
        ("in_person", "online", False),
    ],
)
def test_format_earns_unless_one_meets_only_online_and_the_other_only_in_person(
    mine: MeetingFormat, theirs: MeetingFormat, compatible: bool
) -> None:
    assert reason_for("format", {"format": mine}, {"format": theirs}) == Reason(
        "format", 10 if compatible else 0, 10, Formats(mine, theirs, compatible)
    )


def test_the_nation_counts_only_where_both_would_meet_in_person() -> None:
    far = {"nation": "england"}
    assert reason_for("nation", {"format": "in_person"}, far) == Reason(
        "nation", 0, 10, Nations("wales", "england", True)
    )
    assert reason_for("nation", {"format": "in_person"}, {}).earned == 10
    assert reason_for("nation", {"format": "online"}, far) == Reason(
        "nation", 10, 10, Nations("wales", "england", False)
    )
    assert reason_for("nation", {}, far | {"format": "online"}).earned == 10


def test_profession_and_availability_earn_when_they_are_shared() -> None:
    assert reason_for("profession", {}, {"profession": "sonographer"}) == Reason(
        "profession", 0, 5, Professions("radiographer", "sonographer")
    )
    evenings = {"availability": frozenset({"weekday-evening", "weekend"})}
    assert reason_for("availability", {}, evenings) == Reason(
        "availability", 0, 10, SharedTimes((), ("weekday-daytime",))
    )
    both = {"availability": frozenset({"weekday-daytime", "weekend"})}
    assert reason_for("availability", both, evenings) == Reason(
        "availability", 10, 10, SharedTimes(("weekend",), ("weekday-daytime", "weekend"))
    )


# Each hard rule


def test_a_pair_that_breaks_no_rule_is_allowed() -> None:
    assert broken_rules(mentee("ann"), mentor("max")) == ()


def test_no_one_is_their_own_mentor() -> None:
    both = mentee("sam", employer="")
    assert broken_rules(both, mentor("sam", employer="")) == ("same_person",)


def test_never_the_same_employer_however_it_is_typed_and_a_blank_one_is_no_ones() -> None:
    assert employer_key("  Cardiff and VALE  UHB ") == "cardiff and vale uhb"
    ann = mentee("ann", employer="Cardiff and Vale UHB")
    assert broken_rules(ann, mentor("max", employer="cardiff  and vale uhb")) == ("same_employer",)
    assert broken_rules(mentee("ann", employer=""), mentor("max", employer=" ")) == ()


def test_never_a_line_manager_either_way() -> None:
    managed = mentee("ann", line_manager_email="max@example.nhs.uk")
    assert broken_rules(managed, mentor("max")) == ("line_manager",)
    managing = mentor("max", line_manager_email="ann@example.nhs.uk")
    assert broken_rules(mentee("ann"), managing) == ("line_manager",)


def test_never_someone_either_of_them_named() -> None:
    ann = mentee("ann", never_pair=frozenset({"max@example.nhs.uk"}))
    assert broken_rules(ann, mentor("max")) == ("named",)
    max_ = mentor("max", never_pair=frozenset({"ann@example.nhs.uk"}))
    assert broken_rules(mentee("ann"), max_) == ("named",)


def test_never_a_pair_from_an_earlier_cohort_whichever_role_each_had() -> None:
    for past in (
        ("ann@example.nhs.uk", "max@example.nhs.uk"),
        ("max@example.nhs.uk", "ann@example.nhs.uk"),
    ):
        assert broken_rules(mentee("ann"), mentor("max"), {past}) == ("paired_before",)


def test_the_mentor_is_always_more_senior_by_agenda_for_change_band() -> None:
    for mine, theirs, allowed in (
        ("6", "6", False),
        ("7", "6", False),
        ("7", "8a", True),
        ("8c", "8d", True),
        ("8d", "9", True),
    ):
        broken = broken_rules(mentee("ann", band=mine), mentor("max", band=theirs))
        assert broken == (() if allowed else ("not_more_senior",)), (mine, theirs)


def test_every_rule_a_pair_breaks_is_named() -> None:
    ann = mentee("ann", band="8a", line_manager_email="max@example.nhs.uk")
    max_ = mentor("max", employer="Ann Health Board", never_pair=frozenset({"ann@example.nhs.uk"}))
    past = {("ann@example.nhs.uk", "max@example.nhs.uk")}
    assert broken_rules(ann, max_, past) == (
        "same_employer",
        "line_manager",
        "named",
        "paired_before",
        "not_more_senior",
    )


# The whole cohort's match


def test_as_many_are_matched_as_the_rules_allow_before_any_points_count() -> None:
    """First come, first served would give Ann her best mentor, Max, and leave Bea, who can
    have no one else, without one."""
    ann, bea = mentee("ann"), mentee("bea", employer="Yan Health Board")
    max_, yan = mentor("max"), mentor("yan", profession="sonographer", availability=frozenset())
    suggestions = suggest([ann, bea], [max_, yan])
    assert pairs_of(suggestions) == {"ann": "yan", "bea": "max"}
    assert (suggestions.total, suggestions.weakest, suggestions.unmatched) == (105, 45, ())


def test_then_the_most_points_then_the_weakest_pair_as_strong_as_it_can_be() -> None:
    """Two matches of 40 points: 30 + 10, or 20 + 20. The second leaves no one weakly matched."""
    settings = only(themes=20, profession=10)
    two = frozenset({"leading-change", "research"})
    ann = mentee("ann", themes=two)
    bea = mentee("bea", themes=two, profession="sonographer")
    max_, yan = mentor("max", themes=two), mentor("yan", themes=frozenset({"research"}))
    suggestions = suggest([ann, bea], [max_, yan], settings=settings)
    assert pairs_of(suggestions) == {"ann": "yan", "bea": "max"}
    assert (suggestions.total, suggestions.weakest) == (40, 20)


def test_a_mentor_takes_as_many_mentees_as_their_capacity_and_no_more() -> None:
    mentees = [mentee("ann"), mentee("bea"), mentee("cat", profession="sonographer")]
    suggestions = suggest(mentees, [mentor("max", capacity=2)])
    assert pairs_of(suggestions) == {"ann": "max", "bea": "max"}
    assert suggestions.unmatched == (Unmatched(mentees[2], 1, (Blocked("capacity", 1),)),)


def test_the_same_cohort_in_any_order_gives_the_same_suggestions() -> None:
    rng = random.Random(7)
    bands = ("5", "6", "7", "8a", "8b")
    mentees = [mentee(f"e{n}", band=rng.choice(bands[:3]), employer=f"T{n % 3}") for n in range(9)]
    mentors = [
        mentor(f"o{n}", band=rng.choice(bands[2:]), employer=f"T{n % 4}", capacity=2)
        for n in range(4)
    ]
    first = suggest(mentees, mentors)
    rng.shuffle(mentees)
    rng.shuffle(mentors)
    assert suggest(mentees, mentors) == first


def test_who_is_not_matched_is_told_which_rules_stopped_each_mentor() -> None:
    """Of five mentors, two work for the same Health Board (one is also her line manager), one
    named her, one is not more senior, and the last is full: Nia, who can have only him too,
    shares more of his themes."""
    board = "Cardiff and Vale UHB"
    mia = mentee("mia", employer=board, line_manager_email="bob@example.nhs.uk")
    nia = mentee("nia", employer=board, themes=frozenset({"research"}))
    mentors = [
        mentor("amy", employer="cardiff and vale uhb"),
        mentor("bob", employer=board),
        mentor("cai", never_pair=frozenset({"mia@example.nhs.uk", "nia@example.nhs.uk"})),
        mentor("dai", band="6"),
        mentor("eve", themes=frozenset({"research"})),
    ]
    suggestions = suggest([mia, nia], mentors)
    assert pairs_of(suggestions) == {"nia": "eve"}
    assert suggestions.unmatched == (
        Unmatched(
            mia,
            5,
            (
                Blocked("same_employer", 2),
                Blocked("line_manager", 1),
                Blocked("named", 1),
                Blocked("not_more_senior", 1),
                Blocked("capacity", 1),
            ),
        ),
    )


def test_a_cohort_without_mentors_leaves_every_mentee_unmatched_for_want_of_one() -> None:
    suggestions = suggest([mentee("ann")], [])
    assert suggestions.unmatched == (Unmatched(mentee("ann"), 0, ()),)
    assert (suggestions.pairs, suggestions.total, suggestions.weakest) == ((), 0, None)
    assert suggestions.shortlists == {"ann@example.nhs.uk": ()}


def test_each_mentee_has_a_shortlist_of_their_three_best_allowed_mentors() -> None:
    """Best first, the first email first among equals; a mentor the rules forbid is never on
    it, however well they would fit."""
    mentors = [
        mentor("sue", profession="sonographer", availability=frozenset()),  # 45
        mentor("rex", profession="sonographer"),  # 55
        mentor("pam"),  # 60
        mentor("qin", profession="sonographer"),  # 55
        mentor("tom", employer="Ann Health Board"),  # same employer
    ]
    shortlist = suggest([mentee("ann")], mentors).shortlists["ann@example.nhs.uk"]
    assert [(s.mentor.email.split("@")[0], s.points) for s in shortlist] == [
        ("pam", 60),
        ("qin", 55),
        ("rex", 55),
    ]
    assert shortlist[1].reasons[4] == Reason(
        "profession", 0, 5, Professions("radiographer", "sonographer")
    )
    few = suggest([mentee("ann")], mentors[:1] + mentors[-1:]).shortlists["ann@example.nhs.uk"]
    assert [s.mentor.email for s in few] == ["sue@example.nhs.uk"]


# Swapping a mentor


def test_a_swap_that_leaves_someone_without_a_mentor_says_so() -> None:
    """Bea can have only Yan: giving Yan to Ann leaves her without."""
    ann, bea = mentee("ann"), mentee("bea", employer="Max Health Board")
    max_, yan = mentor("max"), mentor("yan")
    before = suggest([ann, bea], [max_, yan], settings=only(themes=10))
    assert pairs_of(before) == {"ann": "max", "bea": "yan"}
    swapped = swap(before, "ann@example.nhs.uk", "yan@example.nhs.uk")
    assert (swapped.points_lost, swapped.matched_lost) == (10, 1)
    assert swapped.moves == (Move(ann, max_, yan), Move(bea, yan, None))
    assert pairs_of(swapped.suggestions) == {"ann": "yan"}
    assert swapped.suggestions.unmatched == (
        Unmatched(bea, 2, (Blocked("same_employer", 1), Blocked("capacity", 1))),
    )


def test_a_swap_moves_only_whom_it_must_and_counts_the_points_lost() -> None:
    """Ann takes Yan, so Bea moves to Max; Cat and Dee, who could swap with each other at no
    cost, stay where they were."""
    settings = only(themes=10, profession=5)
    ann, bea = mentee("ann"), mentee("bea", profession="sonographer")
    max_, yan = mentor("max"), mentor("yan", profession="sonographer")
    juniors = [mentee(name, band="5", profession="other") for name in ("cat", "dee")]
    seniors = [mentor(name, band="6", profession="other") for name in ("zoe", "wyn")]
    before = suggest([ann, bea, *juniors], [max_, yan, *seniors], settings=settings)
    assert {k: v for k, v in pairs_of(before).items() if k in ("ann", "bea")} == {
        "ann": "max",
        "bea": "yan",
    }
    swapped = swap(before, "ann@example.nhs.uk", "yan@example.nhs.uk")
    assert (swapped.points_lost, swapped.matched_lost) == (10, 0)
    assert swapped.moves == (Move(ann, max_, yan), Move(bea, yan, max_))
    assert (before.total, swapped.suggestions.total) == (60, 50)


def test_swapping_in_the_suggested_mentor_changes_nothing() -> None:
    before = suggest([mentee("ann"), mentee("bea")], [mentor("max"), mentor("yan")])
    swapped = swap(before, "ann@example.nhs.uk", before.pairs[0].mentor.email)
    assert (swapped.points_lost, swapped.matched_lost, swapped.moves) == (0, 0, ())
    assert swapped.suggestions == before


def test_a_swap_the_rules_forbid_or_to_someone_not_in_the_cohort_is_refused() -> None:
    before = suggest([mentee("ann")], [mentor("max"), mentor("ben", band="6")])
    with pytest.raises(SwapBreaksRule) as refused:
        swap(before, "ann@example.nhs.uk", "ben@example.nhs.uk")
    assert refused.value == SwapBreaksRule(
        "ann@example.nhs.uk", "ben@example.nhs.uk", ("not_more_senior",)
    )
    with pytest.raises(NotInCohort) as unknown:
        swap(before, "ann@example.nhs.uk", "zed@example.nhs.uk")
    assert unknown.value == NotInCohort("zed@example.nhs.uk", "mentor")
    with pytest.raises(NotInCohort):
        swap(before, "max@example.nhs.uk", "max@example.nhs.uk")


def test_a_mentor_who_takes_no_one_is_full_for_everyone_and_cannot_be_swapped_in() -> None:
    suggestions = suggest([mentee("ann")], [mentor("max", capacity=0)])
    assert suggestions.unmatched == (Unmatched(mentee("ann"), 1, (Blocked("capacity", 1),)),)
    with pytest.raises(SwapBreaksRule) as refused:
        swap(suggestions, "ann@example.nhs.uk", "max@example.nhs.uk")
    assert refused.value.rules == ("capacity",)
