"""The stand-in serves the Home tab, shortcuts, stacked modals and files put in a modal as Slack
does: views.publish, views.push and files.info by Slack's answers and limits, and the sender's
events and payloads in Slack's shapes, signed, to a bot's endpoint."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from localslack.server import LocalSlack

ANN = "UANN00001"
SECRET = "local-signing-secret"
SPECS = Path(__file__).parent.parent.parent.parent / "shared" / "slack-specs"


@pytest.fixture
def local() -> Iterator[LocalSlack]:
    with LocalSlack() as slack:
        slack.workspace.add_user(ANN, "Ann Example", "ann@example.org")
        yield slack
        assert slack.workspace.violations == [], "calls Slack would refuse"


def web(slack: LocalSlack) -> WebClient:
    return WebClient(token=slack.token, base_url=slack.api_url, retry_handlers=[])


def section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def refusal(call: Callable[[], Any]) -> dict[str, Any]:
    with pytest.raises(SlackApiError) as refused:
        call()
    return dict(refused.value.response.data)


LONG = "x" * 3001


def test_a_message_beyond_the_limits_is_refused_with_its_errors(local: LocalSlack) -> None:
    client = web(local)
    fifty_one = [section("x")] * 51
    assert refusal(partial(client.chat_postMessage, channel=ANN, text="t", blocks=fifty_one)) == {
        "ok": False,
        "error": "invalid_blocks",
        "errors": ["no more than 50 items allowed [json-pointer:/blocks]"],
        "response_metadata": {
            "messages": ["[ERROR] no more than 50 items allowed [json-pointer:/blocks]"]
        },
    }
    posted = client.chat_postMessage(channel=ANN, text="t", blocks=fifty_one[:50])
    long = partial(
        client.chat_update,
        channel=posted["channel"],
        ts=posted["ts"],
        text="t",
        blocks=[section(LONG)],
    )
    assert refusal(long)["errors"] == [
        "must be less than 3001 characters [json-pointer:/blocks/0/text/text]"
    ]
    [message] = local.workspace.messages
    assert len(message.blocks) == 50 and message.blocks[0]["text"]["text"] == "x"
    assert len(local.workspace.violations) == 2
    local.workspace.violations.clear()
