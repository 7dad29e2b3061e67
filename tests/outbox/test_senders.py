"""The sender over real parts (the ledger on a database, the messenger over HTTP to the local
Slack): what a sender that died had claimed but never tried goes without a look in Slack's
history, and a sender Slack holds back keeps its claim for as long as it works."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest

from handlers.slack.limits import RateLimits
from handlers.slack.messenger import SlackMessenger
from handlers.slack.sender import Sender, StoredChannels
from handlers.slack.web import SlackWeb
from localslack.server import Fault, LocalSlack
from storage.unit_of_work import SqlUnitOfWorkFactory
from tests.accessibility.examples import import_every_view
from tests.outbox.kept import NOW, keep

pytestmark = pytest.mark.both_databases  # the ledger's promises rest on the database

PEOPLE = [f"UPERSON{n:02d}" for n in range(6)]


@pytest.fixture
def slack() -> Iterator[LocalSlack]:
    import_every_view()  # each view says how its notices read
    with LocalSlack() as local:
        for person in PEOPLE:
            local.workspace.add_user(person, person.title(), f"{person.lower()}@example.org")
        yield local


def sender(
    webs: list[SlackWeb], uow: SqlUnitOfWorkFactory, slack: LocalSlack, lease: timedelta
) -> Sender:
    webs.append(SlackWeb(slack.token, slack.api_url))
    messenger = SlackMessenger(webs[-1], StoredChannels(uow), RateLimits(enabled=False))
    return Sender(uow, messenger, lease=lease)


def posted(slack: LocalSlack) -> Counter[str]:
    return Counter(
        (m.metadata or {}).get("event_payload", {}).get("key", "") for m in slack.workspace.messages
    )


def test_what_a_dead_sender_claimed_but_never_tried_goes_without_a_history_look_up(
    webs: list[SlackWeb], uow: SqlUnitOfWorkFactory, slack: LocalSlack
) -> None:
    keys = keep(uow, PEOPLE)
    lease = timedelta(seconds=45)
    with uow() as work:  # a sender claims them all, notes the first as tried, and dies
        work.deliveries.claim_due(NOW, lease, 100)
        work.deliveries.mark_attempted(keys[:1], NOW)
        work.commit()
    assert sender(webs, uow, slack, lease).flush(NOW + lease - timedelta(seconds=1)) == []
    assert sorted(sender(webs, uow, slack, lease).flush(NOW + lease)) == sorted(keys)
    assert posted(slack) == Counter(keys)
    history = slack.workspace.calls_to("conversations.history")
    assert len(history) == 1, "only the one it tried may have arrived"


def test_a_sender_slack_holds_back_renews_its_claim_and_nobody_takes_it_over(
    webs: list[SlackWeb], uow: SqlUnitOfWorkFactory, slack: LocalSlack
) -> None:
    keys = keep(uow, PEOPLE[:1] * 2)  # two messages to one person: in order, one at a time
    lease = timedelta(seconds=3)
    slack.fail_next("chat.postMessage", Fault(status=429, retry_after=2), times=3)
    started = time.monotonic()

    def now() -> datetime:  # both senders on the same clock
        return NOW + timedelta(seconds=time.monotonic() - started)

    first = threading.Thread(target=sender(webs, uow, slack, lease).flush, args=(now(),))
    first.start()
    # Three 429s of two seconds each: the first sender is past its lease, and still at it.
    while len(slack.workspace.calls_to("chat.postMessage")) < 3 and first.is_alive():
        time.sleep(0.05)
    assert time.monotonic() - started > lease.total_seconds()
    assert sender(webs, uow, slack, lease).flush(now()) == [], (
        "its claim was renewed: nothing to take"
    )
    first.join(timeout=60)
    assert posted(slack) == Counter(keys), "each once"
    assert slack.workspace.calls_to("conversations.history") == []


def test_a_sender_told_to_stop_sends_nothing_more_and_leaves_the_rest_to_the_next(
    webs: list[SlackWeb], uow: SqlUnitOfWorkFactory, slack: LocalSlack
) -> None:
    many = PEOPLE * 40  # each person's messages in order, one at a time: a long fan-out
    keys = keep(uow, many)
    lease = timedelta(seconds=45)
    stopping = sender(webs, uow, slack, lease)
    flushing = threading.Thread(target=stopping.flush, args=(NOW,))
    flushing.start()
    while len(slack.workspace.messages) < 10 and flushing.is_alive():
        time.sleep(0.01)
    stopping.stop()
    flushing.join(timeout=60)
    assert not flushing.is_alive(), "the flush ended"
    assert len(slack.workspace.messages) < len(keys), "it did not send everything first"
    sender(webs, uow, slack, lease).flush(NOW + lease)  # the next, once the lease has run out
    assert posted(slack) == Counter(keys), "the rest went, each once"
