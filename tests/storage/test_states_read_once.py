"""Within one clock sync the pairs' states are read once for the three features that read them;
outside it, each read is fresh."""

from __future__ import annotations

from datetime import UTC, datetime

from storage.pairs import states_read_once
from tests.services import GRACE, SUNITA, Scheme

NOW = datetime(2026, 1, 5, 10, tzinfo=UTC)


def test_a_sync_reads_the_states_once_and_a_read_after_it_is_fresh(scheme: Scheme) -> None:
    with states_read_once():
        with scheme.uow() as uow:
            first = uow.pairs.states()
        scheme.start_pair(GRACE, SUNITA, NOW, NOW)
        with scheme.uow() as uow:
            assert uow.pairs.states() is first == []  # the sync's one read
    with scheme.uow() as uow:
        [state] = uow.pairs.states()
    assert state.pair.status == "active"
