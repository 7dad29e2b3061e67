"""A cohort's outcomes as plain data: what goes in (answers, pairs' goals and meetings, who
completed, fit and pulse answers) and the report that comes out.

What goes in carries no name, Slack id, email or free text about anyone: each value is a role,
a number, a yes or no, or one of a few fixed answers, checked when it is made; the one text, a
question's id, must be a question both forms ask (rules.outcomes_report refuses any other). So
nothing the report is built from can name a person, whatever the report then does with it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal, get_args

from bot.programme_forms import Question

Role = Literal["mentee", "mentor"]
ROLES: tuple[Role, ...] = get_args(Role)
# The groups a figure can be about: each role, and both together.
Group = Literal["mentee", "mentor", "everyone"]
EVERYONE: Group = "everyone"
# The answers to "How is the pairing going?" early in a pairing.
Fit = Literal["good_fit", "not_sure_yet", "not_a_good_fit"]
FITS: tuple[Fit, ...] = get_args(Fit)
PULSE_LOW, PULSE_HIGH = 1, 5
# A count table's last column: the row's whole.
ALL = "all"
COMPLETED, NOT_COMPLETED = "completed", "not_completed"
Section = Literal["change", "goals", "meetings", "completion", "fit", "pulse"]
# Why a figure is hidden: it is about fewer than ten people (or pairs), or it would let a hidden
# figure be worked out by subtraction from those shown.
Reason = Literal["under_ten", "reveals_another"]


def _role(role: str) -> None:
    if role not in ROLES:
        raise ValueError(f"a role is one of {ROLES}, not {role!r}")


def _whole(*counts: int) -> None:
    if any(type(n) is not int or n < 0 for n in counts):
        raise ValueError(f"counts are whole numbers, not {counts}")


@dataclass(frozen=True)
class PairedAnswer:
    """One person's answers to one scale question asked at the baseline and the final
    evaluation (the same question id in both forms)."""

    role: Role
    question_id: str
    baseline: int
    final: int

    def __post_init__(self) -> None:
        _role(self.role)
        _whole(self.baseline, self.final)

    @property
    def change(self) -> int:
        return self.final - self.baseline


@dataclass(frozen=True)
class PairRecord:
    """One pair's goals (every goal it set, whatever its state, and how many of them it
    achieved) and the meetings it logged."""

    goals_set: int
    goals_achieved: int
    meetings: int

    def __post_init__(self) -> None:
        _whole(self.goals_set, self.goals_achieved, self.meetings)
        if self.goals_achieved > self.goals_set:
            raise ValueError("a pair cannot achieve more goals than it set")


@dataclass(frozen=True)
class Completion:
    """Whether one person completed the scheme."""

    role: Role
    completed: bool

    def __post_init__(self) -> None:
        _role(self.role)


@dataclass(frozen=True)
class FitAnswer:
    """One person's answer about their pairing's fit (their latest, so each person counts
    once)."""

    role: Role
    fit: Fit

    def __post_init__(self) -> None:
        _role(self.role)
        if self.fit not in FITS:
            raise ValueError(f"a fit answer is one of {FITS}, not {self.fit!r}")


@dataclass(frozen=True)
class PulseAnswer:
    """One person's pulse, 1 to 5 (their latest, so each person counts once)."""

    role: Role
    score: int

    def __post_init__(self) -> None:
        _role(self.role)
        if type(self.score) is not int or not PULSE_LOW <= self.score <= PULSE_HIGH:
            raise ValueError(f"a pulse is {PULSE_LOW} to {PULSE_HIGH}, not {self.score!r}")


@dataclass(frozen=True)
class CohortOutcomes:
    """Everything a cohort's report is made from. `scheme` is the programme's name, `cohort`
    the cohort's id, `made_on` the day the report is made."""

    scheme: str
    cohort: str
    made_on: date
    paired: tuple[PairedAnswer, ...]
    pairs: tuple[PairRecord, ...]
    completions: tuple[Completion, ...]
    fits: tuple[FitAnswer, ...]
    pulses: tuple[PulseAnswer, ...]


@dataclass(frozen=True)
class Suppressed:
    """A figure the report does not show, and why."""

    reason: Reason


@dataclass(frozen=True)
class SignedRank:
    """A Wilcoxon signed-rank test of a group's changes. `differences` is how many changes
    were not zero (the test's n); `statistic` is the smaller of the rank sums of the rises and
    the falls; `effect_size` is the matched-pairs rank-biserial correlation, from -1 (every
    score fell) to 1 (every score rose)."""

    differences: int
    statistic: float
    p_value: float
    effect_size: float


@dataclass(frozen=True)
class Change:
    """How a group's answers to one question moved from the baseline to the final evaluation:
    the medians at each, the median of each person's change and the quartiles of those changes,
    and the test where the numbers allow it (None: too few changes to test)."""

    people: int
    baseline_median: float
    final_median: float
    median: float
    lower_quartile: float
    upper_quartile: float
    test: SignedRank | None

    @property
    def spread(self) -> float:
        """The interquartile range: how far apart the middle half of the changes are."""
        return self.upper_quartile - self.lower_quartile


@dataclass(frozen=True)
class ChangeRow:
    group: Group
    result: Change | Suppressed


@dataclass(frozen=True)
class QuestionChanges:
    """One paired question (as the baseline asked it) and its rows: each role it was asked of,
    and everyone where it was asked of both."""

    question: Question
    rows: tuple[ChangeRow, ...]


@dataclass(frozen=True)
class Goals:
    pairs: int
    set: int
    achieved: int


@dataclass(frozen=True)
class Meetings:
    """Meetings per pair: the median, and the fewest and the most one pair logged."""

    pairs: int
    median: float
    least: int
    most: int


@dataclass(frozen=True)
class CountCell:
    group: Group
    category: str
    count: int | Suppressed


@dataclass(frozen=True)
class CountTable:
    """People counted by group (each role, then everyone) and category (then ALL, the row's
    whole), each count shown or suppressed."""

    categories: tuple[str, ...]
    cells: tuple[CountCell, ...]

    def count(self, group: Group, category: str) -> int | Suppressed:
        return next(c.count for c in self.cells if (c.group, c.category) == (group, category))

    @property
    def groups(self) -> tuple[Group, ...]:
        return tuple(dict.fromkeys(c.group for c in self.cells))


@dataclass(frozen=True)
class Hidden:
    """Where a suppressed figure is, for the report's note: its section and item (a question id,
    or the section's own name), its group and category where it has them, and why."""

    section: Section
    item: str
    group: Group | None
    category: str | None
    reason: Reason


@dataclass(frozen=True)
class OutcomesReport:
    scheme: str
    cohort: str
    made_on: date
    changes: tuple[QuestionChanges, ...]
    goals: Goals | Suppressed
    meetings: Meetings | Suppressed
    completion: CountTable
    fit: CountTable
    pulse: CountTable

    def tables(self) -> tuple[tuple[Section, CountTable], ...]:
        return (("completion", self.completion), ("fit", self.fit), ("pulse", self.pulse))

    def hidden(self) -> tuple[Hidden, ...]:
        """Every suppressed figure, in the report's order."""
        found: list[Hidden] = []
        for asked in self.changes:
            found += [
                Hidden("change", asked.question.id, row.group, None, row.result.reason)
                for row in asked.rows
                if isinstance(row.result, Suppressed)
            ]
        per_pair: tuple[tuple[Section, Goals | Meetings | Suppressed], ...] = (
            ("goals", self.goals),
            ("meetings", self.meetings),
        )
        for section, shown in per_pair:
            if isinstance(shown, Suppressed):
                found.append(Hidden(section, section, None, None, shown.reason))
        for section, table in self.tables():
            found += [
                Hidden(section, section, c.group, c.category, c.count.reason)
                for c in table.cells
                if isinstance(c.count, Suppressed)
            ]
        return tuple(found)
