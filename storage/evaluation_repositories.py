"""Repositories for evaluation responses and for Slack events already handled."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import cast

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.evaluations.engine import InboxItem, Progress, Status, StoredProgress
from storage.repositories import chunks, insert_ignoring_duplicates
from storage.tables import EvaluationResponseRecord, InboxRecord


def _stored(r: EvaluationResponseRecord) -> StoredProgress:
    progress = Progress(
        cast(Status, r.status), dict(r.answers or {}), tuple(r.answer_order or ()), r.editing
    )
    return StoredProgress(r.participant_id, progress, r.version, r.invited_at, r.submitted_at)


class SqlEvaluations:
    def __init__(self, session: Session):
        self._session = session

    def invite(self, form_id: str, participant_ids: Sequence[int], now: datetime) -> None:
        rows = [
            {
                "form_id": form_id,
                "participant_id": pid,
                "status": "invited",
                "answers": {},
                "answer_order": [],
                "version": 0,
                "invited_at": now,
                "updated_at": now,
            }
            for pid in participant_ids
        ]
        for batch in chunks(rows):
            self._session.execute(
                insert_ignoring_duplicates(self._session, EvaluationResponseRecord), batch
            )

    def get(self, form_id: str, participant_id: int) -> StoredProgress | None:
        record = self._session.get(EvaluationResponseRecord, (form_id, participant_id))
        return _stored(record) if record else None

    def for_form(self, form_id: str) -> list[StoredProgress]:
        query = (
            select(EvaluationResponseRecord)
            .where(EvaluationResponseRecord.form_id == form_id)
            .order_by(EvaluationResponseRecord.participant_id)
        )
        return [_stored(r) for r in self._session.scalars(query)]

    def for_participant(self, participant_id: int) -> dict[str, StoredProgress]:
        query = select(EvaluationResponseRecord).where(
            EvaluationResponseRecord.participant_id == participant_id
        )
        return {r.form_id: _stored(r) for r in self._session.scalars(query)}

    def save(
        self, form_id: str, participant_id: int, progress: Progress, version: int, now: datetime
    ) -> bool:
        """Saves only over the version read: two messages at once cannot lose an answer."""
        values: dict[str, object] = {
            "status": progress.status,
            "answers": dict(progress.answers),
            "answer_order": list(progress.order),
            "editing": progress.editing,
            "version": version + 1,
            "updated_at": now,
        }
        if progress.status == "submitted":
            values["submitted_at"] = now
        changed = self._session.execute(
            update(EvaluationResponseRecord)
            .where(
                EvaluationResponseRecord.form_id == form_id,
                EvaluationResponseRecord.participant_id == participant_id,
            )
            .where(EvaluationResponseRecord.version == version)
            .values(**values)
        )
        if progress.status != "invited":
            self._session.execute(
                update(EvaluationResponseRecord)
                .where(
                    EvaluationResponseRecord.form_id == form_id,
                    EvaluationResponseRecord.participant_id == participant_id,
                )
                .where(EvaluationResponseRecord.started_at.is_(None))
                .values(started_at=now)
            )
        return bool(changed.rowcount)  # type: ignore[attr-defined]


class SqlInbox:
    def __init__(self, session: Session):
        self._session = session

    def accept(self, item: InboxItem) -> bool:
        """Keeps a DM; False when Slack is retrying one already kept."""
        kept = self._session.execute(
            insert_ignoring_duplicates(self._session, InboxRecord)
            .values(
                event_id=item.event_id,
                slack_user_id=item.slack_user_id,
                channel=item.channel,
                text=item.text,
                received_at=item.received_at,
            )
            .returning(InboxRecord.id)
        ).scalar()
        return kept is not None

    def waiting(self, limit: int = 200) -> list[InboxItem]:
        query = (
            select(InboxRecord)
            .where(InboxRecord.processed_at.is_(None))
            .order_by(InboxRecord.id)
            .limit(limit)
        )
        return [
            InboxItem(r.event_id, r.slack_user_id, r.channel, r.text, r.received_at, r.id)
            for r in self._session.scalars(query)
        ]

    def mark_done(self, item_id: int, now: datetime) -> bool:
        """Claims the item for this transaction; False when another worker took it."""
        changed = self._session.execute(
            update(InboxRecord)
            .where(InboxRecord.id == item_id, InboxRecord.processed_at.is_(None))
            .values(processed_at=now)
        )
        return bool(changed.rowcount)  # type: ignore[attr-defined]
