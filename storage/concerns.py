"""Concerns raised privately with the project team, and their audit trail."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import cast

from sqlalchemy import ForeignKey, Integer, String, Text, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from bot.concerns.model import Concern, ConcernEvent, ConcernStatus, Urgency
from storage.base import Base, CohortScoped


class ConcernRecord(CohortScoped, Base):
    """A concern raised privately with the project team. Its text never leaves the team channel
    and the reporter's own DM."""

    __tablename__ = "concerns"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reporter_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id"))
    pair_id: Mapped[int | None] = mapped_column(ForeignKey("pairs.id"))
    source: Mapped[str] = mapped_column(String(30))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(10), default="report")  # report, or automatic notice
    urgency: Mapped[str] = mapped_column(String(10), default="soon")
    contact: Mapped[str] = mapped_column(Text, default="")  # how to reach the reporter, or ""
    status: Mapped[str] = mapped_column(String(12), default="open")  # open, acknowledged, resolved
    assignee: Mapped[str | None] = mapped_column(String(20))
    delivered_at: Mapped[datetime | None]
    acknowledged_at: Mapped[datetime | None]


class ConcernEventRecord(Base):
    """The audit trail of a concern: who did what, when. Kept when a participant is erased."""

    __tablename__ = "concern_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    concern_id: Mapped[int] = mapped_column(ForeignKey("concerns.id"), index=True)
    action: Mapped[str] = mapped_column(String(20))
    actor: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime]
    note: Mapped[str] = mapped_column(Text, default="")


def _concern(r: ConcernRecord) -> Concern:
    return Concern(
        r.id,
        r.reporter_id,
        r.pair_id,
        r.source,
        r.text,
        r.created_at,
        cast(Urgency, r.urgency),
        r.contact,
        cast(ConcernStatus, r.status),
        r.assignee,
        r.delivered_at,
        r.acknowledged_at,
    )


class SqlConcerns:
    def __init__(self, session: Session):
        self._session = session

    def add(
        self,
        reporter_id: int | None,
        pair_id: int | None,
        source: str,
        text: str,
        now: datetime,
        urgency: str = "soon",
        contact: str = "",
    ) -> int:
        record = ConcernRecord(
            reporter_id=reporter_id,
            pair_id=pair_id,
            source=source,
            text=text,
            created_at=now,
            kind="report",
            urgency=urgency,
            contact=contact,
            status="open",
        )
        self._session.add(record)
        self._session.flush()
        return record.id

    def get(self, concern_id: int) -> Concern | None:
        record = self._session.get(ConcernRecord, concern_id)
        return _concern(record) if record else None

    def all(self) -> list[Concern]:
        return [
            _concern(r)
            for r in self._session.scalars(select(ConcernRecord).order_by(ConcernRecord.id))
        ]

    def mark_delivered(self, concern_id: int, now: datetime) -> None:
        self._session.execute(
            update(ConcernRecord)
            .where(ConcernRecord.id == concern_id, ConcernRecord.delivered_at.is_(None))
            .values(delivered_at=now)
        )

    def move(
        self,
        concern_id: int,
        from_statuses: Sequence[str],
        to_status: str,
        now: datetime,
        assignee: str | None = None,
    ) -> bool:
        """Changes the status only from one of `from_statuses`: of two people pressing at once,
        one wins."""
        values: dict[str, object] = {"status": to_status}
        if to_status == "acknowledged":
            values["acknowledged_at"] = now
        if assignee is not None:
            values["assignee"] = assignee
        changed = self._session.execute(
            update(ConcernRecord)
            .where(ConcernRecord.id == concern_id, ConcernRecord.status.in_(from_statuses))
            .values(**values)
        )
        return bool(changed.rowcount)  # type: ignore[attr-defined]

    def assign(self, concern_id: int, assignee: str) -> None:
        self._session.execute(
            update(ConcernRecord).where(ConcernRecord.id == concern_id).values(assignee=assignee)
        )

    def record(self, event: ConcernEvent) -> None:
        self._session.add(
            ConcernEventRecord(
                concern_id=event.concern_id,
                action=event.action,
                actor=event.actor,
                at=event.at,
                note=event.note,
            )
        )

    def history(self, concern_id: int) -> list[ConcernEvent]:
        query = (
            select(ConcernEventRecord)
            .where(ConcernEventRecord.concern_id == concern_id)
            .order_by(ConcernEventRecord.id)
        )
        return [
            ConcernEvent(r.concern_id, r.action, r.actor, r.at, r.note)
            for r in self._session.scalars(query)
        ]


def erase_participant(session: Session, participant_id: int, slack_id: str | None) -> None:
    """The audit trail stays (who on the team did what, when); the person's words, and the
    team's notes on their concerns (written about them), do not."""
    if slack_id:
        session.execute(
            update(ConcernEventRecord)
            .where(ConcernEventRecord.actor == slack_id)
            .values(actor="erased participant")
        )
    theirs = select(ConcernRecord.id).where(ConcernRecord.reporter_id == participant_id)
    session.execute(
        update(ConcernEventRecord).where(ConcernEventRecord.concern_id.in_(theirs)).values(note="")
    )
    session.execute(
        update(ConcernRecord)
        .where(ConcernRecord.reporter_id == participant_id)
        .values(text="[erased]", contact="")
    )
