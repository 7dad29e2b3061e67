"""When a feature's job runs (`run_date`), and a clock that outlives what fails under it."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest

from scheduler.clock import SWEEP_EVERY, Clock, run_date, until_it_works

NOW = datetime(2026, 3, 29, 0, 59, 58, tzinfo=UTC)  # two seconds before the clocks go forward


def test_a_moment_ahead_runs_at_that_moment() -> None:
    at = NOW + timedelta(seconds=2)
    assert run_date(at, NOW, last_run=NOW - timedelta(minutes=5)) == at


def test_a_moment_that_passed_while_the_clock_was_starting_runs_at_once() -> None:
    started = NOW - timedelta(seconds=1)
    assert run_date(NOW - timedelta(milliseconds=500), NOW, last_run=started) == NOW


def test_a_moment_due_before_any_run_in_this_process_runs_at_once() -> None:
    assert run_date(NOW - timedelta(hours=3), NOW, last_run=None) == NOW


def test_a_moment_its_last_run_left_due_is_tried_again_a_sweep_later() -> None:
    left_due = NOW - timedelta(seconds=30)
    assert run_date(left_due, NOW, last_run=NOW - timedelta(seconds=2)) == NOW + SWEEP_EVERY


# What a database error's message can hold: the statement's parameters, a person's words.
WORDS = "I would like a different mentor"


class Unreachable:
    """A feature whose database refuses connections."""

    def upcoming(self, now: datetime) -> datetime | None:
        raise ConnectionRefusedError(WORDS)

    def run_due(self, now: datetime) -> int:
        raise ConnectionRefusedError(WORDS)


def test_a_feature_whose_moment_cannot_be_read_is_asked_again_a_sweep_later(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = Clock(lambda: NOW)
    clock.keep("events", Unreachable())
    clock.start(paused=True)
    try:
        clock.run_due()
        assert clock.next_wakeup() == NOW + SWEEP_EVERY
    finally:
        clock.shutdown()
    assert "events: reading its next moment at" in caplog.text
    assert "(ConnectionRefusedError)" in caplog.text
    assert WORDS not in caplog.text, "the error's kind, never its words"


def test_work_that_fails_is_tried_again_until_it_works() -> None:
    tries: list[int] = []

    def adopt() -> None:
        tries.append(1)
        if len(tries) < 3:
            raise ConnectionRefusedError

    stop = threading.Event()
    waits: list[float] = []
    stop.wait = lambda seconds: bool(waits.append(seconds))  # type: ignore[method-assign]
    assert until_it_works(adopt, stop, "applying the programme file")
    assert (len(tries), waits) == (3, [1.0, 2.0])


def test_work_that_fails_is_given_up_once_the_process_is_asked_to_stop() -> None:
    stop = threading.Event()
    stop.set()
    assert not until_it_works(lambda: None, stop, "applying the programme file")
