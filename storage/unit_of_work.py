"""A unit of work: one session, every feature's repositories over it, and rollback unless
committed."""

from __future__ import annotations

import threading
from typing import Self

from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from bot.notice_json import NoticeCodec
from bot.scheme import FIRST_COHORT
from storage.applications import SqlApplications
from storage.cohorts import SqlCohorts
from storage.concerns import SqlConcerns
from storage.erasure import SqlErasure
from storage.evaluations import SqlEvaluations, SqlInbox
from storage.events import SqlCalendarFeeds, SqlRsvps, SqlSchedules
from storage.goals import SqlBoundaries, SqlGoals
from storage.matching import SqlMatchChoices
from storage.outbox import SqlChannels, SqlDeliveryLedger
from storage.pairs import SqlCheckIns, SqlMeetings, SqlPairs
from storage.participants import SqlParticipants, SqlReaderLanguages
from storage.pulse import SqlPulse
from storage.reflections import SqlReflections
from storage.requests import SqlRequests


class SqlUnitOfWork:
    participants: SqlParticipants
    reader_languages: SqlReaderLanguages
    schedules: SqlSchedules
    rsvps: SqlRsvps
    calendar_feeds: SqlCalendarFeeds
    deliveries: SqlDeliveryLedger
    channels: SqlChannels
    pairs: SqlPairs
    checkins: SqlCheckIns
    meetings: SqlMeetings
    goals: SqlGoals
    boundaries: SqlBoundaries
    concerns: SqlConcerns
    requests: SqlRequests
    pulse: SqlPulse
    reflections: SqlReflections
    applications: SqlApplications
    match_choices: SqlMatchChoices
    evaluations: SqlEvaluations
    inbox: SqlInbox
    erasure: SqlErasure
    cohorts: SqlCohorts

    def __init__(
        self,
        sessions: sessionmaker[Session],
        codec: NoticeCodec,
        turns: threading.RLock | None = None,
        cohort: str = FIRST_COHORT,
    ):
        self._sessions = sessions
        self._codec = codec
        self._turns = turns
        self._cohort = cohort

    def __enter__(self) -> Self:
        if self._turns is not None:
            self._turns.acquire()
        self._session = self._sessions()
        self._session.info["cohort"] = self._cohort  # every cohort-scoped query reads this one
        self.participants = SqlParticipants(self._session)
        self.reader_languages = SqlReaderLanguages(self._session)
        self.schedules = SqlSchedules(self._session)
        self.rsvps = SqlRsvps(self._session)
        self.calendar_feeds = SqlCalendarFeeds(self._session)
        self.deliveries = SqlDeliveryLedger(self._session, self._codec)
        self.channels = SqlChannels(self._session)
        self.pairs = SqlPairs(self._session)
        self.checkins = SqlCheckIns(self._session)
        self.meetings = SqlMeetings(self._session)
        self.goals = SqlGoals(self._session)
        self.boundaries = SqlBoundaries(self._session)
        self.concerns = SqlConcerns(self._session)
        self.requests = SqlRequests(self._session)
        self.pulse = SqlPulse(self._session)
        self.reflections = SqlReflections(self._session)
        self.applications = SqlApplications(self._session)
        self.match_choices = SqlMatchChoices(self._session)
        self.evaluations = SqlEvaluations(self._session)
        self.inbox = SqlInbox(self._session)
        self.erasure = SqlErasure(self._session)
        self.cohorts = SqlCohorts(self._session)
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self._session.rollback()
            self._session.close()
        finally:
            if self._turns is not None:
                self._turns.release()

    def commit(self) -> None:
        self._session.commit()


class SqlUnitOfWorkFactory:
    """`codec` writes and reads the notices kept in the outbox (built with the programme, so its
    parts are stored as references); `cohort` is the run of the scheme its units of work read
    and write (storage/base.py's CohortScoped)."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        codec: NoticeCodec | None = None,
        cohort: str = FIRST_COHORT,
    ):
        self._sessions = sessions
        self._codec = codec or NoticeCodec()
        self.cohort = cohort
        # An in-memory database is one connection shared by every thread (web requests, the
        # listeners, the senders): its units of work take turns, so no transaction runs inside
        # another's.
        shared = isinstance(getattr(sessions.kw.get("bind"), "pool", None), StaticPool)
        self._turns = threading.RLock() if shared else None

    def for_cohort(self, cohort: str) -> SqlUnitOfWorkFactory:
        """Units of work over the same database for another cohort (an earlier year's report,
        its retention)."""
        other = SqlUnitOfWorkFactory(self._sessions, self._codec, cohort)
        other._turns = self._turns  # one shared in-memory connection still takes turns
        return other

    def __call__(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self._sessions, self._codec, self._turns, self.cohort)
