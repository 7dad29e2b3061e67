"""Only a request signed with the app's signing secret, within Slack's five minutes, is ever
answered: anything else is refused 401 at the door, with nothing sent to Slack, nothing posted to
a response_url, nothing stored, and none of its body in the log. A body larger than any Slack
sends is refused 413 before it is read."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from slack_bolt import BoltRequest

from handlers.slack.http import MAX_BODY
from tests.cast import SUNITA
from tests.conftest import bot_settings, running_world, team_workspace
from tests.world import World

REPO = Path(__file__).parent.parent.parent
# Words a forged request carries: none may reach the log.
WORDS = "my-mentor-shouted-at-me-in-the-ward"


@dataclass(frozen=True)
class Answer:
    status: int
    body: str


def signature(secret: str, timestamp: str, body: bytes) -> str:
    base = f"v0:{timestamp}:".encode() + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def post(url: str, body: bytes, headers: dict[str, str]) -> Answer:
    request = urllib.request.Request(url, data=body, method="POST", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return Answer(response.status, response.read().decode())
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.read().decode())


def forged_command(world: World) -> bytes:
    """`/mentoring concern …` from Sunita's DM, with a response_url, as Slack would send it."""
    channel = world.slack.workspace.dm_channel(SUNITA)
    return urlencode(
        {
            "team_id": world.slack.workspace.team_id,
            "channel_id": channel,
            "user_id": SUNITA,
            "command": "/mentoring",
            "text": f"concern {WORDS}",
            "api_app_id": "ALOCAL0001",
            "response_url": f"{world.slack.url}/respond/{channel}/{SUNITA}/1",
            "trigger_id": "1.1.trigger",
        }
    ).encode()


def forged_dm(world: World) -> bytes:
    """A DM event to the bot, which the bot would answer in that DM with its token."""
    channel = world.slack.workspace.dm_channel(SUNITA)
    event = {
        "type": "message",
        "user": SUNITA,
        "text": WORDS,
        "channel": channel,
        "channel_type": "im",
        "ts": "1759305600.000100",
    }
    envelope = {
        "type": "event_callback",
        "team_id": world.slack.workspace.team_id,
        "api_app_id": "ALOCAL0001",
        "event": event,
        "event_id": "Ev0FORGED01",
        "event_time": 1759305600,
    }
    return json.dumps(envelope).encode()


def content_type(body: bytes) -> str:
    return "application/json" if body.startswith(b"{") else "application/x-www-form-urlencoded"


def now() -> str:
    return str(int(time.time()))


Headers = Callable[[bytes], dict[str, str]]


def refusals(secret: str) -> dict[str, Headers]:
    """Each way a request fails the check: body → headers."""
    wrong = "0" * 32

    def signed(at: str, key: str = secret) -> Headers:
        return lambda body: {
            "X-Slack-Request-Timestamp": at,
            "X-Slack-Signature": signature(key, at, body),
        }

    return {
        "no timestamp": lambda body: {"X-Slack-Signature": signature(secret, now(), body)},
        "a timestamp that is not a number": signed("not-a-number"),
        "an empty timestamp": signed(""),
        "a timestamp too long to read as a number": signed("9" * 5000),
        "a timestamp written with a sign": signed("+" + now()),
        "a stale timestamp": signed(str(int(time.time()) - 301)),
        "a timestamp from the future": signed(str(int(time.time()) + 301)),
        "no signature": lambda body: {"X-Slack-Request-Timestamp": now()},
        "a signature that is not ASCII": lambda body: {
            "X-Slack-Request-Timestamp": now(),
            "X-Slack-Signature": "v0=" + "é" * 64,
        },
        "another app's signature": signed(now(), wrong),
        "a body changed after signing": lambda body: {
            "X-Slack-Request-Timestamp": now(),
            "X-Slack-Signature": signature(secret, now(), body + b"&text=x"),
        },
    }


KINDS = list(refusals("any secret"))


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """One bot for the module, the cohort imported: every request here is refused or only read,
    so none changes what the next test finds. Every logger at DEBUG from before the bot is built
    (Bolt's loggers take their level then)."""
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.DEBUG)
    database = f"sqlite:///{tmp_path_factory.mktemp('verification') / 'mentorbot.db'}"
    try:
        with (
            team_workspace() as slack,
            running_world(slack, bot_settings(slack, database)) as world,
        ):
            world.add_cohort()
            world.bot.wait_for_listeners()  # its listeners' threads start here, not in a test
            yield world
    finally:
        root.setLevel(level)


@pytest.fixture(autouse=True)
def everything_logged(caplog: pytest.LogCaptureFixture) -> None:
    """Each test's log at DEBUG, so that nothing logged of a forged request goes unseen."""
    caplog.set_level(logging.DEBUG)


def what_slack_saw(world: World) -> tuple[int, int]:
    """Web API calls made and response_url posts received, so far."""
    return len(world.slack.workspace.calls), len(world.slack.workspace.responses)


def nothing_logged_of(words: str, caplog: pytest.LogCaptureFixture) -> bool:
    return not [r for r in caplog.records if words in r.getMessage()]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("forge", [forged_command, forged_dm], ids=["command", "dm"])
def test_a_request_that_fails_the_signature_check_is_refused_and_nothing_is_done(
    team: World, caplog: pytest.LogCaptureFixture, kind: str, forge: Callable[[World], bytes]
) -> None:
    secret = team.bot_settings.slack_signing_secret or ""
    body = forge(team)
    headers = refusals(secret)[kind](body)
    before = what_slack_saw(team)

    answer = post(team.http.url, body, {"Content-Type": content_type(body)} | headers)

    assert answer.status == 401
    team.bot.wait_for_listeners()
    assert what_slack_saw(team) == before
    assert team.command(SUNITA, "events")  # the bot still answers a signed request
    assert nothing_logged_of(WORDS, caplog)
    assert [r for r in caplog.records if "refused" in r.getMessage()]


def test_a_body_larger_than_slack_sends_is_refused_before_it_is_read(
    team: World, caplog: pytest.LogCaptureFixture
) -> None:
    """Only the headers are sent: a server that waited for the 10 MB it was promised would
    never answer."""
    url = urlsplit(team.http.url)
    before = what_slack_saw(team)
    head = (
        f"POST {url.path} HTTP/1.1\r\nHost: {url.netloc}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {10 * MAX_BODY}\r\n"
        f"X-Slack-Request-Timestamp: {now()}\r\nX-Slack-Signature: v0=00\r\n\r\n"
    )
    with socket.create_connection((url.hostname, url.port), timeout=10) as connection:
        connection.sendall(head.encode())
        status_line = connection.makefile("rb").readline().decode()

    assert status_line.split()[1] == "413"
    assert what_slack_saw(team) == before
    assert [r for r in caplog.records if "over 1048576 bytes" in r.getMessage()]


def test_a_body_just_within_the_limit_is_checked_as_any_other(team: World) -> None:
    body = forged_command(team)
    padded = body + b"&padding=" + b"x" * (MAX_BODY - len(body) - 9)
    assert len(padded) == MAX_BODY
    assert post(team.http.url, padded, {"X-Slack-Request-Timestamp": now()}).status == 401


def test_a_signed_body_that_is_not_utf8_is_refused_with_nothing_done(team: World) -> None:
    secret = team.bot_settings.slack_signing_secret or ""
    body = forged_command(team) + b"&text=\xff\xfe"
    at = now()
    headers = {"X-Slack-Request-Timestamp": at, "X-Slack-Signature": signature(secret, at, body)}
    before = what_slack_saw(team)
    assert post(team.http.url, body, headers).status == 400
    assert what_slack_saw(team) == before


def test_bolt_itself_answers_no_one_when_a_request_fails_before_its_signature_is_checked(
    team: World, caplog: pytest.LogCaptureFixture
) -> None:
    """Behind the door too: a request handed to Bolt directly, whose timestamp makes Slack's
    library raise instead of refuse, reaches the error handler, which answers no one."""
    body = forged_command(team).decode()
    headers: dict[str, str | Sequence[str]] = {
        "x-slack-request-timestamp": "not-a-number",
        "x-slack-signature": "v0=00",
    }
    before = what_slack_saw(team)

    answer = team.bot.bolt.dispatch(BoltRequest(body=body, headers=headers))

    assert answer.status == 401
    assert what_slack_saw(team) == before
    assert nothing_logged_of(WORDS, caplog)


def test_bolts_own_refusal_logs_nothing_of_the_body(
    team: World, caplog: pytest.LogCaptureFixture
) -> None:
    body = forged_command(team).decode()
    headers: dict[str, str | Sequence[str]] = {
        "x-slack-request-timestamp": now(),
        "x-slack-signature": "v0=00",
    }
    assert team.bot.bolt.dispatch(BoltRequest(body=body, headers=headers)).status == 401
    assert nothing_logged_of(WORDS, caplog)
