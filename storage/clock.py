"""The clock's own rows and lock. One clock process is the active one, the others stand by
behind a lock on the database (PostgreSQL's advisory lock; for a SQLite file, a file lock beside
it), and the active one writes a heartbeat that a web process's /readyz reads."""

from __future__ import annotations

import fcntl
from datetime import datetime
from typing import IO

from sqlalchemy import Connection, Engine, Integer, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Mapped, Session, mapped_column

from storage.base import Base, insert_ignoring_duplicates

# Any fixed number, other than the migrations' lock: the class of the clocks' advisory lock.
_CLOCK_LOCK_CLASS = 0x636C6F63
_HEARTBEAT_ROW = 1


class HeartbeatRecord(Base):
    """When the active clock last said it was alive (one row)."""

    __tablename__ = "clock_heartbeat"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    beat_at: Mapped[datetime]


def beat(session: Session, now: datetime) -> None:
    row = session.get(HeartbeatRecord, _HEARTBEAT_ROW)
    if row is None:
        insert = insert_ignoring_duplicates(session, HeartbeatRecord)
        session.execute(insert, [{"id": _HEARTBEAT_ROW, "beat_at": now}])
    else:
        row.beat_at = now


def last_beat(session: Session) -> datetime | None:
    return session.scalar(select(HeartbeatRecord.beat_at).where(HeartbeatRecord.id == 1))


class Leadership:
    """Whether this process is the active clock. `take` never waits: a clock that does not get
    it stands by and asks again. The lock lives as long as the connection (or file) holding it,
    so a clock that dies, even by kill -9, lets it go at once."""

    def __init__(self, engine: Engine):
        self._engine = engine
        self._connection: Connection | None = None
        self._file: IO[str] | None = None

    def take(self) -> bool:
        if self._engine.dialect.name == "postgresql":
            return self._take_advisory_lock()
        database = self._engine.url.database
        if not database or database == ":memory:":
            return True  # a database only this process can see
        return self._take_file_lock(f"{database}.clock-lock")

    def held(self) -> bool:
        """Still ours: for PostgreSQL, the session that holds the lock still answers."""
        if self._connection is None:
            return self._file is not None or self._engine.dialect.name != "postgresql"
        try:
            self._connection.execute(text("SELECT 1"))
            self._connection.commit()  # never left idle in a transaction
            return True
        except DBAPIError:
            self.release()
            return False

    def release(self) -> None:
        if self._connection is not None:
            self._connection.invalidate()  # the session ends, and the lock with it
            self._connection.close()
            self._connection = None
        if self._file is not None:
            self._file.close()  # the file lock goes with it
            self._file = None

    def _take_advisory_lock(self) -> bool:
        """Keyed by the schema as well, so bots sharing a server in different schemas (tests,
        a staging copy) each have their own clock."""
        connection = self._engine.connect()
        taken = connection.scalar(
            text("SELECT pg_try_advisory_lock(:kind, hashtext(current_schema()))"),
            {"kind": _CLOCK_LOCK_CLASS},
        )
        connection.commit()
        if taken:
            self._connection = connection
            return True
        connection.close()
        return False

    def _take_file_lock(self, path: str) -> bool:
        lock = open(path, "a")  # noqa: SIM115 - held open for as long as this clock is active
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.close()
            return False
        self._file = lock
        return True
