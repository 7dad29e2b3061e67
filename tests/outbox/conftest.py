"""The ledger over a real database (SQLite, and PostgreSQL for tests marked both_databases),
and the Web API sessions of a test's senders."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from bot.notice_json import NoticeCodec
from handlers.slack.web import SlackWeb
from storage.database import make_sessions
from storage.unit_of_work import SqlUnitOfWorkFactory


@pytest.fixture
def uow(engine: Engine) -> SqlUnitOfWorkFactory:
    return SqlUnitOfWorkFactory(make_sessions(engine), NoticeCodec())


@pytest.fixture
def webs() -> Iterator[list[SlackWeb]]:
    """The Web API sessions a test's senders open, closed after it."""
    made: list[SlackWeb] = []
    yield made
    for web in made:
        web.close()
