"""Waiting for a database that is not up yet: one plain line per attempt, each wait longer than
the last, then a clear error."""

from __future__ import annotations

import logging

import pytest

from storage.database import DatabaseUnreachable, make_engine, wait_for_database

NOWHERE = "postgresql+psycopg://postgres:s3cret@127.0.0.1:1/test"  # nothing listens on port 1


def test_an_unreachable_database_is_retried_with_one_line_each_time_then_given_up(
    caplog: pytest.LogCaptureFixture,
) -> None:
    engine = make_engine(NOWHERE)
    with caplog.at_level(logging.WARNING), pytest.raises(DatabaseUnreachable) as raised:
        wait_for_database(engine, attempts=3, delay=0.01)
    engine.dispose()
    assert str(raised.value) == "database not reachable after 3 attempts (OperationalError)"
    assert caplog.messages == [
        "database not reachable yet (OperationalError), retrying in 0.01 s (attempt 1 of 3)",
        "database not reachable yet (OperationalError), retrying in 0.02 s (attempt 2 of 3)",
    ]
    assert not [r for r in caplog.records if r.exc_info], "no tracebacks"
    assert "s3cret" not in caplog.text


@pytest.mark.both_databases
def test_a_reachable_database_is_used_at_once(
    database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    engine = make_engine(database_url)
    with caplog.at_level(logging.WARNING):
        wait_for_database(engine, attempts=2, delay=0.01)
    engine.dispose()
    assert caplog.messages == []
