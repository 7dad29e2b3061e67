"""The database tables (SQLAlchemy 2, typed). Times are stored as naive UTC and come back aware."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
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
    about: Mapped[str | None] = mapped_column(Text)
    paused_until: Mapped[date | None] = mapped_column(Date)
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


class PairRecord(Base):
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


class StageChangeRecord(Base):
    __tablename__ = "stage_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("pairs.id"), index=True)
    stage: Mapped[str] = mapped_column(String(20))
    changed_at: Mapped[datetime]
    changed_by: Mapped[int | None] = mapped_column(ForeignKey("participants.id"))


class AgreementRecord(Base):
    __tablename__ = "agreements"

    pair_id: Mapped[int] = mapped_column(ForeignKey("pairs.id"), primary_key=True)
    goals: Mapped[str] = mapped_column(Text, default="")
    availability: Mapped[str] = mapped_column(Text, default="")
    topics: Mapped[str] = mapped_column(Text, default="")
    contact: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime]
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("participants.id"))


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


class ConcernRecord(Base):
    """A concern raised privately with the project team. Its text never leaves the team channel
    and the reporter's own DM."""

    __tablename__ = "concerns"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reporter_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id"))
    pair_id: Mapped[int | None] = mapped_column(ForeignKey("pairs.id"))
    source: Mapped[str] = mapped_column(String(30))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(10), default="report")  # report, or automatic notice
    urgency: Mapped[str] = mapped_column(String(10), default="soon")
    contact: Mapped[str] = mapped_column(
        Text, default=""
    )  # how the reporter may be contacted, or ""
    status: Mapped[str] = mapped_column(String(12), default="open")  # open, acknowledged, resolved
    assignee: Mapped[str | None] = mapped_column(String(20))
    delivered_at: Mapped[datetime | None]
    acknowledged_at: Mapped[datetime | None]


class ConcernEventRecord(Base):
    """The audit trail of a concern: who did what, when. Kept when a participant is erased."""

    __tablename__ = "concern_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    concern_id: Mapped[int] = mapped_column(ForeignKey("concerns.id"), index=True)
    action: Mapped[str] = mapped_column(String(20))
    actor: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime]
    note: Mapped[str] = mapped_column(Text, default="")


class EvaluationResponseRecord(Base):
    """One person's way through one form. Answers are personal data: only the person's own DM,
    the team's aggregates and exports show them."""

    __tablename__ = "evaluation_responses"

    form_id: Mapped[str] = mapped_column(String(60), primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), primary_key=True)
    status: Mapped[str] = mapped_column(String(12))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    answer_order: Mapped[list[str]] = mapped_column(JSON, default=list)
    editing: Mapped[str | None] = mapped_column(String(60))
    version: Mapped[int] = mapped_column(Integer, default=0)
    invited_at: Mapped[datetime]
    started_at: Mapped[datetime | None]
    submitted_at: Mapped[datetime | None]
    updated_at: Mapped[datetime]


class InboxRecord(Base):
    """A person's DM to the bot, kept before Slack gets its answer: nothing is lost if the bot
    stops before working on it. The unique event id absorbs Slack's retries."""

    __tablename__ = "inbox"
    __table_args__ = (UniqueConstraint("event_id", name="uq_inbox_event_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[str] = mapped_column(String(40))
    slack_user_id: Mapped[str] = mapped_column(String(20))
    channel: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime]
    processed_at: Mapped[datetime | None] = mapped_column(index=True)
