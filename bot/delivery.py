"""Sending through the ledger: every notice is claimed under a unique key before it is sent, so
a retry, a restart or a second process never sends it twice, and a send whose answer was lost is
reconciled (was it posted?) before it is tried again."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.notices import Notice
from bot.ports import Claim, Delivery, DeliveryFailed, Messenger, UnitOfWorkFactory

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
    def __init__(self, uow: UnitOfWorkFactory, messenger: Messenger, lease: timedelta = LEASE):
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
