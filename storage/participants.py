"""Participants: their table and repository, the languages chosen by people not on the scheme,
and the anonymising of one (see storage/erasure.py for the erasure across every feature)."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    Integer,
    String,
    Text,
    UniqueConstraint,
    delete,
    false,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, Session, mapped_column

from bot.participants.model import Participant, ParticipantRow
from storage.base import ALL_COHORTS, Base, CohortScoped, chunks, cohort_of


class ParticipantRecord(CohortScoped, Base):
    """A person in one cohort, in one role (an enrolment): someone who mentees in 2025-26 and
    mentors in 2026-27 has a row in each, carrying their language, nation and zone over."""

    __tablename__ = "participants"
    __table_args__ = (
        UniqueConstraint("cohort", "email", name="uq_participants_cohort_email"),
        UniqueConstraint("cohort", "slack_user_id", name="uq_participants_cohort_slack_user_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320))
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(10))
    slack_user_id: Mapped[str | None] = mapped_column(String(20))
    tz: Mapped[str | None] = mapped_column(String(64))
    about: Mapped[str | None] = mapped_column(Text)
    paused_until: Mapped[date | None] = mapped_column(Date)
    nation: Mapped[str | None] = mapped_column(String(20))
    language: Mapped[str | None] = mapped_column(String(8))
    # Anonymised with its cohort when the cohort's retention ran out: named nowhere, and still
    # counted in that cohort's figures (one erased at their own request is not).
    anonymised: Mapped[bool] = mapped_column(Boolean, server_default=false())
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class ReaderLanguageRecord(Base):
    """The language someone not on the scheme chose (a participant's is on their own row)."""

    __tablename__ = "reader_languages"

    slack_user_id: Mapped[str] = mapped_column(String(20), primary_key=True)
    language: Mapped[str] = mapped_column(String(8))
    chosen_at: Mapped[datetime]


def _participant(record: ParticipantRecord) -> Participant:
    return Participant(
        id=record.id,
        name=record.name,
        email=record.email,
        role=record.role,  # type: ignore[arg-type]
        slack_user_id=record.slack_user_id,
        tz=record.tz,
        about=record.about,
        paused_until=record.paused_until,
        nation=record.nation,  # type: ignore[arg-type]
        language=record.language,
        anonymised=record.anonymised,
    )


class SqlParticipants:
    def __init__(self, session: Session):
        self._session = session

    def all(self) -> list[Participant]:
        records = self._session.scalars(select(ParticipantRecord).order_by(ParticipantRecord.id))
        return [_participant(r) for r in records]

    def alumni(self) -> list[Participant]:
        records = self._session.scalars(
            select(ParticipantRecord)
            .where(
                ParticipantRecord.cohort != cohort_of(self._session),
                ParticipantRecord.slack_user_id.is_not(None),
            )
            .order_by(ParticipantRecord.created_at, ParticipantRecord.id)
            .execution_options(**{ALL_COHORTS: True})
        )
        latest = {r.email: r for r in records}  # a later enrolment replaces an earlier one
        return [_participant(r) for r in latest.values()]

    def alumnus(self, slack_user_id: str) -> Participant | None:
        record = self._session.scalar(
            select(ParticipantRecord)
            .where(
                ParticipantRecord.cohort != cohort_of(self._session),
                ParticipantRecord.slack_user_id == slack_user_id,
            )
            .order_by(ParticipantRecord.created_at.desc(), ParticipantRecord.id.desc())
            .limit(1)
            .execution_options(**{ALL_COHORTS: True})
        )
        return _participant(record) if record else None

    def by_slack_id(self, slack_user_id: str) -> Participant | None:
        record = self._session.scalar(
            select(ParticipantRecord).where(ParticipantRecord.slack_user_id == slack_user_id)
        )
        return _participant(record) if record else None

    def get(self, participant_id: int) -> Participant | None:
        record = self._session.get(ParticipantRecord, participant_id)
        return _participant(record) if record else None

    def by_email(self, email: str) -> Participant | None:
        record = self._session.scalar(
            select(ParticipantRecord).where(ParticipantRecord.email == email.lower())
        )
        return _participant(record) if record else None

    def pause(self, participant_id: int, until: date | None) -> None:
        self._session.get_one(ParticipantRecord, participant_id).paused_until = until
        self._session.flush()

    def set_language(self, participant_id: int, language: str, now: datetime) -> None:
        record = self._session.get_one(ParticipantRecord, participant_id)
        record.language, record.updated_at = language, now
        self._session.flush()

    def set_nation(self, participant_id: int, nation: str, now: datetime) -> None:
        record = self._session.get_one(ParticipantRecord, participant_id)
        record.nation, record.updated_at = nation, now
        self._session.flush()

    def upsert(
        self, rows: Iterable[ParticipantRow], tz_by_email: dict[str, str | None], now: datetime
    ) -> tuple[int, int]:
        existing = {r.email: r for r in self._session.scalars(select(ParticipantRecord))}
        created = updated = 0
        for row in rows:
            record = existing.get(row.email)
            if record is None:
                record = ParticipantRecord(email=row.email, created_at=now)
                self._carry_over(record)
                self._session.add(record)
                created += 1
            else:
                updated += 1
            record.name, record.role, record.slack_user_id = row.name, row.role, row.slack_user_id
            record.tz = tz_by_email.get(row.email)
            record.about = row.about
            record.nation = row.nation or record.nation  # a file without one keeps theirs
            record.updated_at = now
        self._session.flush()
        return created, updated

    def _carry_over(self, record: ParticipantRecord) -> None:
        """Someone back for another cohort keeps the language and nation they chose."""
        earlier = self._session.scalar(
            select(ParticipantRecord)
            .where(ParticipantRecord.email == record.email)
            .order_by(ParticipantRecord.created_at.desc())
            .limit(1)
            .execution_options(**{ALL_COHORTS: True})
        )
        if earlier is not None:
            record.language, record.nation = earlier.language, earlier.nation


class SqlReaderLanguages:
    def __init__(self, session: Session):
        self._session = session

    def of(self, slack_user_id: str) -> str | None:
        return self._session.scalar(
            select(ReaderLanguageRecord.language).where(
                ReaderLanguageRecord.slack_user_id == slack_user_id
            )
        )

    def choose(self, slack_user_id: str, language: str, now: datetime) -> None:
        # One statement, so two choices made at once (two processes) both land, the later last
        chosen = {"language": language, "chosen_at": now}
        upsert = _insert(self._session).values(slack_user_id=slack_user_id, **chosen)
        self._session.execute(
            upsert.on_conflict_do_update(index_elements=["slack_user_id"], set_=chosen)
        )

    def take(self, slack_user_ids: Collection[str]) -> dict[str, str]:
        taken: dict[str, str] = {}
        for batch in chunks(list(slack_user_ids)):
            chosen = ReaderLanguageRecord.slack_user_id.in_(batch)
            rows = self._session.execute(
                select(ReaderLanguageRecord.slack_user_id, ReaderLanguageRecord.language).where(
                    chosen
                )
            )
            taken.update({slack_id: language for slack_id, language in rows})
            self._session.execute(delete(ReaderLanguageRecord).where(chosen))
        return taken


def _insert(session: Session) -> postgresql.Insert | sqlite.Insert:
    """An INSERT that can say what to do on a conflict, in the session's database's dialect."""
    dialect = session.get_bind().dialect.name
    builder = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return builder(ReaderLanguageRecord)


@dataclass(frozen=True)
class Former:
    """Who an anonymised participant was, for the features whose rows may still name them."""

    name: str
    email: str
    slack_user_id: str | None


def anonymise(session: Session, participant_id: int, now: datetime) -> Former:
    """Keeps the row (pairs, concerns and the ledger point at it) but nothing that names the
    person; returns who they were, which other features' rows may still carry."""
    record = session.get_one(ParticipantRecord, participant_id)
    former = Former(record.name, record.email, record.slack_user_id)
    slack_id = record.slack_user_id
    record.name, record.email = "Erased participant", f"erased-{participant_id}@invalid"
    record.slack_user_id = record.tz = record.about = record.nation = record.language = None
    record.paused_until, record.updated_at = None, now
    if slack_id:  # a language they chose before joining, should a row of it remain
        session.execute(
            delete(ReaderLanguageRecord).where(ReaderLanguageRecord.slack_user_id == slack_id)
        )
    return former
