"""Slack's Socket Mode, for an app without a public address (https://api.slack.com/apis/socket-mode).

The app calls apps.connections.open with its app-level token (xapp-…) and is given a WebSocket
URL with a single-use ticket. On connecting it is sent `hello`; then each event, slash command
and interaction comes as an envelope (`envelope_id`, `type`, `payload`,
`accepts_response_payload`), which the app acknowledges by sending back the envelope's id, with
the answer HTTP would have carried (a modal's errors, say) where Slack takes one. Slack asks an
app to reconnect with a `disconnect` message, and connections drop; the app opens a new one.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any, Protocol
from urllib.parse import parse_qs, urlsplit

from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response
from websockets.sync.server import Server, ServerConnection, serve

from localslack.workspace import Workspace

OPEN = "apps.connections.open"
# Newer than Slack's published 2020 description the contract is derived from; no arguments.
CONTRACT: dict[str, list[str]] = {OPEN: []}
ENVELOPE_TYPES = ("events_api", "slash_commands", "interactive")
# The interactions whose acknowledgement Slack reads (a modal's answer, a menu's options).
ANSWERED_INTERACTIONS = ("view_submission", "block_suggestion")


@dataclass(frozen=True)
class Acknowledged:
    """The app's acknowledgement of one envelope: the answer it carried, if any."""

    payload: dict[str, Any] | None


@dataclass
class _Pending:
    connection: ServerConnection
    accepts_response_payload: bool
    answer: Acknowledged | None = None


@dataclass
class _State:
    tickets: set[str] = field(default_factory=set)
    open: list[ServerConnection] = field(default_factory=list)
    opened: int = 0
    pending: dict[str, _Pending] = field(default_factory=dict)


class SocketMode:
    """The Socket Mode side of the local workspace: hands out URLs, keeps the app's connections,
    sends envelopes and matches the app's acknowledgements to them."""

    def __init__(self, workspace: Workspace, app_token: str):
        self.workspace = workspace
        self.app_token = app_token
        self._state = _State()
        # Guards _state; notified whenever a connection opens or closes or an ack arrives.
        self._changed = threading.Condition()
        self._server: Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        # No keepalive pings of ours: the app's client pings, and tests freeze the clock.
        self._server = serve(
            self._serve, "127.0.0.1", 0, process_request=self._admit, ping_interval=None
        )
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="localslack-socket-mode", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        """Closes the app's connections (1001, going away) and stops listening."""
        if self._server:
            self._server.shutdown()
        if self._thread:
            self._thread.join(timeout=5)
        self._server = self._thread = None

    # The app's side -------------------------------------------------------------------------

    def open_connection(self) -> dict[str, Any]:
        """apps.connections.open's answer: a URL the app may connect to once."""
        assert self._server, "start() the workspace first"
        ticket = secrets.token_hex(16)
        with self._changed:
            self._state.tickets.add(ticket)
        host, port = self._server.socket.getsockname()[:2]
        return {"url": f"ws://{host}:{port}/link/?ticket={ticket}&app_id={self.app_id}"}

    @property
    def app_id(self) -> str:
        return self.workspace.app_id

    def _admit(self, connection: ServerConnection, request: Request) -> Response | None:
        """Lets in a connection only with a ticket apps.connections.open gave and nobody used."""
        tickets = parse_qs(urlsplit(request.path).query).get("ticket", [])
        with self._changed:
            if tickets and tickets[0] in self._state.tickets:
                self._state.tickets.discard(tickets[0])
                return None
        return connection.respond(
            HTTPStatus.UNAUTHORIZED, "not a ticket apps.connections.open gave\n"
        )

    def _serve(self, connection: ServerConnection) -> None:
        with self._changed:
            self._state.open.append(connection)
            self._state.opened += 1
            hello = self._hello(len(self._state.open))
            self._changed.notify_all()
        try:
            connection.send(json.dumps(hello))
            for message in connection:
                self._acknowledge(json.loads(message))
        except ConnectionClosed:
            pass  # the app went away or was dropped: it opens a new connection
        finally:
            with self._changed:
                if connection in self._state.open:
                    self._state.open.remove(connection)
                self._changed.notify_all()

    def _hello(self, connections: int) -> dict[str, Any]:
        return {
            "type": "hello",
            "num_connections": connections,
            "connection_info": {"app_id": self.app_id},
            "debug_info": {"host": "localslack", "approximate_connection_time": 18060},
        }

    def _acknowledge(self, ack: dict[str, Any]) -> None:
        """Matches an acknowledgement to the envelope it names; one Slack would not take (an
        unknown or repeated id, an answer where none is read) is kept as a violation."""
        with self._changed:
            pending = self._state.pending.get(str(ack.get("envelope_id")))
            problem = _ack_problem(ack, pending)
            if pending is not None and pending.answer is None:
                answer = ack.get("payload") if pending.accepts_response_payload else None
                pending.answer = Acknowledged(answer)
                self._changed.notify_all()
        # Outside the condition: apps.connections.open takes it within the workspace's lock.
        if problem:
            with self.workspace.lock:
                self.workspace.violations.append(f"Socket Mode acknowledgement: {problem}")

    # Slack's side ---------------------------------------------------------------------------

    def deliver(
        self,
        kind: str,
        payload: dict[str, Any],
        retry: tuple[int, str] | None = None,
        timeout: float = 10,
    ) -> Acknowledged | None:
        """Sends one envelope to the app's newest connection (waiting for one) and returns its
        acknowledgement; None if none came within `timeout` seconds, or the connection closed
        first. `retry`: Slack's (attempt, reason) when it sends an event again."""
        assert kind in ENVELOPE_TYPES, kind
        envelope_id = str(uuid.uuid4())
        accepts = kind == "slash_commands" or payload.get("type") in ANSWERED_INTERACTIONS
        envelope = {
            "envelope_id": envelope_id,
            "type": kind,
            "payload": payload,
            "accepts_response_payload": accepts,
        }
        if retry:
            envelope |= {"retry_attempt": retry[0], "retry_reason": retry[1]}
        with self._changed:
            if not self._changed.wait_for(lambda: self._state.open, timeout):
                return None
            connection = self._state.open[-1]
            self._state.pending[envelope_id] = _Pending(connection, accepts)
        # A connection closing as it is sent: as if sent and lost, no acknowledgement comes.
        with contextlib.suppress(ConnectionClosed):
            connection.send(json.dumps(envelope))
        return self._answer(envelope_id, timeout)

    def _answer(self, envelope_id: str, timeout: float) -> Acknowledged | None:
        with self._changed:
            pending = self._state.pending[envelope_id]
            self._changed.wait_for(
                lambda: pending.answer or pending.connection not in self._state.open, timeout
            )
            del self._state.pending[envelope_id]
            return pending.answer

    def disconnect(self, reason: str = "refresh_requested") -> None:
        """Slack's request that the app reconnect (when it refreshes a connection, or warns of
        one about to close); the app opens a new connection and closes this one."""
        message = json.dumps(
            {"type": "disconnect", "reason": reason, "debug_info": {"host": "localslack"}}
        )
        for connection in self.connections():
            connection.send(message)

    def drop(self) -> None:
        """Slack closes the app's connections without warning (1001, going away), as when its
        server restarts."""
        with self._changed:
            # Taken out of service at once, so the next envelope waits for the app's new one.
            dropped, self._state.open = self._state.open, []
            self._changed.notify_all()
        for connection in dropped:
            connection.close(1001, "going away")

    def connections(self) -> list[ServerConnection]:
        with self._changed:
            return list(self._state.open)

    @property
    def opened(self) -> int:
        """How many connections the app has opened in all."""
        with self._changed:
            return self._state.opened

    def wait_for(self, connected: Callable[[int, int], bool], timeout: float = 10) -> bool:
        """Waits until `connected(open now, opened in all)` holds; False past `timeout`."""
        with self._changed:
            return self._changed.wait_for(
                lambda: connected(len(self._state.open), self._state.opened), timeout
            )


def _ack_problem(ack: dict[str, Any], pending: _Pending | None) -> str | None:
    if pending is None:
        return f"no envelope {ack.get('envelope_id')!r} is waiting for one"
    if pending.answer is not None:
        return f"envelope {ack['envelope_id']!r} was acknowledged twice"
    if ack.get("payload") and not pending.accepts_response_payload:
        return "an answer to an envelope whose accepts_response_payload is false"
    return None


class Serving(Protocol):
    """The local workspace's server, as its Socket Mode method needs it (a Protocol: the server
    imports this module)."""

    socket_mode: SocketMode


def apps_connections_open(slack: Serving, params: dict[str, Any]) -> dict[str, Any]:
    return slack.socket_mode.open_connection()


METHODS: dict[str, Callable[[Serving, dict[str, Any]], dict[str, Any]]] = {
    OPEN: apps_connections_open
}
