"""Serving the Bolt app over HTTP at Bolt's default path, /slack/events, on a threaded WSGI
server (gunicorn serves the same WSGI app in production: see Procfile), and beside it the plain
HTTP routes a feature mounts (the events' calendar files and feeds, under /calendar/; the check
of a certificate's code, under /certificates/).

Bolt sits behind a door that checks Slack's signature first: a request that fails is refused 401
before Bolt sees it, so nothing in its body (a response_url, a channel) can make the bot act, and
the log says why it was refused, never what it said."""

from __future__ import annotations

import hashlib
import hmac
import io
import logging
import re
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from socketserver import ThreadingMixIn
from typing import Any
from weakref import WeakKeyDictionary
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

EVENTS_PATH = "/slack/events"
# Slack's bodies are small: the largest it sends is a message event, whose text Slack caps at
# 40,000 characters, with its rich-text copy: about 320 KB at UTF-8's 4 bytes a character. A
# modal's submission holds our own view (at most 100 blocks) and what was typed in it. 1 MiB
# leaves room for all of that, and refuses a body sent to fill memory or the log.
MAX_BODY = 1024 * 1024
# Slack's rule: a request signed more than five minutes from our clock may be a replay.
MAX_AGE = 5 * 60
# Slack's timestamp is whole seconds in plain digits; Python's int() would also take "+1", "1_0"
# and raise on 5,000 digits, which Slack's library does not expect (it raises, not refuses).
_TIMESTAMP = re.compile(r"[0-9]{1,12}")
_DIGITS = re.compile(r"[0-9]+")

log = logging.getLogger(__name__)

# Each Bolt app's mounted routes: path prefix → WSGI app. Kept beside the app rather than passed
# to every server, so whoever serves the Bolt app (this module's server in tests, the demo and
# `mentorbot web`; gunicorn through mentorbot/wsgi.py) serves the features' routes too.
_mounted: WeakKeyDictionary[App, dict[str, WSGIApplication]] = WeakKeyDictionary()


def mount(bolt: App, prefix: str, routes: WSGIApplication) -> None:
    """Serves `routes` for every path under `prefix`, wherever `bolt` is served."""
    _mounted.setdefault(bolt, {})[prefix] = routes


def web_app(bolt: App) -> WSGIApplication:
    """The one WSGI app of the web process: a mounted prefix goes to its routes, anything else
    to Bolt behind its door (Bolt answers /slack/events, and 404 elsewhere)."""
    # Bolt keeps the app's signing secret to itself; the door checks with the same one.
    slack = _door(SlackRequestHandler(bolt, path=EVENTS_PATH), bolt._signing_secret)
    # Bolt's own check logs each request it refuses whole (headers and body) at INFO: a forged
    # body would write the log's lines, a large one a line as large, a genuine request that fails
    # (a clock out, a rotated secret) someone's words. The door logs the refusal without them.
    logging.getLogger("slack_bolt.RequestVerification").addFilter(_never)

    def dispatch(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = str(environ.get("PATH_INFO", ""))
        for prefix, routes in _mounted.get(bolt, {}).items():
            if path.startswith(prefix):
                return routes(environ, start_response)
        return slack(environ, start_response)

    return dispatch


@dataclass(frozen=True)
class Refusal:
    status: str
    reason: str  # for the log: fixed words, never anything the request said


TOO_LARGE = Refusal("413 Payload Too Large", f"a body over {MAX_BODY} bytes")


def _door(slack: WSGIApplication, signing_secret: str) -> WSGIApplication:
    """Lets through to Bolt only a POST to /slack/events that Slack signed; anything else there
    is refused with nothing done. Other paths go on to Bolt's 404, unread."""

    def door(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") != "POST" or environ.get("PATH_INFO") != EVENTS_PATH:
            return slack(environ, start_response)
        body = read_body(environ)
        if isinstance(body, bytes):
            timestamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP")
            signature = environ.get("HTTP_X_SLACK_SIGNATURE")
            body = check(signing_secret, body, timestamp, signature, time.time())
        if isinstance(body, Refusal):
            log.warning("refused a request to %s: %s", EVENTS_PATH, body.reason)
            start_response(body.status, [("Content-Type", "text/plain; charset=utf-8")])
            return [body.status[4:].encode()]
        read = {"wsgi.input": io.BytesIO(body), "CONTENT_LENGTH": str(len(body))}
        try:
            return slack(environ | read, start_response)
        except Exception as error:  # noqa: BLE001 - see below
            # A listener's error goes to the app's one error handler and never gets here; what
            # does is Bolt failing to read the request at all (a signed body whose `user` is a
            # number, say), before any of our code could parse it. It changed nothing.
            refusal = Refusal(
                "400 Bad Request", f"a body Bolt could not read ({type(error).__name__})"
            )
            log.warning("refused a request to %s: %s", EVENTS_PATH, refusal.reason)
            start_response(refusal.status, [("Content-Type", "text/plain; charset=utf-8")])
            return [refusal.status[4:].encode()]

    return door


def read_body(environ: WSGIEnvironment) -> bytes | Refusal:
    """The body, refused unread when its length says it is too large. Without a length, only a
    server that ends the body itself (gunicorn, for a chunked one: `wsgi.input_terminated`) can
    be read to its end, and no further than the limit; otherwise the body is empty, as Bolt
    takes it."""
    length, stream = str(environ.get("CONTENT_LENGTH") or ""), environ["wsgi.input"]
    if length:
        if not _DIGITS.fullmatch(length):
            return Refusal("400 Bad Request", "a Content-Length that is not a number")
        if len(length) > len(str(MAX_BODY)) or int(length) > MAX_BODY:
            return TOO_LARGE
        return bytes(stream.read(int(length)))
    if not environ.get("wsgi.input_terminated"):
        return b""
    body = bytes(stream.read(MAX_BODY + 1))
    return TOO_LARGE if len(body) > MAX_BODY else body


def check(
    signing_secret: str, body: bytes, timestamp: str | None, signature: str | None, now: float
) -> bytes | Refusal:
    """The body, when Slack signed it (v0: HMAC-SHA256 of "v0:timestamp:body" with the app's
    signing secret) within five minutes of `now`; otherwise why not."""
    if not timestamp:
        return _unsigned("no timestamp")
    if not _TIMESTAMP.fullmatch(timestamp):
        return _unsigned("a timestamp that is not a number")
    if abs(now - int(timestamp)) > MAX_AGE:
        return _unsigned("a timestamp more than five minutes from our clock")
    if not signature:
        return _unsigned("no signature")
    # Over the bytes as sent (the library's own check decodes them first, and raises on what is
    # not UTF-8); compared as bytes, since headers arrive as Latin-1 text and compare_digest
    # refuses text that is not ASCII.
    signed = b"v0:" + timestamp.encode() + b":" + body
    expected = "v0=" + hmac.new(signing_secret.encode(), signed, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected.encode(), signature.encode("latin-1")):
        return _unsigned("a signature that does not match")
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return Refusal("400 Bad Request", "a signed body that is not UTF-8")
    return body


def _unsigned(reason: str) -> Refusal:
    return Refusal("401 Unauthorized", reason)


def _never(record: logging.LogRecord) -> bool:
    return False


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Request lines can carry personal data (a calendar feed's secret address is one);
        Bolt logs what is needed."""


class BoltHttpServer:
    def __init__(self, app: App, host: str = "127.0.0.1", port: int = 0):
        self._server = make_server(
            host,
            port,
            web_app(app),
            server_class=_ThreadingServer,
            handler_class=_QuietHandler,
        )
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        """Where this server answers, e.g. http://127.0.0.1:54321 (what PUBLIC_URL points at,
        through whatever proxy makes it public)."""
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def url(self) -> str:
        return f"{self.base_url}{EVENTS_PATH}"

    def start(self) -> BoltHttpServer:
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), name="bolt-http", daemon=True
        )
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        self._server.serve_forever()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        if self._thread:
            self._thread.join(timeout=5)
