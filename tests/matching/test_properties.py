"""The matcher over random cohorts: no suggestion ever breaks a hard rule or a mentor's
capacity; as many mentees are matched as could be (counted independently, as a maximum matching
of the graph of allowed mentee-slot pairs); on cohorts small enough to try every match, the
total and the weakest pair are the best there are; the cohort-wide rules say what the pair rules
say; and a swap never gains what the suggestion had missed."""

from __future__ import annotations

import itertools
from collections import Counter

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_bipartite_matching

from bot.matching.model import (
    BANDS,
    Band,
    Candidate,
    Cohort,
    MatchingSettings,
    Role,
    Suggestions,
    Weights,
)
from bot.matching.rules import broken_everywhere, broken_rules, score, table
from bot.matching.suggestions import suggest, swap
from bot.scheme import NATIONS

THEMES = ("leading-change", "quality-improvement", "research", "education")
TIMES = ("weekday-daytime", "weekday-evening", "weekend")
# Employers, one typed two ways, so the same one turns up now and then; "" is no one's.
EMPLOYERS = (
    "Cardiff and Vale UHB",
    "cardiff  and vale uhb",
    "Leeds NHS Trust",
    "NHS Fife",
    "Belfast Trust",
    "Royal Free London",
    "",
)


def people(draw: st.DrawFn, role: str, count: int, others: list[str]) -> list[Candidate]:
    """`count` candidates; some name, or are managed by, someone in `others`."""
    prefix = "e" if role == "mentee" else "o"
    # A mentor is now and then a mentee too, by the same email
    emails = [f"{prefix}{n}@x.nhs.uk" for n in range(count)]
    if role == "mentor" and count and draw(st.booleans()):
        emails[0] = "e0@x.nhs.uk"
    # Now and then, someone of `others`
    rarely = st.sampled_from([*others, *[None] * 4 * len(others)]) if others else st.none()
    return [
        Candidate(
            email=email,
            role="mentee" if role == "mentee" else "mentor",
            profession=draw(st.sampled_from(("radiographer", "sonographer", "other"))),
            nation=draw(st.sampled_from(NATIONS)),
            band=draw(st.sampled_from(BANDS[:3] if role == "mentee" else BANDS[2:])),
            employer=draw(st.sampled_from(EMPLOYERS)),
            themes=draw(st.frozensets(st.sampled_from(THEMES), max_size=3)),
            format=draw(st.sampled_from(("online", "in_person", "either"))),
            availability=draw(st.frozensets(st.sampled_from(TIMES), max_size=3)),
            line_manager_email=draw(rarely),
            capacity=draw(st.integers(1, 3)),
            never_pair=frozenset(e for e in [draw(rarely)] if e is not None),
        )
        for email in emails
    ]


@st.composite
def cohorts(draw: st.DrawFn, most_mentees: int, most_mentors: int) -> Cohort:
    n, m = draw(st.integers(0, most_mentees)), draw(st.integers(0, most_mentors))
    mentee_emails = [f"e{k}@x.nhs.uk" for k in range(n)]
    mentor_emails = [f"o{k}@x.nhs.uk" for k in range(m)]
    mentees = people(draw, "mentee", n, mentor_emails)
    mentors = people(draw, "mentor", m, mentee_emails)
    pairs = [(a, b) for a in mentee_emails for b in mentor_emails]
    past = draw(st.frozensets(st.sampled_from(pairs), max_size=2)) if pairs else frozenset()
    # an earlier cohort's pair is kept in either order
    past = frozenset((b, a) if draw(st.booleans()) else (a, b) for a, b in past)
    return Cohort(tuple(mentees), tuple(mentors), past)


@st.composite
def contested(draw: st.DrawFn, most: int) -> Cohort:
    """Everyone allowed with everyone, few places, points in few values: many matches tie on
    their total, and only the weakest pair tells them apart."""

    def person(email: str, role: Role, band: Band) -> Candidate:
        return Candidate(
            email=email,
            role=role,
            profession=draw(st.sampled_from(("radiographer", "sonographer", "other"))),
            nation="wales",
            band=band,
            employer=email,
            themes=draw(st.frozensets(st.sampled_from(THEMES[:3]))),
            format="either",
            availability=draw(st.frozensets(st.sampled_from(TIMES[:2]))),
            capacity=draw(st.integers(1, 2)),
        )

    n, m = draw(st.integers(2, most)), draw(st.integers(2, most - 1))
    mentees = tuple(person(f"e{k}@x.nhs.uk", "mentee", "5") for k in range(n))
    return Cohort(mentees, tuple(person(f"o{k}@x.nhs.uk", "mentor", "8a") for k in range(m)))


weights = st.builds(Weights, **{name: st.integers(0, 20) for name in Weights.model_fields})
matching_settings = st.builds(MatchingSettings, weights=weights, min_band_gap=st.integers(1, 3))
few_values = st.builds(
    MatchingSettings,
    weights=st.builds(
        Weights, **{name: st.sampled_from((0, 5, 10)) for name in Weights.model_fields}
    ),
)


def suggested(cohort: Cohort, chosen: MatchingSettings) -> Suggestions:
    return suggest(cohort.mentees, cohort.mentors, cohort.past, chosen)


def largest_match(cohort: Cohort) -> int:
    """The most mentees a match can have, from SciPy's maximum bipartite matching over mentees
    and mentors' capacity slots, the pair rules deciding each edge."""
    slots = [j for j, mentor in enumerate(cohort.mentors) for _ in range(mentor.capacity)]
    if not cohort.mentees or not slots:
        return 0
    edges = np.array(
        [
            [not broken_rules(mentee, cohort.mentors[j], cohort.past) for j in slots]
            for mentee in cohort.mentees
        ]
    )
    matched = maximum_bipartite_matching(csr_matrix(edges.astype(np.int8)), perm_type="column")
    return int((matched >= 0).sum())


def every_match(cohort: Cohort, chosen: MatchingSettings) -> tuple[int, int, int]:
    """The best (count, total, weakest) of every match there is, tried one by one."""
    options = [
        [None]
        + [
            (j, score(mentee, mentor, chosen)[0])
            for j, mentor in enumerate(cohort.mentors)
            if not broken_rules(mentee, mentor, cohort.past)
        ]
        for mentee in cohort.mentees
    ]
    best = (0, 0, 0)
    for match in itertools.product(*options):
        pairs = [pair for pair in match if pair is not None]
        taken = Counter(j for j, _ in pairs)
        if all(taken[j] <= cohort.mentors[j].capacity for j in taken):
            points = [p for _, p in pairs]
            best = max(best, (len(pairs), sum(points), min(points, default=0)))
    return best


@settings(max_examples=60, deadline=None)
@given(cohorts(most_mentees=12, most_mentors=6), matching_settings)
def test_no_suggestion_breaks_a_hard_rule_and_everyone_who_could_be_matched_is(
    cohort: Cohort, chosen: MatchingSettings
) -> None:
    suggestions = suggested(cohort, chosen)
    for pair in suggestions.pairs:
        assert broken_rules(pair.mentee, pair.mentor, cohort.past) == ()
        assert pair.points == score(pair.mentee, pair.mentor, chosen)[0]
    mentees = Counter(pair.mentee.email for pair in suggestions.pairs)
    assert all(n == 1 for n in mentees.values())
    taken = Counter(pair.mentor.email for pair in suggestions.pairs)
    assert all(taken[m.email] <= m.capacity for m in cohort.mentors)
    assert len(suggestions.pairs) == largest_match(cohort)
    assert len(suggestions.pairs) + len(suggestions.unmatched) == len(cohort.mentees)
    assert suggestions.total == sum(pair.points for pair in suggestions.pairs)


@settings(max_examples=200, deadline=None)
@given(cohorts(most_mentees=5, most_mentors=3) | contested(most=5), few_values)
def test_on_small_cohorts_the_total_and_the_weakest_pair_are_the_best_of_every_match(
    cohort: Cohort, chosen: MatchingSettings
) -> None:
    suggestions = suggested(cohort, chosen)
    best = (len(suggestions.pairs), suggestions.total, suggestions.weakest or 0)
    assert best == every_match(cohort, chosen)


@settings(max_examples=40, deadline=None)
@given(cohorts(most_mentees=8, most_mentors=6), matching_settings)
def test_the_cohort_wide_rules_say_what_the_pair_rules_say_of_every_pair(
    cohort: Cohort, chosen: MatchingSettings
) -> None:
    allowed, points = table(cohort, chosen)
    broken = broken_everywhere(cohort)
    for i, mentee in enumerate(cohort.mentees):
        for j, mentor in enumerate(cohort.mentors):
            rules = broken_rules(mentee, mentor, cohort.past)
            assert tuple(rule for rule in broken if broken[rule][i, j]) == rules
            assert allowed[i, j] == (rules == ())
            assert points[i, j] == (score(mentee, mentor, chosen)[0] if allowed[i, j] else 0)


@settings(max_examples=40, deadline=None)
@given(cohorts(most_mentees=8, most_mentors=5), matching_settings)
def test_each_unmatched_mentee_is_told_why_of_every_mentor_and_shortlists_are_the_best_allowed(
    cohort: Cohort, chosen: MatchingSettings
) -> None:
    suggestions = suggested(cohort, chosen)
    taken = Counter(pair.mentor.email for pair in suggestions.pairs)
    for unmatched in suggestions.unmatched:
        counts = Counter[str]()
        for mentor in cohort.mentors:
            rules = broken_rules(unmatched.mentee, mentor, cohort.past)
            assert rules or taken[mentor.email] == mentor.capacity  # or they could have had them
            counts.update(rules or ("capacity",))
        assert {b.rule: b.mentors for b in unmatched.blocked} == counts
        assert unmatched.mentors == len(cohort.mentors)
    for mentee in cohort.mentees:
        shortlist = suggestions.shortlists[mentee.email]
        allowed = [m for m in cohort.mentors if not broken_rules(mentee, m, cohort.past)]
        ranked = sorted((-score(mentee, m, chosen)[0], m.email) for m in allowed)[:3]
        assert [(-s.points, s.mentor.email) for s in shortlist] == ranked


@settings(max_examples=40, deadline=None)
@given(cohorts(most_mentees=8, most_mentors=5), matching_settings, st.data())
def test_a_swap_holds_the_rules_and_never_gains_what_the_suggestion_missed(
    cohort: Cohort, chosen: MatchingSettings, data: st.DataObject
) -> None:
    suggestions = suggested(cohort, chosen)
    options = [
        (e, o)
        for e in cohort.mentees
        for o in cohort.mentors
        if not broken_rules(e, o, cohort.past)
    ]
    if not options:
        return
    mentee, mentor = data.draw(st.sampled_from(options))
    swapped = swap(suggestions, mentee.email, mentor.email)
    after = swapped.suggestions
    assert after.mentor_of(mentee.email) == mentor
    for pair in after.pairs:
        assert broken_rules(pair.mentee, pair.mentor, cohort.past) == ()
    taken = Counter(pair.mentor.email for pair in after.pairs)
    assert all(taken[m.email] <= m.capacity for m in cohort.mentors)
    assert swapped.matched_lost == len(suggestions.pairs) - len(after.pairs) >= 0
    assert swapped.points_lost == suggestions.total - after.total
    assert swapped.matched_lost > 0 or swapped.points_lost >= 0
    moved = {move.mentee.email for move in swapped.moves}
    assert moved == {
        e.email
        for e in cohort.mentees
        if suggestions.mentor_of(e.email) != after.mentor_of(e.email)
    }
