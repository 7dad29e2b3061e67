"""Fixtures: the local Slack workspace, a database (SQLite; PostgreSQL as well for tests marked
`both_databases`, when TEST_DATABASE_URL is set), and a World that joins them to the real app."""

from __future__ import annotations

import gc
import os
import secrets
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import freezegun
import pytest
from freezegun import freeze_time
from freezegun.api import FrozenDateTimeFactory
from sqlalchemy import Engine, create_engine, make_url, text

from handlers.slack.http import BoltHttpServer
from localslack.sender import SignedSender
from localslack.server import LocalSlack
from mentorbot.app import build
from mentorbot.settings import Settings
from storage.database import make_engine, upgrade_schema
from tests.cast import TEAM_CHANNEL
from tests.services import migrated_file
from tests.world import World

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
THREADS_END_WITHIN = 30.0  # seconds
# pytest times tests with its own clock: a frozen one would report durations since 1970. The
# numerical, plotting and property-testing libraries never ask the time for anything a test
# reads, and freezing time walks every module loaded: leaving out their 800 (once the matcher's
# and the report's tests have loaded them) makes each frozen world's start 40 ms, now 14.
freezegun.configure(
    extend_ignore_list=[
        "_pytest.timing",
        "_pytest.runner",
        "numpy",
        "scipy",
        "matplotlib",
        "PIL",
        "pygments",
        "hypothesis",
    ]
)


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """A worker per core and one more: many tests spend much of their time waiting (on a
    process starting, a socket, Slack's Retry-After), and the extra worker fills that wait
    (measured on two cores: 209 s against 251 s for the whole suite)."""
    return (os.cpu_count() or 1) + 1


# The longest tests, each a process or many requests: run first, so the workers share out the
# short ones at the end, not wait for one long test on one worker (xdist gives each worker a run
# of the collected tests, then the others take the rest of its run from the end). A test missing
# here costs only time.
LONGEST_FIRST = (
    "tests/test_procfile.py",
    "tests/handlers/test_every_listener_refuses_crafted_payloads.py",
    "tests/test_demo.py",
    "tests/bench/test_benchmarks.py",
    "tests/cohorts/test_retention_command.py",
    "tests/outcomes/test_command.py",
    "tests/outbox/test_crash.py",
    "tests/test_two_clocks.py",
    "tests/test_doctor.py",
    "tests/browser/",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        path = item.nodeid.split("::")[0]
        found = (n for n, long in enumerate(LONGEST_FIRST) if path.startswith(long))
        return next(found, len(LONGEST_FIRST))

    items.sort(key=rank)  # stable: each file keeps its own order


def pytest_collection_finish(session: pytest.Session) -> None:
    """What is loaded by now (the code, the tests, their modules' data) lives until the end:
    frozen, the collector no longer walks it, and it collects a tenth as often (half of its
    time went on that, measured on the end-to-end tests)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 50)


@pytest.fixture(autouse=True)
def no_thread_left_running() -> Iterator[None]:
    before = set(threading.enumerate())
    yield
    left = [t for t in threading.enumerate() if t not in before and t.is_alive()]
    # Threads told to stop may take a while to end on a busy machine: they get until a shared
    # deadline, which costs nothing when they are already gone.
    deadline = time.monotonic() + THREADS_END_WITHIN
    for thread in left:
        thread.join(timeout=max(0.0, deadline - time.monotonic()))
    assert not [t.name for t in left if t.is_alive()], "a test left a thread running"


@pytest.fixture
def slack() -> Iterator[LocalSlack]:
    with team_workspace() as local:
        yield local


@contextmanager
def team_workspace() -> Iterator[LocalSlack]:
    """The local workspace with the project team and its private channel."""
    with LocalSlack() as local:
        local.workspace.add_user("UTEAM0001", "Priya Anand", "pande@sor.org")
        local.workspace.add_user("UTEAM0002", "Tom Hughes", "t.hughes@example.org")
        local.workspace.add_channel(
            TEAM_CHANNEL,
            "lms-project-team",
            private=True,
            members=[local.workspace.bot_user, "UTEAM0001", "UTEAM0002"],
        )
        yield local
        assert local.workspace.violations == [], "calls Slack would refuse"


# End-to-end scenarios run on SQLite: what PostgreSQL does differently is proved where it lives,
# by the tests marked `both_databases`: storage, the outbox and its delivery, the clocks running
# at once, and one representative scenario per feature. Every scenario on both doubled the
# end-to-end tests' time and proved little more.
BOTH_DATABASES = "both_databases"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", f"{BOTH_DATABASES}: run on PostgreSQL too, not only on SQLite"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "database_url" not in metafunc.fixturenames:
        return
    both = metafunc.definition.get_closest_marker(BOTH_DATABASES) is not None
    databases = ["sqlite", "postgresql"] if both else ["sqlite"]
    metafunc.parametrize("database_url", databases, indirect=True)


@pytest.fixture
def database_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """SQLite, or PostgreSQL (when TEST_DATABASE_URL is set) for a test marked `both_databases`."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'mentorbot.db'}"
        return
    yield from _postgresql_schema()


@pytest.fixture
def postgresql_url() -> Iterator[str]:
    """A PostgreSQL schema of the test's own, for what production runs only there."""
    yield from _postgresql_schema()


def _postgresql_schema() -> Iterator[str]:
    if not TEST_DATABASE_URL:
        pytest.skip(
            "PostgreSQL: set TEST_DATABASE_URL (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test)"
        )
    # A schema of this test's own, so runs sharing the database (a developer's and CI's) never meet.
    schema = f"mentorbot_test_{uuid.uuid4().hex[:12]}"
    _schema(TEST_DATABASE_URL, f'CREATE SCHEMA "{schema}"')
    separator = "&" if "?" in TEST_DATABASE_URL else "?"
    yield f"{TEST_DATABASE_URL}{separator}options=-csearch_path%3D{schema}"
    _schema(TEST_DATABASE_URL, f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """A freshly migrated database, SQLite and PostgreSQL alike."""
    migrated_already(database_url)
    engine = make_engine(database_url)
    upgrade_schema(engine)
    yield engine
    engine.dispose()


def migrated_already(database_url: str) -> None:
    """A SQLite file starts as a copy of the database that every migration was applied to once
    in this run (tests/services.py), so the upgrade a test or a bot runs finds nothing left to
    do; PostgreSQL is migrated from empty each time. The migrations themselves, step by step,
    are tested in tests/storage/test_migrations.py."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        migrated_file(url.database)


def _schema(url: str, statement: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text(statement))
    engine.dispose()


@pytest.fixture
def settings(slack: LocalSlack, database_url: str) -> Settings:
    return bot_settings(slack, database_url)


def bot_settings(slack: LocalSlack, database_url: str) -> Settings:
    return Settings(
        slack_bot_token=slack.token,
        slack_signing_secret=secrets.token_hex(16),
        slack_api_url=slack.api_url,
        database_url=database_url,
        slack_rate_limits=False,  # the stand-in has none (realistic mode is for benchmarks)
        _env_file=None,
    )


@pytest.fixture
def world(slack: LocalSlack, settings: Settings) -> Iterator[World]:
    with running_world(slack, settings) as world:
        yield world


@contextmanager
def running_world(slack: LocalSlack, settings: Settings) -> Iterator[World]:
    """The bot built on `settings`, serving over HTTP, its clock paused at the scheme's start."""
    migrated_already(settings.database_url)
    with freeze_time("2025-10-01 08:00:00", tz_offset=0) as clock:
        assert isinstance(clock, FrozenDateTimeFactory)
        bot = build(settings)
        http = BoltHttpServer(bot.bolt).start()
        sender = SignedSender(slack, http.url, settings.slack_signing_secret or "")
        world = World(bot, slack, http, sender, clock, settings)
        bot.start_timeline(paused=True)
        try:
            yield world
        finally:
            world.http.stop()
            world.bot.close()


# Appended below the end-to-end fixtures, so their order stays as it was.
from tests.services import Scheme, scheme_with_cohort  # noqa: E402


@pytest.fixture
def scheme() -> Iterator[Scheme]:
    """Service tests' world (tests/services.py): every use case over a fresh in-memory database,
    the shipped programme adopted and the cohort imported, a messenger that records."""
    with scheme_with_cohort() as built:
        yield built
