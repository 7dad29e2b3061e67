"""A unit of work: one session, every feature's repositories over it, and rollback unless
committed."""

from __future__ import annotations

from typing import Self

from sqlalchemy.orm import Session, sessionmaker

from storage.concerns import SqlConcerns
from storage.erasure import SqlErasure
from storage.evaluations import SqlEvaluations, SqlInbox
from storage.events import SqlCalendarFeeds, SqlRsvps, SqlSchedules
from storage.outbox import SqlDeliveryLedger
from storage.pairs import SqlAgreements, SqlCheckIns, SqlMeetings, SqlPairs
from storage.participants import SqlParticipants


class SqlUnitOfWork:
    participants: SqlParticipants
    schedules: SqlSchedules
    rsvps: SqlRsvps
    calendar_feeds: SqlCalendarFeeds
    deliveries: SqlDeliveryLedger
    pairs: SqlPairs
    checkins: SqlCheckIns
    meetings: SqlMeetings
    agreements: SqlAgreements
    concerns: SqlConcerns
    evaluations: SqlEvaluations
    inbox: SqlInbox
    erasure: SqlErasure

    def __init__(self, sessions: sessionmaker[Session]):
        self._sessions = sessions

    def __enter__(self) -> Self:
        self._session = self._sessions()
        self.participants = SqlParticipants(self._session)
        self.schedules = SqlSchedules(self._session)
        self.rsvps = SqlRsvps(self._session)
        self.calendar_feeds = SqlCalendarFeeds(self._session)
        self.deliveries = SqlDeliveryLedger(self._session)
        self.pairs = SqlPairs(self._session)
        self.checkins = SqlCheckIns(self._session)
        self.meetings = SqlMeetings(self._session)
        self.agreements = SqlAgreements(self._session)
        self.concerns = SqlConcerns(self._session)
        self.evaluations = SqlEvaluations(self._session)
        self.inbox = SqlInbox(self._session)
        self.erasure = SqlErasure(self._session)
        return self

    def __exit__(self, *exc: object) -> None:
        self._session.rollback()
        self._session.close()

    def commit(self) -> None:
        self._session.commit()


class SqlUnitOfWorkFactory:
    def __init__(self, sessions: sessionmaker[Session]):
        self._sessions = sessions

    def __call__(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self._sessions)
