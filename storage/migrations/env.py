"""Alembic's entry point; storage.database.upgrade_schema passes the connection in."""

from alembic import context

# Each feature's module defines its tables on the shared Base: importing them all is what puts
# every table in the metadata Alembic compares against.
from storage import (  # noqa: F401
    applications,
    clock,
    concerns,
    evaluations,
    events,
    outbox,
    pairs,
    participants,
    requests,
)
from storage.base import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
