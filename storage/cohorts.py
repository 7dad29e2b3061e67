"""Cohorts: the registry of every cohort the bot has run (its last day, until when its personal
data is kept, when it was erased), which outlives the cohort's programme file."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base


class CohortRecord(Base):
    """One cohort the bot has run. Not CohortScoped: it is read across every cohort."""

    __tablename__ = "cohort_registry"

    id: Mapped[str] = mapped_column(String(7), primary_key=True)
    ends_on: Mapped[date | None] = mapped_column(Date)  # None: not known (registered from rows)
    keep_until: Mapped[date | None] = mapped_column(Date)  # None: kept until the team erases it
    erased_at: Mapped[datetime | None]
    erased_people: Mapped[int | None] = mapped_column(Integer)
