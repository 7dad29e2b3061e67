"""Slack retries an event when our answer is slow or lost; each event is handled once."""

from __future__ import annotations

from datetime import datetime

from bot.ports import UnitOfWorkFactory


class SeenEvents:
    def __init__(self, uow: UnitOfWorkFactory):
        self._uow = uow

    def first_time(self, event_id: str, now: datetime) -> bool:
        if not event_id:
            return True
        with self._uow() as uow:
            first = uow.processed_events.first_time(event_id, now)
            uow.commit()
        return first
