"""People's DMs to the bot: kept first (before Slack gets its answer), worked on after, in the
order they arrived, each exactly once; the bot's answer is kept in the outbox with the answer it
replies to, so it goes out once even if the sender dies, and (like every evaluation message)
never expires: the person waits for their next question however late it comes."""

from __future__ import annotations

import threading
from datetime import datetime

from bot.evaluations.model import InboxItem
from bot.evaluations.service import EvaluationsService
from bot.notices import Deliveries
from bot.ports import UnitOfWorkFactory


class InboxService:
    def __init__(
        self, uow: UnitOfWorkFactory, evaluations: EvaluationsService, deliveries: Deliveries
    ):
        self._uow = uow
        self._evaluations = evaluations
        self._deliveries = deliveries
        # One drain at a time in a process keeps each person's messages in order; across
        # processes, marking an item done is the claim.
        self._draining = threading.Lock()
        # Request threads take turns to write: SQLite has one writer, and its busy handler
        # backs off with sleeps (tens of ms at the tail) where a lock hands over at once.
        self._keeping = threading.Lock()

    def accept(self, item: InboxItem) -> bool:
        """Keeps a DM; False for Slack's retry of one already kept."""
        with self._keeping, self._uow() as uow:
            kept = uow.inbox.accept(item)
            uow.commit()
        return kept

    def drain(self, now: datetime) -> int:
        """Works on every waiting DM; returns how many this call answered. Each reply is kept in
        the transaction that applies the answer and marks the DM done, then sent; one Slack did
        not take is sent by the outbox's next run."""
        with self._draining:
            with self._uow() as uow:
                waiting = uow.inbox.waiting()
            done = 0
            for item in waiting:
                assert item.id is not None
                reply_key = f"dm-reply:{item.id}"
                answered = self._evaluations.message(
                    item.slack_user_id, item.text, now, inbox_id=item.id, reply_key=reply_key
                )
                if answered is None:
                    continue  # another worker has it
                self._deliveries.flush(now, [reply_key])
                done += 1
            return done
