"""The outbox on a real database: a kept message is claimed by one sender at a time, taken over
only after its lease, never after it was sent, and dropped once past its time."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest

from bot.notices import Delivery, Outgoing, Pending
from bot.participants.notices import MyDataFile
from storage.unit_of_work import SqlUnitOfWorkFactory

pytestmark = pytest.mark.both_databases  # the ledger's promises rest on the database

NOW = datetime(2025, 11, 6, 11, 0, tzinfo=UTC)
LEASE = timedelta(seconds=45)


def keep(uow: SqlUnitOfWorkFactory, key: str, expires_at: datetime | None = None) -> None:
    notice = MyDataFile("U1", NOW, key.encode())
    delivery = Delivery(key, "export", "x", "U1", None)
    with uow() as work:
        work.deliveries.add([Outgoing(delivery, notice, expires_at)], NOW)
        work.commit()


def claim(uow: SqlUnitOfWorkFactory, now: datetime = NOW) -> list[Pending]:
    with uow() as work:
        claimed = work.deliveries.claim_due(now, LEASE, 10)
        work.commit()
    return claimed


def test_a_kept_message_is_claimed_once_with_its_notice(uow: SqlUnitOfWorkFactory) -> None:
    keep(uow, "a")
    keep(uow, "a")  # meant twice: kept once
    [claimed] = claim(uow)
    assert claimed.delivery.key == "a" and not claimed.recovered
    assert claimed.notice == MyDataFile("U1", NOW, b"a")
    assert claim(uow) == [], "its sender holds it"


def test_an_unconfirmed_claim_is_taken_over_after_its_lease_and_a_sent_one_never(
    uow: SqlUnitOfWorkFactory,
) -> None:
    keep(uow, "a")
    keep(uow, "b")
    claim(uow)
    with uow() as work:
        assert work.deliveries.mark_attempted(["a", "b"], NOW) == {"a", "b"}
        work.deliveries.mark_sent(["b"], NOW)
        work.commit()
    assert claim(uow, NOW + timedelta(seconds=30)) == [], "its sender may still be at it"
    later = NOW + LEASE + timedelta(seconds=1)
    [taken_over] = claim(uow, later)
    assert taken_over.delivery.key == "a" and taken_over.recovered, "tried: look first"
    assert claim(uow, later) == [], "taken over once"
    with uow() as work:
        assert work.deliveries.mark_attempted(["a"], NOW) == set(), "no longer the first's"
    with uow() as work:
        assert work.deliveries.next_due(later, LEASE) == later + LEASE


def test_a_message_past_its_time_is_dropped_not_sent(uow: SqlUnitOfWorkFactory) -> None:
    keep(uow, "reminder", expires_at=NOW + timedelta(minutes=5))
    later = NOW + timedelta(minutes=6)
    assert claim(uow, later) == []
    with uow() as work:
        assert work.deliveries.expire(later) == 1
        work.commit()
    with uow() as work:
        assert work.deliveries.next_due(later, LEASE) is None


def test_of_many_threads_racing_for_one_message_exactly_one_wins(
    uow: SqlUnitOfWorkFactory,
) -> None:
    keep(uow, "concern:1:team")
    results: list[int] = []
    start = threading.Barrier(6)

    def race() -> None:
        start.wait()
        results.append(len(claim(uow)))

    threads = [threading.Thread(target=race) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [0, 0, 0, 0, 0, 1]


def test_a_message_claimed_but_never_tried_is_taken_over_as_never_sent(
    uow: SqlUnitOfWorkFactory,
) -> None:
    keep(uow, "a")
    claim(uow)  # its sender died before trying it
    [taken_over] = claim(uow, NOW + LEASE)
    assert not taken_over.recovered, "nothing to look for in Slack's history"


def test_a_renewed_lease_keeps_a_slow_senders_messages_its_own(uow: SqlUnitOfWorkFactory) -> None:
    keep(uow, "a")
    keep(uow, "b")
    claim(uow)
    renewed_at = NOW + timedelta(seconds=30)
    with uow() as work:
        assert work.deliveries.renew(["a", "b"], NOW, renewed_at) == {"a", "b"}
        work.commit()
    assert claim(uow, NOW + LEASE + timedelta(seconds=1)) == [], "still its sender's"
    assert [p.delivery.key for p in claim(uow, renewed_at + LEASE)] == ["a", "b"]
    with uow() as work:
        assert work.deliveries.renew(["a"], renewed_at, renewed_at + LEASE) == set()
