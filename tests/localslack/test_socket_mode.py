"""Socket Mode as Slack documents it: the app-level token opens a connection, `hello` greets it,
envelopes are acknowledged by id (with the answer Slack reads, where it reads one), and slack_sdk's
own client opens a new connection when Slack asks it to or drops it."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.socket_mode.builtin import SocketModeClient
from slack_sdk.socket_mode.client import BaseSocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest
from slack_sdk.socket_mode.response import SocketModeResponse
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from localslack.server import LocalSlack
from tests.waiting import settle

NAME_REQUIRED = {"response_action": "errors", "errors": {"name": "Please give your name"}}


def answer(client: BaseSocketModeClient, request: SocketModeRequest) -> None:
    """The app: a modal's submission is answered with an error beside its input; anything else
    is just acknowledged."""
    payload = NAME_REQUIRED if request.payload.get("type") == "view_submission" else None
    client.send_socket_mode_response(SocketModeResponse(request.envelope_id, payload))


@pytest.fixture
def app(slack: LocalSlack) -> Iterator[SocketModeClient]:
    web = WebClient(base_url=slack.api_url)
    # The client notices a closed connection at its next ping: every second, to keep tests short.
    client = SocketModeClient(slack.socket_mode.app_token, web_client=web, ping_interval=1)
    client.socket_mode_request_listeners.append(answer)
    client.connect()
    yield client
    close(client, slack)


def close(client: SocketModeClient, slack: LocalSlack) -> None:
    """Closes the client at once: Slack drops the connection first, as the client's own close
    would otherwise wait out its socket's 3-second read timeout."""
    client.auto_reconnect_enabled = False
    slack.socket_mode.drop()
    client.close()


def test_only_the_app_level_token_opens_a_connection_and_it_opens_nothing_else(
    slack: LocalSlack,
) -> None:
    app_token = slack.socket_mode.app_token
    url = WebClient(base_url=slack.api_url).apps_connections_open(app_token=app_token)["url"]
    assert url.startswith("ws://127.0.0.1:") and "/link/?ticket=" in url
    for refused, token in (
        ("apps_connections_open", slack.token),
        ("auth_test", app_token),
        ("apps_connections_open", "xapp-1-someone-else"),
    ):
        with pytest.raises(SlackApiError) as error:
            getattr(WebClient(token=token, base_url=slack.api_url), refused)(app_token=token)
        expected = "invalid_auth" if token.endswith("else") else "not_allowed_token_type"
        assert error.value.response["error"] == expected


def test_a_connection_is_greeted_with_hello_and_its_ticket_is_good_once(slack: LocalSlack) -> None:
    url = WebClient(base_url=slack.api_url).apps_connections_open(
        app_token=slack.socket_mode.app_token
    )["url"]
    with connect(url) as websocket:
        hello = json.loads(websocket.recv(timeout=10))
        assert hello["type"] == "hello" and hello["num_connections"] == 1
        assert hello["connection_info"] == {"app_id": slack.workspace.app_id}
        with pytest.raises(InvalidStatus) as refused:
            connect(url)
        assert refused.value.response.status_code == 401


def test_each_envelope_is_acknowledged_with_the_answer_slack_reads(
    slack: LocalSlack, app: SocketModeClient
) -> None:
    socket = slack.socket_mode
    submitted = socket.deliver("interactive", {"type": "view_submission", "view": {}})
    assert submitted is not None and submitted.payload == NAME_REQUIRED
    event = socket.deliver("events_api", {"type": "event_callback"}, retry=(0, ""))
    assert event is not None and event.payload is None


def test_an_acknowledgement_of_no_envelope_is_a_violation(slack: LocalSlack) -> None:
    url = WebClient(base_url=slack.api_url).apps_connections_open(
        app_token=slack.socket_mode.app_token
    )["url"]
    with connect(url) as websocket:
        websocket.recv(timeout=10)
        websocket.send(json.dumps({"envelope_id": "never-sent"}))
        settle(lambda: slack.workspace.violations, "the violation recorded")
    assert slack.workspace.violations == [
        "Socket Mode acknowledgement: no envelope 'never-sent' is waiting for one"
    ]
    slack.workspace.violations.clear()  # expected here; the fixture fails on any left


@pytest.mark.parametrize("how", ["disconnect", "drop"])
def test_the_real_client_opens_a_new_connection_when_asked_to_or_dropped(
    slack: LocalSlack, app: SocketModeClient, how: str
) -> None:
    socket = slack.socket_mode
    getattr(socket, how)()
    assert socket.wait_for(lambda open_now, opened: opened == 2 and open_now == 1)
    opens = [c for c in slack.workspace.calls if c.method == "apps.connections.open"]
    assert [c.ok for c in opens] == [True, True]
    event = socket.deliver("events_api", {"type": "event_callback"}, retry=(0, ""))
    assert event is not None
