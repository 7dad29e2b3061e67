"""Messages kept in the ledger for the sender tests: one each, to the people named, in order."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.concerns.notices import ConcernAcknowledged
from bot.notices import Delivery, Outgoing
from storage.unit_of_work import SqlUnitOfWorkFactory

NOW = datetime(2025, 11, 6, 11, 0, tzinfo=UTC)


def keep(uow: SqlUnitOfWorkFactory, people: list[str]) -> list[str]:
    """One message to each person named, in this order; their keys."""
    notices = [
        Outgoing(
            Delivery(f"ack:{n}:{p}", "concern-acknowledged", "1", p, None),
            ConcernAcknowledged(n, "Priya"),
        )
        for n, p in enumerate(people)
    ]
    with uow() as work:
        work.deliveries.add(notices, NOW)
        work.commit()
    return [o.delivery.key for o in notices]
