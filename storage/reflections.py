"""Reflections: what each person wrote at the close of their pairing or after a meeting, and
the invitations made to write them. Each belongs to the cohort (storage/base.py CohortScoped).
A reflection's words are its writer's own: erased with them, shown to no one else."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import cast

from sqlalchemy import Date, ForeignKey, Integer, String, Text, delete, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from bot.cpd.model import ReflectionMoment
from bot.goals.rules import CLOSING
from bot.reflections.model import ClosureDraft, Due, LoggedMeeting, Reflection
from bot.reflections.rules import closure_key
from storage.base import Base, CohortScoped, cohort_of, insert_ignoring_duplicates
from storage.pairs import MeetingRecord, PairRecord, StageChangeRecord


class ReflectionRecord(CohortScoped, Base):
    """One person's reflection: at the close of a pairing (`key` closure:<pair>:<person>, its
    three parts) or after a meeting (meeting:<meeting>:<person>, `text`). The meeting's day is
    kept beside its id, so the reflection still says when if the meeting's row goes."""

    __tablename__ = "reflections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("pairs.id"), index=True)
    moment: Mapped[str] = mapped_column(String(10))
    meeting_id: Mapped[int | None] = mapped_column(Integer)
    met_on: Mapped[date | None] = mapped_column(Date)
    achieved: Mapped[str] = mapped_column(Text, default="")
    learned: Mapped[str] = mapped_column(Text, default="")
    next_steps: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text, default="")
    written_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class ReflectionInvitationRecord(CohortScoped, Base):
    """An invitation made, by its stable key: each is made once, whoever's clock makes it."""

    __tablename__ = "reflection_invitations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("pairs.id"))
    invited_at: Mapped[datetime]


def _reflection(r: ReflectionRecord) -> Reflection:
    return Reflection(
        id=r.id,
        participant_id=r.participant_id,
        pair_id=r.pair_id,
        moment=cast(ReflectionMoment, r.moment),
        written_at=r.written_at,
        updated_at=r.updated_at,
        achieved=r.achieved,
        learned=r.learned,
        next_steps=r.next_steps,
        text=r.text,
        meeting_id=r.meeting_id,
        met_on=r.met_on,
    )


def _meeting(r: MeetingRecord) -> LoggedMeeting:
    return LoggedMeeting(r.id, r.pair_id, r.met_on, r.logged_by, r.logged_at)


class SqlReflections:
    def __init__(self, session: Session):
        self._session = session

    def all(self) -> list[Reflection]:
        query = select(ReflectionRecord).order_by(ReflectionRecord.id)
        return [_reflection(r) for r in self._session.scalars(query)]

    def of(self, participant_id: int) -> list[Reflection]:
        query = (
            select(ReflectionRecord)
            .where(ReflectionRecord.participant_id == participant_id)
            .order_by(ReflectionRecord.written_at, ReflectionRecord.id)
        )
        return [_reflection(r) for r in self._session.scalars(query)]

    def closure(self, pair_id: int, participant_id: int) -> Reflection | None:
        return self._by_key(closure_key(pair_id, participant_id))

    def after_meeting(self, meeting_id: int, participant_id: int) -> Reflection | None:
        return self._by_key(_meeting_key(meeting_id, participant_id))

    def _by_key(self, key: str) -> Reflection | None:
        record = self._record(key)
        return _reflection(record) if record else None

    def _record(self, key: str) -> ReflectionRecord | None:
        return self._session.scalar(select(ReflectionRecord).where(ReflectionRecord.key == key))

    def save_closure(
        self, pair_id: int, participant_id: int, draft: ClosureDraft, now: datetime
    ) -> Reflection:
        record = self._kept(closure_key(pair_id, participant_id), participant_id, pair_id, now)
        record.moment = "closure"
        record.achieved, record.learned, record.next_steps = (
            draft.achieved,
            draft.learned,
            draft.next_steps,
        )
        self._session.flush()
        return _reflection(record)

    def save_meeting(
        self, meeting: LoggedMeeting, participant_id: int, text: str, now: datetime
    ) -> Reflection:
        key = _meeting_key(meeting.id, participant_id)
        record = self._kept(key, participant_id, meeting.pair_id, now)
        record.moment, record.meeting_id, record.met_on = "meeting", meeting.id, meeting.met_on
        record.text = text
        self._session.flush()
        return _reflection(record)

    def _kept(self, key: str, participant_id: int, pair_id: int, now: datetime) -> ReflectionRecord:
        """The reflection under `key`, edited now, or a new one written now."""
        record = self._record(key)
        if record is None:
            record = ReflectionRecord(
                key=key, participant_id=participant_id, pair_id=pair_id, written_at=now
            )
            self._session.add(record)
        record.updated_at = now
        return record

    def invited(self) -> set[str]:
        return set(self._session.scalars(select(ReflectionInvitationRecord.key)))

    def invite(self, due: Sequence[Due], now: datetime) -> list[Due]:
        made: list[Due] = []
        for d in due:
            kept = self._session.execute(
                insert_ignoring_duplicates(self._session, ReflectionInvitationRecord)
                .values(
                    cohort=cohort_of(self._session),
                    key=d.key,
                    participant_id=d.participant_id,
                    pair_id=d.pair_id,
                    invited_at=now,
                )
                .returning(ReflectionInvitationRecord.id)
            ).scalar()
            if kept is not None:
                made.append(d)
        return made

    def closure_reached(self) -> dict[int, datetime]:
        """Through the pairs table, which is the cohort's."""
        query = (
            select(StageChangeRecord.pair_id, func.max(StageChangeRecord.changed_at))
            .join(PairRecord, PairRecord.id == StageChangeRecord.pair_id)
            .where(StageChangeRecord.stage == CLOSING)
            .group_by(StageChangeRecord.pair_id)
        )
        return {pair_id: at for pair_id, at in self._session.execute(query).all()}

    def meetings_logged_since(self, since: datetime) -> list[LoggedMeeting]:
        query = (
            select(MeetingRecord)
            .join(PairRecord, PairRecord.id == MeetingRecord.pair_id)
            .where(MeetingRecord.logged_at > since)
            .order_by(MeetingRecord.id)
        )
        return [_meeting(r) for r in self._session.scalars(query)]

    def meeting(self, meeting_id: int) -> LoggedMeeting | None:
        query = (
            select(MeetingRecord)
            .join(PairRecord, PairRecord.id == MeetingRecord.pair_id)
            .where(MeetingRecord.id == meeting_id)
        )
        record = self._session.scalar(query)
        return _meeting(record) if record else None


def _meeting_key(meeting_id: int, participant_id: int) -> str:
    return f"meeting:{meeting_id}:{participant_id}"


def erase_participant(session: Session, participant_id: int) -> None:
    """Their reflections go, words and all, and the invitations made to them: each was theirs
    alone. Their partner's stay (a partner's own words), so the counts lose only theirs."""
    for table in (ReflectionRecord, ReflectionInvitationRecord):
        session.execute(delete(table).where(table.participant_id == participant_id))
