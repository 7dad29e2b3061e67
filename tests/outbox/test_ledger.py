"""The delivery ledger on a real database: a key is claimed once, whoever asks and however often."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from bot.outbox import Claim, Delivery
from storage.database import make_engine, make_sessions, upgrade_schema
from storage.unit_of_work import SqlUnitOfWorkFactory

NOW = datetime(2025, 11, 6, 11, 0, tzinfo=UTC)
LEASE = timedelta(minutes=5)


@pytest.fixture
def uow(database_url: str) -> Iterator[SqlUnitOfWorkFactory]:
    engine = make_engine(database_url)
    upgrade_schema(engine)
    yield SqlUnitOfWorkFactory(make_sessions(engine))
    engine.dispose()


def claim(uow: SqlUnitOfWorkFactory, key: str, now: datetime = NOW) -> Claim:
    with uow() as work:
        [claimed] = work.deliveries.claim_many(
            [Delivery(key, "reminder", "launch", "U1", None)], now, LEASE
        )
        work.commit()
    return claimed.claim


def test_a_key_is_new_once_then_taken(uow: SqlUnitOfWorkFactory) -> None:
    assert claim(uow, "reminder:launch:P7D:1") is Claim.NEW
    assert claim(uow, "reminder:launch:P7D:1") is Claim.TAKEN


def test_an_unconfirmed_claim_is_recovered_after_its_lease_and_a_sent_one_never(
    uow: SqlUnitOfWorkFactory,
) -> None:
    claim(uow, "a")
    claim(uow, "b")
    with uow() as work:
        work.deliveries.mark_sent(["b"], NOW)
        work.commit()
    later = NOW + LEASE + timedelta(seconds=1)
    assert claim(uow, "a", NOW + timedelta(minutes=1)) is Claim.TAKEN, (
        "its sender may still be at it"
    )
    assert claim(uow, "a", later) is Claim.RECOVERED
    assert claim(uow, "a", later) is Claim.TAKEN, "recovered once"
    assert claim(uow, "b", later + timedelta(days=1)) is Claim.TAKEN


def test_of_many_threads_racing_for_one_key_exactly_one_wins(uow: SqlUnitOfWorkFactory) -> None:
    results: list[Claim] = []
    start = threading.Barrier(6)

    def race() -> None:
        start.wait()
        results.append(claim(uow, "concern:1:team"))

    threads = [threading.Thread(target=race) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r.value for r in results) == ["new"] + ["taken"] * 5
