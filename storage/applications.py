"""Applications to a cohort: one per person (by email) and cohort, its answers kept as JSON.
`for_the_team` is among the answers: read by the team's console only, and erased with the
person."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime
from typing import cast

from sqlalchemy import Integer, String, Text, UniqueConstraint, delete, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, Session, mapped_column

from bot.applications.model import Answers, Applicant, Application, ApplicationStatus
from storage.base import Base


class ApplicationRecord(Base):
    __tablename__ = "applications"
    __table_args__ = (UniqueConstraint("cohort", "email"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cohort: Mapped[str] = mapped_column(String(7), index=True)
    email: Mapped[str] = mapped_column(String(320))
    name: Mapped[str] = mapped_column(String(200))
    slack_user_id: Mapped[str | None] = mapped_column(String(20), index=True)
    language: Mapped[str] = mapped_column(String(8))
    answers: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12))
    submitted_at: Mapped[datetime]
    updated_at: Mapped[datetime]


def _application(r: ApplicationRecord) -> Application:
    answers = json.loads(r.answers)
    for listed in ("themes", "availability", "never_pair"):
        answers[listed] = tuple(answers[listed])
    return Application(
        id=r.id,
        cohort=r.cohort,
        applicant=Applicant(r.email, r.name, r.slack_user_id, r.language),
        answers=Answers(**answers),
        status=cast(ApplicationStatus, r.status),
        submitted_at=r.submitted_at,
        updated_at=r.updated_at,
    )


class SqlApplications:
    def __init__(self, session: Session):
        self._session = session

    def of(self, cohort: str, email: str) -> Application | None:
        found = self._session.scalar(
            select(ApplicationRecord).where(
                ApplicationRecord.cohort == cohort, ApplicationRecord.email == email
            )
        )
        return _application(found) if found else None

    def by_slack_id(self, cohort: str, slack_user_id: str) -> Application | None:
        found = self._session.scalar(
            select(ApplicationRecord).where(
                ApplicationRecord.cohort == cohort,
                ApplicationRecord.slack_user_id == slack_user_id,
            )
        )
        return _application(found) if found else None

    def get(self, application_id: int) -> Application | None:
        found = self._session.get(ApplicationRecord, application_id)
        return _application(found) if found else None

    def all(self, cohort: str) -> list[Application]:
        records = self._session.scalars(
            select(ApplicationRecord)
            .where(ApplicationRecord.cohort == cohort)
            .order_by(ApplicationRecord.submitted_at, ApplicationRecord.id)
        )
        return [_application(r) for r in records]

    def put(self, cohort: str, applicant: Applicant, answers: Answers, now: datetime) -> int:
        """One statement, so a double press (or two processes) keeps one application: a
        changed application goes back to the team as submitted."""
        values = {
            "name": applicant.name,
            "slack_user_id": applicant.slack_user_id,
            "language": applicant.language,
            "answers": json.dumps(asdict(answers)),
            "status": "submitted",
            "updated_at": now,
        }
        statement = (
            _insert(self._session)
            .values(cohort=cohort, email=applicant.email, submitted_at=now, **values)
            .on_conflict_do_update(index_elements=["cohort", "email"], set_=values)
            .returning(ApplicationRecord.id)
        )
        return int(self._session.execute(statement).scalar_one())

    def decide(self, application_id: int, status: ApplicationStatus, now: datetime) -> None:
        self._session.execute(
            update(ApplicationRecord)
            .where(ApplicationRecord.id == application_id)
            .values(status=status, updated_at=now)
        )


def _insert(session: Session) -> postgresql.Insert | sqlite.Insert:
    """An INSERT that can say what to do on a conflict, in the session's database's dialect."""
    dialect = session.get_bind().dialect.name
    builder = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return builder(ApplicationRecord)


def erase_participant(session: Session, email: str, slack_id: str | None) -> None:
    """Their applications, to any cohort, go whole: nothing of one is counted once the person
    asked to be erased. The steering group's choices naming one go with it (match_choices'
    foreign keys cascade), as the matching's module says."""
    theirs = ApplicationRecord.email == email
    if slack_id:
        theirs = or_(theirs, ApplicationRecord.slack_user_id == slack_id)
    session.execute(delete(ApplicationRecord).where(theirs))
