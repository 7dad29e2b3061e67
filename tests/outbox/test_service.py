"""Deliveries over the real ledger: each notice once, whatever Slack does in between."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.goals.notices import GoalsUpdated
from bot.notices import Delivery, Outgoing
from bot.participants.notices import MyDataFile
from handlers.slack.sender import LEASE
from tests.cast import EMAILS
from tests.services import GRACE, JAMIE, OLIVER, SUNITA, Scheme

NOW = datetime(2026, 1, 12, 10, tzinfo=UTC)
AFTER_THE_LEASE = NOW + LEASE + timedelta(seconds=1)
HELLO = MyDataFile("U1", NOW, b"{}")


def hello(key: str = "hello:1") -> list[Outgoing]:
    return [Outgoing(Delivery(key, "hello", "1", SUNITA, None), HELLO)]


def offer(scheme: Scheme, now: datetime) -> list[str]:
    """What a use case does: keep the message in its transaction, then send what it kept."""
    with scheme.uow() as uow:
        uow.deliveries.add(hello(), now)
        uow.commit()
    return scheme.deliveries.flush(now, ["hello:1"])


def test_a_notice_is_sent_once_however_often_it_is_offered(scheme: Scheme) -> None:
    assert offer(scheme, NOW) == ["hello:1"]
    assert offer(scheme, NOW) == []
    assert offer(scheme, AFTER_THE_LEASE) == []
    assert scheme.messenger.to(SUNITA) == [HELLO]


def test_a_notice_slack_refused_is_sent_by_a_run_after_the_lease(scheme: Scheme) -> None:
    scheme.messenger.failing = True
    assert offer(scheme, NOW) == []
    scheme.messenger.failing = False
    assert offer(scheme, NOW + timedelta(seconds=30)) == [], "still its sender's"
    assert offer(scheme, AFTER_THE_LEASE) == ["hello:1"]
    assert scheme.messenger.to(SUNITA) == [HELLO]


def test_a_notice_slack_took_but_whose_answer_was_lost_is_confirmed_not_sent_again(
    scheme: Scheme,
) -> None:
    scheme.messenger.losing_answers = True
    assert offer(scheme, NOW) == []
    scheme.messenger.losing_answers = False
    assert offer(scheme, AFTER_THE_LEASE) == ["hello:1"]
    assert scheme.messenger.to(SUNITA) == [HELLO]
    with scheme.uow() as uow:
        assert uow.deliveries.sent_keys_like("hello:") == {"hello:1"}
        assert uow.deliveries.sent_among(["hello:1", "hello:2"]) == {"hello:1"}


def test_a_notice_recorded_as_skipped_is_never_sent(scheme: Scheme) -> None:
    [skipped] = hello()
    with scheme.uow() as uow:
        uow.deliveries.mark_skipped([skipped.delivery], NOW)
        uow.commit()
    assert offer(scheme, AFTER_THE_LEASE) == []
    assert scheme.messenger.sent == []


def test_erasing_someone_holds_back_what_names_them_and_nothing_that_only_looks_alike(
    scheme: Scheme,
) -> None:
    """A message still waiting that names the erased person is not sent; one naming someone
    whose name merely begins the same way still is (names are matched whole)."""
    waiting = [
        Outgoing(Delivery("n:1", "n", "1", OLIVER, None), GoalsUpdated(1, "Grace Mensah", NOW)),
        Outgoing(Delivery("n:2", "n", "2", JAMIE, None), GoalsUpdated(2, "Grace Mensahson", NOW)),
    ]
    scheme.messenger.failing = True
    with scheme.uow() as uow:
        uow.deliveries.add(waiting, NOW)
        uow.commit()
    assert scheme.deliveries.flush(NOW, ["n:1", "n:2"]) == []
    scheme.messenger.failing = False
    scheme.privacy.erase(EMAILS[GRACE], NOW)
    assert scheme.deliveries.flush(AFTER_THE_LEASE, ["n:1", "n:2"]) == ["n:2"]
    assert [n.by for _, n in scheme.messenger.of(GoalsUpdated)] == ["Grace Mensahson"]
