"""The pure rules about goals: when a pair may set them, what a kept goal and the boundaries may
hold, which goal a check-in asks about next, and what the team may count."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from bot.errors import within
from bot.goals.errors import (
    ConfidenceOutOfRange,
    GoalsInNegotiation,
    GoalWithoutWords,
    NotClosing,
    TooManyGoals,
)
from bot.goals.model import Boundaries, Goal, GoalCounts, GoalDraft
from bot.pairs.errors import NotStarted
from bot.pairs.model import Pair
from bot.scheme import Stage

MAX_GOALS = 5
# As long as the old agreement's learning goals could be, so each is kept whole as a goal.
WHAT_MAX = 1000
HOW_KNOWN_MAX = 500
BOUNDARY_MAX = 1000  # each of availability, topics, contact
CONFIDENCE = range(1, 11)
# The stage whose check-ins ask about a goal, and the one whose close re-scores confidence.
ASKED_IN: Stage = "enabling_growth"
CLOSING: Stage = "coming_to_closure"


def may_set_goals(pair: Pair) -> None:
    """Either of a started pair sets and changes its goals in Negotiation; elsewhere, the pair
    can move back to Negotiation to change them."""
    if pair.status != "active":
        raise NotStarted()
    if pair.stage != "negotiation":
        raise GoalsInNegotiation(pair.stage)


def checked_goals(rows: Sequence[GoalDraft | None]) -> dict[int, GoalDraft]:
    """The form's rows as the goals to keep, by their place (1–5); a row left empty (None, or
    nothing typed or chosen) keeps no goal there. Raises what a row cannot hold, naming its
    input."""
    if len(rows) > MAX_GOALS:
        raise TooManyGoals(len(rows), MAX_GOALS)
    return {
        position: _checked(position, row)
        for position, row in enumerate(rows, 1)
        if row is not None and not _blank(row)
    }


def _blank(row: GoalDraft) -> bool:
    typed = row.what.strip() or row.how_known.strip()
    return not typed and row.by_when is None and row.confidence_start is None


def _checked(position: int, row: GoalDraft) -> GoalDraft:
    what = within(f"what_{position}", row.what, WHAT_MAX)
    if not what:
        raise GoalWithoutWords(position)
    how_known = within(f"how_known_{position}", row.how_known, HOW_KNOWN_MAX)
    confidence = row.confidence_start
    if confidence is not None and confidence not in CONFIDENCE:
        raise ConfidenceOutOfRange(f"confidence_{position}", confidence)
    return GoalDraft(what, how_known, row.by_when, confidence)


def checked_boundaries(boundaries: Boundaries) -> Boundaries:
    return Boundaries(
        within("availability", boundaries.availability, BOUNDARY_MAX),
        within("topics", boundaries.topics, BOUNDARY_MAX),
        within("contact", boundaries.contact, BOUNDARY_MAX),
    )


def asks_about_goals(stage: Stage) -> bool:
    return stage == ASKED_IN


def goal_to_ask(goals: Sequence[Goal], last_asked: int | None) -> Goal | None:
    """The goal a check-in asks about: one at a time, in the pair's order, the one after the
    goal asked about last (round to the first again), skipping those achieved. None when the
    pair has none left to ask about. A goal asked about last that has since gone starts the
    round again."""
    still_open = sorted((g for g in goals if g.progress != "achieved"), key=lambda g: g.position)
    last = next((g.position for g in goals if g.id == last_asked), None)
    if not still_open:
        return None
    if last is None:
        return still_open[0]
    return next((g for g in still_open if g.position > last), still_open[0])


def closing_confidence(pair: Pair, field: str, confidence: int) -> int:
    """The mentee's confidence in a goal again as the relationship closes: only then, 1–10."""
    if pair.stage != CLOSING:
        raise NotClosing(pair.stage)
    if confidence not in CONFIDENCE:
        raise ConfidenceOutOfRange(field, confidence)
    return confidence


def counts(goals: Iterable[Goal]) -> GoalCounts:
    """How many goals are set (every kept goal, whatever its progress), how many under way and
    achieved, and how many pairs set them: numbers only, so the team never reads a goal."""
    kept = list(goals)
    return GoalCounts(
        pairs=len({g.pair_id for g in kept}),
        set=len(kept),
        under_way=sum(g.progress == "under_way" for g in kept),
        achieved=sum(g.progress == "achieved" for g in kept),
    )
