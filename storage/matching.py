"""The steering group's choices for each mentee of a cohort: one row per mentee's application,
naming applications only (the people are in their applications, and go with them)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import cast

from sqlalchemy import ForeignKey, Integer, String, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, Session, mapped_column

from bot.matching.ports import ChoiceKind, MenteeChoice
from storage.base import Base, CohortScoped, cohort_of


class MatchChoiceRecord(CohortScoped, Base):
    __tablename__ = "match_choices"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mentee_application: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), unique=True
    )
    kind: Mapped[str] = mapped_column(String(10))
    mentor_application: Mapped[int | None] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE")
    )
    chosen_by: Mapped[str | None] = mapped_column(String(20))
    chosen_at: Mapped[datetime]


def _choice(r: MatchChoiceRecord) -> MenteeChoice:
    kind = cast(ChoiceKind, r.kind)
    return MenteeChoice(r.mentee_application, kind, r.mentor_application, r.chosen_by, r.chosen_at)


class SqlMatchChoices:
    def __init__(self, session: Session):
        self._session = session

    def all(self) -> list[MenteeChoice]:
        records = self._session.scalars(
            select(MatchChoiceRecord).order_by(MatchChoiceRecord.chosen_at, MatchChoiceRecord.id)
        )
        return [_choice(r) for r in records]

    def keep(self, choices: Sequence[MenteeChoice]) -> None:
        """One statement a choice, each replacing the mentee's own: two members of the team
        acting at once leave one row per mentee, the later choice."""
        cohort = cohort_of(self._session)
        for choice in choices:
            values = {
                "kind": choice.kind,
                "mentor_application": choice.mentor,
                "chosen_by": choice.by,
                "chosen_at": choice.at,
            }
            self._session.execute(
                _insert(self._session)
                .values(cohort=cohort, mentee_application=choice.mentee, **values)
                .on_conflict_do_update(index_elements=["mentee_application"], set_=values)
            )


def _insert(session: Session) -> postgresql.Insert | sqlite.Insert:
    dialect = session.get_bind().dialect.name
    builder = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return builder(MatchChoiceRecord)
