"""A 429 holds back only its own conversation: the sender that met it puts that person's
message back first in their lane and goes on to the others, and comes back to it when Slack
allows; each person's messages keep their order, none goes twice and none is left pending. Over
real parts: the ledger on a database, the messenger over HTTP to the local Slack."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import timedelta

import pytest

from handlers.slack.limits import POST, RateLimits
from handlers.slack.messenger import SlackMessenger
from handlers.slack.sender import Sender, StoredChannels
from handlers.slack.web import SlackWeb
from localslack.realism import Realism
from localslack.server import Fault, LocalSlack
from storage.unit_of_work import SqlUnitOfWorkFactory
from tests.accessibility.examples import import_every_view
from tests.outbox.kept import NOW, keep

pytestmark = pytest.mark.both_databases  # the ledger's promises rest on the database

PEOPLE = [f"UHELD{n:02d}" for n in range(6)]


def local_slack(realism: Realism | None = None) -> Iterator[LocalSlack]:
    import_every_view()  # each view says how its notices read
    with LocalSlack(realistic=realism) as local:
        for person in PEOPLE:
            local.workspace.add_user(person, person.title(), f"{person.lower()}@example.org")
        yield local


@pytest.fixture
def slack() -> Iterator[LocalSlack]:
    yield from local_slack()


@pytest.fixture
def refusing_slack() -> Iterator[LocalSlack]:
    """Slack answering 30 % of calls 429 whatever its limits, as it does for limits it does not
    publish (no round trip: the test's time is the Retry-Afters')."""
    yield from local_slack(Realism(round_trip=0, refused_share=0.3, seed=7))


def sender(
    webs: list[SlackWeb], uow: SqlUnitOfWorkFactory, slack: LocalSlack, senders: int
) -> Sender:
    """A sender as production builds one, our own limits kept."""
    webs.append(SlackWeb(slack.token, slack.api_url))
    messenger = SlackMessenger(webs[-1], StoredChannels(uow), RateLimits())
    return Sender(uow, messenger, senders=senders)


def arrived(slack: LocalSlack) -> list[str]:
    """The keys of the messages the workspace took, in the order it took them."""
    return [(m.metadata or {})["event_payload"]["key"] for m in slack.workspace.messages]


def nothing_pending(uow: SqlUnitOfWorkFactory) -> bool:
    with uow() as work:
        return work.deliveries.next_due(NOW + timedelta(days=1), timedelta(seconds=45)) is None


def test_a_429_for_one_persons_dm_does_not_delay_the_others(
    webs: list[SlackWeb], uow: SqlUnitOfWorkFactory, slack: LocalSlack
) -> None:
    keys = keep(uow, [PEOPLE[0], PEOPLE[0], *PEOPLE[1:]])  # the first person has two
    # One sender, so the first call is the first person's first message: Slack refuses it.
    slack.fail_next("chat.postMessage", Fault(status=429, retry_after=1))
    sent = sender(webs, uow, slack, senders=1).flush(NOW)
    refused = [c for c in slack.workspace.calls_to("chat.postMessage") if not c.ok]
    assert [c.params["channel"] for c in refused] == [PEOPLE[0]]
    assert arrived(slack) == [*keys[2:], *keys[:2]], (
        "the others' first, then the first person's two, in order"
    )
    assert sorted(sent) == sorted(keys)
    assert nothing_pending(uow)


def test_under_many_429s_each_persons_messages_arrive_in_order_once_and_none_is_left(
    webs: list[SlackWeb], uow: SqlUnitOfWorkFactory, refusing_slack: LocalSlack
) -> None:
    # Four each: the fourth also meets our own rule of a post a second to a conversation.
    keys = keep(uow, PEOPLE * 4)
    sent = sender(webs, uow, refusing_slack, senders=8).flush(NOW)
    refused = [c for c in refusing_slack.workspace.calls_to("chat.postMessage") if not c.ok]
    assert refused, "Slack did refuse some"
    assert Counter(arrived(refusing_slack)) == Counter(keys), "each once"
    for person in PEOPLE:
        theirs = [key for key in keys if key.endswith(person)]
        assert [key for key in arrived(refusing_slack) if key.endswith(person)] == theirs
    assert sorted(sent) == sorted(keys)
    assert nothing_pending(uow)


def test_a_conversation_held_back_says_how_long_and_takes_no_turn_while_others_go() -> None:
    """The limits alone, on a clock of the test's: a channel held is not waited for; a method
    held is."""
    now, slept = [0.0], []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    limits = RateLimits(clock=lambda: now[0], sleep=sleep)
    limits.hold(POST, 2.0, "C1")
    assert limits.turn(POST, "C1") == 2.0
    assert limits.turn(POST, "C2") == 0.0, "another conversation goes"
    limits.hold("conversations.open", 3.0)
    assert limits.turn("conversations.open") == 0.0
    assert slept == [3.0], "a method held back is waited for"
    now[0] += 2.0
    assert limits.turn(POST, "C1") == 0.0


def clocked_limits() -> tuple[RateLimits, list[float]]:
    """Limits on a clock of the test's that moves only when they sleep; what they slept."""
    now, slept = [0.0], []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    return RateLimits(clock=lambda: now[0], sleep=sleep), slept


def test_when_most_posts_are_refused_the_saved_up_burst_is_forgone_for_the_workspaces_pace() -> (
    None
):
    limits, slept = clocked_limits()
    for n in range(40):  # to 40 people, of which Slack refuses 3 in 5: its allowance, not theirs
        assert limits.turn(POST, f"D{n}") == 0.0
        if n % 5 < 3:
            limits.hold(POST, 1.0, f"D{n}")
    limits.turn(POST, "DNEXT1")
    limits.turn(POST, "DNEXT2")
    assert slept, "one post a token, as the allowance refills"


def test_slacks_passing_refusals_keep_the_saved_up_burst() -> None:
    limits, slept = clocked_limits()
    for n in range(100):  # 3 in 10 refused, as Slack does for limits it does not publish
        assert limits.turn(POST, f"D{n}") == 0.0
        if n % 10 < 3:
            limits.hold(POST, 1.0, f"D{n}")
    assert slept == [], "all went at once"
