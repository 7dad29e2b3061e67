"""A message kept up to date where it was posted: each version is sent once, edits the message
first posted, never goes back to an older version, and is posted afresh where there is nothing
to edit. The messenger against the local workspace, over HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import ClassVar

import pytest
from slack_sdk.models.blocks import Block, SectionBlock

from bot.notices import Revision
from handlers.slack.limits import RateLimits
from handlers.slack.messenger import SlackMessenger
from handlers.slack.rendering import message_view
from handlers.slack.web import SlackWeb
from localslack.server import LocalSlack
from localslack.workspace import Message
from tests.seen import words

CHANNEL = "CTALLY0001"
SINCE = datetime(2025, 11, 3, 10, tzinfo=UTC)


@dataclass(frozen=True)
class Tally(Revision):
    """A count shown in one message: version n says n."""

    count: int

    kind: ClassVar[str] = "tally"

    @property
    def subject(self) -> str:
        return "tally"

    @property
    def original(self) -> str:
        return "tally:1"

    @property
    def key(self) -> str:
        return self.original if not self.count else f"{self.original}:{self.count}"

    @property
    def version(self) -> int:
        return self.count

    @property
    def since(self) -> datetime:
        return SINCE


@message_view(Tally)
def tally(n: Tally) -> tuple[str, list[Block]]:
    return f"Count: {n.count}", [SectionBlock(text=f"Count: {n.count}")]


class Channels:
    def __init__(self) -> None:
        self.known: dict[str, str] = {}

    def channel(self, address: str) -> str | None:
        return self.known.get(address)

    def remember(self, address: str, channel: str) -> None:
        self.known[address] = channel


@pytest.fixture
def slack() -> Iterator[LocalSlack]:
    with LocalSlack() as local:
        ws = local.workspace
        ws.add_channel(CHANNEL, "tally", private=True, members=[ws.bot_user])
        yield local
        assert ws.violations == []


@pytest.fixture
def messenger(slack: LocalSlack) -> Iterator[SlackMessenger]:
    web = SlackWeb(slack.token, slack.api_url)
    yield SlackMessenger(web, Channels(), RateLimits(enabled=False))
    web.close()


def send(messenger: SlackMessenger, count: int) -> None:
    notice = Tally(count)
    messenger.send(CHANNEL, notice, notice.key)


def shown(slack: LocalSlack) -> list[Message]:
    return slack.workspace.messages_in(CHANNEL)


def test_a_later_version_edits_the_message_first_posted(
    slack: LocalSlack, messenger: SlackMessenger
) -> None:
    send(messenger, 0)
    send(messenger, 1)
    send(messenger, 2)
    [message] = shown(slack)
    assert (words(message), message.edited) == ("Count: 2", True)
    assert messenger.was_sent(CHANNEL, Tally(2), "tally:1:2", since=None)
    assert [c.method for c in slack.workspace.calls].count("chat.update") == 2


def test_an_older_version_arriving_late_never_replaces_a_newer(
    slack: LocalSlack, messenger: SlackMessenger
) -> None:
    send(messenger, 0)
    send(messenger, 2)
    send(messenger, 1)  # a retry that was held back
    [message] = shown(slack)
    assert words(message) == "Count: 2"


def test_a_version_with_nothing_to_edit_is_posted_and_later_ones_edit_it(
    slack: LocalSlack, messenger: SlackMessenger
) -> None:
    send(messenger, 1)  # the first was never posted (Slack refused it for good)
    send(messenger, 2)
    [message] = shown(slack)
    assert words(message) == "Count: 2"
