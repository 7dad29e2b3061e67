"""Who may be matched with whom, and how well: pure decisions over candidates.

A pair is allowed when it breaks no hard rule (`broken_rules`); an allowed pair earns points on
each criterion (`score`), whole numbers so that totals compare exactly, with the facts behind
each criterion's points for the words. `table` decides the same for a whole cohort at once, as
arrays: the matcher weighs every pair (400,000 for 1,000 mentees and 400 mentors), which one
call per pair would take seconds to do and NumPy does in milliseconds. The two say the same by
construction and by test (tests/matching/test_properties.py): change one, change the other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Set

import numpy as np
from numpy.typing import NDArray

from bot.matching.model import (
    BANDS,
    BandGap,
    Candidate,
    Cohort,
    Formats,
    HardRule,
    MatchingSettings,
    MeetingFormat,
    Nations,
    Professions,
    Reason,
    SharedThemes,
    SharedTimes,
)

_RANK = {band: rank for rank, band in enumerate(BANDS)}


def employer_key(employer: str) -> str:
    """An employer as compared: 'Cardiff  and Vale UHB' is 'cardiff and vale uhb'."""
    return " ".join(employer.casefold().split())


def broken_rules(
    mentee: Candidate, mentor: Candidate, past: Set[tuple[str, str]] = frozenset()
) -> tuple[HardRule, ...]:
    """The hard rules pairing `mentee` with `mentor` would break, in HARD_RULES' order: none
    for an allowed pair. An employer left blank is nobody's in particular."""
    broken: list[HardRule] = []
    if mentee.email == mentor.email:
        broken.append("same_person")
    employer = employer_key(mentee.employer)
    if employer and employer == employer_key(mentor.employer):
        broken.append("same_employer")
    if mentee.line_manager_email == mentor.email or mentor.line_manager_email == mentee.email:
        broken.append("line_manager")
    if mentor.email in mentee.never_pair or mentee.email in mentor.never_pair:
        broken.append("named")
    if (mentee.email, mentor.email) in past or (mentor.email, mentee.email) in past:
        broken.append("paired_before")
    if _RANK[mentor.band] <= _RANK[mentee.band]:
        broken.append("not_more_senior")
    return tuple(broken)


def score(
    mentee: Candidate, mentor: Candidate, settings: MatchingSettings
) -> tuple[int, tuple[Reason, ...]]:
    """The points `mentor` earns as `mentee`'s mentor, and why, criterion by criterion."""
    weights = settings.weights
    reasons = (
        _themes(mentee, mentor, weights.themes),
        _seniority(mentee, mentor, weights.seniority, settings.min_band_gap),
        _format(mentee, mentor, weights.format),
        _nation(mentee, mentor, weights.nation),
        Reason(
            "profession",
            weights.profession if mentee.profession == mentor.profession else 0,
            weights.profession,
            Professions(mentee.profession, mentor.profession),
        ),
        _availability(mentee, mentor, weights.availability),
    )
    return sum(reason.earned for reason in reasons), reasons


def _themes(mentee: Candidate, mentor: Candidate, weight: int) -> Reason:
    """In proportion to the mentee's themes the mentor offers, rounded down."""
    shared = mentee.themes & mentor.themes
    earned = weight * len(shared) // len(mentee.themes) if mentee.themes else 0
    return Reason(
        "themes", earned, weight, SharedThemes(tuple(sorted(shared)), tuple(sorted(mentee.themes)))
    )


def _seniority(mentee: Candidate, mentor: Candidate, weight: int, least: int) -> Reason:
    gap = _RANK[mentor.band] - _RANK[mentee.band]
    facts = BandGap(mentee.band, mentor.band, gap, least)
    return Reason("seniority", weight if gap >= least else 0, weight, facts)


def _format(mentee: Candidate, mentor: Candidate, weight: int) -> Reason:
    """Compatible unless one meets only online and the other only in person."""
    compatible = "either" in (mentee.format, mentor.format) or mentee.format == mentor.format
    facts = Formats(mentee.format, mentor.format, compatible)
    return Reason("format", weight if compatible else 0, weight, facts)


def _nation(mentee: Candidate, mentor: Candidate, weight: int) -> Reason:
    """Where each works matters only when both would meet in person; otherwise they meet
    online, and no mentor loses points for it."""
    in_person = mentee.format != "online" and mentor.format != "online"
    near = mentee.nation == mentor.nation or not in_person
    return Reason(
        "nation", weight if near else 0, weight, Nations(mentee.nation, mentor.nation, in_person)
    )


def _availability(mentee: Candidate, mentor: Candidate, weight: int) -> Reason:
    """All the points for one time of the week both are free: a pair meets at one."""
    shared = mentee.availability & mentor.availability
    facts = SharedTimes(tuple(sorted(shared)), tuple(sorted(mentee.availability)))
    return Reason("availability", weight if shared else 0, weight, facts)


# Where each rule `broken_rules` checks is broken, mentees × mentors.
Broken = dict[HardRule, NDArray[np.bool_]]
# Which pairs are allowed, and each allowed pair's points (0 for the others): mentees × mentors.
Table = tuple[NDArray[np.bool_], NDArray[np.int64]]


def broken_everywhere(cohort: Cohort) -> Broken:
    """`broken_rules` over every pair of the cohort, rule by rule: broken[rule][i, j] when
    mentee i with mentor j would break `rule`."""
    mentees, mentors = cohort.mentees, cohort.mentors
    return {
        "same_person": _equal(mentees, mentors, lambda c: c.email),
        "same_employer": _equal(mentees, mentors, lambda c: employer_key(c.employer) or None),
        "line_manager": _either_names(cohort, lambda c: (c.line_manager_email,)),
        "named": _either_names(cohort, lambda c: c.never_pair),
        "paired_before": _paired_before(cohort),
        "not_more_senior": _gap(cohort) <= 0,
    }


def table(cohort: Cohort, settings: MatchingSettings) -> Table:
    """`broken_rules` and `score` over every pair of the cohort: allowed[i, j] when mentee i may
    have mentor j, and points[i, j] the points `score` gives them."""
    allowed = ~np.logical_or.reduce(list(broken_everywhere(cohort).values()))
    points = _points(cohort.mentees, cohort.mentors, _gap(cohort), settings)
    return allowed, np.where(allowed, points, 0)


def _gap(cohort: Cohort) -> NDArray[np.int64]:
    """How many bands each mentor is above each mentee."""
    return (
        _column(cohort.mentors, _band_rank)[None, :] - _column(cohort.mentees, _band_rank)[:, None]
    )


def _band_rank(candidate: Candidate) -> int:
    return _RANK[candidate.band]


def _column(people: tuple[Candidate, ...], value: Callable[[Candidate], int]) -> NDArray[np.int64]:
    return np.array([value(person) for person in people], dtype=np.int64).reshape(-1)


def _equal(
    mentees: tuple[Candidate, ...],
    mentors: tuple[Candidate, ...],
    key: Callable[[Candidate], object],
) -> NDArray[np.bool_]:
    """Where a mentee's and a mentor's `key` are the same (a None key is no one's)."""
    codes: dict[object, int] = {}

    def code(candidate: Candidate) -> int:
        value = key(candidate)
        return -1 if value is None else codes.setdefault(value, len(codes))

    mentor_codes = _column(mentors, code)
    mentor_codes[mentor_codes < 0] = -2  # never equal to a mentee's -1
    return _column(mentees, code)[:, None] == mentor_codes[None, :]


def _either_names(
    cohort: Cohort, names: Callable[[Candidate], Iterable[str | None]]
) -> NDArray[np.bool_]:
    """Where the mentee names the mentor, or the mentor the mentee, by email."""
    mentee_at, mentor_at = _places(cohort)
    found = np.zeros((len(mentee_at), len(mentor_at)), dtype=np.bool_)
    for i, mentee in enumerate(cohort.mentees):
        found[i, [mentor_at[e] for e in names(mentee) if e in mentor_at]] = True
    for j, mentor in enumerate(cohort.mentors):
        found[[mentee_at[e] for e in names(mentor) if e in mentee_at], j] = True
    return found


def _paired_before(cohort: Cohort) -> NDArray[np.bool_]:
    mentee_at, mentor_at = _places(cohort)
    found = np.zeros((len(mentee_at), len(mentor_at)), dtype=np.bool_)
    for a, b in cohort.past:
        for one, other in ((a, b), (b, a)):
            if one in mentee_at and other in mentor_at:
                found[mentee_at[one], mentor_at[other]] = True
    return found


def _places(cohort: Cohort) -> tuple[dict[str, int], dict[str, int]]:
    """Each mentee's and each mentor's index, by email."""
    return (
        {c.email: i for i, c in enumerate(cohort.mentees)},
        {c.email: j for j, c in enumerate(cohort.mentors)},
    )


def _points(
    mentees: tuple[Candidate, ...],
    mentors: tuple[Candidate, ...],
    gap: NDArray[np.int64],
    settings: MatchingSettings,
) -> NDArray[np.int64]:
    weights = settings.weights
    wanted, offered = _memberships([c.themes for c in mentees], [c.themes for c in mentors])
    shared = wanted.astype(np.int64) @ offered.T.astype(np.int64)
    themes = weights.themes * shared // np.maximum(wanted.sum(axis=1), 1)[:, None]
    free, also_free = _memberships(
        [c.availability for c in mentees], [c.availability for c in mentors]
    )
    times = (free.astype(np.int64) @ also_free.T.astype(np.int64)) > 0
    either = _is(mentees, "either")[:, None] | _is(mentors, "either")[None, :]
    same_format = _equal(mentees, mentors, lambda c: c.format)
    in_person = ~_is(mentees, "online")[:, None] & ~_is(mentors, "online")[None, :]
    near = _equal(mentees, mentors, lambda c: c.nation) | ~in_person
    return (
        themes
        + weights.seniority * (gap >= settings.min_band_gap)
        + weights.format * (either | same_format)
        + weights.nation * near
        + weights.profession * _equal(mentees, mentors, lambda c: c.profession)
        + weights.availability * times
    )


def _is(people: tuple[Candidate, ...], meeting: MeetingFormat) -> NDArray[np.bool_]:
    return np.array([c.format == meeting for c in people], dtype=np.bool_).reshape(-1)


def _memberships(
    mentees: list[frozenset[str]], mentors: list[frozenset[str]]
) -> tuple[NDArray[np.bool_], NDArray[np.bool_]]:
    """Each side's sets as rows of a shared vocabulary's columns."""
    vocabulary = {slug: k for k, slug in enumerate(sorted(set().union(*mentees, *mentors)))}

    def rows(sets: list[frozenset[str]]) -> NDArray[np.bool_]:
        matrix = np.zeros((len(sets), len(vocabulary)), dtype=np.bool_)
        for n, members in enumerate(sets):
            matrix[n, [vocabulary[slug] for slug in members]] = True
        return matrix

    return rows(mentees), rows(mentors)
