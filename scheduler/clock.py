"""The clock: APScheduler keeps one date job per feature, at that feature's next moment.

Each feature offers `upcoming(now)` (its next moment, possibly already due) and `run_due(now)`
(the same use case a command would call). The database is the source of truth: jobs are rebuilt
from the features' moments at start, after every job, by a sweep each minute (which also picks
up changes made by another process) and after every change a use case reports (`changed`);
APScheduler holds nothing we could lose."""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Protocol

from apscheduler.job import Job
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import STATE_RUNNING
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

log = logging.getLogger(__name__)
SWEEP_ID = "sweep"
CATCH_UP_ID = "catch-up"
RESYNC = "resync"
SWEEP_EVERY = timedelta(minutes=1)
# Waits between tries of work that must succeed before the clock can start (a database that is
# still starting, or restarting): short at first, then no more than a sweep apart.
FIRST_RETRY = 1.0
LONGEST_RETRY = SWEEP_EVERY.total_seconds() / 2


class Feature(Protocol):
    def upcoming(self, now: datetime) -> datetime | None:
        """The feature's next moment, or None when it waits for nothing."""

    def run_due(self, now: datetime) -> int:
        """Does what is due at `now`; returns how many messages went out."""


@dataclass
class _Kept:
    feature: Feature
    # One run of a feature at a time in this process (a job, the sweep and a command's sync may
    # meet); another process is kept harmless by the ledger's unique keys.
    lock: threading.Lock = field(default_factory=threading.Lock)
    # The `now` its last run started at: a moment after it was not covered by that run.
    last_run: datetime | None = None


def run_date(moment: datetime, now: datetime, last_run: datetime | None) -> datetime:
    """When a feature's job runs for its next moment. A moment still ahead runs then. One already
    due that its last run started too early to cover (it passed while the clock was starting, or
    during that run) runs at once. One its last run should have covered but left due (Slack or
    the database was down) is tried again a sweep later, not in a tight loop."""
    if moment > now:
        return moment
    if last_run is None or moment > last_run:
        return now
    return now + SWEEP_EVERY


class Clock:
    def __init__(
        self,
        now: Callable[[], datetime],
        reading: Callable[[], AbstractContextManager[object]] = nullcontext,
    ):
        """`reading`: what one sync reads inside, so that what several features read is read
        once (storage/pairs.py's states_read_once)."""
        self._now = now
        self._reading = reading
        self._features: dict[str, _Kept] = {}
        self._periodic: dict[str, tuple[timedelta, Callable[[], object]]] = {}
        self._scheduler = BackgroundScheduler(
            timezone=UTC,
            job_defaults={"misfire_grace_time": None, "coalesce": True, "max_instances": 1},
        )
        # One sync at a time: two at once could each read a feature's moment, and the one that
        # read it first write its job last, so a change would be lost.
        self._syncing = threading.Lock()
        # Guards the three below, which a request's thread and the scheduler's share.
        self._state = threading.Lock()
        self._stale = False  # a change was reported after the last sync began
        self._resyncing = False  # a resync is asked for or under way (running for real)
        self._closed = False

    def now(self) -> datetime:
        return self._now()

    def keep(self, name: str, feature: Feature) -> None:
        """Adds a feature, in the order its run comes when several are due at once."""
        self._features[name] = _Kept(feature)

    def every(self, name: str, interval: timedelta, work: Callable[[], object]) -> None:
        """Work repeated while running for real (never in simulated time)."""
        self._periodic[name] = (interval, work)

    # Lifecycle --------------------------------------------------------------------------------

    def start(self, paused: bool = False) -> None:
        """Catch up on what was missed while the bot was down, then wait for the next moment.
        All of it runs in the scheduler's threads, never the caller's, so a process told to
        stop while Slack holds a long catch-up back can still stop. Paused, the jobs exist but
        only run_jobs_due runs them (simulated time)."""
        self._scheduler.start(paused=paused)
        if paused:
            self.sync()
            return
        # At once (no trigger), then a sweep each minute; the catch-up's own sync sets the jobs.
        self._scheduler.add_job(self.run_due, id=CATCH_UP_ID)
        self._add_interval(SWEEP_ID, SWEEP_EVERY, self.run_due)
        for name, (interval, work) in self._periodic.items():
            self._add_interval(name, interval, self._periodic_job(name, work), first=self._now())

    def shutdown(self) -> None:
        """Waits for the jobs under way; no resync is asked for after it begins."""
        with self._state:
            self._closed = True
        if self._scheduler.running:
            self._scheduler.shutdown(wait=True)

    # Keeping jobs equal to the moments ---------------------------------------------------------

    def changed(self) -> None:
        """A use case has committed a change to someone's moments; the jobs follow it without
        the caller (a person's request) waiting for every feature to be read again. Running for
        real, a resync in the scheduler's threads, one for a burst of changes; paused (simulated
        time), before the jobs are next read; not started (a web process, a command), at start,
        and the clock process's sweep picks the change up within a minute."""
        with self._state:
            self._stale = True
            if self._resyncing or self._closed or self._scheduler.state != STATE_RUNNING:
                return
            self._resyncing = True
            # No id of its own: one still counted as running for a moment after it let go (see
            # `_still_stale`) must not make APScheduler skip this one as a second instance.
            self._scheduler.add_job(self._resync, name=RESYNC)

    def _resync(self) -> None:
        """Syncs until no change came in while it synced; changes meanwhile only mark the
        clock stale, so a burst of them costs one sync or two."""
        try:
            while self._still_stale():
                self.sync()
        except BaseException:
            with self._state:
                self._resyncing = False
            raise

    def _still_stale(self) -> bool:
        """Whether to sync again; if not, the next change asks for a new resync (decided under
        the same lock as `changed` reads it, so no change falls between the two)."""
        with self._state:
            self._resyncing = self._stale and not self._closed
            return self._resyncing

    def sync(self) -> None:
        """One job per feature at its next moment (see `run_date`). A feature whose moment
        cannot be read (the database is down) is asked again a sweep later."""
        with self._syncing:
            with self._state:
                self._stale = False  # what was changed before now, this sync reads
            with self._reading():
                self._sync()

    def _sync(self) -> None:
        now = self._now()
        for name, kept in self._features.items():
            try:
                at = kept.feature.upcoming(now)
            except Exception as error:  # noqa: BLE001 - an outage must not stop the clock
                _log_failure(name, "reading its next moment", now, error)
                at = now + SWEEP_EVERY
            if at is None:
                if self._scheduler.get_job(name):
                    self._scheduler.remove_job(name)
                continue
            when = run_date(at, now, kept.last_run)
            self._scheduler.add_job(
                self._runner(name), DateTrigger(run_date=when), id=name, replace_existing=True
            )

    def run_due(self) -> None:
        """Every feature runs what is due now (the sweep, a start, a newcomer's import)."""
        for name in self._features:
            self._run(name)
        self.sync()

    def _runner(self, name: str) -> Callable[[], None]:
        def run() -> None:
            self._run(name)
            self.sync()

        return run

    def _run(self, name: str) -> None:
        """One feature's run; its failure is logged and leaves the others to run (what was
        due stays due, so the next sweep tries again)."""
        kept = self._features[name]
        with kept.lock:
            now = self._now()
            kept.last_run = now
            try:
                sent = kept.feature.run_due(now)
            except Exception as error:  # noqa: BLE001 - one feature must not stop the clock
                _log_failure(name, "its run", now, error)
                return
        if sent:
            log.info("%s: %d messages at %s", name, sent, now.isoformat())

    def _periodic_job(self, name: str, work: Callable[[], object]) -> Callable[[], None]:
        def run() -> None:
            try:
                work()
            except Exception as error:  # noqa: BLE001 - tried again at its next interval
                _log_failure(name, "its run", self._now(), error)

        return run

    def _add_interval(
        self,
        job_id: str,
        every: timedelta,
        work: Callable[[], object],
        first: datetime | None = None,
    ) -> None:
        """`work` every `every`, the first time at `first` (default: one interval from now)."""
        trigger = IntervalTrigger(seconds=every.total_seconds())
        at = {"next_run_time": first} if first else {}
        self._scheduler.add_job(work, trigger, id=job_id, replace_existing=True, **at)

    # Walking simulated time (the local demo and tests) -----------------------------------------

    def moment_jobs(self) -> list[Job]:
        """The features' jobs, synced first if a change was reported since (in simulated time
        nothing else would), so nothing a test or the demo walks through is missed."""
        if self._stale:
            self.sync()
        return [job for job in self._scheduler.get_jobs() if job.id in self._features]

    def next_wakeup(self) -> datetime | None:
        times = [job.trigger.run_date for job in self.moment_jobs()]
        return min(times) if times else None

    def run_jobs_due(self, now: datetime) -> int:
        """Runs, as APScheduler would at `now`, every job whose time has come (in the order the
        features were kept)."""
        due = {job.id for job in self.moment_jobs() if job.trigger.run_date <= now}
        for name in self._features:
            if name in due:
                self._run(name)
        if due:
            self.sync()
        return len(due)


def _log_failure(name: str, what: str, now: datetime, error: Exception) -> None:
    """The error's kind and where it happened, never its message: a database error's message
    carries the statement's parameters, which can be what a person wrote."""
    log.error(
        "%s: %s at %s failed (%s)\n%s",
        name,
        what,
        now.isoformat(),
        type(error).__name__,
        "".join(traceback.format_tb(error.__traceback__)),
    )


def until_it_works(work: Callable[[], object], stop: threading.Event, what: str) -> bool:
    """Does `work`, trying again with a growing wait while it fails, until it succeeds (True)
    or `stop` is set (False). Each failure is logged by its kind only, as `_log_failure` says."""
    wait = FIRST_RETRY
    while not stop.is_set():
        try:
            work()
            return True
        except Exception as error:  # noqa: BLE001 - an outage is waited out, never fatal
            log.warning("%s failed (%s); trying again in %g s", what, type(error).__name__, wait)
        stop.wait(wait)
        wait = min(wait * 2, LONGEST_RETRY)
    return False
