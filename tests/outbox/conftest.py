"""The ledger over a real database (SQLite, and PostgreSQL for tests marked both_databases)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from bot.outbox import NoticeCodec
from storage.database import make_engine, make_sessions, upgrade_schema
from storage.unit_of_work import SqlUnitOfWorkFactory


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    upgrade_schema(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def uow(engine: Engine) -> SqlUnitOfWorkFactory:
    return SqlUnitOfWorkFactory(make_sessions(engine), NoticeCodec())
