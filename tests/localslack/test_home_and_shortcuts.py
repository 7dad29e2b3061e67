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


def section(text: str, accessory: dict[str, Any] | None = None) -> dict[str, Any]:
    block: dict[str, Any] = {"type": "section", "text": {"type": "mrkdwn", "text": text}}
    return block | ({"accessory": accessory} if accessory else {})


def button(action_id: str, value: str, text: str = "Go") -> dict[str, Any]:
    return {
        "type": "button",
        "action_id": action_id,
        "value": value,
        "text": {"type": "plain_text", "text": text},
    }


def options(*values: str) -> list[dict[str, Any]]:
    return [{"text": {"type": "plain_text", "text": v.title()}, "value": v} for v in values]


def modal(*blocks: dict[str, Any], title: str = "Team console") -> dict[str, Any]:
    return {
        "type": "modal",
        "title": {"type": "plain_text", "text": title},
        "submit": {"type": "plain_text", "text": "Save"},
        "blocks": list(blocks),
    }


def home(*blocks: dict[str, Any]) -> dict[str, Any]:
    return {"type": "home", "blocks": list(blocks)}


def text_input(block_id: str) -> dict[str, Any]:
    return {
        "type": "input",
        "block_id": block_id,
        "label": {"type": "plain_text", "text": block_id},
        "element": {"type": "plain_text_input", "action_id": "value"},
    }


def refusal(call: Callable[[], Any]) -> dict[str, Any]:
    with pytest.raises(SlackApiError) as refused:
        call()
    return dict(refused.value.response.data)


# views.publish ----------------------------------------------------------------------------------


def test_a_home_tab_keeps_its_view_id_from_one_publish_to_the_next(local: LocalSlack) -> None:
    first = web(local).views_publish(user_id=ANN, view=home(section("Welcome")))["view"]
    second = web(local).views_publish(user_id=ANN, view=home(section("Welcome back")))["view"]
    assert first["type"] == "home" and second["id"] == first["id"] != ""
    assert second["hash"] != first["hash"]
    assert local.workspace.home_view(ANN) == second
    assert second["blocks"][0]["text"]["text"] == "Welcome back"


def test_a_publish_with_a_stale_hash_is_a_conflict_and_changes_nothing(local: LocalSlack) -> None:
    publish = web(local).views_publish
    first = publish(user_id=ANN, view=home(section("One")))["view"]
    second = publish(user_id=ANN, view=home(section("Two")), hash=first["hash"])["view"]
    stale = refusal(partial(publish, user_id=ANN, view=home(), hash=first["hash"]))
    assert stale == {"ok": False, "error": "hash_conflict"}
    assert local.workspace.home_view(ANN) == second


def test_only_a_home_view_is_published_and_only_to_someone_in_the_workspace(
    local: LocalSlack,
) -> None:
    publish = web(local).views_publish
    assert refusal(partial(publish, user_id="UNOBODY01", view=home()))["error"] == "user_not_found"
    modal_view = refusal(partial(publish, user_id=ANN, view=modal(section("x"))))
    assert modal_view["error"] == "invalid_arguments"
    assert local.workspace.violations == ["views.publish: must be a home view [json-pointer:/view]"]
    local.workspace.violations.clear()


# Block Kit's limits ---------------------------------------------------------------------------


LONG = "x" * 3001


@pytest.mark.parametrize(
    ("view", "message"),
    [
        (home(*[section("x")] * 101), "no more than 100 items allowed [json-pointer:/view/blocks]"),
        (
            home(section(LONG)),
            "must be less than 3001 characters [json-pointer:/view/blocks/0/text/text]",
        ),
        (
            home({"type": "header", "text": {"type": "plain_text", "text": "h" * 151}}),
            "must be less than 151 characters [json-pointer:/view/blocks/0/text/text]",
        ),
        (
            home(section("x", button("go", "1", text="b" * 76))),
            "must be less than 76 characters [json-pointer:/view/blocks/0/accessory/text/text]",
        ),
        (
            home(section("x") | {"block_id": "b" * 256}),
            "must be less than 256 characters [json-pointer:/view/blocks/0/block_id]",
        ),
        (
            home({"type": "actions", "elements": [button("a" * 256, "1")]}),
            "must be less than 256 characters [json-pointer:/view/blocks/0/elements/0/action_id]",
        ),
        (
            home({"type": "actions", "elements": [button(f"b{i}", "1") for i in range(26)]}),
            "no more than 25 items allowed [json-pointer:/view/blocks/0/elements]",
        ),
    ],
)
def test_a_view_beyond_block_kits_limits_is_refused_as_slack_words_it(
    local: LocalSlack, view: dict[str, Any], message: str
) -> None:
    assert refusal(partial(web(local).views_publish, user_id=ANN, view=view)) == {
        "ok": False,
        "error": "invalid_arguments",
        "response_metadata": {"messages": [f"[ERROR] {message}"]},
    }
    assert local.workspace.violations == [f"views.publish: {message}"]
    local.workspace.violations.clear()


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
