"""Erasing one participant across every feature, in one transaction.

Each feature's module says what of its own data is personal, in a function beside its tables,
so a new personal column is erased where it is defined; this module only calls them in turn. It
stands apart from storage/participants.py because it reaches every feature's tables, and the
pairs module already reads the participants table: one module holding both would import in a
circle."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage import (
    applications,
    concerns,
    evaluations,
    events,
    goals,
    outbox,
    pairs,
    participants,
    pulse,
    reflections,
    requests,
)
from storage.base import ALL_COHORTS, cohort_of
from storage.participants import ParticipantRecord


class SqlErasure:
    def __init__(self, session: Session):
        self._session = session

    def erase_participant(self, participant_id: int, now: datetime) -> None:
        """The person is erased, not one year of them: their enrolments in other cohorts go
        too, each read and changed as its own cohort's."""
        email = self._session.scalar(
            select(ParticipantRecord.email).where(ParticipantRecord.id == participant_id)
        )
        elsewhere = self._session.execute(
            select(ParticipantRecord.id, ParticipantRecord.cohort)
            .where(ParticipantRecord.email == email, ParticipantRecord.id != participant_id)
            .execution_options(**{ALL_COHORTS: True})
        ).all()
        self._erase_enrolment(participant_id, now)
        live = cohort_of(self._session)
        for other, cohort in elsewhere:
            self._session.info["cohort"] = cohort
            try:
                self._erase_enrolment(other, now)
            finally:
                self._session.info["cohort"] = live

    def _erase_enrolment(self, participant_id: int, now: datetime) -> None:
        former = participants.anonymise(self._session, participant_id, now)
        slack_id = former.slack_user_id
        names = [former.name, former.email, *([slack_id] if slack_id else [])]
        applications.erase_participant(self._session, former.email, slack_id)
        events.erase_participant(self._session, participant_id)
        evaluations.erase_participant(self._session, participant_id, slack_id)
        outbox.erase_participant(self._session, participant_id, slack_id, names)
        concerns.erase_participant(self._session, participant_id, slack_id)
        requests.erase_participant(self._session, participant_id, slack_id)
        goals.erase_participant(self._session, participant_id)
        pulse.erase_participant(self._session, participant_id)
        reflections.erase_participant(self._session, participant_id)
        pairs.erase_participant(self._session, participant_id)
        self._session.flush()
