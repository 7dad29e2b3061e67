"""The schema is built by migrations, and a running scheme's data survives an upgrade."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import text

# Each feature's module puts its tables on the shared Base's metadata.
from storage import (  # noqa: F401
    clock,
    cohorts,
    concerns,
    evaluations,
    events,
    goals,
    outbox,
    pairs,
    participants,
    pulse,
    reflections,
    requests,
)
from storage.base import Base
from storage.database import MIGRATIONS, make_engine, upgrade_schema

pytestmark = pytest.mark.both_databases  # storage is where the two databases differ


def alembic(engine, revision: str) -> None:  # type: ignore[no-untyped-def]
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def test_a_concern_raised_before_the_alert_workflow_survives_the_upgrade(database_url: str) -> None:
    engine = make_engine(database_url)
    alembic(engine, "0003")
    now = datetime(2026, 1, 5, 10, tzinfo=UTC).replace(tzinfo=None)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO participants (email, name, role, created_at, updated_at) VALUES ('a@b.org', 'A', 'mentee', :n, :n)"
            ),
            {"n": now},
        )
        connection.execute(
            text(
                "INSERT INTO concerns (reporter_id, source, text, created_at) VALUES (1, 'command', 'kept', :n)"
            ),
            {"n": now},
        )
    upgrade_schema(engine)
    with engine.connect() as connection:
        row = connection.execute(text("SELECT text, status, kind, urgency FROM concerns")).one()
    assert tuple(row) == ("kept", "open", "report", "soon")
    engine.dispose()


def test_people_imported_before_nations_and_languages_keep_everything(
    database_url: str,
) -> None:
    engine = make_engine(database_url)
    alembic(engine, "0006")
    now = datetime(2026, 1, 5, 10, tzinfo=UTC).replace(tzinfo=None)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO participants (email, name, role, tz, about, created_at, updated_at) "
                "VALUES ('a@b.org', 'A', 'mentee', 'Europe/London', 'radiographer', :n, :n)"
            ),
            {"n": now},
        )
    upgrade_schema(engine)
    with engine.connect() as connection:
        row = connection.execute(
            text("SELECT name, tz, about, nation, language FROM participants")
        ).one()
    assert tuple(row) == ("A", "Europe/London", "radiographer", None, None)
    engine.dispose()


def test_upgrading_twice_changes_nothing(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade_schema(engine)
    upgrade_schema(engine)
    with engine.connect() as connection:
        assert (
            connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0019"
        )
    engine.dispose()


def test_the_migrations_build_exactly_the_tables_each_feature_defines(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade_schema(engine)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert differences == [], "a table, column or index the migrations and the code disagree on"
