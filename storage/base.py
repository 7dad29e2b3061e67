"""What every feature's storage module shares: the declarative base, the UTC column type, and
the helpers for statements over many rows. Times are stored as naive UTC and come back aware."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import DateTime, Insert, String, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    ORMExecuteState,
    Session,
    mapped_column,
    with_loader_criteria,
)
from sqlalchemy.types import TypeDecorator

from bot.scheme import FIRST_COHORT

# Bound parameters per statement stay well under SQLite's and PostgreSQL's limits.
CHUNK = 500


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out, on SQLite and PostgreSQL alike. A naive
    datetime is refused rather than guessed at: it is always a bug upstream."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; pass an aware one")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime}


# A statement's execution option that reads every cohort (a person's history, their erasure)
ALL_COHORTS = "all_cohorts"


class CohortScoped:
    """A row that belongs to one cohort. A unit of work reads and writes one cohort's rows
    (the session's `info["cohort"]`): every ORM query of these tables is filtered to it, and a
    row added without one is given it, so no repository can mix two years by forgetting."""

    cohort: Mapped[str] = mapped_column(String(7), index=True)


def cohort_of(session: Session) -> str:
    return str(session.info.get("cohort", FIRST_COHORT))


@event.listens_for(Session, "do_orm_execute")
def _only_the_sessions_cohort(state: ORMExecuteState) -> None:
    if (
        (state.is_select or state.is_update or state.is_delete)
        and not state.is_column_load
        and not state.is_relationship_load
        and not state.execution_options.get(ALL_COHORTS, False)
    ):
        cohort = cohort_of(state.session)
        state.statement = state.statement.options(
            with_loader_criteria(
                CohortScoped, lambda row: row.cohort == cohort, include_aliases=True
            )
        )


@event.listens_for(Session, "before_flush")
def _new_rows_join_the_sessions_cohort(session: Session, *_: object) -> None:
    for row in session.new:
        if isinstance(row, CohortScoped) and getattr(row, "cohort", None) is None:
            row.cohort = cohort_of(session)


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    """Slices of `items`, so that one statement over many rows never binds too many parameters."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def insert_ignoring_duplicates(session: Session, table: Any) -> Insert:
    """INSERT … ON CONFLICT DO NOTHING, in the dialect of the session's database: of two processes
    inserting the same key at once, one inserts and the other quietly does nothing."""
    dialect = session.get_bind().dialect.name
    builder = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return builder(table).on_conflict_do_nothing()
