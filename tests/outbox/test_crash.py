"""A sender killed (SIGKILL) in the middle of a fan-out: a new process on the same database
sends the rest once the lease has run out, nothing lost and nothing twice (how soon: README)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from bot.concerns.notices import ConcernAcknowledged
from bot.notice_json import NoticeCodec
from bot.notices import Delivery, Outgoing
from localslack.server import LocalSlack
from storage.database import make_engine, make_sessions, upgrade_schema
from storage.unit_of_work import SqlUnitOfWorkFactory

pytestmark = pytest.mark.both_databases  # the ledger's promises rest on the database

# Fewer than a minute of the workspace's post allowance: the time measured is the recovery's.
PEOPLE = [f"UCROWD{n:04d}" for n in range(500)]
LEASE = 5  # seconds: production's is 45; how soon after it is measured from outside (README)

# A clock process as production runs one (the outbox its only feature): it sends at start,
# then whenever the ledger says something falls due, until it is stopped.
CLOCK = """
import sys, threading
from datetime import UTC, datetime, timedelta
from bot.notice_json import NoticeCodec
from handlers.slack.sender import Sender, StoredChannels
from handlers.slack.limits import RateLimits
from handlers.slack.messenger import SlackMessenger
from handlers.slack.web import SlackWeb
from scheduler.clock import Clock
from storage.database import make_engine, make_sessions
from storage.unit_of_work import SqlUnitOfWorkFactory
from tests.accessibility.examples import import_every_view

database, api, token, lease = sys.argv[1:]
import_every_view()
uow = SqlUnitOfWorkFactory(make_sessions(make_engine(database)), NoticeCodec())
messenger = SlackMessenger(SlackWeb(token, api), StoredChannels(uow), RateLimits())
clock = Clock(lambda: datetime.now(UTC))
clock.keep("outbox", Sender(uow, messenger, lease=timedelta(seconds=float(lease))))
clock.start()
threading.Event().wait()
"""


@pytest.fixture
def slack() -> Iterator[LocalSlack]:
    with LocalSlack() as local:
        for person in PEOPLE:
            local.workspace.add_user(person, person.title(), f"{person.lower()}@example.org")
        yield local


def keep_for_everyone(database_url: str) -> list[str]:
    engine = make_engine(database_url)
    upgrade_schema(engine)
    notices = [
        Outgoing(
            Delivery(f"ack:{p}", "concern-acknowledged", "1", p, None),
            ConcernAcknowledged(1, "Priya"),
        )
        for p in PEOPLE
    ]
    with SqlUnitOfWorkFactory(make_sessions(engine), NoticeCodec())() as work:
        work.deliveries.add(notices, datetime.now(UTC))
        work.commit()
    engine.dispose()
    return [o.delivery.key for o in notices]


def start_clock(database_url: str, slack: LocalSlack) -> subprocess.Popen[bytes]:
    arguments = [database_url, slack.api_url, slack.token, str(LEASE)]
    env = os.environ | {"PYTHONPATH": os.getcwd()}
    return subprocess.Popen(
        [sys.executable, "-c", CLOCK, *arguments], env=env, stderr=subprocess.DEVNULL
    )


def posted(slack: LocalSlack) -> Counter[str]:
    return Counter(
        (m.metadata or {}).get("event_payload", {}).get("key", "") for m in slack.workspace.messages
    )


def wait_for_posts(slack: LocalSlack, at_least: int, within: float) -> float:
    """Seconds until the local Slack holds `at_least` posts."""
    started = time.monotonic()
    while len(slack.workspace.messages) < at_least:
        assert time.monotonic() - started < within, f"{len(slack.workspace.messages)} posted"
        time.sleep(0.02)
    return time.monotonic() - started


def test_after_a_kill_mid_fan_out_the_rest_goes_within_the_lease_once_each(
    database_url: str, slack: LocalSlack
) -> None:
    keys = keep_for_everyone(database_url)
    first = start_clock(database_url, slack)
    try:
        wait_for_posts(slack, len(PEOPLE) // 4, within=120)
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait()
    assert len(slack.workspace.messages) < len(PEOPLE), "killed mid fan-out"
    second = start_clock(database_url, slack)
    try:
        recovered_in = wait_for_posts(slack, len(PEOPLE), within=LEASE + 60)
    finally:
        second.terminate()
        second.wait()
    print(f"the last of {len(PEOPLE)} arrived {recovered_in:.1f} s after the kill")
    assert posted(slack) == Counter(keys), "each once"
