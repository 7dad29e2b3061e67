"""The outcomes report's decisions, pure: which questions pair up, each group's change and its
test, and which figures are too small to show (or would give a small one away).

`outcomes_report` makes the whole report from a cohort's data; the rest are its parts, each
tested alone."""

from __future__ import annotations

import functools
import statistics
from collections import Counter
from collections.abc import Collection, Hashable, Mapping, Sequence
from typing import TypeVar

import numpy as np

from bot.outcomes.errors import UnknownQuestion
from bot.outcomes.model import (
    ALL,
    COMPLETED,
    EVERYONE,
    FITS,
    NOT_COMPLETED,
    PULSE_HIGH,
    PULSE_LOW,
    ROLES,
    Change,
    ChangeRow,
    CohortOutcomes,
    CountCell,
    CountTable,
    Goals,
    Group,
    Meetings,
    OutcomesReport,
    PairedAnswer,
    PairRecord,
    QuestionChanges,
    Reason,
    Role,
    SignedRank,
    Suppressed,
)
from bot.programme_forms import Form, Question

# No figure is shown about fewer people than this (or, for pairs' figures, fewer pairs).
SMALLEST_CELL = 10
# The signed-rank test is run only when at least this many people's answers moved: below it the
# test could hardly find anything, and the normal approximation it falls back on for tied
# changes (which a 1-5 scale always has, past 13 changes) is poor.
FEWEST_TO_TEST = 10
# Each audience a question can have, as the roles it asks.
ASKED: dict[str, tuple[Role, ...]] = {"mentees": ("mentee",), "mentors": ("mentor",)}

K = TypeVar("K", bound=Hashable)


def outcomes_report(data: CohortOutcomes, baseline: Form, final: Form) -> OutcomesReport:
    """The cohort's report: each paired question's change by group, the pairs' goals and
    meetings, and the completion, fit and pulse counts, each figure shown or suppressed.
    UnknownQuestion if an answer is to a question the two forms do not both ask on a scale."""
    questions = paired_questions(baseline, final)
    known = tuple(q.id for q in questions)
    stray = next((a.question_id for a in data.paired if a.question_id not in known), None)
    if stray is not None:
        raise UnknownQuestion(stray, known)
    return OutcomesReport(
        scheme=data.scheme,
        cohort=data.cohort,
        made_on=data.made_on,
        changes=tuple(
            question_changes(q, [a for a in data.paired if a.question_id == q.id])
            for q in questions
        ),
        goals=goals_of(data.pairs),
        meetings=meetings_of(data.pairs),
        completion=count_table(
            Counter(
                (c.role, COMPLETED if c.completed else NOT_COMPLETED) for c in data.completions
            ),
            (COMPLETED, NOT_COMPLETED),
        ),
        fit=count_table(Counter((f.role, f.fit) for f in data.fits), FITS),
        pulse=count_table(
            Counter((p.role, str(p.score)) for p in data.pulses),
            tuple(str(score) for score in range(PULSE_LOW, PULSE_HIGH + 1)),
        ),
    )


def paired_questions(baseline: Form, final: Form) -> tuple[Question, ...]:
    """The scale questions both forms ask under the same id, on the same scale: each person's
    two answers to one of them make a before and after. As the baseline asks them (the final
    form may word them a little differently: "How confident do you now feel…")."""
    return tuple(
        q
        for q in baseline.questions
        if q.kind == "scale"
        and (then := final.question(q.id)) is not None
        and then.kind == "scale"
        and (then.low, then.high) == (q.low, q.high)
    )


def question_changes(question: Question, answers: Sequence[PairedAnswer]) -> QuestionChanges:
    """A row for each role the question asks, and one for everyone where it asks both; a row
    about fewer than SMALLEST_CELL people is suppressed, and so is a role's row that the
    everyone row would give away (see `suppress`). Answers from a role the question does not
    ask are not counted."""
    roles = ASKED.get(question.audience, ROLES)
    groups: dict[Group, list[PairedAnswer]] = {
        role: [a for a in answers if a.role == role] for role in roles
    }
    sums: list[tuple[Group, Sequence[Group]]] = []
    if len(roles) > 1:
        groups[EVERYONE] = [a for a in answers if a.role in roles]
        sums.append((EVERYONE, roles))
    hidden = suppress({group: len(some) for group, some in groups.items()}, sums)
    return QuestionChanges(
        question,
        tuple(
            ChangeRow(group, Suppressed(hidden[group]) if group in hidden else change_of(some))
            for group, some in groups.items()
        ),
    )


def change_of(answers: Sequence[PairedAnswer]) -> Change:
    """A group's change: each person's final answer less their baseline one, summarised."""
    changes = [a.change for a in answers]
    lower, median, upper = median_and_quartiles(changes)
    return Change(
        people=len(answers),
        baseline_median=float(statistics.median(a.baseline for a in answers)),
        final_median=float(statistics.median(a.final for a in answers)),
        median=median,
        lower_quartile=lower,
        upper_quartile=upper,
        test=signed_rank_test(changes),
    )


def median_and_quartiles(values: Sequence[float]) -> tuple[float, float, float]:
    """(lower quartile, median, upper quartile) of at least two values, by the "inclusive"
    method: the quartile lies between the two values either side of its place, (n - 1) / 4 from
    the first (as NumPy's default and Excel's QUARTILE.INC do)."""
    lower, median, upper = statistics.quantiles(values, n=4, method="inclusive")
    return float(lower), float(median), float(upper)


def signed_rank_test(changes: Sequence[int]) -> SignedRank | None:
    """The Wilcoxon signed-rank test of the changes against none (scipy.stats.wilcoxon),
    two-sided, with the rank-biserial effect size; None when the numbers do not allow it.

    Zeros (people whose answer did not move) are dropped before ranking, Wilcoxon's own method
    (zero_method="wilcox"): the test's n is the number of changes left. The numbers allow the test
    when that n is at least FEWEST_TO_TEST; otherwise the report says "too few to test".
    Tied sizes of change share the mean of their ranks. The p-value is as SciPy's "auto" method
    gives it: exact when no two changes tie; with ties (as a 1-5 scale always has), exact over
    every way the signs could fall on the actual ranks up to 13 changes, and beyond 13 the
    normal approximation with its variance corrected for the ties."""
    moved = [c for c in changes if c != 0]
    if len(moved) < FEWEST_TO_TEST:
        return None
    from scipy.stats import wilcoxon  # at first use: see _held_at_zero

    result = wilcoxon(moved, zero_method="wilcox", alternative="two-sided", method="auto")
    return SignedRank(
        differences=len(moved),
        statistic=float(result.statistic),
        p_value=float(result.pvalue),
        effect_size=rank_biserial(moved),
    )


def rank_biserial(changes: Sequence[int]) -> float:
    """The matched-pairs rank-biserial correlation (Kerby 2014): the rank sum of the rises less
    that of the falls, over the sum of all ranks, ranked as the test ranks them (zeros dropped,
    ties sharing the mean rank). 1: every answer that moved rose; -1: every one fell; 0: rises
    and falls balance. At least one change must be non-zero."""
    from scipy.stats import rankdata  # at first use: see _held_at_zero

    moved = [c for c in changes if c != 0]
    ranks = rankdata([abs(c) for c in moved])
    rises = sum(rank for rank, c in zip(ranks, moved, strict=True) if c > 0)
    total = float(ranks.sum())
    return (2 * float(rises) - total) / total


def goals_of(pairs: Sequence[PairRecord]) -> Goals | Suppressed:
    """Goals set and achieved across the pairs; suppressed under SMALLEST_CELL pairs (a pair's
    figures are about both its people, and ten pairs are at least ten people, even where a
    mentor is in more than one)."""
    if len(pairs) < SMALLEST_CELL:
        return Suppressed("under_ten")
    return Goals(
        pairs=len(pairs),
        set=sum(p.goals_set for p in pairs),
        achieved=sum(p.goals_achieved for p in pairs),
    )


def meetings_of(pairs: Sequence[PairRecord]) -> Meetings | Suppressed:
    """Meetings per pair: the median and the range; suppressed under SMALLEST_CELL pairs."""
    if len(pairs) < SMALLEST_CELL:
        return Suppressed("under_ten")
    met = [p.meetings for p in pairs]
    return Meetings(len(pairs), float(statistics.median(met)), min(met), max(met))


def count_table(counts: Mapping[tuple[Role, str], int], categories: Sequence[str]) -> CountTable:
    """People by role and category, with each role's whole (ALL) and everyone's row, every
    count shown or suppressed so that no count under SMALLEST_CELL shows or can be worked out
    from the rest (see `suppress`)."""
    return _count_table(tuple(sorted(counts.items())), tuple(categories))


# Worked out once for each table of counts: the console draws the same few tables on every
# redraw, and hiding their small counts solves linear programs. A CountTable is immutable.
@functools.lru_cache(maxsize=256)
def _count_table(
    counted: tuple[tuple[tuple[Role, str], int], ...], categories: tuple[str, ...]
) -> CountTable:
    counts = dict(counted)
    cells: dict[tuple[Group, str], int] = {}
    for role in ROLES:
        cells |= {(role, category): counts.get((role, category), 0) for category in categories}
        cells[(role, ALL)] = sum(cells[(role, category)] for category in categories)
    columns = (*categories, ALL)
    cells |= {(EVERYONE, c): sum(cells[(role, c)] for role in ROLES) for c in columns}
    rows: tuple[Group, ...] = (*ROLES, EVERYONE)
    sums = [((g, ALL), [(g, c) for c in categories]) for g in rows]
    sums += [((EVERYONE, c), [(role, c) for role in ROLES]) for c in columns]
    hidden = suppress(cells, sums)
    return CountTable(
        tuple(categories),
        tuple(
            CountCell(*cell, Suppressed(hidden[cell]) if cell in hidden else n)
            for cell, n in cells.items()
        ),
    )


def suppress(cells: Mapping[K, int], sums: Sequence[tuple[K, Sequence[K]]]) -> dict[K, Reason]:
    """Which cells to hide, and why. `cells` are counts of people; `sums` say which cells add up
    to which (a total, and its parts).

    First, every cell under SMALLEST_CELL, zero included ("no mentor thought their pairing a good
    fit" tells as much as "one did"). Then, while any hidden cell could be worked out exactly
    from the shown ones (see `_worked_out`: a total less its other parts, any chain of such
    subtractions, and hidden counts that add up to nothing being each nothing), one more cell
    is hidden: of those in a sum with a cell that could be worked out, the one that leaves the
    fewest cells to be worked out by subtraction, then a part before a total (so the totals
    stay), then the smallest (so least is lost). What is left is a table in which no hidden
    count can be got back; a reader can still narrow one to a range, which is all that
    subtraction can then do."""
    keys = list(cells)
    totals = {total for total, _ in sums}
    hidden: dict[K, Reason] = {key: "under_ten" for key in keys if cells[key] < SMALLEST_CELL}
    while found := _worked_out(cells, sums, hidden):
        near = [s for s in sums if any(k == s[0] or k in s[1] for k in found)]
        candidates = _shown_in(near, hidden) or _shown_in(sums, hidden)
        if not candidates:
            break
        extra = min(
            candidates,
            key=lambda key: (
                len(_fixed(_equations(cells, sums, {*hidden, key})[0], set())),
                key in totals,
                cells[key],
                keys.index(key),
            ),
        )
        hidden[extra] = "reveals_another"
    return hidden


def _shown_in(sums: Sequence[tuple[K, Sequence[K]]], hidden: Mapping[K, Reason]) -> list[K]:
    return list(
        dict.fromkeys(k for total, parts in sums for k in (total, *parts) if k not in hidden)
    )


def _worked_out(
    cells: Mapping[K, int], sums: Sequence[tuple[K, Sequence[K]]], hidden: Mapping[K, Reason]
) -> list[K]:
    """The hidden cells whose values the shown ones fix: those held at zero (hidden counts that
    add up to nothing), and those fixed by subtraction once those zeros are known."""
    equations, known, unknown = _equations(cells, sums, set(hidden))
    if not unknown:
        return []
    zeros = _held_at_zero(equations, known)
    fixed = zeros | _fixed(equations, zeros)
    return [key for n, key in enumerate(unknown) if n in fixed]


def _equations(
    cells: Mapping[K, int], sums: Sequence[tuple[K, Sequence[K]]], hidden: Collection[K]
) -> tuple[np.ndarray, np.ndarray, list[K]]:
    """The sums as equations over the hidden cells (one row each: coefficients · hidden =
    known), the shown counts put in; and the hidden cells, in the columns' order."""
    unknown = [key for key in cells if key in hidden]
    equations = np.zeros((len(sums), len(unknown)))
    known = np.zeros(len(sums))
    for row, (total, parts) in enumerate(sums):
        for key in (total, *parts):
            sign = 1 if key == total else -1
            if key in hidden:
                equations[row, unknown.index(key)] += sign
            else:
                known[row] -= sign * cells[key]
    return equations, known, unknown


def _fixed(equations: np.ndarray, zeros: set[int]) -> set[int]:
    """The unknowns, besides `zeros`, that the equations fix once those are put at zero: each
    whose unit vector lies in the row space of the equations over the rest. (A count is fixed
    over every solution exactly where it is on their affine hull, which is the equations with
    the zeros put in.)"""
    free = [n for n in range(equations.shape[1]) if n not in zeros]
    rest = equations[:, free]
    rank = np.linalg.matrix_rank(rest)
    fixed = set()
    for column, n in enumerate(free):
        alone = np.zeros((1, len(free)))
        alone[0, column] = 1
        if np.linalg.matrix_rank(np.vstack([rest, alone])) == rank:
            fixed.add(n)
    return fixed


def _held_at_zero(equations: np.ndarray, known: np.ndarray) -> set[int]:
    """The unknowns that are zero in every non-negative solution of equations · x = known. One
    linear program finds them all: scaled up by t, a solution can make every unknown that is
    not held at zero at least 1 at once (a sum of solutions, each with one of them positive), so
    maximising the sum of min(x, 1) sets exactly those to 1."""
    # SciPy is imported when first used: at the top it cost every process (web, clock, each
    # command) 1.5 s at start, for the few that make a report.
    from scipy.optimize import linprog

    rows, n = equations.shape
    # variables: x (n), z = min(x, 1) (n), t; maximise the sum of z
    objective = np.concatenate([np.zeros(n), -np.ones(n), [0.0]])
    scaled = np.hstack([equations, np.zeros((rows, n)), -known.reshape(-1, 1)])
    below = np.hstack([-np.eye(n), np.eye(n), np.zeros((n, 1))])
    bounds = [(0, None)] * n + [(0, 1)] * n + [(1, None)]
    found = linprog(
        objective,
        A_ub=below,
        b_ub=np.zeros(n),
        A_eq=scaled,
        b_eq=np.zeros(rows),
        bounds=bounds,
        method="highs",
    )
    return {j for j in range(n) if found.x[n + j] < 0.5}
