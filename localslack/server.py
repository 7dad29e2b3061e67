"""A Slack-compatible Web API over real HTTP on a loopback port.

Each call is checked against Slack's contract (localslack/contract.py): an unknown method or a
missing required argument is answered as Slack would and recorded in `workspace.violations`, so
a test fails on any call the real Slack would refuse. Faults can be injected per method. In
realistic mode (localslack/realism.py) each answer takes Slack's round trip and each call is
held to Slack's published rate limits.
"""

from __future__ import annotations

import json
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self
from urllib.parse import parse_qsl, urlsplit

from localslack import contract, socket_mode
from localslack.api import API_METHODS, ApiError
from localslack.realism import RateLimiter, Realism
from localslack.socket_mode import SocketMode
from localslack.workspace import RATE_LIMITED, Call, Message, Response, Workspace

JSON_ARGUMENTS = ("blocks", "attachments", "metadata", "view", "files")
# The methods whose success changes what a person sees
SHOWN = {
    "chat.postMessage",
    "chat.update",
    "chat.postEphemeral",
    "files.completeUploadExternal",
    "views.open",
    "views.push",
    "views.update",
    "views.publish",
}
METHODS = API_METHODS | socket_mode.METHODS


@dataclass(frozen=True)
class Fault:
    """status 429 with retry_after, a 5xx, or an ok:false error. With after_effect the call takes
    effect and then the answer is lost, as when Slack posts a message but the reply times out."""

    status: int = 200
    error: str | None = None
    retry_after: int | None = None
    after_effect: bool = False


class LocalSlack:
    """With `realistic` (a Realism), Slack's round trip and rate limits; without, neither, so
    tests stay fast."""

    def __init__(
        self,
        token: str = "xoxb-local",
        workspace: Workspace | None = None,
        realistic: Realism | None = None,
        app_token: str = "xapp-1-ALOCAL0001-1-local",
    ):
        self.token = token
        self.workspace = workspace or Workspace()
        self.realism = realistic
        self._limiter = RateLimiter(realistic) if realistic else None
        self.contract = contract.load() | socket_mode.CONTRACT
        self.socket_mode = SocketMode(self.workspace, app_token)
        # The scopes the bot token was granted, which Slack lists in every Web API answer's
        # `x-oauth-scopes` header; None: no such header (an older stand-in's answer).
        self.scopes: list[str] | None = None
        self.observers: list[Callable[[Message], None]] = []
        self._faults: dict[str, deque[Fault]] = defaultdict(deque)
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # Lifecycle --------------------------------------------------------------------------------

    def start(self, port: int = 0) -> Self:
        self._server = ThreadingHTTPServer(("127.0.0.1", port), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), name="localslack", daemon=True
        )
        self._thread.start()
        self.socket_mode.start()
        return self

    def stop(self) -> None:
        self.socket_mode.stop()
        if self._server:
            self._server.shutdown()
            self._server.server_close()
        if self._thread:
            self._thread.join(timeout=5)
        self._server = self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        assert self._server, "start() the workspace first"
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def api_url(self) -> str:
        """The base URL for slack_sdk's WebClient (SLACK_API_URL)."""
        return f"{self.url}/api/"

    # Faults -------------------------------------------------------------------------------------

    def fail_next(self, method: str, fault: Fault, times: int = 1) -> None:
        with self.workspace.lock:
            self._faults[method].extend([fault] * times)

    def _take_fault(self, method: str) -> Fault | None:
        with self.workspace.lock:
            queue = self._faults.get(method)
            return queue.popleft() if queue else None

    # Handling -------------------------------------------------------------------------------------

    def handle_api(
        self, method: str, params: dict[str, Any], token: str | None
    ) -> tuple[int, dict[str, str], dict]:
        """Slack's answer to one Web API call; in realistic mode half the round trip passes
        before the call takes effect and half after, as over a network."""
        self._travel()
        try:
            status, headers, body = self._answer(method, params, token)
        finally:
            self._travel()
        if self.scopes is not None and token == self.token:
            headers = headers | {"x-oauth-scopes": ",".join(self.scopes)}
        return status, headers, body

    def _answer(
        self, method: str, params: dict[str, Any], token: str | None
    ) -> tuple[int, dict[str, str], dict]:
        fault = self._take_fault(method)
        if fault and fault.status == 429:
            return self._rate_limited(method, params, {"Retry-After": str(fault.retry_after or 1)})
        if fault and not fault.after_effect:
            return self._faulted(method, params, fault)
        if self._limiter:
            wait = self._limiter.admit(
                method, self.workspace.channel_key(str(params.get("channel")))
            )
            if wait:
                return self._rate_limited(method, params, self._limiter.retry_after(wait))
        refused = self._refusal(method, params, token)
        if refused:
            self._record(method, params, False, refused["error"])
            return 200, {}, {"ok": False, **refused}
        try:
            with self.workspace.lock:
                body = METHODS[method](self, params)
        except ApiError as error:
            self._record(method, params, False, error.code)
            with self.workspace.lock:
                self.workspace.violations.extend(f"{method}: {p}" for p in error.problems)
            return 200, {}, error.answer()
        if method in SHOWN:
            self.workspace.changed()
        if fault:
            return self._faulted(method, params, fault)
        self._record(method, params, True, None)
        return 200, {}, {"ok": True, **body}

    def _travel(self) -> None:
        if self.realism and self.realism.round_trip:
            time.sleep(self.realism.wall_seconds(self.realism.round_trip) / 2)

    def _rate_limited(
        self, method: str, params: dict[str, Any], headers: dict[str, str]
    ) -> tuple[int, dict[str, str], dict]:
        self._record(method, params, False, RATE_LIMITED)
        return 429, headers, {"ok": False, "error": RATE_LIMITED}

    def _refusal(self, method: str, params: dict[str, Any], token: str | None) -> dict | None:
        """Slack's answer to a call it would refuse (bad token, off-contract, not implemented
        here), with the problems kept as violations for the tests; None for a good call."""
        # Socket Mode's method takes the app-level token; every other, the bot token.
        expected = self.socket_mode.app_token if method in socket_mode.METHODS else self.token
        if token != expected:
            known = token in (self.token, self.socket_mode.app_token)
            return {"error": "not_allowed_token_type" if known else "invalid_auth"}
        problems = contract.problems(method, params, self.contract)
        if problems:
            with self.workspace.lock:
                self.workspace.violations.extend(problems)
            error = "unknown_method" if method not in self.contract else "invalid_arguments"
            return {"error": error, "problems": problems}
        if method not in METHODS:
            with self.workspace.lock:
                self.workspace.violations.append(
                    f"{method} is a Slack method the stand-in does not implement yet"
                )
            return {"error": "not_implemented"}
        return None

    def notify(self, message: Message) -> None:
        for observer in list(self.observers):
            observer(message)

    def _faulted(
        self, method: str, params: dict[str, Any], fault: Fault
    ) -> tuple[int, dict[str, str], dict]:
        self._record(method, params, False, fault.error or f"http_{fault.status}")
        return fault.status, {}, {"ok": False, "error": fault.error or "internal_error"}

    def _record(self, method: str, params: dict[str, Any], ok: bool, error: str | None) -> None:
        with self.workspace.lock:
            self.workspace.calls.append(Call(method, params, ok, error))

    def handle_response_url(self, path: str, payload: dict[str, Any]) -> None:
        """response_url: /respond/CHANNEL/USER/N[/TS], as made by the signed sender; with the
        message's ts, replace_original edits that message as Slack does."""
        channel, user, _, *ts = path.split("/")[2:]
        with self.workspace.lock:
            if payload.get("replace_original") and ts:
                for message in self.workspace.messages_in(channel):
                    if message.ts == ts[0]:
                        message.text = payload.get("text", "")
                        message.blocks = payload.get("blocks") or []
                        message.edited = True
                        self.workspace.changed()
                        return
            self.workspace.changed()
            self.workspace.responses.append(
                Response(
                    user=user,
                    channel=channel,
                    text=payload.get("text", ""),
                    blocks=payload.get("blocks") or [],
                    response_type=payload.get("response_type", "ephemeral"),
                    replace_original=bool(payload.get("replace_original")),
                    ts=self.workspace.next_ts(),
                )
            )

    def handle_download(self, path: str, token: str | None) -> tuple[int, str, bytes]:
        """A file's url_private or url_private_download (/files-pri/TEAM-FILE/…): its bytes, for
        a caller that shows the bot token (status, content type, body)."""
        if token != self.token:
            return 403, "text/plain", b"a file's private URL needs the bot token"
        file_id = path.split("/")[2].rpartition("-")[2]
        with self.workspace.lock:
            file = self.workspace.files.get(file_id)
        if file is None or file["content"] is None:
            return 404, "text/plain", b"no such file"
        return 200, file["mimetype"], file["content"]

    def handle_upload(self, file_id: str, content: bytes) -> bool:
        with self.workspace.lock:
            file = self.workspace.files.get(file_id)
            if file is None:
                return False
            file["content"] = content
            return True


def _handler_for(slack: LocalSlack) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Keep-alive clients would otherwise wait out Nagle and delayed ACK (40 ms) on each answer.
        disable_nagle_algorithm = True

        def do_GET(self) -> None:
            self._dispatch(b"")

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self._dispatch(self.rfile.read(length))

        def _dispatch(self, raw: bytes) -> None:
            url = urlsplit(self.path)
            if url.path.startswith("/api/"):
                params = dict(parse_qsl(url.query))
                params.update(_body_params(self.headers.get("Content-Type", ""), raw))
                token = params.pop("token", None) or _bearer(self.headers.get("Authorization"))
                status, headers, body = slack.handle_api(url.path[5:], params, token)
                self._reply(status, body, headers)
            elif url.path.startswith("/respond/"):
                slack.handle_response_url(url.path, json.loads(raw or b"{}"))
                self._reply(200, {"ok": True})
            elif url.path.startswith("/upload/"):
                found = slack.handle_upload(url.path.rsplit("/", 1)[-1], raw)
                self._reply(200 if found else 404, {"ok": found})
            elif url.path.startswith("/files-pri/") and self.command == "GET":
                token = _bearer(self.headers.get("Authorization"))
                _write(self, *slack.handle_download(url.path, token))
            else:
                self._reply(404, {"ok": False, "error": "not_found"})

        def _reply(self, status: int, body: dict, headers: dict[str, str] | None = None) -> None:
            _write_json(self, status, body, headers or {})

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the workspace records every call instead."""

    return Handler


def _write_json(
    handler: BaseHTTPRequestHandler, status: int, body: dict, headers: dict[str, str]
) -> None:
    _write(handler, status, "application/json; charset=utf-8", json.dumps(body).encode(), headers)


def _write(
    handler: BaseHTTPRequestHandler,
    status: int,
    content_type: str,
    data: bytes,
    headers: dict[str, str] | None = None,
) -> None:
    try:
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(data)
    except (BrokenPipeError, ConnectionResetError):
        pass  # the caller went away (a stopped bot): nobody is left to answer


def _body_params(content_type: str, raw: bytes) -> dict[str, Any]:
    if not raw:
        return {}
    if content_type.startswith("application/json"):
        params = json.loads(raw)
    else:
        params = dict(parse_qsl(raw.decode(), keep_blank_values=True))
    for name in JSON_ARGUMENTS:
        if isinstance(params.get(name), str) and params[name].strip()[:1] in ("[", "{"):
            params[name] = json.loads(params[name])
    return params


def _bearer(header: str | None) -> str | None:
    if header and header.startswith("Bearer "):
        return header[len("Bearer ") :]
    return None
