"""Requests for adjustments, accommodation and travel, and their audit trail."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import cast

from sqlalchemy import ForeignKey, Integer, String, Text, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from bot.requests.model import Kind, Request, RequestEvent, RequestStatus, Source
from storage.base import Base, CohortScoped


class RequestRecord(CohortScoped, Base):
    """A person's request. Its words go only to the team's channel, the approver (for
    accommodation) and the person's own data export."""

    __tablename__ = "requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    requester_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # adjustment, accommodation, travel
    event_id: Mapped[str | None] = mapped_column(String(60))
    details: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime]


class RequestEventRecord(Base):
    """The audit trail of a request: who did what, when. Kept, anonymised, when the person who
    asked is erased."""

    __tablename__ = "request_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id"), index=True)
    action: Mapped[str] = mapped_column(String(20))
    actor: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime]
    note: Mapped[str] = mapped_column(Text, default="")


def _request(r: RequestRecord) -> Request:
    return Request(
        r.id,
        r.requester_id,
        cast(Kind, r.kind),
        r.event_id,
        r.details,
        cast(Source, r.source),
        r.created_at,
        cast(RequestStatus, r.status),
    )


class SqlRequests:
    def __init__(self, session: Session):
        self._session = session

    def add(
        self,
        requester_id: int,
        kind: str,
        event_id: str | None,
        details: str,
        source: str,
        status: str,
        now: datetime,
    ) -> int:
        record = RequestRecord(
            requester_id=requester_id,
            kind=kind,
            event_id=event_id,
            details=details,
            source=source,
            status=status,
            created_at=now,
        )
        self._session.add(record)
        self._session.flush()
        return record.id

    def get(self, request_id: int) -> Request | None:
        record = self._session.get(RequestRecord, request_id)
        return _request(record) if record else None

    def all(self) -> list[Request]:
        query = select(RequestRecord).order_by(RequestRecord.id)
        return [_request(r) for r in self._session.scalars(query)]

    def of(self, requester_id: int) -> list[Request]:
        query = (
            select(RequestRecord)
            .where(RequestRecord.requester_id == requester_id)
            .order_by(RequestRecord.id)
        )
        return [_request(r) for r in self._session.scalars(query)]

    def move(self, request_id: int, from_statuses: Sequence[str], to_status: str) -> bool:
        """Changes the status only from one of `from_statuses`: of two people pressing at once,
        one wins."""
        changed = self._session.execute(
            update(RequestRecord)
            .where(RequestRecord.id == request_id, RequestRecord.status.in_(from_statuses))
            .values(status=to_status)
        )
        return bool(changed.rowcount)  # type: ignore[attr-defined]

    def record(self, event: RequestEvent) -> None:
        self._session.add(
            RequestEventRecord(
                request_id=event.request_id,
                action=event.action,
                actor=event.actor,
                at=event.at,
                note=event.note,
            )
        )

    def history(self, request_id: int) -> list[RequestEvent]:
        query = (
            select(RequestEventRecord)
            .where(RequestEventRecord.request_id == request_id)
            .order_by(RequestEventRecord.id)
        )
        return [
            RequestEvent(r.request_id, r.action, r.actor, r.at, r.note)
            for r in self._session.scalars(query)
        ]


def erase_participant(session: Session, participant_id: int, slack_id: str | None) -> None:
    """The audit trail stays (who on the team did what, when); the person's words, and the
    notes written to them, do not."""
    if slack_id:
        session.execute(
            update(RequestEventRecord)
            .where(RequestEventRecord.actor == slack_id)
            .values(actor="erased participant")
        )
    theirs = select(RequestRecord.id).where(RequestRecord.requester_id == participant_id)
    session.execute(
        update(RequestEventRecord).where(RequestEventRecord.request_id.in_(theirs)).values(note="")
    )
    session.execute(
        update(RequestRecord)
        .where(RequestRecord.requester_id == participant_id)
        .values(details="[erased]")
    )
