"""The one way out: what a notice is, the ledger that makes every delivery happen at most once,
and the sender that claims, sends and confirms.

Every notice is claimed under a unique key before it is sent, so a retry, a restart or a second
process never sends it twice, and a send whose answer was lost is reconciled (was it posted?)
before it is tried again."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum
from typing import Protocol, Self


class Notice:
    """What the bot tells someone, as plain data: each feature's notices derive from this, and
    the feature's view says how it reads (registered with the messenger)."""


class FileNotice(Notice):
    """A notice that is a file to share rather than a message; the messenger also finds an
    earlier attempt in the channel's history by its file name."""

    @property
    def filename(self) -> str:
        raise NotImplementedError


@dataclass(frozen=True)
class ExportFile(FileNotice):
    """A file made for someone on request (their data, the team's CSV export)."""

    name: str
    title: str
    content: bytes

    @property
    def filename(self) -> str:
        return self.name


class DeliveryFailed(Exception):
    """Slack did not take the message and it is unknown or unlikely that it arrived; the ledger
    keeps it pending so a later run reconciles and retries it."""


class Messenger(Protocol):
    def send(self, to: str, notice: Notice, key: str) -> None:
        """Post one notice to a user (DM) or a channel, tagged with its ledger key."""

    def was_sent(self, to: str, notice: Notice, key: str, since: datetime) -> bool:
        """Whether an earlier attempt that lost its answer did reach Slack."""


class Claim(Enum):
    NEW = "new"
    RECOVERED = "recovered"  # an attempt was made before but never confirmed
    TAKEN = "taken"  # sent, skipped, or being sent by someone else right now


@dataclass(frozen=True)
class Delivery:
    key: str
    kind: str
    subject: str
    to: str
    participant_id: int | None


@dataclass(frozen=True)
class Claimed:
    delivery: Delivery
    claim: Claim
    first_tried_at: datetime


class DeliveryLedger(Protocol):
    def claim_many(
        self, deliveries: Sequence[Delivery], now: datetime, lease: timedelta
    ) -> list[Claimed]: ...
    def mark_sent(self, keys: Sequence[str], now: datetime) -> None: ...
    def mark_skipped(self, deliveries: Sequence[Delivery], now: datetime) -> None: ...
    def recipients(self, kind: str, subject: str) -> set[int]: ...
    def last_sent(self, kinds: Sequence[str]) -> dict[int, datetime]: ...
    def sent_keys_like(self, prefix: str) -> set[str]: ...


class LedgerWork(Protocol):
    """The part of a unit of work the sender needs (bot.ports.UnitOfWork has it)."""

    @property
    def deliveries(self) -> DeliveryLedger: ...
    def __enter__(self) -> Self: ...
    def __exit__(self, *exc: object) -> None: ...
    def commit(self) -> None: ...


class LedgerWorkFactory(Protocol):
    def __call__(self) -> LedgerWork: ...


log = logging.getLogger(__name__)

# How long an unconfirmed attempt is left to its sender before another run reconciles it.
LEASE = timedelta(minutes=5)
# Confirmations are written in batches: a crash between sending and confirming is the case that
# reconciliation exists for, so confirming each message in its own transaction buys nothing.
CONFIRM_BATCH = 100


@dataclass(frozen=True)
class Outgoing:
    delivery: Delivery
    notice: Notice


class Deliveries:
    def __init__(self, uow: LedgerWorkFactory, messenger: Messenger, lease: timedelta = LEASE):
        self._uow = uow
        self._messenger = messenger
        self._lease = lease

    def send(self, outgoing: Sequence[Outgoing], now: datetime) -> list[str]:
        """Send what nobody has sent yet; returns the keys this call sent."""
        by_key = {o.delivery.key: o for o in outgoing}
        with self._uow() as uow:
            claims = uow.deliveries.claim_many([o.delivery for o in outgoing], now, self._lease)
            uow.commit()
        sent: list[str] = []
        done: list[str] = []
        for claimed in claims:
            if claimed.claim is Claim.TAKEN:
                continue
            item = by_key[claimed.delivery.key]
            if self._deliver(item, claimed.claim, claimed.first_tried_at):
                sent.append(item.delivery.key)
                done.append(item.delivery.key)
            if len(sent) >= CONFIRM_BATCH:
                self._confirm(sent, now)
                sent = []
        self._confirm(sent, now)
        return done

    def skip(self, deliveries: Sequence[Delivery], now: datetime) -> None:
        """Record that these will not be sent (e.g. covered by a date-change message)."""
        with self._uow() as uow:
            uow.deliveries.mark_skipped(deliveries, now)
            uow.commit()

    def _deliver(self, item: Outgoing, claim: Claim, first_tried_at: datetime) -> bool:
        d = item.delivery
        try:
            if claim is Claim.RECOVERED and self._messenger.was_sent(
                d.to, item.notice, d.key, first_tried_at
            ):
                return True
            self._messenger.send(d.to, item.notice, d.key)
            return True
        except DeliveryFailed as error:
            # The key, never the content: messages can hold personal data.
            log.warning("delivery %s left pending for a later retry: %s", d.key, error)
            return False

    def _confirm(self, keys: list[str], now: datetime) -> None:
        if not keys:
            return
        with self._uow() as uow:
            uow.deliveries.mark_sent(keys, now)
            uow.commit()
