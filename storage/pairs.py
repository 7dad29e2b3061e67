"""Pairs and what hangs off them: their stage history, meetings and check-ins (their goals and
boundaries are storage/goals.py)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import (
    Date,
    ForeignKey,
    Index,
    Integer,
    Row,
    String,
    Text,
    UniqueConstraint,
    delete,
    func,
    select,
    text,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, aliased, mapped_column
from sqlalchemy.sql.expression import ScalarSelect

from bot.pairs.errors import AlreadyPaired
from bot.pairs.model import (
    CheckIn,
    CheckInAnswer,
    Meeting,
    Pair,
    PairState,
    PairStatus,
    StageChange,
)
from bot.participants.privacy import ERASED as ENDED_BY_ERASURE
from bot.scheme import Stage
from bot.worktime import Whereabouts
from storage.base import (
    ALL_COHORTS,
    Base,
    CohortScoped,
    chunks,
    cohort_of,
    insert_ignoring_duplicates,
)
from storage.participants import ParticipantRecord


class PairRecord(CohortScoped, Base):
    __tablename__ = "pairs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mentor_id: Mapped[int] = mapped_column(ForeignKey("participants.id"))
    mentee_id: Mapped[int] = mapped_column(ForeignKey("participants.id"))
    status: Mapped[str] = mapped_column(String(10))  # awaiting, active, ended
    stage: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime]
    mentor_accepted_at: Mapped[datetime | None]
    mentee_accepted_at: Mapped[datetime | None]
    acceptance_nudged_at: Mapped[datetime | None]
    ended_at: Mapped[datetime | None]
    end_reason: Mapped[str | None] = mapped_column(Text)
    paused_until: Mapped[date | None] = mapped_column(Date)  # the team's hold on the pair

    # A mentee is in one current pair at most, whatever two processes pairing at once read.
    __table_args__ = (
        Index(
            "uq_pairs_current_mentee",
            "mentee_id",
            unique=True,
            sqlite_where=text("status != 'ended'"),
            postgresql_where=text("status != 'ended'"),
        ),
    )


class StageChangeRecord(Base):
    __tablename__ = "stage_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("pairs.id"), index=True)
    stage: Mapped[str] = mapped_column(String(20))
    changed_at: Mapped[datetime]
    changed_by: Mapped[int | None] = mapped_column(ForeignKey("participants.id"))


class MeetingRecord(Base):
    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("pairs.id"), index=True)
    met_on: Mapped[date] = mapped_column(Date)
    minutes: Mapped[int] = mapped_column(Integer)
    topics: Mapped[str] = mapped_column(Text, default="")
    logged_by: Mapped[int | None] = mapped_column(ForeignKey("participants.id"))
    logged_at: Mapped[datetime]


class CheckInRecord(Base):
    __tablename__ = "checkins"
    __table_args__ = (UniqueConstraint("pair_id", "number", name="uq_checkins_pair_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("pairs.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    answer: Mapped[str | None] = mapped_column(String(10))
    answered_at: Mapped[datetime | None]
    answered_by: Mapped[int | None] = mapped_column(ForeignKey("participants.id"))
    followed_up_at: Mapped[datetime | None]


RECENT_CHECKINS = 3  # enough for every rule: the "Not yet" streak looks at the last two


def _pair(r: PairRecord | Row[Any]) -> Pair:
    """From an ORM record or a plain row with the same columns."""
    return Pair(
        r.id,
        r.mentor_id,
        r.mentee_id,
        cast(PairStatus, r.status),
        cast(Stage, r.stage),
        r.created_at,
        r.mentor_accepted_at,
        r.mentee_accepted_at,
        r.acceptance_nudged_at,
        r.ended_at,
        r.paused_until,
    )


def _checkin(r: CheckInRecord | Row[Any]) -> CheckIn:
    return CheckIn(
        r.id,
        r.pair_id,
        r.number,
        r.created_at,
        r.sent_at,
        cast(CheckInAnswer | None, r.answer),
        r.answered_at,
        r.followed_up_at,
    )


class SqlPairs:
    def __init__(self, session: Session):
        self._session = session

    def add(self, mentor_id: int, mentee_id: int, now: datetime) -> Pair:
        record = PairRecord(
            mentor_id=mentor_id,
            mentee_id=mentee_id,
            status="awaiting",
            stage="preparing",
            created_at=now,
        )
        self._session.add(record)
        try:
            self._session.flush()
        except IntegrityError:  # another process paired the mentee since the rule was checked
            self._session.rollback()  # nothing of this unit of work is kept
            mentee = self._session.get(ParticipantRecord, mentee_id)
            raise AlreadyPaired(mentee.name if mentee else "") from None
        self._session.add(StageChangeRecord(pair_id=record.id, stage="preparing", changed_at=now))
        return _pair(record)

    def get(self, pair_id: int) -> Pair | None:
        record = self._session.get(PairRecord, pair_id)
        return _pair(record) if record else None

    def current_of(self, participant_id: int) -> list[Pair]:
        """The participant's awaiting or active pairs, oldest first: a mentee's one, a mentor's
        one to MOST_MENTEES."""
        records = self._session.scalars(
            select(PairRecord)
            .where(PairRecord.status != "ended")
            .where(
                (PairRecord.mentor_id == participant_id) | (PairRecord.mentee_id == participant_id)
            )
            .order_by(PairRecord.id)
        )
        return [_pair(r) for r in records]

    def latest_for(self, participant_id: int) -> Pair | None:
        """The participant's current pair, or else the last they had (ended)."""
        record = self._session.scalar(
            select(PairRecord)
            .where(
                (PairRecord.mentor_id == participant_id) | (PairRecord.mentee_id == participant_id)
            )
            .order_by(PairRecord.status == "ended", PairRecord.id.desc())
            .limit(1)
        )
        return _pair(record) if record else None

    def current(self) -> list[Pair]:
        query = select(PairRecord).where(PairRecord.status != "ended").order_by(PairRecord.id)
        return [_pair(r) for r in self._session.scalars(query)]

    def paired_counts(self) -> Counter[int]:
        """How many current pairs each participant is in (a mentor may be in several)."""
        return Counter(pid for p in self.current() for pid in p.members)

    def earlier_cohorts(self) -> frozenset[tuple[str, str]]:
        """(mentee's email, mentor's email) of every pair made in another cohort: the steering
        group never pairs two people again."""
        mentor, mentee = aliased(ParticipantRecord), aliased(ParticipantRecord)
        rows = self._session.execute(
            select(mentee.email, mentor.email)
            .select_from(PairRecord)
            .join(mentor, PairRecord.mentor_id == mentor.id)
            .join(mentee, PairRecord.mentee_id == mentee.id)
            .where(PairRecord.cohort != cohort_of(self._session))
            .execution_options(**{ALL_COHORTS: True})
        )
        return frozenset((mentee_email, mentor_email) for mentee_email, mentor_email in rows)

    def accept(self, pair_id: int, participant_id: int, now: datetime) -> Pair:
        record = self._session.get_one(PairRecord, pair_id)
        if participant_id == record.mentor_id and record.mentor_accepted_at is None:
            record.mentor_accepted_at = now
        elif participant_id == record.mentee_id and record.mentee_accepted_at is None:
            record.mentee_accepted_at = now
        if record.mentor_accepted_at and record.mentee_accepted_at and record.status == "awaiting":
            record.status = "active"
        self._session.flush()
        return _pair(record)

    def hold(self, pair_id: int, until: date | None) -> None:
        """The team's hold on the pair's check-ins, until a day (None: lifted)."""
        self._session.get_one(PairRecord, pair_id).paused_until = until
        self._session.flush()

    def mark_nudged(self, pair_id: int, now: datetime) -> None:
        self._session.execute(
            update(PairRecord).where(PairRecord.id == pair_id).values(acceptance_nudged_at=now)
        )

    def set_stage(self, pair_id: int, stage: str, by: int | None, now: datetime) -> None:
        self._session.get_one(PairRecord, pair_id).stage = stage
        self._session.add(
            StageChangeRecord(pair_id=pair_id, stage=stage, changed_at=now, changed_by=by)
        )
        self._session.flush()

    def stage_history(self, pair_id: int) -> list[StageChange]:
        query = (
            select(StageChangeRecord)
            .where(StageChangeRecord.pair_id == pair_id)
            .order_by(StageChangeRecord.id)
        )
        return [StageChange(r.pair_id, r.stage, r.changed_at) for r in self._session.scalars(query)]  # type: ignore[arg-type]

    def end(self, pair_id: int, reason: str, now: datetime) -> None:
        record = self._session.get_one(PairRecord, pair_id)
        record.status, record.ended_at, record.end_reason = "ended", now, reason
        self._session.flush()

    def states(self, pair_id: int | None = None) -> list[PairState]:
        """Every current pair (or the one asked for) with what the check-in rules need: four
        queries, plain rows (no ORM objects, no IN lists), so the cost grows with the number of
        pairs and no faster; read once within `states_read_once`."""
        memo = _read_once.get()
        key = (cohort_of(self._session), pair_id)
        if memo is None:
            return self._states(pair_id)
        if key not in memo:
            memo[key] = self._states(pair_id)
        return memo[key]

    def _states(self, pair_id: int | None) -> list[PairState]:
        wanted = PairRecord.status != "ended"
        if pair_id is not None:
            wanted = wanted & (PairRecord.id == pair_id)
        current = select(PairRecord.id).where(wanted).scalar_subquery()
        pairs = [
            _pair(r)
            for r in self._session.execute(
                select(PairRecord.__table__).where(wanted).order_by(PairRecord.id)
            )
        ]
        recent: dict[int, list[CheckIn]] = {p.id: [] for p in pairs}
        for checkin in self._recent_checkins(current):
            recent[checkin.pair_id].append(checkin)
        last_meeting = self._last_meetings(current)
        people = {
            r.id: (Whereabouts(r.tz, r.nation), r.paused_until)
            for r in self._session.execute(
                select(
                    ParticipantRecord.id,
                    ParticipantRecord.tz,
                    ParticipantRecord.nation,
                    ParticipantRecord.paused_until,
                )
            )
        }
        return [_state(pair, recent[pair.id], last_meeting.get(pair.id), people) for pair in pairs]

    def _recent_checkins(self, pair_ids: ScalarSelect[int]) -> list[CheckIn]:
        """The last few check-ins of each of these pairs, oldest first, in one query."""
        ranked = (
            select(
                CheckInRecord.__table__,
                func.row_number()
                .over(partition_by=CheckInRecord.pair_id, order_by=CheckInRecord.number.desc())
                .label("n"),
            )
            .where(CheckInRecord.pair_id.in_(pair_ids))
            .subquery()
        )
        return [
            _checkin(r)
            for r in self._session.execute(
                select(ranked)
                .where(ranked.c.n <= RECENT_CHECKINS)
                .order_by(ranked.c.pair_id, ranked.c.number)
            )
        ]

    def _last_meetings(self, pair_ids: ScalarSelect[int]) -> dict[int, date]:
        meetings = (
            select(MeetingRecord.pair_id, func.max(MeetingRecord.met_on))
            .where(MeetingRecord.pair_id.in_(pair_ids))
            .group_by(MeetingRecord.pair_id)
        )
        return {pair_id: met_on for pair_id, met_on in self._session.execute(meetings).all()}


def _state(
    pair: Pair,
    checkins: list[CheckIn],
    last_meeting: date | None,
    people: dict[int, tuple[Whereabouts, date | None]],
) -> PairState:
    """One pair's state; `people` holds each participant's (whereabouts, paused until). Its
    check-ins wait for the latest of the team's hold on it and either member's own pause."""
    members = [people[m] for m in pair.members if m in people]
    pauses = [until for until in (pair.paused_until, *(u for _, u in members)) if until]
    return PairState(
        pair,
        checkins,
        last_meeting,
        max(pauses) if pauses else None,
        tuple(place for place, _ in members),
    )


# Within one clock sync the pairs' states are read once, though three features read them (the
# check-ins, the pulse, the concerns' quiet pairs): a sync only reads, so nothing it reads can
# change between their reads but by another thread or process, whose change asks for a sync of
# its own. Keyed by cohort and pair (None: every pair).
_read_once: ContextVar[dict[tuple[str, int | None], list[PairState]] | None] = ContextVar(
    "pair_states_read_once", default=None
)


@contextmanager
def states_read_once() -> Iterator[None]:
    """The pairs' states read once for all that is read inside (the clock's sync)."""
    token = _read_once.set({})
    try:
        yield
    finally:
        _read_once.reset(token)


class SqlCheckIns:
    def __init__(self, session: Session):
        self._session = session

    def open_many(self, numbers: dict[int, int], now: datetime) -> dict[int, CheckIn]:
        """Makes check-in number N of each pair ({pair_id: N}); a pair whose check-in another
        process made first is left out of the answer."""
        made: dict[int, CheckIn] = {}
        rows = [
            {"pair_id": pair_id, "number": number, "created_at": now}
            for pair_id, number in numbers.items()
        ]
        for batch in chunks(rows):
            inserted = self._session.execute(
                insert_ignoring_duplicates(self._session, CheckInRecord).returning(
                    CheckInRecord.id, CheckInRecord.pair_id
                ),
                batch,
            )
            for checkin_id, pair_id in inserted.all():
                made[pair_id] = CheckIn(checkin_id, pair_id, numbers[pair_id], now)
        return made

    def get(self, checkin_id: int) -> CheckIn | None:
        record = self._session.get(CheckInRecord, checkin_id)
        return _checkin(record) if record else None

    def latest(self, pair_id: int) -> CheckIn | None:
        record = self._session.scalar(
            select(CheckInRecord)
            .where(CheckInRecord.pair_id == pair_id)
            .order_by(CheckInRecord.number.desc())
            .limit(1)
        )
        return _checkin(record) if record else None

    def for_pair(self, pair_id: int) -> list[CheckIn]:
        query = (
            select(CheckInRecord)
            .where(CheckInRecord.pair_id == pair_id)
            .order_by(CheckInRecord.number)
        )
        return [_checkin(r) for r in self._session.scalars(query)]

    def mark_sent(self, checkin_ids: Sequence[int], now: datetime) -> None:
        for batch in chunks(checkin_ids):
            self._session.execute(
                update(CheckInRecord).where(CheckInRecord.id.in_(batch)).values(sent_at=now)
            )

    def mark_followed_up(self, checkin_id: int, now: datetime) -> None:
        self._session.execute(
            update(CheckInRecord).where(CheckInRecord.id == checkin_id).values(followed_up_at=now)
        )

    def answer(self, checkin_id: int, answer: str, by: int, now: datetime) -> bool:
        """Records the pair's answer; False when someone answered it already."""
        changed = self._session.execute(
            update(CheckInRecord)
            .where(CheckInRecord.id == checkin_id, CheckInRecord.answer.is_(None))
            .values(answer=answer, answered_by=by, answered_at=now)
        )
        return bool(changed.rowcount)  # type: ignore[attr-defined]


class SqlMeetings:
    def __init__(self, session: Session):
        self._session = session

    def add(self, meeting: Meeting, by: int, now: datetime) -> None:
        self._session.add(
            MeetingRecord(
                pair_id=meeting.pair_id,
                met_on=meeting.met_on,
                minutes=meeting.minutes,
                topics=meeting.topics,
                logged_by=by,
                logged_at=now,
            )
        )
        self._session.flush()

    def for_pair(self, pair_id: int) -> list[Meeting]:
        query = (
            select(MeetingRecord)
            .where(MeetingRecord.pair_id == pair_id)
            .order_by(MeetingRecord.met_on, MeetingRecord.id)
        )
        return [
            Meeting(r.pair_id, r.met_on, r.minutes, r.topics) for r in self._session.scalars(query)
        ]


def erase_participant(session: Session, participant_id: int) -> None:
    """What the pair wrote together (their meetings) named both of them: it goes too (their
    goals' words go by storage/goals.py), and so does why the team ended a pairing of theirs
    (words about them); that it ended by this erasure stays, naming no one."""
    pair_ids = list(
        session.scalars(
            select(PairRecord.id).where(
                (PairRecord.mentor_id == participant_id) | (PairRecord.mentee_id == participant_id)
            )
        )
    )
    if pair_ids:
        session.execute(delete(MeetingRecord).where(MeetingRecord.pair_id.in_(pair_ids)))
        session.execute(
            update(PairRecord)
            .where(PairRecord.id.in_(pair_ids), PairRecord.end_reason != ENDED_BY_ERASURE)
            .values(end_reason=None)
        )
