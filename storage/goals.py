"""Goals, the questions check-ins asked about them (whose answers are each goal's story), and
boundaries. Each row belongs to a pair, and so to the pair's cohort: a query of the cohort's
goals goes through the pairs table, which is cohort-scoped (storage/base.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import cast

from sqlalchemy import (
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    delete,
    func,
    select,
    update,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from bot.goals.model import Boundaries, Goal, GoalDraft, Progress, ProgressStep
from storage.base import Base, chunks
from storage.pairs import PairRecord


class GoalRecord(Base):
    __tablename__ = "goals"
    __table_args__ = (UniqueConstraint("pair_id", "position", name="uq_goals_pair_position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("pairs.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    what: Mapped[str] = mapped_column(Text)
    how_known: Mapped[str] = mapped_column(Text)
    by_when: Mapped[date | None] = mapped_column(Date)
    confidence_start: Mapped[int | None] = mapped_column(Integer)
    confidence_end: Mapped[int | None] = mapped_column(Integer)
    progress: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("participants.id"))


class GoalCheckInRecord(Base):
    """A check-in's question about one goal (at most one a check-in), and its answer."""

    __tablename__ = "goal_checkins"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    checkin_id: Mapped[int] = mapped_column(ForeignKey("checkins.id"), unique=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goals.id"), index=True)
    asked_at: Mapped[datetime]
    progress: Mapped[str | None] = mapped_column(String(12))
    answered_at: Mapped[datetime | None]
    answered_by: Mapped[int | None] = mapped_column(ForeignKey("participants.id"))


class BoundariesRecord(Base):
    __tablename__ = "boundaries"

    pair_id: Mapped[int] = mapped_column(ForeignKey("pairs.id"), primary_key=True)
    availability: Mapped[str] = mapped_column(Text)
    topics: Mapped[str] = mapped_column(Text)
    contact: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime]
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("participants.id"))


def _goal(r: GoalRecord, story: tuple[ProgressStep, ...] = ()) -> Goal:
    return Goal(
        r.id,
        r.pair_id,
        r.position,
        r.what,
        r.how_known,
        r.by_when,
        r.confidence_start,
        r.confidence_end,
        cast(Progress, r.progress),
        story,
    )


class SqlGoals:
    def __init__(self, session: Session):
        self._session = session

    def for_pair(self, pair_id: int) -> list[Goal]:
        records = list(
            self._session.scalars(
                select(GoalRecord)
                .where(GoalRecord.pair_id == pair_id)
                .order_by(GoalRecord.position)
            )
        )
        stories = self._stories([r.id for r in records])
        return [_goal(r, tuple(stories.get(r.id, []))) for r in records]

    def _stories(self, goal_ids: list[int]) -> dict[int, list[ProgressStep]]:
        """Each goal's answers, oldest first."""
        answered = (
            select(GoalCheckInRecord)
            .where(GoalCheckInRecord.goal_id.in_(goal_ids), GoalCheckInRecord.progress.is_not(None))
            .order_by(GoalCheckInRecord.answered_at, GoalCheckInRecord.id)
        )
        stories: dict[int, list[ProgressStep]] = {}
        for r in self._session.scalars(answered) if goal_ids else []:
            assert r.answered_at is not None, "answered with its time"
            step = ProgressStep(cast(Progress, r.progress), r.answered_at)
            stories.setdefault(r.goal_id, []).append(step)
        return stories

    def for_pairs(self, pair_ids: Sequence[int]) -> dict[int, list[Goal]]:
        found: dict[int, list[Goal]] = {}
        for batch in chunks(pair_ids):
            query = (
                select(GoalRecord)
                .where(GoalRecord.pair_id.in_(batch))
                .order_by(GoalRecord.pair_id, GoalRecord.position)
            )
            for record in self._session.scalars(query):
                found.setdefault(record.pair_id, []).append(_goal(record))
        return found

    def of_cohort(self) -> list[Goal]:
        query = (
            select(GoalRecord)
            .join(PairRecord, PairRecord.id == GoalRecord.pair_id)
            .order_by(GoalRecord.pair_id, GoalRecord.position)
        )
        return [_goal(r) for r in self._session.scalars(query)]

    def replace(self, pair_id: int, goals: dict[int, GoalDraft], by: int, now: datetime) -> None:
        kept = {
            r.position: r
            for r in self._session.scalars(select(GoalRecord).where(GoalRecord.pair_id == pair_id))
        }
        gone = [r.id for position, r in kept.items() if position not in goals]
        if gone:
            self._session.execute(
                delete(GoalCheckInRecord).where(GoalCheckInRecord.goal_id.in_(gone))
            )
            self._session.execute(delete(GoalRecord).where(GoalRecord.id.in_(gone)))
        for position, draft in goals.items():
            record = kept.get(position) or GoalRecord(
                pair_id=pair_id, position=position, progress="not_started", created_at=now
            )
            if record.id is None or _goal(record).draft != draft:
                record.what, record.how_known = draft.what, draft.how_known
                record.by_when, record.confidence_start = draft.by_when, draft.confidence_start
                record.updated_at, record.updated_by = now, by
                self._session.add(record)
        self._session.flush()

    def last_asked(self, pair_ids: Sequence[int]) -> dict[int, int]:
        found: dict[int, int] = {}
        for batch in chunks(pair_ids):
            latest = (
                select(GoalRecord.pair_id, func.max(GoalCheckInRecord.id).label("question"))
                .join(GoalRecord, GoalRecord.id == GoalCheckInRecord.goal_id)
                .where(GoalRecord.pair_id.in_(batch))
                .group_by(GoalRecord.pair_id)
                .subquery()
            )
            rows = self._session.execute(
                select(latest.c.pair_id, GoalCheckInRecord.goal_id).join(
                    GoalCheckInRecord, GoalCheckInRecord.id == latest.c.question
                )
            )
            found |= {pair_id: goal_id for pair_id, goal_id in rows}
        return found

    def ask(self, checkin_id: int, goal_id: int, now: datetime) -> None:
        self._session.add(GoalCheckInRecord(checkin_id=checkin_id, goal_id=goal_id, asked_at=now))
        self._session.flush()

    def asked(self, checkin_id: int) -> int | None:
        return self._session.scalar(
            select(GoalCheckInRecord.goal_id).where(GoalCheckInRecord.checkin_id == checkin_id)
        )

    def answer(self, checkin_id: int, progress: Progress, by: int, now: datetime) -> bool:
        """One statement claims the question (a second answer, by either, changes nothing)."""
        changed = self._session.execute(
            update(GoalCheckInRecord)
            .where(GoalCheckInRecord.checkin_id == checkin_id, GoalCheckInRecord.progress.is_(None))
            .values(progress=progress, answered_at=now, answered_by=by)
        )
        if not changed.rowcount:  # type: ignore[attr-defined]
            return False
        asked = select(GoalCheckInRecord.goal_id).where(GoalCheckInRecord.checkin_id == checkin_id)
        self._session.execute(
            update(GoalRecord)
            .where(GoalRecord.id == asked.scalar_subquery())
            .values(progress=progress)
        )
        return True

    def close(self, goal_id: int, confidence: int, by: int, now: datetime) -> None:
        self._session.execute(
            update(GoalRecord)
            .where(GoalRecord.id == goal_id)
            .values(confidence_end=confidence, updated_at=now, updated_by=by)
        )


class SqlBoundaries:
    def __init__(self, session: Session):
        self._session = session

    def get(self, pair_id: int) -> Boundaries:
        r = self._session.get(BoundariesRecord, pair_id)
        return Boundaries(r.availability, r.topics, r.contact) if r else Boundaries()

    def save(self, pair_id: int, boundaries: Boundaries, by: int, now: datetime) -> None:
        record = self._session.get(BoundariesRecord, pair_id) or BoundariesRecord(pair_id=pair_id)
        record.availability, record.topics = boundaries.availability, boundaries.topics
        record.contact = boundaries.contact
        record.updated_at, record.updated_by = now, by
        self._session.add(record)
        self._session.flush()


def erase_participant(session: Session, participant_id: int) -> None:
    """A pair's goals and boundaries were written by the two together, and say things about
    both, so their words go with either of them (as the pair's meetings do). What stays names
    no one and holds no words: each goal's place, dates, the mentee's confidence scores and its
    story of progress answers, so the cohort's counts and outcomes stay true."""
    pair_ids = list(
        session.scalars(
            select(PairRecord.id).where(
                (PairRecord.mentor_id == participant_id) | (PairRecord.mentee_id == participant_id)
            )
        )
    )
    if pair_ids:
        session.execute(
            update(GoalRecord).where(GoalRecord.pair_id.in_(pair_ids)).values(what="", how_known="")
        )
        session.execute(delete(BoundariesRecord).where(BoundariesRecord.pair_id.in_(pair_ids)))
