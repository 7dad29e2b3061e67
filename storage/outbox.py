"""The outbox: the delivery ledger's table and repository. One row per message the bot meant to
send, claimed before it is sent, so nothing is sent twice and nothing is stranded."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint, func, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from bot.outbox import Claim, Claimed, Delivery
from storage.base import Base, chunks, insert_ignoring_duplicates


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


def erase_participant(session: Session, slack_id: str | None) -> None:
    """The ledger keeps what was sent when (it stops repeats) but no longer to whom."""
    if slack_id:
        session.execute(
            update(DeliveryRecord)
            .where(DeliveryRecord.recipient.contains(slack_id))
            .values(recipient="erased")
        )
