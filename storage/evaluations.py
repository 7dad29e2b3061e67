"""Evaluations: each person's way through each form, and the DM inbox their answers arrive by."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import (
    JSON,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    delete,
    select,
    update,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from bot.evaluations.model import InboxItem, Progress, Status, StoredProgress
from storage.base import Base, CohortScoped, chunks, cohort_of, insert_ignoring_duplicates


class EvaluationResponseRecord(CohortScoped, Base):
    """One person's way through one form. Answers are personal data: only the person's own DM,
    the team's aggregates and exports show them."""

    __tablename__ = "evaluation_responses"

    form_id: Mapped[str] = mapped_column(String(60), primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), primary_key=True)
    status: Mapped[str] = mapped_column(String(12))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    answer_order: Mapped[list[str]] = mapped_column(JSON, default=list)
    editing: Mapped[str | None] = mapped_column(String(60))
    version: Mapped[int] = mapped_column(Integer, default=0)
    invited_at: Mapped[datetime]
    started_at: Mapped[datetime | None]
    submitted_at: Mapped[datetime | None]
    updated_at: Mapped[datetime]


class InboxRecord(Base):
    """A person's DM to the bot, kept before Slack gets its answer: nothing is lost if the bot
    stops before working on it. The unique event id absorbs Slack's retries."""

    __tablename__ = "inbox"
    __table_args__ = (UniqueConstraint("event_id", name="uq_inbox_event_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[str] = mapped_column(String(40))
    slack_user_id: Mapped[str] = mapped_column(String(20))
    channel: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime]
    processed_at: Mapped[datetime | None] = mapped_column(index=True)


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
                "cohort": cohort_of(self._session),
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


def erase_participant(session: Session, participant_id: int, slack_id: str | None) -> None:
    """A person's answers and the DMs that carried them are theirs: both go."""
    session.execute(
        delete(EvaluationResponseRecord).where(
            EvaluationResponseRecord.participant_id == participant_id
        )
    )
    if slack_id:
        session.execute(delete(InboxRecord).where(InboxRecord.slack_user_id == slack_id))
