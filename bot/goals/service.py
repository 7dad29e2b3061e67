"""The goals use cases: the pair's goals and boundaries to read (their Home, `/mentoring goals`)
and to set in Negotiation, by either of the two; a check-in's question about one goal, asked in
the check-in's own transaction, and its answer as the goal's progress; the mentee's confidence
again at the close; and the team's counts, which hold no words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from bot.errors import NotAParticipant
from bot.goals.errors import NoGoalQuestion, NotYourGoal
from bot.goals.model import Boundaries, Goal, GoalCounts, GoalDraft, Progress
from bot.goals.notices import GoalQuestion, GoalsUpdated
from bot.goals.rules import (
    asks_about_goals,
    checked_boundaries,
    checked_goals,
    closing_confidence,
    counts,
    goal_to_ask,
    may_set_goals,
)
from bot.notices import Deliveries, Outgoing, keys_of
from bot.pairs.errors import AlreadyAnswered, CheckInClosed, NotYourCheckIn
from bot.pairs.model import CheckIn, Pair, PairChoice
from bot.pairs.service import members_of, own_pair
from bot.participants.model import Participant
from bot.ports import UnitOfWork, UnitOfWorkFactory
from bot.team import Team


@dataclass(frozen=True)
class MyGoals:
    """A pair's goals, each with its story, and its boundaries, as either of the two sees them."""

    pair: Pair
    goals: list[Goal]
    boundaries: Boundaries

    @property
    def editable(self) -> bool:
        """Whether the pair can set or change them now: started, and in Negotiation."""
        return self.pair.status == "active" and self.pair.stage == "negotiation"


@dataclass(frozen=True)
class GoalAnswered:
    """A check-in's question about a goal, answered: by whom, and the goal as it now stands."""

    person: Participant
    goal: Goal


class GoalsService:
    def __init__(self, uow: UnitOfWorkFactory, deliveries: Deliveries, team: Team):
        self._uow = uow
        self._deliveries = deliveries
        self._team = team

    def mine(self, slack_user_id: str, which: PairChoice | None = None) -> MyGoals:
        """The goals of the person's current pair, `which` for a mentor with several (NotInAPair,
        PairingEnded otherwise)."""
        with self._uow() as uow:
            _person, pair = own_pair(uow, slack_user_id, which)
            return _goals_of(uow, pair)

    def to_edit(self, slack_user_id: str, which: PairChoice | None = None) -> MyGoals:
        """The goals as they stand, to fill the form with: only while they may be changed."""
        found = self.mine(slack_user_id, which)
        may_set_goals(found.pair)
        return found

    def save(
        self,
        slack_user_id: str,
        rows: Sequence[GoalDraft | None],
        boundaries: Boundaries,
        now: datetime,
        which: PairChoice | None = None,
    ) -> MyGoals:
        """Keeps the form's goals (by row) and boundaries, and tells the partner, in their own
        DM, that they changed; a form sent back unchanged changes nothing and tells no one."""
        with self._uow() as uow:
            person, pair = own_pair(uow, slack_user_id, which)
            may_set_goals(pair)
            goals, bounds = checked_goals(rows), checked_boundaries(boundaries)
            before = _goals_of(uow, pair)
            if {g.position: g.draft for g in before.goals} == goals and before.boundaries == bounds:
                return before
            uow.goals.replace(pair.id, goals, person.id, now)
            uow.boundaries.save(pair.id, bounds, person.id, now)
            partner = next(p for p in members_of(uow, pair) if p.id != person.id)
            told = [GoalsUpdated(pair.id, person.name, now).to_person(partner)]
            uow.deliveries.add(told, now)
            uow.commit()
            after = _goals_of(uow, pair)
        self._deliveries.flush(now, keys_of(told))
        return after

    def answer(
        self, slack_user_id: str, checkin_id: int, progress: Progress, now: datetime
    ) -> GoalAnswered:
        """Either of the pair answers a check-in's question about a goal, once; the answer is
        the goal's progress, and a dated step in its story. A late answer is still news."""
        with self._uow() as uow:
            person = uow.participants.by_slack_id(slack_user_id)
            checkin = uow.checkins.get(checkin_id)
            pair = uow.pairs.get(checkin.pair_id) if checkin else None
            if person is None:
                raise NotAParticipant()
            if pair is None or person.id not in pair.members:
                raise NotYourCheckIn()
            if pair.status != "active":
                raise CheckInClosed()
            goal = _asked_about(uow, pair, checkin_id)
            if not uow.goals.answer(checkin_id, progress, person.id, now):
                raise AlreadyAnswered()
            uow.commit()
        return GoalAnswered(person, replace(goal, progress=progress))

    def close(self, slack_user_id: str, goal_id: int, confidence: int, now: datetime) -> Goal:
        """The mentee's confidence in one of the pair's goals again, at Coming to Closure."""
        with self._uow() as uow:
            person, pair = own_pair(uow, slack_user_id)
            goal = next((g for g in uow.goals.for_pair(pair.id) if g.id == goal_id), None)
            if goal is None:
                raise NotYourGoal()
            score = closing_confidence(pair, f"confidence_end_{goal.position}", confidence)
            uow.goals.close(goal.id, score, person.id, now)
            uow.commit()
        return replace(goal, confidence_end=score)

    def team_counts(self, actor: str) -> GoalCounts:
        """How many goals the cohort's pairs have set, under way and achieved: never a word."""
        self._team.require_member(actor)
        with self._uow() as uow:
            return counts(uow.goals.of_cohort())


def ask_about_goals(
    uow: UnitOfWork, opened: Sequence[tuple[Pair, CheckIn, str]], now: datetime
) -> list[Outgoing]:
    """For each check-in just opened (its pair, the check-in, the pair's group DM) of a pair in
    Enabling Growth with a goal to ask about: the question about its next goal, kept in the
    caller's transaction (so the next check-in asks about the one after) and to be sent beside
    the check-in's own."""
    growing = [(pair, checkin, to) for pair, checkin, to in opened if asks_about_goals(pair.stage)]
    if not growing:
        return []
    pair_ids = [pair.id for pair, _, _ in growing]
    goals, last = uow.goals.for_pairs(pair_ids), uow.goals.last_asked(pair_ids)
    asked: list[Outgoing] = []
    for pair, checkin, to in growing:
        theirs = goals.get(pair.id, [])
        goal = goal_to_ask(theirs, last.get(pair.id))
        if goal is None:
            continue
        uow.goals.ask(checkin.id, goal.id, now)
        place = [g.id for g in theirs].index(goal.id) + 1
        question = GoalQuestion(
            pair.id, checkin.id, checkin.number, place, len(theirs), goal.what, goal.by_when
        )
        asked.append(question.to(to))
    return asked


def _goals_of(uow: UnitOfWork, pair: Pair) -> MyGoals:
    return MyGoals(pair, uow.goals.for_pair(pair.id), uow.boundaries.get(pair.id))


def _asked_about(uow: UnitOfWork, pair: Pair, checkin_id: int) -> Goal:
    """The goal the check-in asked about, if it is still one of the pair's."""
    asked = uow.goals.asked(checkin_id)
    goal = next((g for g in uow.goals.for_pair(pair.id) if g.id == asked), None)
    if goal is None:
        raise NoGoalQuestion()
    return goal
