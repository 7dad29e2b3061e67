"""A unit of work over a freshly migrated database (tests/conftest.py's `engine`)."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from storage.database import make_sessions
from storage.unit_of_work import SqlUnitOfWorkFactory


@pytest.fixture
def uow(engine: Engine) -> SqlUnitOfWorkFactory:
    return SqlUnitOfWorkFactory(make_sessions(engine))
