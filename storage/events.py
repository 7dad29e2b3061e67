"""Events: each event's schedule (its dates, and the programme file's as last read), people's
replies to it, and their calendar feeds' secret addresses."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, ForeignKey, Integer, String, case, delete, or_, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from bot.events.model import EventSchedule
from storage.base import Base, CohortScoped, cohort_of, insert_ignoring_duplicates


class EventScheduleRecord(CohortScoped, Base):
    """An event's current dates in one cohort, and the file's dates as last read (to notice
    edits to the file). Event ids stay the same year on year, so the cohort is in the key."""

    __tablename__ = "event_schedules"

    cohort: Mapped[str] = mapped_column(String(7), primary_key=True, index=True)
    event_id: Mapped[str] = mapped_column(String(60), primary_key=True)
    starts_at: Mapped[datetime | None]
    ends_at: Mapped[datetime | None]
    file_starts_at: Mapped[datetime | None]
    file_ends_at: Mapped[datetime | None]
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime]


class RsvpRecord(CohortScoped, Base):
    __tablename__ = "rsvps"

    event_id: Mapped[str] = mapped_column(String(60), primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), primary_key=True)
    answer: Mapped[str] = mapped_column(String(10))
    answered_at: Mapped[datetime]


class CalendarFeedRecord(Base):
    """A person's calendar-feed address: only its sha256 is kept, so a copy of the database
    cannot read anyone's calendar. A revoked address stays as a row until the person is erased."""

    __tablename__ = "calendar_feeds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]


class SqlSchedules:
    def __init__(self, session: Session):
        self._session = session

    def all(self) -> dict[str, EventSchedule]:
        return {
            r.event_id: EventSchedule(r.event_id, r.starts_at, r.ends_at)
            for r in self._session.scalars(select(EventScheduleRecord))
        }

    def file_versions(self) -> dict[str, EventSchedule]:
        return {
            r.event_id: EventSchedule(r.event_id, r.file_starts_at, r.file_ends_at)
            for r in self._session.scalars(select(EventScheduleRecord))
        }

    def sequence(self, event_id: str) -> int:
        record = self._session.get(EventScheduleRecord, (cohort_of(self._session), event_id))
        return record.sequence if record else 0

    def save(self, current: EventSchedule, file_version: EventSchedule, now: datetime) -> None:
        """Inserts a new event's schedule or updates it, each in a single statement: two clocks
        starting at once both save the file's new events, and neither may fail on the key. The
        sequence (calendar apps order an event's updates by it) moves only when the dates do."""
        values = {
            "starts_at": current.starts_at,
            "ends_at": current.ends_at,
            "file_starts_at": file_version.starts_at,
            "file_ends_at": file_version.ends_at,
            "updated_at": now,
        }
        inserted = self._session.execute(
            insert_ignoring_duplicates(self._session, EventScheduleRecord)
            .values(
                cohort=cohort_of(self._session), event_id=current.event_id, sequence=0, **values
            )
            .returning(EventScheduleRecord.event_id)
        ).scalar()
        if inserted is None:
            # Computed from the row as it stands when updated, so a racing save that set the
            # same dates first leaves nothing to count.
            moved = case((_dates_differ(current), 1), else_=0)
            self._session.execute(
                update(EventScheduleRecord)
                .where(EventScheduleRecord.event_id == current.event_id)
                .values(sequence=EventScheduleRecord.sequence + moved, **values)
            )


def _dates_differ(schedule: EventSchedule) -> ColumnElement[bool]:
    """True where the stored dates are not the schedule's (NULL, for TBC, equal to NULL)."""
    return or_(
        EventScheduleRecord.starts_at.is_distinct_from(schedule.starts_at),
        EventScheduleRecord.ends_at.is_distinct_from(schedule.ends_at),
    )


class SqlRsvps:
    def __init__(self, session: Session):
        self._session = session

    def answers(self, event_id: str | None = None) -> dict[tuple[str, int], str]:
        query = select(RsvpRecord)
        if event_id is not None:
            query = query.where(RsvpRecord.event_id == event_id)
        return {(r.event_id, r.participant_id): r.answer for r in self._session.scalars(query)}

    def record(self, event_id: str, participant_id: int, answer: str, now: datetime) -> None:
        record = self._session.get(RsvpRecord, (event_id, participant_id))
        if record is None:
            record = RsvpRecord(event_id=event_id, participant_id=participant_id)
            self._session.add(record)
        record.answer, record.answered_at = answer, now
        self._session.flush()

    def clear(self, event_id: str) -> None:
        self._session.execute(delete(RsvpRecord).where(RsvpRecord.event_id == event_id))


class SqlCalendarFeeds:
    def __init__(self, session: Session):
        self._session = session

    def add(self, participant_id: int, token_hash: str, now: datetime) -> None:
        self._session.add(
            CalendarFeedRecord(participant_id=participant_id, token_hash=token_hash, created_at=now)
        )
        self._session.flush()

    def revoke(self, participant_id: int, now: datetime) -> None:
        self._session.execute(
            update(CalendarFeedRecord)
            .where(
                CalendarFeedRecord.participant_id == participant_id,
                CalendarFeedRecord.revoked_at.is_(None),
            )
            .values(revoked_at=now)
        )

    def active_since(self, participant_id: int) -> datetime | None:
        return self._session.scalar(
            select(CalendarFeedRecord.created_at)
            .where(
                CalendarFeedRecord.participant_id == participant_id,
                CalendarFeedRecord.revoked_at.is_(None),
            )
            .order_by(CalendarFeedRecord.created_at.desc())
            .limit(1)
        )

    def holder(self, token_hash: str) -> int | None:
        return self._session.scalar(
            select(CalendarFeedRecord.participant_id).where(
                CalendarFeedRecord.token_hash == token_hash,
                CalendarFeedRecord.revoked_at.is_(None),
            )
        )


def erase_participant(session: Session, participant_id: int) -> None:
    """A reply says who meant to be where, and a feed address opens their calendar: both go
    with the person."""
    session.execute(delete(RsvpRecord).where(RsvpRecord.participant_id == participant_id))
    session.execute(
        delete(CalendarFeedRecord).where(CalendarFeedRecord.participant_id == participant_id)
    )
