"""Connecting to the database and bringing its schema up to date with Alembic."""

from __future__ import annotations

import fcntl
import functools
import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

MIGRATIONS = Path(__file__).parent / "migrations"
log = logging.getLogger(__name__)


class DatabaseUnreachable(RuntimeError):
    """The database did not answer in the time the bot gives it to start."""


def make_engine(url: str) -> Engine:
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    in_memory = url in ("sqlite://", "sqlite:///:memory:")
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False},
        # One shared connection keeps an in-memory database alive across sessions and threads.
        poolclass=StaticPool if in_memory else None,
    )
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # WAL lets the web and clock sides read while the other writes; NORMAL sync is safe against a
    # crash of the bot (not of the machine), which is what the ledger's reconciliation covers.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_sessions(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


# Alembic's context is one per process: migrations in one process take turns.
_MIGRATING = threading.Lock()
# Any fixed number: the PostgreSQL advisory lock that migrations of this bot take turns on.
_MIGRATION_LOCK_KEY = 0x6D656E746F72


def upgrade_schema(engine: Engine) -> None:
    """Apply every migration not yet applied: a running scheme's data survives an upgrade. Two
    processes starting at once (a web and a clock process) take turns, and the second finds
    nothing left to do."""
    config = _migrations()
    with _MIGRATING, _between_processes(engine), engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        with tables_rebuildable(connection), connection.begin():
            if not sqlite:
                # Held until this transaction ends: the other process waits for all of it.
                connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK_KEY}
                )
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first():
                raise RuntimeError("the upgrade left a row pointing at nothing; undone")


@contextmanager
def tables_rebuildable(connection: Connection) -> Iterator[None]:
    """For migrating: SQLite changes a table's constraints by rebuilding it, dropping the old
    one, which the rows pointing at it would refuse, so its foreign keys are off meanwhile (the
    caller checks the keys once all is applied). Other databases need nothing."""
    if connection.dialect.name != "sqlite":
        yield
        return
    connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
    connection.commit()
    try:
        yield
    finally:
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")
        connection.commit()


def schema_at_head(engine: Engine) -> bool:
    """Whether every migration this release has is applied (a process of an older release may
    still be serving, or the upgrade failed)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision() == _head()


def _migrations() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


@functools.cache
def _head() -> str | None:
    """This release's last migration, read once from its scripts (/readyz asks for it often)."""
    return ScriptDirectory.from_config(_migrations()).get_current_head()


@contextmanager
def _between_processes(engine: Engine) -> Iterator[None]:
    """A SQLite file's migrations take turns through a lock file beside it (SQLite's own DDL is
    not transactional, so its locks cannot do it); other databases lock in the transaction."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        yield
        return
    with open(f"{database}.migrate-lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def wait_for_database(
    engine: Engine,
    attempts: int | None = 30,
    delay: float = 1.0,
    log: logging.Logger = log,
    longest_delay: float = 30.0,
) -> None:
    """Connects, retrying while the database cannot be reached: on a platform start the bot and
    its database come up together, and the bot should wait rather than crash. The wait doubles
    after each attempt, up to `longest_delay`; `attempts` None waits for as long as it takes (a
    process a platform would only restart into the same outage). Each failed attempt logs one
    line naming the error's kind, no traceback and no URL; after the last attempt,
    DatabaseUnreachable, chained to the driver's own error so the reason is there once."""
    attempt = 0
    while True:
        attempt += 1
        try:
            with engine.connect():
                return
        except OperationalError as error:
            reason = type(error).__name__
            if attempt == attempts:
                raise DatabaseUnreachable(
                    f"database not reachable after {attempts} attempts ({reason})"
                ) from error
            of = f" of {attempts}" if attempts else ""
            log.warning(
                "database not reachable yet (%s), retrying in %g s (attempt %d%s)",
                reason,
                delay,
                attempt,
                of,
            )
            time.sleep(delay)
            delay = min(delay * 2, longest_delay)
