"""The web process's health, for a platform's checks: /healthz (the process answers) and /readyz
(it can do its work: the database answers with this release's schema, Slack takes the token, and
the active clock has said it is alive within two minutes). Each check says only whether it
passed and, if not, why in a few fixed words: nothing of anyone's data."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from storage.clock import last_beat
from storage.database import schema_at_head

HEALTH_PATH, READY_PATH = "/healthz", "/readyz"
# The clock beats every 30 seconds: two minutes without one is a clock gone, not a slow one.
CLOCK_SILENT_AFTER = timedelta(minutes=2)
# auth.test is cheap but rate limited, and a platform may ask every few seconds.
SLACK_CHECKED_EVERY = 60.0


class Readiness:
    def __init__(self, engine: Engine, client: WebClient, now: Callable[[], datetime]):
        self._engine, self._client, self._now = engine, client, now
        self._slack: tuple[float, str | None] | None = None  # (when, what was wrong)
        self._lock = threading.Lock()

    def problems(self) -> dict[str, str | None]:
        """Each check and what is wrong with it (None: nothing)."""
        database = self._database()
        return {
            "database": database,
            "clock": self._clock() if database is None else "not checked: no database",
            "slack": self._slack_token(),
        }

    def _database(self) -> str | None:
        try:
            return None if schema_at_head(self._engine) else "migrations not at head"
        except SQLAlchemyError:
            return "not reachable"

    def _clock(self) -> str | None:
        try:
            with Session(self._engine) as session:
                beat = last_beat(session)
        except SQLAlchemyError:
            return "not reachable"
        if beat is None:
            return "no clock has started"
        if self._now() - beat > CLOCK_SILENT_AFTER:
            return "no heartbeat for over two minutes"
        return None

    def _slack_token(self) -> str | None:
        with self._lock:
            if self._slack is None or time.monotonic() - self._slack[0] > SLACK_CHECKED_EVERY:
                self._slack = (time.monotonic(), self._auth_test())
            return self._slack[1]

    def _auth_test(self) -> str | None:
        try:
            self._client.auth_test()
            return None
        except SlackApiError as error:
            return f"auth.test refused: {error.response.get('error')}"
        except (SlackClientError, OSError):
            return "Slack not reachable"


def health_routes(readiness: Readiness) -> dict[str, WSGIApplication]:
    """The two routes, by path, for handlers.slack.http.mount."""

    def healthz(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        return _answer(start_response, "200 OK", {"ok": True})

    def readyz(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        problems = readiness.problems()
        ready = not any(problems.values())
        checks = {name: problem or "ok" for name, problem in problems.items()}
        status = "200 OK" if ready else "503 Service Unavailable"
        return _answer(start_response, status, {"ok": ready, "checks": checks})

    return {HEALTH_PATH: healthz, READY_PATH: readyz}


def _answer(start_response: StartResponse, status: str, body: dict) -> Iterable[bytes]:
    data = json.dumps(body).encode()
    start_response(status, [("Content-Type", "application/json"), ("Cache-Control", "no-store")])
    return [data]
