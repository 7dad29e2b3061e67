"""How each pairing is going: the questions asked of each person (the fit, then the pulses) and
their answers. Each belongs to the cohort (storage/base.py CohortScoped). An answer is one of a
few fixed values, never words: it is the person's own, erased with them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import cast

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint, delete, func, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from bot.pulse.model import Due, Fit, Question
from storage.base import Base, CohortScoped, cohort_of, insert_ignoring_duplicates
from storage.pairs import MeetingRecord, PairRecord


class PulseQuestionRecord(CohortScoped, Base):
    """A question asked of one person about one pairing: round 0 is the fit question, each
    later round a pulse. One of each round per person and pair, so two clocks never ask twice."""

    __tablename__ = "pulse_questions"
    __table_args__ = (
        UniqueConstraint("pair_id", "participant_id", "round", name="uq_pulse_questions_round"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("pairs.id"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    round: Mapped[int] = mapped_column(Integer)
    asked_at: Mapped[datetime]
    fit: Mapped[str | None] = mapped_column(String(16))
    score: Mapped[int | None] = mapped_column(Integer)
    answered_at: Mapped[datetime | None]


def _question(r: PulseQuestionRecord) -> Question:
    return Question(
        r.id,
        r.pair_id,
        r.participant_id,
        r.round,
        r.asked_at,
        cast(Fit | None, r.fit),
        r.score,
        r.answered_at,
    )


class SqlPulse:
    def __init__(self, session: Session):
        self._session = session

    def all(self) -> list[Question]:
        query = select(PulseQuestionRecord).order_by(PulseQuestionRecord.id)
        return [_question(r) for r in self._session.scalars(query)]

    def of(self, participant_id: int) -> list[Question]:
        query = (
            select(PulseQuestionRecord)
            .where(PulseQuestionRecord.participant_id == participant_id)
            .order_by(PulseQuestionRecord.id)
        )
        return [_question(r) for r in self._session.scalars(query)]

    def get(self, question_id: int) -> Question | None:
        record = self._session.get(PulseQuestionRecord, question_id)
        return _question(record) if record else None

    def ask(self, due: Sequence[Due], now: datetime) -> list[Question]:
        asked: list[int] = []
        for d in due:
            kept = self._session.execute(
                insert_ignoring_duplicates(self._session, PulseQuestionRecord)
                .values(
                    cohort=cohort_of(self._session),
                    pair_id=d.pair_id,
                    participant_id=d.participant_id,
                    round=d.round,
                    asked_at=now,
                )
                .returning(PulseQuestionRecord.id)
            ).scalar()
            if kept is not None:
                asked.append(kept)
        return [q for q in map(self.get, asked) if q is not None]

    def answer(self, question_id: int, fit: Fit | None, score: int | None, now: datetime) -> bool:
        """One statement claims the question: a second answer changes nothing."""
        changed = self._session.execute(
            update(PulseQuestionRecord)
            .where(PulseQuestionRecord.id == question_id, PulseQuestionRecord.answered_at.is_(None))
            .values(fit=fit, score=score, answered_at=now)
        )
        return bool(changed.rowcount)  # type: ignore[attr-defined]

    def first_meetings_logged(self) -> dict[int, datetime]:
        """Through the pairs table, which is the cohort's."""
        query = (
            select(MeetingRecord.pair_id, func.min(MeetingRecord.logged_at))
            .join(PairRecord, PairRecord.id == MeetingRecord.pair_id)
            .group_by(MeetingRecord.pair_id)
        )
        return {pair_id: at for pair_id, at in self._session.execute(query).all()}


def erase_participant(session: Session, participant_id: int) -> None:
    """Their questions and answers go, as nothing else is kept of them: the partner's stay, so
    the cohort's counts lose only the erased person's own."""
    session.execute(
        delete(PulseQuestionRecord).where(PulseQuestionRecord.participant_id == participant_id)
    )
