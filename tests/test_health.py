"""The web process's health for a platform's checks: /healthz answers while the process does;
/readyz only while the database (with this release's schema), Slack and the clock all are."""

from __future__ import annotations

import json
import secrets
import urllib.request
from datetime import UTC, datetime, timedelta
from urllib.error import HTTPError

from sqlalchemy import make_url
from sqlalchemy.orm import Session

from handlers.slack.http import BoltHttpServer
from localslack.server import LocalSlack
from mentorbot.app import build
from mentorbot.settings import Settings
from storage.clock import beat
from tests.deployment import DatabaseGate
from tests.world import World

# Straight to the web process, never through a proxy the environment names.
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def get(world: World, path: str) -> tuple[int, dict]:
    try:
        with _DIRECT.open(world.http.base_url + path, timeout=10) as answer:
            return int(answer.status), json.loads(answer.read())
    except HTTPError as refused:
        return refused.code, json.loads(refused.read())


def clock_beats(world: World) -> None:
    with Session(world.bot.engine) as session:
        beat(session, world.now())
        session.commit()


def test_healthz_answers_while_the_process_does(world: World) -> None:
    assert get(world, "/healthz") == (200, {"ok": True})


def test_readyz_is_red_until_a_clock_has_said_it_is_alive(world: World) -> None:
    status, body = get(world, "/readyz")
    assert status == 503
    assert body["checks"] == {"database": "ok", "clock": "no clock has started", "slack": "ok"}
    clock_beats(world)
    assert get(world, "/readyz") == (
        200,
        {"ok": True, "checks": {"database": "ok", "clock": "ok", "slack": "ok"}},
    )


def test_readyz_goes_red_when_the_clock_has_been_silent_for_two_minutes(world: World) -> None:
    clock_beats(world)
    world.clock.tick(timedelta(minutes=2, seconds=1))
    status, body = get(world, "/readyz")
    assert (status, body["checks"]["clock"]) == (503, "no heartbeat for over two minutes")


def test_readyz_says_when_slack_refuses_the_token(world: World) -> None:
    clock_beats(world)
    world.bot.client.token = "xoxb-revoked"
    status, body = get(world, "/readyz")
    assert (status, body["checks"]["slack"]) == (503, "auth.test refused: invalid_auth")


def test_readyz_goes_red_while_the_database_is_gone_and_green_once_it_is_back(
    slack: LocalSlack, postgresql_url: str
) -> None:
    url = make_url(postgresql_url)
    gate = DatabaseGate((url.host or "127.0.0.1", url.port or 5432))
    gate.open()
    settings = Settings(
        slack_bot_token=slack.token,
        slack_signing_secret=secrets.token_hex(16),
        slack_api_url=slack.api_url,
        database_url=str(url.set(port=gate.port)),
        slack_rate_limits=False,
        _env_file=None,
    )
    bot = build(settings)
    http = BoltHttpServer(bot.bolt).start()
    try:
        with Session(bot.engine) as session:
            beat(session, datetime.now(UTC))
            session.commit()
        assert _status(http.base_url + "/readyz") == 200
        gate.close()
        assert _status(http.base_url + "/readyz") == 503
        assert _status(http.base_url + "/healthz") == 200, "the process itself still answers"
        gate.open()
        assert _status(http.base_url + "/readyz") == 200
    finally:
        http.stop()
        bot.close()
        gate.close()


def _status(address: str) -> int:
    try:
        with _DIRECT.open(address, timeout=10) as answer:
            return int(answer.status)
    except HTTPError as refused:
        return refused.code
