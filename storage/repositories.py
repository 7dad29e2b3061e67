"""Repositories: the domain's view of the tables. They return domain values, never rows."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Insert, delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from bot.events.rules import EventSchedule
from bot.outbox import Claim, Claimed, Delivery
from bot.participants.rules import Participant, ParticipantRow
from storage.tables import (
    AgreementRecord,
    ConcernEventRecord,
    ConcernRecord,
    DeliveryRecord,
    EvaluationResponseRecord,
    EventScheduleRecord,
    InboxRecord,
    MeetingRecord,
    PairRecord,
    ParticipantRecord,
    RsvpRecord,
)

# Bound parameters per statement stay well under SQLite's and PostgreSQL's limits.
CHUNK = 500


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def insert_ignoring_duplicates(session: Session, table: Any) -> Insert:
    """INSERT … ON CONFLICT DO NOTHING, in the dialect of the session's database."""
    dialect = session.get_bind().dialect.name
    builder = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return builder(table).on_conflict_do_nothing()


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
    )


class SqlParticipants:
    def __init__(self, session: Session):
        self._session = session

    def all(self) -> list[Participant]:
        records = self._session.scalars(select(ParticipantRecord).order_by(ParticipantRecord.id))
        return [_participant(r) for r in records]

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

    def upsert(
        self, rows: Iterable[ParticipantRow], tz_by_email: dict[str, str | None], now: datetime
    ) -> tuple[int, int]:
        existing = {r.email: r for r in self._session.scalars(select(ParticipantRecord))}
        created = updated = 0
        for row in rows:
            record = existing.get(row.email)
            if record is None:
                record = ParticipantRecord(email=row.email, created_at=now)
                self._session.add(record)
                created += 1
            else:
                updated += 1
            record.name, record.role, record.slack_user_id = row.name, row.role, row.slack_user_id
            record.tz = tz_by_email.get(row.email)
            record.about = row.about
            record.updated_at = now
        self._session.flush()
        return created, updated


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
        record = self._session.get(EventScheduleRecord, event_id)
        return record.sequence if record else 0

    def save(self, current: EventSchedule, file_version: EventSchedule, now: datetime) -> None:
        record = self._session.get(EventScheduleRecord, current.event_id)
        if record is None:
            record = EventScheduleRecord(event_id=current.event_id, sequence=0)
            self._session.add(record)
        elif (record.starts_at, record.ends_at) != (current.starts_at, current.ends_at):
            record.sequence += 1
        record.starts_at, record.ends_at = current.starts_at, current.ends_at
        record.file_starts_at, record.file_ends_at = file_version.starts_at, file_version.ends_at
        record.updated_at = now
        self._session.flush()


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


class SqlDeliveryLedger:
    def __init__(self, session: Session):
        self._session = session

    def claim_many(
        self, deliveries: Sequence[Delivery], now: datetime, lease: timedelta
    ) -> list[Claimed]:
        """Claims what nobody holds: new keys, and pending keys whose sender went quiet for longer
        than the lease. Both are single statements, so two processes never both win a key."""
        by_key = {d.key: d for d in deliveries}
        won: dict[str, tuple[Claim, datetime]] = {}
        for batch in chunks(list(by_key.values())):
            inserted = self._session.execute(
                insert_ignoring_duplicates(self._session, DeliveryRecord).returning(
                    DeliveryRecord.key
                ),
                [self._pending(d, now) for d in batch],
            )
            won.update({key: (Claim.NEW, now) for key in inserted.scalars()})
            stale = [d.key for d in batch if d.key not in won]
            if stale:
                recovered = self._session.execute(
                    update(DeliveryRecord)
                    .where(DeliveryRecord.key.in_(stale))
                    .where(DeliveryRecord.status == "pending")
                    .where(DeliveryRecord.claimed_at < now - lease)
                    .values(claimed_at=now)
                    .returning(DeliveryRecord.key, DeliveryRecord.first_tried_at)
                )
                won.update({key: (Claim.RECOVERED, first) for key, first in recovered.all()})
        return [
            Claimed(d, *won[d.key]) if d.key in won else Claimed(d, Claim.TAKEN, now)
            for d in by_key.values()
        ]

    def mark_sent(self, keys: Sequence[str], now: datetime) -> None:
        for batch in chunks(keys):
            self._session.execute(
                update(DeliveryRecord)
                .where(DeliveryRecord.key.in_(batch))
                .values(status="sent", done_at=now)
            )

    def mark_skipped(self, deliveries: Sequence[Delivery], now: datetime) -> None:
        rows = [self._pending(d, now) | {"status": "skipped", "done_at": now} for d in deliveries]
        for batch in chunks(rows):
            self._session.execute(insert_ignoring_duplicates(self._session, DeliveryRecord), batch)

    def last_sent(self, kinds: Sequence[str]) -> dict[int, datetime]:
        """When each participant was last sent a delivery of these kinds."""
        query = (
            select(DeliveryRecord.participant_id, func.max(DeliveryRecord.done_at))
            .where(
                DeliveryRecord.kind.in_(kinds),
                DeliveryRecord.status == "sent",
                DeliveryRecord.participant_id.is_not(None),
            )
            .group_by(DeliveryRecord.participant_id)
        )
        return {
            pid: at
            for pid, at in self._session.execute(query).all()
            if pid is not None and at is not None
        }

    def sent_keys_like(self, prefix: str) -> set[str]:
        query = select(DeliveryRecord.key).where(
            DeliveryRecord.key.startswith(prefix), DeliveryRecord.status.in_(("sent", "skipped"))
        )
        return set(self._session.scalars(query))

    def recipients(self, kind: str, subject: str) -> set[int]:
        query = (
            select(DeliveryRecord.participant_id)
            .where(DeliveryRecord.kind == kind, DeliveryRecord.subject == subject)
            .where(DeliveryRecord.status == "sent")
            .distinct()
        )
        return {pid for pid in self._session.scalars(query) if pid is not None}

    @staticmethod
    def _pending(d: Delivery, now: datetime) -> dict[str, Any]:
        return {
            "key": d.key,
            "kind": d.kind,
            "subject": d.subject,
            "recipient": d.to,
            "participant_id": d.participant_id,
            "status": "pending",
            "first_tried_at": now,
            "claimed_at": now,
            "done_at": None,
        }


class SqlErasure:
    """Erasing one participant across the tables, in one transaction."""

    def __init__(self, session: Session):
        self._session = session

    def erase_participant(self, participant_id: int, now: datetime) -> None:
        record = self._session.get_one(ParticipantRecord, participant_id)
        slack_id = record.slack_user_id
        record.name, record.email = "Erased participant", f"erased-{participant_id}@invalid"
        record.slack_user_id = record.tz = record.about = None
        record.paused_until, record.updated_at = None, now
        self._session.execute(delete(RsvpRecord).where(RsvpRecord.participant_id == participant_id))
        self._session.execute(
            delete(EvaluationResponseRecord).where(
                EvaluationResponseRecord.participant_id == participant_id
            )
        )
        if slack_id:
            self._session.execute(delete(InboxRecord).where(InboxRecord.slack_user_id == slack_id))
            self._session.execute(
                update(DeliveryRecord)
                .where(DeliveryRecord.recipient.contains(slack_id))
                .values(recipient="erased")
            )
            self._session.execute(
                update(ConcernEventRecord)
                .where(ConcernEventRecord.actor == slack_id)
                .values(actor="erased participant")
            )
        pair_ids = list(
            self._session.scalars(
                select(PairRecord.id).where(
                    (PairRecord.mentor_id == participant_id)
                    | (PairRecord.mentee_id == participant_id)
                )
            )
        )
        if pair_ids:
            # What the pair wrote together named both of them: it goes too.
            self._session.execute(delete(MeetingRecord).where(MeetingRecord.pair_id.in_(pair_ids)))
            self._session.execute(
                delete(AgreementRecord).where(AgreementRecord.pair_id.in_(pair_ids))
            )
        # The audit trail stays (who on the team did what, when); the concern's words do not.
        self._session.execute(
            update(ConcernRecord)
            .where(ConcernRecord.reporter_id == participant_id)
            .values(text="[erased]", contact="")
        )
        self._session.flush()
