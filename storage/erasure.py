"""Erasing one participant across every feature, in one transaction.

Each feature's module says what of its own data is personal, in a function beside its tables,
so a new personal column is erased where it is defined; this module only calls them in turn. It
stands apart from storage/participants.py because it reaches every feature's tables, and the
pairs module already reads the participants table: one module holding both would import in a
circle."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from storage import concerns, evaluations, events, outbox, pairs, participants, requests


class SqlErasure:
    def __init__(self, session: Session):
        self._session = session

    def erase_participant(self, participant_id: int, now: datetime) -> None:
        slack_id = participants.anonymise(self._session, participant_id, now)
        events.erase_participant(self._session, participant_id)
        evaluations.erase_participant(self._session, participant_id, slack_id)
        outbox.erase_participant(self._session, slack_id)
        concerns.erase_participant(self._session, participant_id, slack_id)
        requests.erase_participant(self._session, participant_id, slack_id)
        pairs.erase_participant(self._session, participant_id)
        self._session.flush()
