"""The database tables (SQLAlchemy 2, typed). Times are stored as naive UTC and come back aware."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out, on SQLite and PostgreSQL alike."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; pass an aware one")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime}


class ParticipantRecord(Base):
    __tablename__ = "participants"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(10))
    slack_user_id: Mapped[str | None] = mapped_column(String(20), unique=True)
    tz: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class EventScheduleRecord(Base):
    """An event's current dates, and the file's dates as last read (to notice edits to the file)."""

    __tablename__ = "event_schedules"

    event_id: Mapped[str] = mapped_column(String(60), primary_key=True)
    starts_at: Mapped[datetime | None]
    ends_at: Mapped[datetime | None]
    file_starts_at: Mapped[datetime | None]
    file_ends_at: Mapped[datetime | None]
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime]


class RsvpRecord(Base):
    __tablename__ = "rsvps"

    event_id: Mapped[str] = mapped_column(String(60), primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), primary_key=True)
    answer: Mapped[str] = mapped_column(String(10))
    answered_at: Mapped[datetime]


class DeliveryRecord(Base):
    """The ledger: one row per message the bot meant to send, claimed before it is sent."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("key", name="uq_deliveries_key"),
        Index("ix_deliveries_kind_subject", "kind", "subject"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(120))
    recipient: Mapped[str] = mapped_column(String(40))
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id"))
    status: Mapped[str] = mapped_column(String(10))  # pending, sent, skipped
    first_tried_at: Mapped[datetime]
    claimed_at: Mapped[datetime]
    done_at: Mapped[datetime | None]
