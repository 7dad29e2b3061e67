"""The production web process (the Procfile's gunicorn serving mentorbot/wsgi.py) cuts off a
body of unknown length at the limit, as the bot's own server does (tests/handlers/
test_verification.py). A module of its own: the verification tests share one bot, in frozen
time, and gunicorn checks a signature's timestamp against the real clock."""

from __future__ import annotations

import http.client
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from handlers.slack.http import EVENTS_PATH, MAX_BODY
from localslack.server import LocalSlack
from tests.handlers.test_verification import REPO, Answer, now, signature


@pytest.fixture
def gunicorn(slack: LocalSlack, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """The production web process (Procfile: gunicorn serving mentorbot/wsgi.py) on the local
    workspace: its address and signing secret."""
    secret, port = secrets.token_hex(16), free_port()
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(REPO),
        "SLACK_BOT_TOKEN": slack.token,
        "SLACK_SIGNING_SECRET": secret,
        "SLACK_API_URL": slack.api_url,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'mentorbot.db'}",
    }
    command = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        [*command, "mentorbot.wsgi:application"],
        cwd=tmp_path,  # away from the repository's .env
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(url, server)
        yield url, secret
    finally:
        server.terminate()
        server.wait(timeout=10)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_answering(url: str, server: subprocess.Popen[bytes], attempts: int = 600) -> None:
    """Until the web process answers a request (its 404 for a page it does not have)."""
    for _ in range(attempts):
        assert server.poll() is None, "gunicorn stopped"
        try:
            urllib.request.urlopen(f"{url}/nothing-here", timeout=5)
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError("gunicorn did not answer")


def post_chunked(url: str, chunks: list[bytes], headers: dict[str, str]) -> Answer:
    """POSTs a body with no length, in chunks, as a client may."""
    connection = http.client.HTTPConnection(urlsplit(url).netloc, timeout=30)
    try:
        connection.request(
            "POST", EVENTS_PATH, body=iter(chunks), headers=headers, encode_chunked=True
        )
        response = connection.getresponse()
        return Answer(response.status, response.read().decode())
    finally:
        connection.close()


def test_under_gunicorn_a_body_of_unknown_length_is_cut_off_at_the_limit(
    gunicorn: tuple[str, str],
) -> None:
    url, secret = gunicorn
    at, challenge = now(), b'{"type": "url_verification", "challenge": "c4a11e", "token": "t"}'
    json_type = {"Content-Type": "application/json", "X-Slack-Request-Timestamp": at}

    def signed(body: bytes) -> dict[str, str]:
        return json_type | {"X-Slack-Signature": signature(secret, at, body)}

    over = [b"x" * MAX_BODY, b"x"]
    assert post_chunked(url, over, signed(b"".join(over))).status == 413
    # A body in chunks within the limit is read whole: signed, it is answered; unsigned, not.
    halves = [challenge[:20], challenge[20:]]
    assert post_chunked(url, halves, signed(challenge)) == Answer(200, '{"challenge": "c4a11e"}')
    assert post_chunked(url, halves, json_type | {"X-Slack-Signature": "v0=00"}).status == 401
