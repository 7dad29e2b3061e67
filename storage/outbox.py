"""The outbox: the delivery ledger's table and repository. One row per message the bot meant to
send, claimed before it is sent, so nothing is sent twice and nothing is stranded."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    UniqueConstraint,
    delete,
    false,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from bot.notice_json import NoticeCodec, UnreadableNotice
from bot.notices import Delivery, FileNotice, Outgoing, Pending
from storage.base import Base, chunks, insert_ignoring_duplicates

# A message done with: sent, or skipped (never to be sent); either stops it being sent again.
DONE = ("sent", "skipped")


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
    # pending, sent, skipped, expired, failed, unreadable (set aside: see claim_due)
    status: Mapped[str] = mapped_column(String(10))
    first_tried_at: Mapped[datetime]
    claimed_at: Mapped[datetime | None]  # None: no sender has claimed it yet
    done_at: Mapped[datetime | None]
    # What to send, until it is sent (bot.notice_json.NoticeCodec); then dropped.
    notice: Mapped[bytes | None] = mapped_column(LargeBinary)
    expires_at: Mapped[datetime | None]  # past it, a pending message is no longer worth sending
    # Sends tried (noted before each): not claims, so a row claimed and never tried goes without
    # a look in the channel's history. Rows kept before this counted claims: such a row tried
    # once looks again, which is safe.
    attempts: Mapped[int] = mapped_column(Integer, server_default="0")
    shared: Mapped[bool] = mapped_column(Boolean, server_default=false())  # one file for many


class ChannelRecord(Base):
    """The channel behind an address: a user's DM ("U1") or a pair's group DM ("U1,U2")."""

    __tablename__ = "slack_channels"

    address: Mapped[str] = mapped_column(String(255), primary_key=True)
    channel_id: Mapped[str] = mapped_column(String(40))


log = logging.getLogger(__name__)


class SqlDeliveryLedger:
    def __init__(self, session: Session, codec: NoticeCodec):
        self._session = session
        self._codec = codec

    def add(self, outgoing: Sequence[Outgoing], now: datetime) -> None:
        """Keeps what is to be sent, in the caller's transaction; a key already kept is left as
        it is (the same message meant twice is sent once)."""
        rows = [
            self._pending(o.delivery, now)
            | {
                "claimed_at": None,
                "notice": self._codec.encode(o.notice),
                "expires_at": o.expires_at,
                "shared": isinstance(o.notice, FileNotice) and o.notice.for_many,
            }
            for o in outgoing
        ]
        for batch in chunks(rows):
            self._session.execute(insert_ignoring_duplicates(self._session, DeliveryRecord), batch)

    def claim_due(
        self,
        now: datetime,
        lease: timedelta,
        limit: int,
        keys: Sequence[str] | None = None,
        shared: bool = False,
    ) -> list[Pending]:
        """Claims up to `limit` pending messages nobody holds (never tried, or their sender went
        quiet for longer than the lease), oldest first: files for many (`shared`) apart from the
        rest. The claim is one conditional UPDATE, so of two senders only one wins each."""
        candidates = select(DeliveryRecord.id).where(
            *self._due(now, lease), DeliveryRecord.shared.is_(shared)
        )
        if keys is not None:
            candidates = candidates.where(DeliveryRecord.key.in_(keys))
        ids = list(self._session.scalars(candidates.order_by(DeliveryRecord.id).limit(limit)))
        if not ids:
            return []
        won = self._session.execute(
            update(DeliveryRecord)
            .where(DeliveryRecord.id.in_(ids), *self._due(now, lease))
            .values(claimed_at=now)
            .returning(DeliveryRecord)
        )
        claimed, unreadable = [], []
        for row in won.scalars():
            try:
                claimed.append(self._claimed(row))
            except UnreadableNotice as why:
                # The key, never the content: messages can hold personal data.
                log.error("delivery %s set aside: its notice cannot be read (%s)", row.key, why)
                unreadable.append(row.key)
        self._set_aside(unreadable, now)
        return sorted(claimed, key=lambda p: p.order)

    def _set_aside(self, keys: Sequence[str], now: datetime) -> None:
        """Never tried again, and out of every sender's way; the notice is kept, so that whoever
        puts the cause right (e.g. a programme part renamed back) can put the row back to
        'pending' (erasing the person still clears it)."""
        for batch in chunks(keys):
            self._session.execute(
                update(DeliveryRecord)
                .where(DeliveryRecord.key.in_(batch))
                .values(status="unreadable", done_at=now)
            )

    def renew(self, keys: Sequence[str], held_since: datetime, now: datetime) -> set[str]:
        """Extends the lease on what a sender still holds (claimed at `held_since` and not taken
        over since); returns the keys it still holds."""
        return self._held(keys, held_since, claimed_at=now)

    def mark_attempted(self, keys: Sequence[str], held_since: datetime) -> set[str]:
        """Notes, before sending, that these may now really be posted: whoever takes one over
        later looks in the channel's history first. Returns the keys still held (only those may
        be sent)."""
        return self._held(keys, held_since, attempts=DeliveryRecord.attempts + 1)

    def _held(self, keys: Sequence[str], held_since: datetime, **values: Any) -> set[str]:
        held: set[str] = set()
        for batch in chunks(keys):
            held |= set(
                self._session.scalars(
                    update(DeliveryRecord)
                    .where(
                        DeliveryRecord.key.in_(batch),
                        DeliveryRecord.status == "pending",
                        DeliveryRecord.claimed_at == held_since,
                    )
                    .values(**values)
                    .returning(DeliveryRecord.key)
                )
            )
        return held

    def expire(self, now: datetime) -> int:
        """Pending messages past their time are dropped (e.g. a reminder once its event began)."""
        expired = self._session.execute(
            update(DeliveryRecord)
            .where(DeliveryRecord.status == "pending", DeliveryRecord.expires_at <= now)
            .values(status="expired", done_at=now, notice=None)
        )
        return int(getattr(expired, "rowcount", 0) or 0)

    def mark_failed(self, keys: Sequence[str], now: datetime) -> None:
        """Slack refused these outright (e.g. the person left the workspace): never retried."""
        for batch in chunks(keys):
            self._session.execute(
                update(DeliveryRecord)
                .where(DeliveryRecord.key.in_(batch))
                .values(status="failed", done_at=now, notice=None)
            )

    def next_due(self, now: datetime, lease: timedelta) -> datetime | None:
        """When a pending message is next for a sender: now, or when a claim's lease runs out."""
        query = select(func.min(DeliveryRecord.claimed_at)).where(
            DeliveryRecord.status == "pending", DeliveryRecord.notice.is_not(None)
        )
        if self._session.scalar(select(DeliveryRecord.id).where(*self._due(now, lease)).limit(1)):
            return now
        oldest_claim = self._session.scalar(query)
        return oldest_claim + lease if oldest_claim else None

    @staticmethod
    def _due(now: datetime, lease: timedelta) -> tuple[Any, ...]:
        return (
            DeliveryRecord.status == "pending",
            DeliveryRecord.notice.is_not(None),
            or_(DeliveryRecord.claimed_at.is_(None), DeliveryRecord.claimed_at <= now - lease),
            or_(DeliveryRecord.expires_at.is_(None), DeliveryRecord.expires_at > now),
        )

    def _claimed(self, row: DeliveryRecord) -> Pending:
        delivery = Delivery(row.key, row.kind, row.subject, row.recipient, row.participant_id)
        notice = self._codec.decode(row.notice or b"")
        # Only a row a sender tried may have reached Slack: only that one is looked for first.
        return Pending(delivery, notice, row.attempts > 0, row.first_tried_at, row.id)

    def mark_sent(self, keys: Sequence[str], now: datetime) -> None:
        for batch in chunks(keys):
            self._session.execute(
                update(DeliveryRecord)
                .where(DeliveryRecord.key.in_(batch))
                .values(status="sent", done_at=now, notice=None)
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
            DeliveryRecord.key.startswith(prefix), DeliveryRecord.status.in_(DONE)
        )
        return set(self._session.scalars(query))

    def sent_among(self, keys: Iterable[str]) -> set[str]:
        """Which of these keys were sent (or skipped): as many as asked for, whatever the
        ledger's length (where a prefix reads every key of its kind ever sent)."""
        found: set[str] = set()
        for batch in chunks(list(keys)):
            query = select(DeliveryRecord.key).where(
                DeliveryRecord.key.in_(batch), DeliveryRecord.status.in_(DONE)
            )
            found |= set(self._session.scalars(query))
        return found

    def kept_keys_like(self, prefix: str) -> set[str]:
        """Every key kept, whether sent yet or not."""
        return set(
            self._session.scalars(
                select(DeliveryRecord.key).where(DeliveryRecord.key.startswith(prefix))
            )
        )

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


class SqlChannels:
    def __init__(self, session: Session):
        self._session = session

    def get(self, address: str) -> str | None:
        record = self._session.get(ChannelRecord, address)
        return record.channel_id if record else None

    def put(self, address: str, channel: str) -> None:
        row = {"address": address, "channel_id": channel}
        self._session.execute(insert_ignoring_duplicates(self._session, ChannelRecord), [row])


def erase_participant(
    session: Session, participant_id: int, slack_id: str | None, names: Sequence[str]
) -> None:
    """The ledger keeps what was sent when (it stops repeats) but no longer to or about whom:
    what was still waiting for the person, or naming them (`names`: their name, email, Slack
    id) to anyone, is not sent; their conversations' ids are forgotten; and their Slack id in a
    key or subject becomes their erased form."""
    forget_unsent(session, names)
    forget_participant(session, participant_id)
    if slack_id:
        forget_slack_id(session, slack_id, f"erased-{participant_id}")


def forget_participant(session: Session, participant_id: int) -> None:
    """What was kept for a participant: what still waits is not sent, and no message is kept."""
    session.execute(
        update(DeliveryRecord)
        .where(DeliveryRecord.participant_id == participant_id, DeliveryRecord.status == "pending")
        .values(status="skipped")
    )
    session.execute(
        update(DeliveryRecord)
        .where(DeliveryRecord.participant_id == participant_id)
        .values(notice=None)
    )


def forget_slack_id(session: Session, slack_id: str, instead: str) -> None:
    """Nothing addressed to the Slack id waits or is kept, and no row says it: each key and
    subject naming it names `instead` (one erased form per person, say erased-<participant
    id>). A key is rewritten, not dropped, because the row is what stops the message being sent
    twice: the rewrite maps one id to one form, so keys stay unique, and nothing will mean the
    erased form again (an erased person has no Slack id to be sent to), so the row still stops
    repeats without naming anyone."""
    to_them = DeliveryRecord.recipient.contains(slack_id)
    session.execute(
        update(DeliveryRecord)
        .where(to_them, DeliveryRecord.status == "pending")
        .values(status="skipped", notice=None)
    )
    session.execute(update(DeliveryRecord).where(to_them).values(recipient="erased", notice=None))
    session.execute(delete(ChannelRecord).where(ChannelRecord.address.contains(slack_id)))
    for column in (DeliveryRecord.key, DeliveryRecord.subject):
        session.execute(
            update(DeliveryRecord)
            .where(column.contains(slack_id))
            .values({column: func.replace(column, slack_id, instead)})
        )


def forget_unsent(session: Session, names: Sequence[str]) -> None:
    """A message still kept (waiting to go to the team's channel, say, or set aside unread)
    that holds any of `names` whole is not sent: what it holds goes. Whole, so that erasing
    "Al" holds back nothing of "Alan"'s."""
    words = [re.escape(name.encode()) for name in names if name]
    if not words:
        return
    naming_them = re.compile(rb"(?<![\w])(?:" + b"|".join(words) + rb")(?![\w])")
    waiting = session.execute(
        select(DeliveryRecord.id, DeliveryRecord.notice).where(DeliveryRecord.notice.is_not(None))
    ).all()
    naming = [row_id for row_id, notice in waiting if naming_them.search(notice or b"")]
    for batch in chunks(naming):
        session.execute(
            update(DeliveryRecord)
            .where(DeliveryRecord.id.in_(batch), DeliveryRecord.status == "pending")
            .values(status="skipped")
        )
        session.execute(
            update(DeliveryRecord).where(DeliveryRecord.id.in_(batch)).values(notice=None)
        )
