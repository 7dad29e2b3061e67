"""A change a use case reports (`Clock.changed`) reschedules the clock without the person's
request waiting for every feature to be read again, and a burst of changes costs one sync."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from scheduler.clock import Clock

NOW = datetime(2026, 3, 29, 9, 0, tzinfo=UTC)
WAIT = 10.0  # seconds: only ever reached if the clock is broken


class Diary:
    """A feature whose next moment a use case changes; counts how often it is read (each
    read is a sync) and can hold one read until the test lets it go."""

    def __init__(self, hold_read: int = 0) -> None:
        self.moment: datetime | None = None
        self.reads = 0
        self.runs: list[datetime] = []
        self.hold_read = hold_read
        self.holding = threading.Event()
        self.let_go = threading.Event()
        self.read = threading.Condition()
        self.ran = threading.Event()

    def upcoming(self, now: datetime) -> datetime | None:
        with self.read:
            self.reads += 1
            self.read.notify_all()
            reads, moment = self.reads, self.moment
        if reads == self.hold_read:  # a slow read: what is committed meanwhile, it misses
            self.holding.set()
            assert self.let_go.wait(WAIT)
        return moment

    def run_due(self, now: datetime) -> int:
        if self.moment is None or self.moment > now:
            return 0
        self.runs.append(now)
        self.moment = None
        self.ran.set()
        return 1

    def wait_for_reads(self, reads: int) -> None:
        with self.read:
            assert self.read.wait_for(lambda: self.reads >= reads, WAIT), self.reads


def test_paused_a_burst_of_changes_is_one_sync_made_before_the_jobs_are_read() -> None:
    diary = Diary()
    clock = Clock(lambda: NOW)
    clock.keep("events", diary)
    diary.moment = NOW + timedelta(hours=1)
    clock.changed()  # before the clock starts (a web process): nothing is read
    assert diary.reads == 0
    clock.start(paused=True)
    try:
        assert (diary.reads, clock.next_wakeup()) == (1, NOW + timedelta(hours=1))
        for minutes in (10, 20, 30):  # three requests, each moving the moment
            diary.moment = NOW + timedelta(minutes=minutes)
            clock.changed()
        assert diary.reads == 1, "no request waits for a sync"
        assert clock.next_wakeup() == NOW + timedelta(minutes=30)
        assert diary.reads == 2, "one sync for the three changes"
        assert clock.next_wakeup() == NOW + timedelta(minutes=30)
        assert diary.reads == 2, "nothing changed since"
    finally:
        clock.shutdown()


def test_paused_a_moment_a_change_brings_due_is_run_by_the_next_walk() -> None:
    diary = Diary()
    clock = Clock(lambda: NOW)
    clock.keep("events", diary)
    clock.start(paused=True)
    try:
        assert clock.run_jobs_due(NOW) == 0
        diary.moment = NOW
        clock.changed()
        assert clock.run_jobs_due(NOW) == 1
        assert diary.runs == [NOW]
    finally:
        clock.shutdown()


def test_running_changes_made_while_the_clock_syncs_cost_one_more_sync_and_are_run() -> None:
    threads_before = set(threading.enumerate())
    diary = Diary(hold_read=2)
    clock = Clock(lambda: datetime.now(UTC))
    clock.keep("events", diary)
    clock.start()
    try:
        diary.wait_for_reads(1)  # the catch-up's sync
        clock.changed()
        assert diary.holding.wait(WAIT), "the change is synced in the scheduler's thread"
        # A request's thread while that sync is held up reading: none of them waits for it.
        for _ in range(10):
            clock.changed()
        diary.moment = datetime.now(UTC)
        diary.let_go.set()
        assert diary.ran.wait(WAIT), "the moment the burst brought due is run"
        diary.wait_for_reads(4)  # the burst's one sync, then the sync after the job
    finally:
        clock.shutdown()
    assert len(diary.runs) == 1
    assert diary.reads == 4
    clock.changed()  # after shutdown: nothing is asked of the scheduler
    assert diary.reads == 4
    assert set(threading.enumerate()) <= threads_before, "no thread of the clock's is left"
