"""APScheduler keeps one date job per upcoming moment, with the moment's key as its id.

The database is the source of truth: jobs are rebuilt from the domain's moments at start, after
every change and by a sweep each minute; a job only says "now is a moment", and calls the same
service a command would. APScheduler holds nothing we could lose (memory job store)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from apscheduler.job import Job
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from mentorbot.services import Services

log = logging.getLogger(__name__)
SWEEP_ID = "sweep"
SWEEP_EVERY = timedelta(minutes=1)
INBOX_ID = "inbox"
INBOX_EVERY = timedelta(seconds=2)


class TimelineScheduler:
    def __init__(self, services: Services):
        self._services = services
        self._scheduler = BackgroundScheduler(
            timezone=UTC,
            job_defaults={"misfire_grace_time": None, "coalesce": True, "max_instances": 1},
        )

    # Lifecycle --------------------------------------------------------------------------------

    def start(self, paused: bool = False) -> None:
        """Catch up on what was missed while the bot was down, then wait for the next moment.
        Paused, the jobs exist but only run_jobs_due runs them (simulated time)."""
        self._scheduler.start(paused=paused)
        if not paused:
            self.run_due()
            self.drain_inbox()
            self._scheduler.add_job(
                self.run_due,
                IntervalTrigger(seconds=SWEEP_EVERY.total_seconds()),
                id=SWEEP_ID,
                replace_existing=True,
            )
            # DMs kept by a web process that does not work on them itself (INBOX_INLINE=false).
            self._scheduler.add_job(
                self.drain_inbox,
                IntervalTrigger(seconds=INBOX_EVERY.total_seconds()),
                id=INBOX_ID,
                replace_existing=True,
            )
        self.sync()

    def shutdown(self) -> None:
        if self._scheduler.running:
            self._scheduler.shutdown(wait=True)

    # Keeping jobs equal to the moments ---------------------------------------------------------

    def sync(self) -> None:
        now = self._services.clock()
        wanted = {m.key: m.at for m in self._services.events.upcoming_moments(now)}
        wanted |= dict(self._services.evaluations.upcoming(now))
        # One job per pair at most: its next moment (check-in, follow-up or acceptance nudge).
        wanted |= {f"pair:{m.pair_id}": m.at for m in self._services.checkins.upcoming(now)}
        # A moment still due after a run could not be sent (Slack down): try again a sweep later.
        wanted = {key: at if at > now else now + SWEEP_EVERY for key, at in wanted.items()}
        for job in self.moment_jobs():
            if job.id not in wanted:
                job.remove()
        for key, at in wanted.items():
            self._add(key, at, self.run_due)

    def run_due(self) -> None:
        now = self._services.clock()
        reminders = self._services.events.send_due_reminders(now)
        checkins = self._services.checkins.run_due(now)
        evaluations = self._services.evaluations.run_due(now)
        alerts = self._services.alerts.run_due(now)
        if reminders or checkins or evaluations or alerts:
            log.info(
                "sent %d reminder, %d check-in and %d evaluation messages at %s",
                reminders,
                checkins,
                evaluations,
                now.isoformat(),
            )
        self.sync()

    def drain_inbox(self) -> None:
        self._services.inbox.drain(self._services.clock())

    # Walking simulated time (the local demo and tests) -----------------------------------------

    def moment_jobs(self) -> list[Job]:
        return [job for job in self._scheduler.get_jobs() if job.id not in (SWEEP_ID, INBOX_ID)]

    def next_wakeup(self) -> datetime | None:
        times = [job.trigger.run_date for job in self.moment_jobs()]
        return min(times) if times else None

    def run_jobs_due(self, now: datetime) -> int:
        """Runs, as APScheduler would at `now`, every job whose time has come."""
        due = [job for job in self.moment_jobs() if job.trigger.run_date <= now]
        for job in due:
            job.func()
        return len(due)

    def _add(self, job_id: str, at: datetime, func: Callable[[], None]) -> None:
        self._scheduler.add_job(func, DateTrigger(run_date=at), id=job_id, replace_existing=True)
