"""The whole cohort's best match, each mentee's shortlist, who cannot be matched and why, and
what swapping a mentor costs: pure decisions over the pair rules of rules.py.

`suggest` matches the whole cohort at once, best first in this order:

1. as many mentees matched as the hard rules and the mentors' capacities allow;
2. of those matches, the most points in all;
3. of those, the one whose weakest pair has the most points.

How: each mentor becomes `capacity` identical slots, and mentees and slots an assignment
problem, solved exactly by SciPy's `linear_sum_assignment` (a shortest augmenting path method)
on a matrix where a forbidden pair is worth nothing and an allowed pair with p points is worth
BIG + p. BIG is more than any match's points could add up to, so one more pair always outweighs
any number of points: the most valuable assignment is a largest match and, among the largest,
the one with the most points (1 and 2 in one solve). The worths are integers far inside a
double's exact range (below 2⁵³ for cohorts of thousands), so nothing is lost to rounding.

For 3, the pairs below a threshold t are forbidden and the problem solved again: if the count
and the total are unchanged, some best match has no pair below t. That holds for every t up to
the answer and for none above it, so a binary search over the distinct points of allowed pairs
finds the answer in about log₂(their number) more solves (6 for 60 values).

A swap fixes one pair and solves the rest the same way, adding, below everything else, a point
for each pair that stays as it was, so only what must move moves.

Each solve of 1,000 mentees by 800 slots takes milliseconds; rules.table weighs the 400,000
pairs in NumPy. bench/matching.py measures the whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from operator import attrgetter

import numpy as np
from numpy.typing import NDArray

from bot.matching.errors import NotInCohort, SwapBreaksRule
from bot.matching.model import (
    HARD_RULES,
    SHORTLIST_LENGTH,
    Blocked,
    Candidate,
    Cohort,
    HardRule,
    MatchingSettings,
    Move,
    Role,
    Suggestion,
    Suggestions,
    Swap,
    Unmatched,
)
from bot.matching.rules import Broken, Table, broken_everywhere, broken_rules, score, table

# A mentee's index → their mentor's index, -1 for none.
Assignment = NDArray[np.int64]


def suggest(
    mentees: Iterable[Candidate],
    mentors: Iterable[Candidate],
    past: Set[tuple[str, str]] = frozenset(),
    settings: MatchingSettings | None = None,
) -> Suggestions:
    """The cohort's best match (see the module's docstring), each mentee's shortlist, and why
    anyone is left unmatched. The same cohort in any order gives the same suggestions."""
    by_email = attrgetter("email")
    cohort = Cohort(
        tuple(sorted(mentees, key=by_email)), tuple(sorted(mentors, key=by_email)), frozenset(past)
    )
    settings = settings or MatchingSettings()
    weighed = table(cohort, settings)
    chosen = _best(weighed, _capacities(cohort), keep=None)
    return _suggestions(cohort, settings, weighed, chosen)


def swap(suggestions: Suggestions, mentee_email: str, mentor_email: str) -> Swap:
    """The whole match again with `mentee_email` given `mentor_email`, best as `suggest` means
    it but moving no one it need not; and what that loses against `suggestions`. Refused
    (SwapBreaksRule) where the pair breaks a hard rule or the mentor takes no one."""
    cohort, settings = suggestions.cohort, suggestions.settings
    i = _index(cohort.mentees, mentee_email, "mentee")
    j = _index(cohort.mentors, mentor_email, "mentor")
    mentee, mentor = cohort.mentees[i], cohort.mentors[j]
    if broken := broken_rules(mentee, mentor, cohort.past):
        raise SwapBreaksRule(mentee_email, mentor_email, broken)
    if mentor.capacity < 1:
        raise SwapBreaksRule(mentee_email, mentor_email, ("capacity",))
    allowed, points = table(cohort, settings)
    before = _assignment_of(suggestions)
    keep = np.zeros_like(allowed)
    matched = np.flatnonzero(before >= 0)
    keep[matched, before[matched]] = True
    others = allowed.copy()
    others[i, :] = False
    capacities = _capacities(cohort)
    capacities[j] -= 1
    chosen = _best((others, points), capacities, keep)
    chosen[i] = j
    after = _suggestions(cohort, settings, (allowed, points), chosen)
    return Swap(
        mentee,
        mentor,
        after,
        suggestions.total - after.total,
        len(suggestions.pairs) - len(after.pairs),
        _moves(cohort, before, chosen, first=i),
    )


def _index(people: tuple[Candidate, ...], email: str, role: Role) -> int:
    found = next((n for n, person in enumerate(people) if person.email == email), None)
    if found is None:
        raise NotInCohort(email, role)
    return found


def _assignment_of(suggestions: Suggestions) -> Assignment:
    cohort = suggestions.cohort
    mentor_index = {mentor.email: j for j, mentor in enumerate(cohort.mentors)}
    mentor_of = {s.mentee.email: mentor_index[s.mentor.email] for s in suggestions.pairs}
    return np.array([mentor_of.get(m.email, -1) for m in cohort.mentees], dtype=np.int64)


def _moves(cohort: Cohort, before: Assignment, after: Assignment, first: int) -> tuple[Move, ...]:
    changed = sorted(np.flatnonzero(before != after).tolist(), key=lambda i: (i != first, i))
    mentors = (*cohort.mentors, None)  # -1, no mentor, is the last
    return tuple(Move(cohort.mentees[i], mentors[before[i]], mentors[after[i]]) for i in changed)


def _capacities(cohort: Cohort) -> NDArray[np.int64]:
    return np.array([max(mentor.capacity, 0) for mentor in cohort.mentors], dtype=np.int64)


def _assign(
    weighed: Table, capacities: NDArray[np.int64], keep: NDArray[np.bool_] | None
) -> Assignment:
    """A largest match with the most points (and, below that, the most pairs in `keep`)."""
    # SciPy is imported when a match is first suggested: at the top it cost every process (web,
    # clock, each command) a second at start, for the few that suggest one.
    from scipy.optimize import linear_sum_assignment

    allowed, points = weighed
    chosen = np.full(allowed.shape[0], -1, dtype=np.int64)
    slots = np.repeat(np.arange(allowed.shape[1]), capacities)
    if not allowed.any() or slots.size == 0:
        return chosen
    # Each pair's worth, lexicographically: being a pair, its points, being kept.
    kept = 1 + allowed.shape[0] if keep is not None else 1  # more than all the kept pairs
    pairs = min(allowed.shape[0], slots.size)
    big = pairs * (int(points.max()) * kept + 1) + 1  # more than all a match's points
    worth = big + points * kept + (keep if keep is not None else 0)
    matrix = np.where(allowed, worth, 0)[:, slots].astype(np.float64)
    rows, columns = linear_sum_assignment(matrix, maximize=True)
    taken = matrix[rows, columns] > 0
    chosen[rows[taken]] = slots[columns[taken]]
    return chosen


def _best(
    weighed: Table, capacities: NDArray[np.int64], keep: NDArray[np.bool_] | None
) -> Assignment:
    """`_assign`'s match with its weakest pair as strong as it can be (the module's 3)."""
    allowed, points = weighed
    best = _assign(weighed, capacities, keep)
    goal = _measure(best, points)
    if goal[0] == 0:
        return best
    values = np.unique(points[allowed])
    low, high = int(np.searchsorted(values, _weakest(best, points))), len(values) - 1
    while low < high:
        middle = (low + high + 1) // 2
        trial = _assign((allowed & (points >= values[middle]), points), capacities, keep)
        if _measure(trial, points) == goal:
            best, low = trial, middle
        else:
            high = middle - 1
    return best


def _measure(chosen: Assignment, points: NDArray[np.int64]) -> tuple[int, int]:
    matched = np.flatnonzero(chosen >= 0)
    return len(matched), int(points[matched, chosen[matched]].sum())


def _weakest(chosen: Assignment, points: NDArray[np.int64]) -> int:
    matched = np.flatnonzero(chosen >= 0)
    return int(points[matched, chosen[matched]].min())


def _suggestions(
    cohort: Cohort, settings: MatchingSettings, weighed: Table, chosen: Assignment
) -> Suggestions:
    allowed, points = weighed
    pairs = tuple(
        _suggestion(mentee, cohort.mentors[chosen[i]], settings)
        for i, mentee in enumerate(cohort.mentees)
        if chosen[i] >= 0
    )
    shortlists = {
        mentee.email: tuple(
            _suggestion(mentee, cohort.mentors[j], settings)
            for j in _shortlist(allowed[i], points[i])
        )
        for i, mentee in enumerate(cohort.mentees)
    }
    left = np.flatnonzero(chosen < 0).tolist()
    broken = broken_everywhere(cohort) if left else {}
    unmatched = tuple(_unmatched(i, cohort, broken, allowed) for i in left)
    weakest = min((s.points for s in pairs), default=None)
    total = sum(s.points for s in pairs)
    return Suggestions(pairs, shortlists, unmatched, total, weakest, cohort, settings)


def _suggestion(mentee: Candidate, mentor: Candidate, settings: MatchingSettings) -> Suggestion:
    points, reasons = score(mentee, mentor, settings)
    return Suggestion(mentee, mentor, points, reasons)


def _shortlist(allowed: NDArray[np.bool_], points: NDArray[np.int64]) -> list[int]:
    """The best allowed mentors, most points first; mentors being in email order, a stable
    sort puts the first email first among equals."""
    candidates = np.flatnonzero(allowed)
    order = np.argsort(-points[candidates], kind="stable")
    return candidates[order[:SHORTLIST_LENGTH]].tolist()


def _unmatched(i: int, cohort: Cohort, broken: Broken, allowed: NDArray[np.bool_]) -> Unmatched:
    """Each mentor counted under every rule they break; one who breaks none is full, or the
    mentee would have been matched (the match is a largest one)."""
    counts: dict[HardRule, int] = {rule: int(broken[rule][i].sum()) for rule in broken}
    counts["capacity"] = int(allowed[i].sum())
    blocked = tuple(Blocked(rule, counts[rule]) for rule in HARD_RULES if counts.get(rule))
    return Unmatched(cohort.mentees[i], len(cohort.mentors), blocked)
