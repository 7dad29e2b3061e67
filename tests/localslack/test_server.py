"""The stand-in answers as Slack would, over real HTTP, and flags calls Slack would refuse."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from localslack.server import Fault, LocalSlack


@pytest.fixture
def local() -> Iterator[LocalSlack]:
    with LocalSlack() as slack:
        slack.workspace.add_user("UANN00001", "Ann Example", "ann@example.org", "Europe/Paris")
        yield slack


def client(slack: LocalSlack) -> WebClient:
    return WebClient(token=slack.token, base_url=slack.api_url, retry_handlers=[])


def test_a_dm_is_opened_posted_and_read_back_with_its_metadata(local: LocalSlack) -> None:
    web = client(local)
    channel = web.conversations_open(users="UANN00001")["channel"]["id"]
    posted = web.chat_postMessage(
        channel=channel, text="Hello", metadata={"event_type": "t", "event_payload": {"key": "k1"}}
    )
    [message] = web.conversations_history(channel=channel, include_all_metadata=True)["messages"]
    assert message["ts"] == posted["ts"] and message["metadata"]["event_payload"] == {"key": "k1"}
    assert web.users_lookupByEmail(email="ANN@example.org")["user"]["tz"] == "Europe/Paris"


def test_a_file_upload_follows_slacks_three_steps(local: LocalSlack) -> None:
    web = client(local)
    channel = web.conversations_open(users="UANN00001")["channel"]["id"]
    web.files_upload_v2(channel=channel, content=b"BEGIN:VCALENDAR", filename="x.ics", title="X")
    [message] = local.workspace.messages_in(channel)
    assert message.files[0]["name"] == "x.ics"
    assert [c.method for c in local.workspace.calls] == [
        "conversations.open",
        "files.getUploadURLExternal",
        "files.completeUploadExternal",
    ]


def test_a_call_missing_a_required_argument_or_to_an_unknown_method_is_a_violation(
    local: LocalSlack,
) -> None:
    web = client(local)
    with pytest.raises(SlackApiError):
        web.api_call("chat.postMessage", json={"text": "no channel"})
    with pytest.raises(SlackApiError):
        web.api_call("chat.sendMessage", json={"channel": "D1"})
    assert local.workspace.violations == [
        "chat.postMessage is missing its required argument 'channel'",
        "chat.sendMessage is not a Slack Web API method",
    ]
    local.workspace.violations.clear()


def test_a_wrong_token_is_refused(local: LocalSlack) -> None:
    with pytest.raises(SlackApiError, match="invalid_auth"):
        WebClient(token="xoxb-wrong", base_url=local.api_url).auth_test()


def test_faults_are_served_in_order(local: LocalSlack) -> None:
    web = client(local)
    local.fail_next("auth.test", Fault(status=429, retry_after=3))
    local.fail_next("auth.test", Fault(error="team_is_restricted"))
    with pytest.raises(SlackApiError) as limited:
        web.auth_test()
    assert (
        limited.value.response.status_code == 429
        and limited.value.response.headers["Retry-After"] == "3"
    )
    with pytest.raises(SlackApiError, match="team_is_restricted"):
        web.auth_test()
    assert web.auth_test()["ok"]
